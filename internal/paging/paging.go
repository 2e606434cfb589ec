// Package paging turns list calls that page by offset into iterators, so
// every service package pages the same way.
package paging

import "iter"

// Offset returns an iterator over every item of a list paged by offset,
// starting at start. fetch returns the page that begins at offset and the
// total number of matching items. The iterator stops after the last item,
// on an empty page, or when the loop breaks (no further page is fetched);
// on a failure it yields the error once, with the zero item, and stops.
//
// Each range over the iterator starts again from start.
func Offset[T any, N ~int32 | ~int64](start N, fetch func(offset N) (items []T, total N, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		offset := start
		for {
			items, total, err := fetch(offset)
			if err != nil {
				var zero T
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
		}
	}
}
