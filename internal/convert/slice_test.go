package convert

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSlice(t *testing.T) {
	f := func(n *int) string { return strconv.Itoa(*n) }
	assert.Nil(t, Slice(nil, f))
	assert.Equal(t, []string{}, Slice([]int{}, f))
	assert.Equal(t, []string{"1", "2"}, Slice([]int{1, 2}, f))
}
