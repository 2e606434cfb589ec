// Package desired holds what Modify and Ensure share in every service
// package: the comparison of a resource before and after a change, and the
// create-or-update flow with its handling of an ambiguous or conflicting
// create.
package desired

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"slices"
	"strconv"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// Diff returns the names of the JSON members that differ between the
// objects a and b, sorted: a member present in one only, or with other
// values. Members that are objects in both are compared member by member
// and reported as "outer.inner"; arrays and other values are compared
// whole. Values that are not objects are reported as one change named "".
func Diff(a, b []byte) []string {
	var out []string
	diff("", a, b, &out)
	slices.Sort(out)
	return out
}

func diff(prefix string, a, b []byte, out *[]string) {
	var ma, mb map[string]json.RawMessage
	if isObject(a) && isObject(b) && json.Unmarshal(a, &ma) == nil && json.Unmarshal(b, &mb) == nil {
		for k, va := range ma {
			vb, ok := mb[k]
			if !ok {
				*out = append(*out, join(prefix, k))
				continue
			}
			diff(join(prefix, k), va, vb, out)
		}
		for k := range mb {
			if _, ok := ma[k]; !ok {
				*out = append(*out, join(prefix, k))
			}
		}
		return
	}
	if !equalJSON(a, b) {
		*out = append(*out, prefix)
	}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func isObject(v []byte) bool {
	v = bytes.TrimSpace(v)
	return len(v) > 0 && v[0] == '{'
}

func equalJSON(a, b []byte) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// Flow is one service's create-or-update, the steps that Ensure runs.
type Flow[T any] struct {
	// Find looks the resource up by its name. It reports false, without
	// an error, when the resource does not exist; an error is a failure to
	// look (so a 404 of a list call, such as an unknown gateway instance,
	// is never taken for a missing resource).
	Find func(ctx context.Context) (T, bool, error)
	// Create creates the desired resource. It is sent once.
	Create func(ctx context.Context) (T, error)
	// Reconcile brings the found resource to the desired state and returns
	// it with the wire names of the fields it changed (none: nothing was
	// written).
	Reconcile func(ctx context.Context, found T) (T, []string, error)
}

// Ensure runs f: find, then create when missing or reconcile when found.
// After a create that may have stored the resource (see MayExist), it looks
// the resource up again: found, it reconciles it (so a caller that retries
// never gets a duplicate, and a concurrent creator is not an error); not
// found, it returns the create's error.
func Ensure[T any](ctx context.Context, f Flow[T]) (T, apimgmt.Outcome, error) {
	var zero T
	found, ok, err := f.Find(ctx)
	switch {
	case err != nil:
		return zero, apimgmt.Outcome{}, err
	case ok:
		return reconcile(ctx, f, found)
	}
	created, cerr := f.Create(ctx)
	if cerr == nil {
		return created, apimgmt.Outcome{Action: apimgmt.Created}, nil
	}
	if !MayExist(cerr) {
		return zero, apimgmt.Outcome{}, cerr
	}
	found, ok, err = f.Find(ctx)
	if err != nil || !ok {
		// Not found (the create did not store it) or the lookup failed:
		// the create's error is the one that tells what happened.
		return zero, apimgmt.Outcome{}, cerr
	}
	return reconcile(ctx, f, found)
}

func reconcile[T any](ctx context.Context, f Flow[T], found T) (T, apimgmt.Outcome, error) {
	got, changed, err := f.Reconcile(ctx, found)
	if err != nil {
		var zero T
		return zero, apimgmt.Outcome{}, err
	}
	if len(changed) == 0 {
		return got, apimgmt.Outcome{Action: apimgmt.Unchanged}, nil
	}
	return got, apimgmt.Outcome{Action: apimgmt.Updated, Changed: changed}, nil
}

// MayExist reports whether the resource may exist after a create that
// failed with err: the name is taken (a conflict), or the failure is
// ambiguous (no answer, a timeout, a 5xx, or a 2xx that could not be
// read). A refusal before sending (*ValidationError) or a 4xx other than
// 408 and 409 means the service did not create it.
func MayExist(err error) bool {
	if errors.Is(err, apierror.ErrConflict) {
		return true
	}
	var ve *apierror.ValidationError
	if errors.As(err, &ve) {
		return false
	}
	var e *apierror.Error
	if errors.As(err, &e) && e.StatusCode >= 400 && e.StatusCode < 500 && e.StatusCode != http.StatusRequestTimeout {
		return false
	}
	return true
}

// Absent turns the answer of a Get into the answer of a Find: an error
// matching ErrNotFound reports the resource missing.
func Absent[T any](v T, err error) (T, bool, error) {
	if errors.Is(err, apierror.ErrNotFound) {
		var zero T
		return zero, false, nil
	}
	return v, err == nil, err
}

// Change calls change on v, a resource just read, and returns the wire
// names of the members it altered (Diff of v's JSON before and after).
func Change[T any](v *T, change func(*T) error) ([]string, error) {
	before, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if err := change(v); err != nil {
		return nil, err
	}
	after, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return Diff(before, after), nil
}

// FindByName ranges over items, a list filtered by name, and returns the
// item whose name (nameOf) is exactly name and how many items have it; the
// item is the zero value unless exactly one has it. A failure of the list
// is returned as it is, even one matching ErrNotFound.
func FindByName[T any](items iter.Seq2[T, error], nameOf func(T) string, name string) (found T, n int, err error) {
	var zero T
	for it, err := range items {
		if err != nil {
			return zero, 0, err
		}
		if nameOf(it) == name {
			found = it
			n++
		}
	}
	if n != 1 {
		found = zero
	}
	return found, n, nil
}

// NameError is the error of operation op's lookup by name that found n
// resources (n != 1) named name; what names one resource ("API group").
// None matches ErrNotFound, several match ErrConflict.
func NameError(op, what, name string, n int) error {
	if n == 0 {
		e := &apierror.Error{Op: op, Message: "no " + what + " is named " + strconv.Quote(name)}
		apierror.AddKind(e, apierror.ErrNotFound)
		return e
	}
	e := &apierror.Error{Op: op, Message: strconv.Itoa(n) + " " + what + "s are named " + strconv.Quote(name)}
	apierror.AddKind(e, apierror.ErrConflict)
	return e
}
