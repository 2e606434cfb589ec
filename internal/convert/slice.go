package convert

// Slice converts each element of a generated optional list with f. It
// returns nil for a nil pointer (the list was absent) and an empty slice for
// an empty list.
func Slice[T, U any](p *[]T, f func(*T) U) []U {
	if p == nil {
		return nil
	}
	out := make([]U, len(*p))
	for i := range *p {
		out[i] = f(&(*p)[i])
	}
	return out
}
