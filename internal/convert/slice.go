package convert

// Slice converts each element of a generated list with f. It returns nil for
// a nil list (the list was absent) and an empty slice for an empty list.
func Slice[T, U any](s []T, f func(*T) U) []U {
	if s == nil {
		return nil
	}
	out := make([]U, len(s))
	for i := range s {
		out[i] = f(&s[i])
	}
	return out
}
