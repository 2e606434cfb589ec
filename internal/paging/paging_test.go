package paging

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

func TestOffset(t *testing.T) {
	data := []int{1, 2, 3, 4, 5}
	var offsets []int64
	fetch := func(off int64) ([]int, int64, error) {
		offsets = append(offsets, off)
		end := min(off+2, int64(len(data)))
		return data[off:end], int64(len(data)), nil
	}
	var got []int
	for v, err := range Offset(0, fetch) {
		assert.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, data, got)
	assert.Equal(t, []int64{0, 2, 4}, offsets)

	offsets = nil
	for v := range Offset(int64(1), fetch) {
		if v == 3 {
			break
		}
	}
	assert.Equal(t, []int64{1}, offsets, "breaking early fetches no further page")
}

func TestOffsetErrorAndEmptyPage(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	for v, err := range Offset(int32(0), func(int32) ([]string, int32, error) { return nil, 0, boom }) {
		n++
		assert.Empty(t, v)
		assert.ErrorIs(t, err, boom)
	}
	assert.Equal(t, 1, n)

	calls := 0
	for range Offset(int32(0), func(int32) ([]string, int32, error) { calls++; return nil, 10, nil }) {
		t.Fatal("no items expected")
	}
	assert.Equal(t, 1, calls, "an empty page ends the listing even when the total says more")
}

func TestCheck(t *testing.T) {
	var v apierror.Validator
	size := int32(0)
	Check(&v, &size, 10, 100, int64(0))
	assert.EqualValues(t, 10, size)
	assert.NoError(t, v.Err("op"))

	size = 101
	Check(&v, &size, 10, 100, int32(-1))
	assert.EqualError(t, v.Err("op"), "op: invalid input: limit must be 1 to 100; offset must not be negative")
}
