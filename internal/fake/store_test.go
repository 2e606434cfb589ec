package fake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStore(t *testing.T) {
	var s Store[int]
	assert.Empty(t, s.Filter(nil))
	s.Put("a", 1)
	s.Put("b", 2)
	s.Put("c", 3)
	s.Put("a", 10) // keeps its place
	assert.Equal(t, 3, s.Len())
	assert.Equal(t, []int{10, 2, 3}, s.Filter(nil))
	assert.Equal(t, []int{10, 3}, s.Filter(func(_ string, v int) bool { return v != 2 }))
	v, ok := s.Get("b")
	assert.True(t, ok)
	assert.Equal(t, 2, v)
	assert.True(t, s.Any(func(id string, _ int) bool { return id == "c" }))
	assert.False(t, s.Any(func(_ string, v int) bool { return v > 10 }))
	assert.True(t, s.Delete("b"))
	assert.False(t, s.Delete("b"))
	_, ok = s.Get("b")
	assert.False(t, ok)
	assert.Equal(t, []int{10, 3}, s.Filter(nil))
}

func TestQueryHelpers(t *testing.T) {
	n, err := IntParam("", 7)
	assert.NoError(t, err)
	assert.Equal(t, 7, n)
	n, err = IntParam("12", 7)
	assert.NoError(t, err)
	assert.Equal(t, 12, n)
	_, err = IntParam("x", 7)
	assert.Error(t, err)

	items := []int{0, 1, 2, 3, 4}
	assert.Equal(t, []int{1, 2}, Window(items, 1, 2))
	assert.Equal(t, []int{3, 4}, Window(items, 3, 10))
	assert.Equal(t, []int{}, Window(items, 9, 2))
	assert.Equal(t, []int{0}, Window(items, -1, 1))
	assert.Equal(t, []int{}, Window(items, 0, -1))
}
