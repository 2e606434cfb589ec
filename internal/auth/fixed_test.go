package auth

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFixedHidesInvalidator(t *testing.T) {
	inner := Bearer(StaticToken("tok"))
	var _ Invalidator = inner
	c := Fixed(inner)
	_, ok := c.(Invalidator)
	assert.False(t, ok, "a fixed token offers no refresh")

	req, err := http.NewRequest(http.MethodGet, "https://example.com", nil)
	require.NoError(t, err)
	require.NoError(t, c.Apply(context.Background(), req, nil))
	assert.Equal(t, "Bearer tok", req.Header.Get("Authorization"))
}
