package transport

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServiceOp(t *testing.T) {
	ops := Service("apiproduct")
	assert.Equal(t, &Op{Name: "apiproduct.Get", Idempotent: true}, ops.Op("Get", Idempotent))
	assert.Equal(t, &Op{Name: "apiproduct.Create"}, ops.Op("Create", NotIdempotent))
}
