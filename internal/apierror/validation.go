package apierror

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// FieldError is one rejected input field.
type FieldError struct {
	// Field is the field's name as the vendor spells it on the wire, with a
	// path for nested fields ("clientRoute.relativePathList[0]").
	Field string
	// Problem says what is wrong, in a short sentence fragment.
	Problem string
}

// ValidationError reports input that was rejected before anything was sent.
// It lists every bad field, not only the first. It matches ErrValidation with
// errors.Is.
type ValidationError struct {
	// Op names the operation, for example "apigroup.Update".
	Op string
	// Fields lists every rejected field.
	Fields []FieldError
}

// Error lists the operation and every bad field.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteByte(' ')
		b.WriteString(f.Problem)
	}
	return b.String()
}

// Is makes a *ValidationError match ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Validator collects field errors. The zero value is ready to use.
type Validator struct {
	fields []FieldError
}

// Add records a problem with a field. A problem already recorded for the
// same field is not recorded twice, so that checks that overlap (UTF8Deep
// and a field's own rule) can run one after the other.
func (v *Validator) Add(field, problem string) {
	for _, f := range v.fields {
		if f.Field == field && f.Problem == problem {
			return
		}
	}
	v.fields = append(v.fields, FieldError{Field: field, Problem: problem})
}

// Check records problem for field when ok is false.
func (v *Validator) Check(ok bool, field, problem string) {
	if !ok {
		v.Add(field, problem)
	}
}

// Err returns a *ValidationError for op when any problem was recorded, and
// nil otherwise.
func (v *Validator) Err(op string) error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Op: op, Fields: v.fields}
}

// PathSegment checks a value that becomes one path segment: it must not be
// empty, "." or "..", and must not contain a slash, a backslash or a control
// character, because any of these would address a different resource, and
// it must be valid UTF-8. Other characters are escaped by the generated
// client.
func (v *Validator) PathSegment(field, value string) bool {
	switch {
	case value == "":
		v.Add(field, "is required")
	case value == "." || value == "..":
		v.Add(field, "must not be \".\" or \"..\"")
	case strings.ContainsAny(value, "/\\"):
		v.Add(field, "must not contain a slash")
	case hasControl(value):
		v.Add(field, "must not contain control characters")
	case !utf8.ValidString(value):
		// Identifiers also travel in JSON bodies, where encoding/json
		// would silently replace the invalid bytes and so name another
		// resource.
		v.Add(field, "must be valid UTF-8")
	default:
		return true
	}
	return false
}

// ID checks an opaque identifier used as a path segment: as PathSegment, and
// additionally no white space or %?# characters, at most 128 bytes.
func (v *Validator) ID(field, value string) bool {
	if !v.PathSegment(field, value) {
		return false
	}
	switch {
	case strings.ContainsAny(value, " \t%?#"):
		v.Add(field, "must not contain spaces or any of %?#")
	case len(value) > 128:
		v.Add(field, "must be at most 128 characters")
	default:
		return true
	}
	return false
}

// NoControl checks that a free-text value carries no control characters
// (CR and LF included), which could otherwise split a header or a log line.
func (v *Validator) NoControl(field, value string) bool {
	if hasControl(value) {
		v.Add(field, "must not contain control characters")
		return false
	}
	return true
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// problemUTF8 is the problem UTF8 and UTF8Deep record.
const problemUTF8 = "must be valid UTF-8"

// UTF8 checks that a string that goes into a path, a query or a body is
// valid UTF-8. Invalid bytes would otherwise be replaced by U+FFFD on the way
// (by encoding/json, or by the server), and the request would address or
// write something other than what the caller gave.
func (v *Validator) UTF8(field, value string) bool {
	if utf8.ValidString(value) {
		return true
	}
	v.Add(field, problemUTF8)
	return false
}

// UTF8Deep applies UTF8 to every string in value: through pointers,
// interfaces, the exported fields of structs, slices, arrays and maps (keys
// and values). Each problem names the string by its path from root, with a
// struct field named as its json tag names it (the wire name), or by its Go
// name when it has none: "clientRoute.hostList[1]", or "attribute[0].name"
// for root "attribute". An embedded struct without a json name adds no path
// element. Checking a valid value allocates nothing unless it holds a map.
func (v *Validator) UTF8Deep(root string, value any) {
	if value == nil {
		return
	}
	w := utf8Walker{v: v}
	w.path[0] = pathElem{name: root, index: -1}
	w.n = 1
	w.walk(reflect.ValueOf(value))
}

// maxUTF8Depth bounds how deep UTF8Deep follows a value, so that a cyclic
// value (a pointer back to its parent) ends.
const maxUTF8Depth = 32

// utf8Walker is the state of one UTF8Deep: the path to the value being
// checked, as a stack of elements that is turned into a string only for a
// problem (so that the walk allocates nothing).
type utf8Walker struct {
	v     *Validator
	path  [maxUTF8Depth + 2]pathElem
	n     int // elements of path in use
	depth int // pointers and interfaces count too
}

// pathElem is one element of the path to a checked value: a field name, an
// index or a map key. It holds nothing of the value itself (a map key is
// copied into a new string), so that the value need not escape to the heap.
type pathElem struct {
	name  string // a field name, or a map key quoted with Go syntax
	index int    // a slice or array index, or -1
	key   bool   // name is a map key
}

func (w *utf8Walker) walk(rv reflect.Value) {
	if w.depth > maxUTF8Depth || w.n == len(w.path) {
		w.v.Add(w.pathString(), "is nested too deeply")
		return
	}
	w.depth++
	defer func() { w.depth-- }()
	switch rv.Kind() {
	case reflect.String:
		if !utf8.ValidString(rv.String()) {
			w.v.Add(w.pathString(), problemUTF8)
		}
	case reflect.Pointer, reflect.Interface:
		if !rv.IsNil() {
			w.walk(rv.Elem())
		}
	case reflect.Struct:
		for _, f := range textFields(rv.Type()) {
			if f.embedded {
				w.walk(rv.Field(f.index))
				continue
			}
			w.push(pathElem{name: f.name, index: -1})
			w.walk(rv.Field(f.index))
			w.n--
		}
	case reflect.Slice, reflect.Array:
		if !mayHoldText(rv.Type().Elem()) {
			return
		}
		for i := range rv.Len() {
			w.push(pathElem{index: i})
			w.walk(rv.Index(i))
			w.n--
		}
	case reflect.Map:
		if !mayHoldText(rv.Type().Key()) && !mayHoldText(rv.Type().Elem()) {
			return
		}
		keys := rv.MapKeys() // not MapRange, which would move the value to the heap
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(quoteKey(a), quoteKey(b)) })
		for _, k := range keys {
			w.push(pathElem{name: quoteKey(k), index: -1, key: true})
			w.walk(k)
			w.walk(rv.MapIndex(k))
			w.n--
		}
	}
}

// push adds an element to the path; walk checks that there is room.
func (w *utf8Walker) push(e pathElem) {
	w.path[w.n] = e
	w.n++
}

// pathString returns the path: fields joined by dots, indexes and keys in
// brackets (a key quoted with Go syntax, so that it shows any invalid bytes
// as escapes).
func (w *utf8Walker) pathString() string {
	var b strings.Builder
	for _, e := range w.path[:w.n] {
		switch {
		case e.index >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index))
			b.WriteByte(']')
		case e.key:
			b.WriteByte('[')
			b.WriteString(e.name)
			b.WriteByte(']')
		case e.name != "":
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e.name)
		}
	}
	return b.String()
}

// quoteKey returns a map key as a path shows it: quoted with Go syntax, so
// that any invalid bytes show as escapes.
func quoteKey(k reflect.Value) string {
	switch k.Kind() {
	case reflect.String:
		return strconv.Quote(k.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10)
	}
	return strconv.Quote(k.Type().String())
}

// textField is an exported struct field that may hold a string.
type textField struct {
	index    int
	name     string // the json name, else the Go name
	embedded bool   // embedded without a json name: no path element
}

// textFieldCache maps a struct type to its []textField.
var textFieldCache sync.Map

// textFields returns the exported fields of the struct type t that may hold
// a string, computed once per type.
func textFields(t reflect.Type) []textField {
	if fs, ok := textFieldCache.Load(t); ok {
		return fs.([]textField)
	}
	var fs []textField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || !mayHoldText(f.Type) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = f.Name
		}
		fs = append(fs, textField{index: i, name: name, embedded: f.Anonymous && f.Tag.Get("json") == ""})
	}
	textFieldCache.Store(t, fs)
	return fs
}

// mayHoldTextCache maps a type to whether a value of it may hold a string.
var mayHoldTextCache sync.Map

// mayHoldText reports whether a value of type t may hold a string: a string
// type, an interface, or a pointer, slice, array, map or struct (through its
// exported fields) of such a type.
func mayHoldText(t reflect.Type) bool {
	if r, ok := mayHoldTextCache.Load(t); ok {
		return r.(bool)
	}
	return holdsText(t, map[reflect.Type]bool{})
}

func holdsText(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if r, ok := mayHoldTextCache.Load(t); ok {
		return r.(bool)
	}
	if visiting[t] {
		return false // a recursive type holds text only through its other parts
	}
	visiting[t] = true
	r := false
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		r = true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		r = holdsText(t.Elem(), visiting)
	case reflect.Map:
		r = holdsText(t.Key(), visiting) || holdsText(t.Elem(), visiting)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsText(f.Type, visiting) {
				r = true
				break
			}
		}
	}
	delete(visiting, t)
	if len(visiting) == 0 || r {
		// An answer found while a recursive type was still being visited
		// may be a provisional false; only a true or a top-level answer is
		// kept.
		mayHoldTextCache.Store(t, r)
	}
	return r
}
