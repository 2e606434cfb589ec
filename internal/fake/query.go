package fake

import (
	"fmt"
	"strconv"
)

// IntParam parses an integer query parameter, returning def when v is empty.
func IntParam(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", v)
	}
	return n, nil
}

// Window returns the page of items that starts at offset and holds at most
// limit items, clipped to the slice (empty, never nil, past the end).
func Window[T any](items []T, offset, limit int) []T {
	offset = min(max(offset, 0), len(items))
	end := min(offset+max(limit, 0), len(items))
	return append(make([]T, 0, end-offset), items[offset:end]...)
}
