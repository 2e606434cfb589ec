// Package paging turns list calls that page by offset into iterators, so
// every service package pages the same way.
package paging

import (
	"errors"
	"iter"
	"strconv"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// Offset returns an iterator over every item of a list paged by offset,
// starting at start. fetch returns the page that begins at offset and the
// total number of matching items; key returns an item's identity (its ID).
// The iterator stops after the last item, on an empty page, or when the loop
// breaks (no further page is fetched); on a failure it yields the error once,
// with the zero item, and stops.
//
// A server that does not advance ends the listing with an error for op
// matching ErrMalformedResponse (NotAdvancing), after the items it sent
// before: a page holding more items than the total leaves room for (which
// includes any items on a page that starts at or past the total, and a page
// that repeats the one before when the total is honest), a negative total,
// or a page whose keys are those of the page before, in the same order (a
// server that ignores the offset; a page whose keys are all the zero value is
// never taken for a repeat). Only the keys of the page before are kept, so memory
// stays bounded by a page.
//
// Each range over the iterator starts again from start.
func Offset[T any, K comparable, N ~int32 | ~int64](op string, start N, key func(T) K,
	fetch func(offset N) (items []T, total N, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		offset := start
		var prev []K
		for {
			items, total, err := fetch(offset)
			if err == nil {
				err = check(op, offset, total, items, key, prev)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			offset += N(len(items))
			if len(items) == 0 || offset >= total {
				return
			}
			prev = prev[:0]
			for _, it := range items {
				prev = append(prev, key(it))
			}
		}
	}
}

// check returns the error for a page that shows the server did not advance,
// or nil.
func check[T any, K comparable, N ~int32 | ~int64](op string, offset, total N, items []T, key func(T) K, prev []K) error {
	switch {
	case total < 0:
		return NotAdvancing(op, "the total is negative ("+strconv.FormatInt(int64(total), 10)+")")
	case len(items) > 0 && int64(offset)+int64(len(items)) > int64(total):
		return NotAdvancing(op, "the page at offset "+strconv.FormatInt(int64(offset), 10)+" holds "+
			strconv.Itoa(len(items))+" items, more than the total of "+strconv.FormatInt(int64(total), 10)+" leaves room for")
	case len(items) > 0 && samePage(items, key, prev):
		return NotAdvancing(op, "the page at offset "+strconv.FormatInt(int64(offset), 10)+
			" repeats the page before (the server did not apply the offset)")
	}
	return nil
}

// samePage reports whether the keys of items are prev, in order, and not
// all zero.
func samePage[T any, K comparable](items []T, key func(T) K, prev []K) bool {
	if len(items) != len(prev) {
		return false
	}
	var zero K
	known := false
	for i, it := range items {
		k := key(it)
		if k != prev[i] {
			return false
		}
		known = known || k != zero
	}
	return known
}

// ErrNotAdvancing is the cause (Error.Err) of the errors NotAdvancing
// returns, so that tests can tell them from a body that does not decode. It
// is not exported by the service packages: users match
// ErrMalformedResponse.
var ErrNotAdvancing = errors.New("the listing does not advance")

// NotAdvancing returns the error of a listing that ends because the server
// did not advance through the pages: an *apierror.Error for op matching
// ErrMalformedResponse, whose message says what the server sent, with cause
// ErrNotAdvancing.
func NotAdvancing(op, what string) error {
	e := &apierror.Error{Op: op, Message: ErrNotAdvancing.Error() + ": " + what, Err: ErrNotAdvancing}
	apierror.AddKind(e, apierror.ErrMalformedResponse)
	return e
}
