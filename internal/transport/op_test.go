package transport

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/apimgmt/apimgmt-go"
)

func TestWithOpBuildsCallOptions(t *testing.T) {
	calls := 0
	count := func(*apimgmt.CallOptions) { calls++ }
	ctx := WithOp(context.Background(), &Op{Name: "x.Get"}, count, nil, count)
	assert.Equal(t, 2, calls, "each option runs once, nil is skipped")
	assert.Equal(t, apimgmt.CallOptions{}, CallOptionsFrom(ctx))
	assert.Equal(t, apimgmt.CallOptions{}, CallOptionsFrom(context.Background()))
}
