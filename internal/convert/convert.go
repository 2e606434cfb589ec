// Package convert holds the small conversions between generated models and
// the public types: pointer dereferencing and tolerant time parsing.
package convert

import (
	"strconv"
	"strings"
	"time"
)

// Val returns *p, or the zero value for nil.
func Val[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// PtrIfSet returns a pointer to v, or nil for the zero value.
func PtrIfSet[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// RefIfSet returns p, or nil when *p is the zero value. A wire model that is
// encoded at once, and not kept, can point into the value it is built from
// instead of copying each field to the heap.
func RefIfSet[T comparable](p *T) *T {
	var zero T
	if *p == zero {
		return nil
	}
	return p
}

// SliceRef returns s, or nil when *s is nil (an empty, non-nil slice is
// kept). Like RefIfSet, it is for wire models that are encoded at once.
func SliceRef[T any](s *[]T) *[]T {
	if *s == nil {
		return nil
	}
	return s
}

var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z0700",
}

// Time parses the timestamps Huawei services write: RFC 3339 with or without
// a zone (no zone means UTC), a space instead of T, and the irregular form
// "2020-07-31T06:55:55Z.866474185Z" seen in the APIG docs (a Z before the
// fraction). It returns the zero time for an empty or unparseable value.
func Time(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if i := strings.Index(s, "Z."); i > 0 {
		s = s[:i] + s[i+1:]
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// UnixMillis parses a decimal string of milliseconds since the epoch, as
// Google APIs send int64 times. It returns the zero time for an empty or
// unparseable value.
func UnixMillis(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
