// Package jsonkeep keeps the members of a JSON resource that the SDK does
// not model, at every depth, so that a resource that was read and is then
// sent back whole (an update that replaces it) loses nothing the server
// stored.
//
// A service keeps the JSON of a resource as it was read (only when Decode
// reports members its model lacks) and, when it sends the resource, lays
// the encoding of its model over that JSON with Merge. Merge is driven by
// the Go type of the model: a member is modelled when encoding/json would
// decode it into a field of that type (names match case-insensitively).
package jsonkeep

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// Decode decodes data into v, a non-nil pointer, with encoding/json and
// reports whether data has members, at any depth, that v's type does not
// model. It decodes once with DisallowUnknownFields; only data that this
// refuses is decoded a second time, without it, and then v is reset first.
// The error is the second decode's (a body that is not JSON, or of the
// wrong types); unknown is true only when that decode succeeds.
func Decode(data []byte, v any) (unknown bool, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(v) == nil && len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) == 0 {
		return false, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, err
	}
	return true, nil
}

// Merge returns encoded, the JSON encoding of a value of the Go type t,
// with the members of raw, the JSON that value was read from, that t does
// not model, at every depth:
//
//   - Objects merge member by member: a member t models is taken from
//     encoded, and is left out when encoded leaves it out (a field the caller
//     cleared stays cleared); a member t does not model is taken from raw.
//     Where both hold an object (or an array of objects) for a modelled
//     member, the two merge again, by the member's type.
//   - An array of objects pairs each element of encoded with the element of
//     raw it came from, and merges the pair: first an element equal to one of
//     raw in every modelled field (an element the caller kept, even if the
//     array was reordered), then, when the array kept its length, an element
//     with the element of raw at the same index that nothing else took (an
//     element the caller changed in place). An element without a pair (one
//     the caller added, or changed in an array whose length it also changed)
//     is sent as encoded: it carries no unmodelled member. An element of raw
//     that nothing pairs with (one the caller removed) is not sent.
//   - Anything else (strings, numbers, arrays of scalars, maps, types with
//     their own JSON encoding, and null) is taken from encoded whole.
//
// When raw is empty, not JSON, or not of the kind of encoded, the result is
// encoded. Member names are written in sorted order; every value is kept as
// its JSON text (numbers are not rounded).
func Merge(t reflect.Type, raw, encoded []byte) ([]byte, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return encoded, nil
	}
	out, err := merge(t, raw, encoded)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func merge(t reflect.Type, raw, enc json.RawMessage) (json.RawMessage, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if leaf(t) {
		return enc, nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return mergeObject(t, raw, enc)
	case reflect.Slice, reflect.Array:
		return mergeArray(t.Elem(), raw, enc)
	}
	return enc, nil
}

var (
	marshaler     = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// leaf reports whether values of t are taken whole from the encoding: types
// with their own JSON or text encoding (time.Time...), maps and scalars.
func leaf(t reflect.Type) bool {
	for _, u := range []reflect.Type{t, reflect.PointerTo(t)} {
		if u.Implements(marshaler) || u.Implements(textMarshaler) {
			return true
		}
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Slice, reflect.Array:
		return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 // []byte is a string
	}
	return true
}

func mergeObject(t reflect.Type, raw, enc json.RawMessage) (json.RawMessage, error) {
	var e, r map[string]json.RawMessage
	if json.Unmarshal(enc, &e) != nil || e == nil || json.Unmarshal(raw, &r) != nil || r == nil {
		return enc, nil
	}
	fields := fieldsOf(t)
	for k, rv := range r {
		f, modelled := fields.lookup(k)
		if !modelled {
			if _, clash := e[k]; !clash {
				e[k] = rv
			}
			continue
		}
		ev, sent := e[f.name]
		if !sent || k != f.name {
			continue // cleared by the caller, or sent under its own name
		}
		v, err := merge(f.typ, rv, ev)
		if err != nil {
			return nil, err
		}
		e[k] = v
	}
	return marshal(e)
}

func mergeArray(elem reflect.Type, raw, enc json.RawMessage) (json.RawMessage, error) {
	base := elem
	for base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	if leaf(base) {
		return enc, nil
	}
	var e, r []json.RawMessage
	if json.Unmarshal(enc, &e) != nil || e == nil || json.Unmarshal(raw, &r) != nil || len(r) == 0 {
		return enc, nil
	}
	decode := func(data json.RawMessage) any {
		v := reflect.New(base)
		if json.Unmarshal(data, v.Interface()) != nil {
			return nil
		}
		return v.Interface()
	}
	ev := make([]any, len(e))
	for i := range e {
		ev[i] = decode(e[i])
	}
	rv := make([]any, len(r))
	for j := range r {
		rv[j] = decode(r[j])
	}
	pair := make([]int, len(e))
	used := make([]bool, len(r))
	equal := func(i, j int) bool { return ev[i] != nil && rv[j] != nil && reflect.DeepEqual(ev[i], rv[j]) }
	// Kept elements: at the same index first, then anywhere.
	for i := range e {
		pair[i] = -1
		if i < len(r) && equal(i, i) {
			pair[i], used[i] = i, true
		}
	}
	for i := range e {
		for j := 0; pair[i] < 0 && j < len(r); j++ {
			if !used[j] && equal(i, j) {
				pair[i], used[j] = j, true
			}
		}
	}
	// Elements changed in place, when the array kept its length.
	if len(e) == len(r) {
		for i := range e {
			if pair[i] < 0 && !used[i] {
				pair[i], used[i] = i, true
			}
		}
	}
	for i := range e {
		if pair[i] < 0 {
			continue
		}
		v, err := merge(elem, r[pair[i]], e[i])
		if err != nil {
			return nil, err
		}
		e[i] = v
	}
	return marshal(e)
}

// marshal encodes v as encoding/json does, without escaping HTML characters
// (as the services encode their bodies).
func marshal(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// field is a member of a struct's JSON object.
type field struct {
	name string
	typ  reflect.Type
}

// fieldList is the members of a struct's JSON object.
type fieldList []field

// lookup returns the field encoding/json decodes a member called name into:
// the one of that exact name, else the first whose name matches it
// case-insensitively.
func (fs fieldList) lookup(name string) (field, bool) {
	for _, f := range fs {
		if f.name == name {
			return f, true
		}
	}
	for _, f := range fs {
		if strings.EqualFold(f.name, name) {
			return f, true
		}
	}
	return field{}, false
}

var fieldCache sync.Map // reflect.Type -> fieldList

// fieldsOf returns the JSON members of struct type t as encoding/json names
// them: exported fields by their tag name or field name, "-" left out, and
// the fields of untagged embedded structs promoted.
func fieldsOf(t reflect.Type) fieldList {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(fieldList)
	}
	var fs fieldList
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := sf.Type
		if sf.Anonymous && name == "" {
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				fs = append(fs, fieldsOf(ft)...)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{name: name, typ: sf.Type})
	}
	fieldCache.Store(t, fs)
	return fs
}

// Raw is the JSON a value was read from, kept so that the members its
// model lacks can be sent back (Merge). Whether it has such members is found
// out the first time the value is sent back, not when it is read: a value
// that is only read never pays for the look. A *Raw is safe for concurrent
// use, and copies of a value share it.
type Raw struct {
	data    []byte
	wire    reflect.Type // what the JSON decodes into (Decode's v)
	once    sync.Once
	unknown bool
}

// NewRaw keeps data, the JSON a value of the Go type wire was decoded from.
// data must not change afterwards.
func NewRaw(data []byte, wire reflect.Type) *Raw { return &Raw{data: data, wire: wire} }

// NewRawUnknown keeps data, JSON already known to hold members its model
// lacks.
func NewRawUnknown(data []byte) *Raw {
	r := &Raw{data: data, unknown: true}
	r.once.Do(func() {})
	return r
}

// Merge returns encoded laid over the kept JSON by the Go type t, as the
// package's Merge does, when the kept JSON has members its model lacks;
// otherwise, and for a nil *Raw, encoded as it is.
func (r *Raw) Merge(t reflect.Type, encoded []byte) ([]byte, error) {
	if r == nil {
		return encoded, nil
	}
	r.once.Do(func() {
		r.unknown, _ = Decode(r.data, reflect.New(r.wire).Interface())
	})
	if !r.unknown {
		return encoded, nil
	}
	return Merge(t, r.data, encoded)
}
