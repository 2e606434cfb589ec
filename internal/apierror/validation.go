package apierror

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
)

// FieldError is one rejected input field (see apimgmt.FieldError).
type FieldError = apimgmt.FieldError

// ValidationError reports input rejected before anything was sent (see
// apimgmt.ValidationError).
type ValidationError = apimgmt.ValidationError

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

// hasControl reports whether s holds a C0 or C1 control character or DEL.
// It looks at bytes: a C1 character (U+0080 to U+009F) is encoded as 0xC2
// followed by 0x80 to 0x9F, and 0xC2 is never a continuation byte, so the
// answer is the one a walk over the runes of s would give, invalid UTF-8
// included.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0:
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

// UTF8Body is UTF8Deep for a value that has just been encoded into body
// with encoding/json, every string of it included (a request body built
// from the value; body is nil when encoding failed). encoding/json already
// looked at every byte of those strings and wrote each invalid one as U+FFFD
// (the escape \ufffd up to Go 1.26, the character itself since Go 1.27), so
// a body without U+FFFD in either form came from valid strings only, and the
// value is not walked a second time. A body that holds one, which a caller
// may also send on purpose, has the value walked by UTF8Deep, which names
// the field. Either way the problems recorded are UTF8Deep's.
func (v *Validator) UTF8Body(body []byte, value any) {
	if body != nil && !bodyMayHoldReplacement(body) {
		return
	}
	v.UTF8Deep("", value)
}

// bodyMayHoldReplacement reports whether a JSON text holds U+FFFD, written
// as encoding/json writes it for an invalid byte: escaped or as it is.
func bodyMayHoldReplacement(body []byte) bool {
	return bytes.Contains(body, []byte(`\ufffd`)) || bytes.Contains(body, []byte("\uFFFD"))
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
	rv := reflect.ValueOf(value)
	p := textPlanOf(rv.Type())
	if p == nil {
		return
	}
	w := utf8Walker{v: v}
	w.path[0] = pathElem{name: root, index: -1}
	w.n = 1
	w.walk(rv, p)
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

// walk checks rv, a value of a type whose plan is p (not nil).
func (w *utf8Walker) walk(rv reflect.Value, p *textPlan) {
	if w.depth >= maxUTF8Depth || w.n == len(w.path) {
		w.v.Add(w.pathString(), "is nested too deeply")
		return
	}
	w.depth++
	switch p.kind {
	case reflect.String:
		if !utf8.ValidString(rv.String()) {
			w.v.Add(w.pathString(), problemUTF8)
		}
	case reflect.Pointer:
		if !rv.IsNil() {
			w.walk(rv.Elem(), p.elem)
		}
	case reflect.Interface:
		if !rv.IsNil() {
			e := rv.Elem()
			if ep := textPlanOf(e.Type()); ep != nil {
				w.walk(e, ep)
			}
		}
	case reflect.Struct:
		for i := range p.fields {
			f := &p.fields[i]
			fv := rv.Field(f.index)
			switch {
			case f.plan.kind == reflect.String:
				// Most fields: checked here, the path built only for a
				// problem.
				if !utf8.ValidString(fv.String()) {
					w.push(pathElem{name: f.name, index: -1})
					w.v.Add(w.pathString(), problemUTF8)
					w.n--
				}
			case f.embedded:
				w.walk(fv, f.plan)
			default:
				w.push(pathElem{name: f.name, index: -1})
				w.walk(fv, f.plan)
				w.n--
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range rv.Len() {
			ev := rv.Index(i)
			if p.elem.kind == reflect.String {
				if !utf8.ValidString(ev.String()) {
					w.push(pathElem{index: i})
					w.v.Add(w.pathString(), problemUTF8)
					w.n--
				}
				continue
			}
			w.push(pathElem{index: i})
			w.walk(ev, p.elem)
			w.n--
		}
	case reflect.Map:
		keys := rv.MapKeys() // not MapRange, which would move the value to the heap
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(quoteKey(a), quoteKey(b)) })
		for _, k := range keys {
			w.push(pathElem{name: quoteKey(k), index: -1, key: true})
			if p.key != nil {
				w.walk(k, p.key)
			}
			if p.elem != nil {
				w.walk(rv.MapIndex(k), p.elem)
			}
			w.n--
		}
	}
	w.depth--
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

// textPlan says where the strings are in values of one type, so that a walk
// visits only the parts that can hold one and looks nothing up. A nil
// *textPlan is a type that holds no string.
type textPlan struct {
	kind   reflect.Kind
	fields []textField // a struct's fields that may hold a string
	elem   *textPlan   // a pointer's, slice's, array's or map's element
	key    *textPlan   // a map's key
}

// textField is an exported struct field that may hold a string.
type textField struct {
	index    int
	name     string // the json name, else the Go name
	embedded bool   // embedded without a json tag: no path element
	plan     *textPlan
}

// textPlans maps a type to its *textPlan, built once per type.
var textPlans sync.Map

// textPlanOf returns the plan of type t, or nil when its values hold no
// string.
func textPlanOf(t reflect.Type) *textPlan {
	if p, ok := textPlans.Load(t); ok {
		return p.(*textPlan)
	}
	p := buildTextPlan(t, map[reflect.Type]*textPlan{})
	textPlans.Store(t, p)
	return p
}

// buildTextPlan builds the plan of t. building holds the plans under
// construction, so that a recursive type refers to its own plan; such a
// type counts as one that may hold a string.
func buildTextPlan(t reflect.Type, building map[reflect.Type]*textPlan) *textPlan {
	if p, ok := building[t]; ok {
		return p
	}
	p := &textPlan{kind: t.Kind()}
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return p
	case reflect.Pointer, reflect.Slice, reflect.Array:
		building[t] = p
		p.elem = buildTextPlan(t.Elem(), building)
		delete(building, t)
		if p.elem == nil {
			return nil
		}
		return p
	case reflect.Map:
		building[t] = p
		p.key, p.elem = buildTextPlan(t.Key(), building), buildTextPlan(t.Elem(), building)
		delete(building, t)
		if p.key == nil && p.elem == nil {
			return nil
		}
		return p
	case reflect.Struct:
		building[t] = p
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fp := buildTextPlan(f.Type, building)
			if fp == nil {
				continue
			}
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if name == "" || name == "-" {
				name = f.Name
			}
			p.fields = append(p.fields, textField{index: i, name: name, embedded: f.Anonymous && tag == "", plan: fp})
		}
		delete(building, t)
		if len(p.fields) == 0 {
			return nil
		}
		return p
	}
	return nil
}
