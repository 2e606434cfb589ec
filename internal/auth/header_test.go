package auth

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeaderTokenFollowsTheToken(t *testing.T) {
	tok := "one"
	h := Bearer(func(context.Context) (string, error) { return tok, nil })
	apply := func() string {
		req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
		require.NoError(t, h.Apply(context.Background(), req, nil))
		return req.Header.Get("Authorization")
	}
	assert.Equal(t, "Bearer one", apply())
	assert.Equal(t, "Bearer one", apply())
	tok = "two"
	assert.Equal(t, "Bearer two", apply())
	tok = "bad\ntoken"
	req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
	assert.Error(t, h.Apply(context.Background(), req, nil))
	tok = ""
	assert.ErrorIs(t, h.Apply(context.Background(), req, nil), ErrEmptyToken)
	assert.Empty(t, req.Header.Get("Authorization"))
	tok = "two"
	assert.Equal(t, "Bearer two", apply())
}

func TestHeaderTokenReusesTheHeaderOfAnUnchangedToken(t *testing.T) {
	h := Bearer(StaticToken("tok"))
	req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
	ctx := context.Background()
	require.NoError(t, h.Apply(ctx, req, nil))
	allocs := testing.AllocsPerRun(100, func() { _ = h.Apply(ctx, req, nil) })
	assert.Zero(t, allocs)
	assert.Equal(t, "Bearer tok", req.Header.Get("Authorization"))
}
