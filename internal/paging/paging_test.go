package paging

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

func self[T any](v T) T { return v }

func TestOffset(t *testing.T) {
	data := []int{1, 2, 3, 4, 5}
	var offsets []int64
	fetch := func(off int64) ([]int, int64, error) {
		offsets = append(offsets, off)
		end := min(off+2, int64(len(data)))
		return data[off:end], int64(len(data)), nil
	}
	var got []int
	for v, err := range Offset("op", 0, self, fetch) {
		assert.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, data, got)
	assert.Equal(t, []int64{0, 2, 4}, offsets)

	offsets = nil
	for v := range Offset("op", int64(1), self, fetch) {
		if v == 3 {
			break
		}
	}
	assert.Equal(t, []int64{1}, offsets, "breaking early fetches no further page")
}

func TestOffsetErrorAndEmptyPage(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	for v, err := range Offset("op", int32(0), self, func(int32) ([]string, int32, error) { return nil, 0, boom }) {
		n++
		assert.Empty(t, v)
		assert.ErrorIs(t, err, boom)
	}
	assert.Equal(t, 1, n)

	calls := 0
	for range Offset("op", int32(0), self, func(int32) ([]string, int32, error) { calls++; return nil, 10, nil }) {
		t.Fatal("no items expected")
	}
	assert.Equal(t, 1, calls, "an empty page ends the listing even when the total says more")
}

// run ranges over seq, failing the test after limit fetches (a listing that
// does not end), and returns the items and the errors it yielded.
func run[T any](t *testing.T, seq func(func(T, error) bool), fetches *int, limit int) (items []T, errs []error) {
	t.Helper()
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
		if *fetches > limit {
			break
		}
	}
	if *fetches > limit {
		t.Fatalf("the listing fetched %d pages and does not end", *fetches)
	}
	return items, errs
}

// A server that does not advance ends the listing with one error matching
// ErrMalformedResponse, after the items it sent before, and no further page
// is fetched.
func TestOffsetServerThatDoesNotAdvance(t *testing.T) {
	page := []string{"a", "b", "c"}
	for name, tc := range map[string]struct {
		start   int64
		fetch   func(offset int64) ([]string, int64, error)
		items   []string
		fetches int
		message string
	}{
		"the offset is ignored, the total is large": {
			0, func(int64) ([]string, int64, error) { return page, 1000, nil },
			page, 2, "repeats the page before",
		},
		"the offset is ignored, the total is honest": {
			0, func(int64) ([]string, int64, error) { return page, 5, nil },
			page, 2, "more than the total of 5",
		},
		"more items than the total": {
			0, func(int64) ([]string, int64, error) { return page, 2, nil },
			nil, 1, "holds 3 items, more than the total of 2",
		},
		"a page past the total": {
			7, func(int64) ([]string, int64, error) { return page, 5, nil },
			nil, 1, "the page at offset 7 holds 3 items",
		},
		"a page at the total": {
			5, func(int64) ([]string, int64, error) { return page[:1], 5, nil },
			nil, 1, "the page at offset 5 holds 1 items",
		},
		"a negative total": {
			0, func(int64) ([]string, int64, error) { return page, -1, nil },
			nil, 1, "the total is negative",
		},
		"the same page again, one item at a time": {
			0, func(int64) ([]string, int64, error) { return page[:1], 1 << 40, nil },
			page[:1], 2, "the page at offset 1 repeats the page before",
		},
	} {
		t.Run(name, func(t *testing.T) {
			fetches := 0
			fetch := func(off int64) ([]string, int64, error) { fetches++; return tc.fetch(off) }
			items, errs := run(t, Offset("svc.List", tc.start, self, fetch), &fetches, 10)
			assert.Equal(t, tc.items, items)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], apierror.ErrMalformedResponse)
			var e *apierror.Error
			require.ErrorAs(t, errs[0], &e)
			assert.Equal(t, "svc.List", e.Op)
			assert.ErrorIs(t, errs[0], ErrNotAdvancing)
			assert.Contains(t, e.Error(), "the listing does not advance")
			assert.Contains(t, e.Error(), tc.message)
			assert.Equal(t, tc.fetches, fetches)
		})
	}
}

// Pages whose keys are all zero cannot be told apart, so they are never
// taken for a repeat; two different pages of the same length are not a
// repeat either.
func TestOffsetRepeatNeedsKnownKeys(t *testing.T) {
	fetches := 0
	fetch := func(off int32) ([]string, int32, error) { fetches++; return []string{"", ""}, 6, nil }
	items, errs := run(t, Offset("op", int32(0), self, fetch), &fetches, 10)
	assert.Empty(t, errs)
	assert.Len(t, items, 6)

	fetches = 0
	data := []string{"a", "b", "c", "d"}
	fetch = func(off int32) ([]string, int32, error) { fetches++; return data[off : off+2], 4, nil }
	items, errs = run(t, Offset("op", int32(0), self, fetch), &fetches, 10)
	assert.Empty(t, errs)
	assert.Equal(t, data, items)
}

func TestCheck(t *testing.T) {
	var v apierror.Validator
	size := 0
	Check(&v, &size, 10, 100, int64(0))
	assert.EqualValues(t, 10, size)
	assert.NoError(t, v.Err("op"))

	size = 101
	Check(&v, &size, 10, 100, -1)
	assert.EqualError(t, v.Err("op"), "op: invalid input: limit must be 1 to 100; offset must not be negative")
}
