package fake

import "slices"

// Store is a fake's collection of one kind of resource: values keyed by ID,
// listed in the order they were first stored. The zero value is ready to
// use. A Store is not safe for concurrent use; the fake's own lock guards it.
type Store[T any] struct {
	items map[string]T
	order []string
}

// Put stores v under id, keeping id's place in the order if it is already
// there.
func (s *Store[T]) Put(id string, v T) {
	if s.items == nil {
		s.items = map[string]T{}
	}
	if _, ok := s.items[id]; !ok {
		s.order = append(s.order, id)
	}
	s.items[id] = v
}

// Get returns the value stored under id.
func (s *Store[T]) Get(id string) (T, bool) {
	v, ok := s.items[id]
	return v, ok
}

// Delete removes id and reports whether it was there.
func (s *Store[T]) Delete(id string) bool {
	if _, ok := s.items[id]; !ok {
		return false
	}
	delete(s.items, id)
	s.order = slices.DeleteFunc(s.order, func(x string) bool { return x == id })
	return true
}

// Len returns how many values are stored.
func (s *Store[T]) Len() int { return len(s.items) }

// Filter returns, in order, the values for which keep returns true (all of
// them when keep is nil).
func (s *Store[T]) Filter(keep func(id string, v T) bool) []T {
	out := []T{}
	for _, id := range s.order {
		if v := s.items[id]; keep == nil || keep(id, v) {
			out = append(out, v)
		}
	}
	return out
}

// Any reports whether any stored value satisfies match.
func (s *Store[T]) Any(match func(id string, v T) bool) bool {
	for id, v := range s.items {
		if match(id, v) {
			return true
		}
	}
	return false
}
