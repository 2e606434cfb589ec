// Package jsonfast reads and writes the JSON of a service's models without
// reflection, for the calls where encoding/json is most of the cost (an
// Apigee product: two thirds of an update).
//
// It is a fast path, never the only path. The Reader follows only JSON that
// encoding/json would decode the same way into a zero value: objects whose
// member names are the model's own (Members), each once, strings without
// escape sequences, integers in range without fraction or exponent,
// booleans, null, arrays and nested objects. Anything else (an unknown or
// differently cased name, a repeated name, a number where a string is
// expected, an escape, invalid UTF-8, malformed text) makes it fail, and
// the caller decodes the same bytes with encoding/json, whose result or
// error is then the answer. The writers produce exactly what
// encoding/json's Marshal does with HTML escaping off (genrt.MarshalJSON),
// byte for byte.
//
// Strings read are substrings of the Reader's source: a model decoded by
// Decode shares one copy of the body. The items of a page are read from
// copies of their own text (ReadCopies, ReadCopy), so that an item kept
// from a page does not keep the page in memory.
package jsonfast

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reader reads JSON text from a string. Its methods never report errors:
// the first thing it does not follow makes it fail for good (every later
// read returns a zero value), and the caller falls back to encoding/json.
type Reader struct {
	src string
	i   int
	// fresh is true just after a '{' or '[': the next member or element
	// takes no comma.
	fresh bool
	bad   bool
}

// newReader returns a Reader of src.
func newReader(src string) Reader { return Reader{src: src} }

// fail makes the Reader fail: the text is left to encoding/json.
func (r *Reader) fail() {
	r.bad = true
	r.i = len(r.src)
}

// end reports whether the Reader followed the whole text: nothing but white
// space may follow the value read.
func (r *Reader) end() bool {
	r.space()
	if r.i != len(r.src) {
		r.fail()
	}
	return !r.bad
}

func (r *Reader) space() {
	for r.i < len(r.src) {
		switch r.src[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// Null reads a null if the next value is one, and reports whether it was.
// Into a zero value (the only kind the Reader decodes into, with each
// member once) encoding/json decodes null to the zero value, whatever the
// type: the caller leaves the field as it is.
func (r *Reader) Null() bool {
	r.space()
	if len(r.src)-r.i >= 4 && r.src[r.i:r.i+4] == "null" {
		r.i += 4
		return true
	}
	return false
}

func (r *Reader) open(c byte) bool {
	if r.Null() {
		return false
	}
	if r.i < len(r.src) && r.src[r.i] == c {
		r.i++
		r.fresh = true
		return true
	}
	r.fail()
	return false
}

// object starts reading an object. It reports false for null (leave the
// value as it is) and when the next value is not an object (it fails).
// Read the members with key.
func (r *Reader) object() bool { return r.open('{') }

// Array starts reading an array. It reports false for null (leave the
// value as it is) and when the next value is not an array (it fails).
// Read the elements with Elem.
func (r *Reader) Array() bool { return r.open('[') }

// next moves past the comma before the next member or element of the
// object or array being read. It reports false at the closing byte (which
// it consumes) and on failure.
func (r *Reader) next(closing byte) bool {
	fresh := r.fresh
	r.fresh = false
	r.space()
	if r.i >= len(r.src) {
		r.fail()
		return false
	}
	c := r.src[r.i]
	if c == closing { // after a comma, the value read next fails instead
		r.i++
		return false
	}
	if !fresh {
		if c != ',' {
			r.fail()
			return false
		}
		r.i++
	}
	return true
}

// key reads the name of the next member of the object being read, and the
// colon after it; read the member's value next. It reports false at the end
// of the object and on failure.
func (r *Reader) key() (string, bool) {
	if !r.next('}') {
		return "", false
	}
	r.space()
	k := r.str()
	r.space()
	if r.i < len(r.src) && r.src[r.i] == ':' {
		r.i++
	} else {
		r.fail()
	}
	return k, !r.bad
}

// Elem reports whether the array being read has another element; read it
// next. It reports false at the end of the array and on failure.
func (r *Reader) Elem() bool { return r.next(']') }

// Bool reads true or false (null reads as false).
func (r *Reader) Bool() bool {
	if r.Null() {
		return false
	}
	switch rest := r.src[r.i:]; {
	case len(rest) >= 4 && rest[:4] == "true":
		r.i += 4
		return true
	case len(rest) >= 5 && rest[:5] == "false":
		r.i += 5
		return false
	}
	r.fail()
	return false
}

// BoolPtr reads true or false into a new bool; null reads as nil.
func (r *Reader) BoolPtr() *bool {
	if r.Null() {
		return nil
	}
	v := r.Bool()
	return &v
}

// Int reads an integer that fits in bits bits (null reads as 0). Like
// encoding/json decoding into an integer field, it takes neither a
// fraction nor an exponent; a number with either, or out of range, fails.
func (r *Reader) Int(bits int) int64 {
	if r.Null() {
		return 0
	}
	start, j := r.i, r.i
	if j < len(r.src) && r.src[j] == '-' {
		j++
	}
	digits := j
	for j < len(r.src) && r.src[j] >= '0' && r.src[j] <= '9' {
		j++
	}
	switch {
	case j == digits, // no digit
		r.src[digits] == '0' && j > digits+1, // a leading zero
		j < len(r.src) && (r.src[j] == '.' || r.src[j] == 'e' || r.src[j] == 'E'):
		r.fail()
		return 0
	}
	v, err := strconv.ParseInt(r.src[start:j], 10, bits)
	if err != nil {
		r.fail()
		return 0
	}
	r.i = j
	return v
}

// Text reads a string value (null reads as ""). The result is a substring
// of the source.
func (r *Reader) Text() string {
	if r.Null() {
		return ""
	}
	return r.str()
}

// str reads a string without escape sequences, control bytes or invalid
// UTF-8 (what encoding/json would hand back unchanged).
func (r *Reader) str() string {
	if r.i >= len(r.src) || r.src[r.i] != '"' {
		r.fail()
		return ""
	}
	start := r.i + 1
	ascii := true
	for j := start; j < len(r.src); j++ {
		switch c := r.src[j]; {
		case c == '"':
			s := r.src[start:j]
			if !ascii && !utf8.ValidString(s) {
				r.fail()
				return ""
			}
			r.i = j + 1
			return s
		case c == '\\' || c < 0x20:
			r.fail()
			return ""
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	r.fail()
	return ""
}

// rawValue reads over the next value, whatever it is, and returns its text. It
// follows only well-formed values of the kinds Reader reads (objects,
// arrays, null, booleans, integers of up to 64 bits and strings without
// escapes); it fails on anything else.
func (r *Reader) rawValue() string {
	r.space()
	start := r.i
	r.skip()
	if r.bad {
		return ""
	}
	return r.src[start:r.i]
}

// ReadCopy reads the next value into v with read, from a copy of its own
// text: what is read into v does not share, and keep in memory, the
// source. The Reader reads the copy itself (a Reader of its own would
// escape through read, an allocation per value).
func ReadCopy[T any](r *Reader, v *T, read func(*Reader, *T)) {
	text := r.rawValue()
	if r.bad {
		return
	}
	src, i := r.src, r.i
	r.src, r.i = strings.Clone(text), 0
	read(r, v)
	r.end()
	r.src, r.i, r.fresh = src, i, false
	if r.bad {
		r.i = len(src)
	}
}

func (r *Reader) skip() {
	if r.i >= len(r.src) {
		r.fail()
		return
	}
	if r.Null() {
		return
	}
	switch c := r.src[r.i]; {
	case c == 't' || c == 'f':
		r.Bool()
	case c == '-' || c >= '0' && c <= '9':
		r.Int(64)
	case c == '"':
		r.str()
	case c == '{':
		r.object()
		for {
			if _, ok := r.key(); !ok {
				return
			}
			r.space()
			r.skip()
		}
	case c == '[':
		r.Array()
		for r.Elem() {
			r.space()
			r.skip()
		}
	default:
		r.fail()
	}
}

// Members are the members of an object of type T that a reader follows:
// each name with the function that reads its value into a T. Build it once
// (a package-level table) with NewMembers; it is not changed after.
type Members[T any] struct {
	index map[string]int
	read  []func(*Reader, *T)
}

// NewMembers returns the table of members m. ReadObject follows up to 64
// members; an object of a type with more is left to encoding/json.
func NewMembers[T any](m map[string]func(*Reader, *T)) *Members[T] {
	t := &Members[T]{index: make(map[string]int, len(m))}
	for name, read := range m {
		t.index[name] = len(t.read)
		t.read = append(t.read, read)
	}
	return t
}

// ReadObject reads an object into v, each member with its function in
// members; null leaves v as it is. A name that is not in members, or that
// comes twice (encoding/json would merge the second value into the
// first), makes the Reader fail.
func ReadObject[T any](r *Reader, v *T, members *Members[T]) {
	if !r.object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.key()
		if !ok {
			return
		}
		i, known := members.index[k]
		if !known || i >= 64 || seen&(1<<i) != 0 {
			r.fail()
			return
		}
		seen |= 1 << i
		members.read[i](r, v)
	}
}

// Decode reads the whole of data with read into a new T, or reports false
// (the caller then decodes data with encoding/json). What it reads shares
// one copy of data.
func Decode[T any](data []byte, read func(*Reader, *T)) (*T, bool) {
	// One allocation for both: the Reader escapes anyway (read is a
	// function value), and the value shares its source.
	x := new(struct {
		v T
		r Reader
	})
	x.r = newReader(string(data))
	read(&x.r, &x.v)
	return &x.v, x.r.end()
}

// ReadTexts reads an array of strings into a new slice, empty (not nil) for
// [] and nil for null.
func ReadTexts[S ~string](r *Reader) []S {
	if !r.Array() {
		return nil
	}
	var buf [8]S
	s := buf[:0]
	for r.Elem() {
		s = append(s, S(r.Text()))
	}
	if r.bad {
		return nil
	}
	return append(make([]S, 0, len(s)), s...)
}

// ReadSlice reads an array of objects, each with elem, into a new slice,
// empty (not nil) for [] and nil for null.
func ReadSlice[T any](r *Reader, elem func(*Reader, *T)) []T { return readSlice(r, elem, false) }

// ReadCopies is ReadSlice for the items of a page: each element is read
// from a copy of its own text, so that its strings do not share, and keep
// in memory, the whole page.
func ReadCopies[T any](r *Reader, elem func(*Reader, *T)) []T { return readSlice(r, elem, true) }

func readSlice[T any](r *Reader, elem func(*Reader, *T), copied bool) []T {
	if !r.Array() {
		return nil
	}
	out := []T{}
	for r.Elem() {
		var zero T
		out = append(out, zero)
		if copied {
			ReadCopy(r, &out[len(out)-1], elem)
		} else {
			elem(r, &out[len(out)-1])
		}
	}
	if r.bad {
		return nil
	}
	return out
}

// ReadPtr reads an object with elem into a new T; null reads as nil.
func ReadPtr[T any](r *Reader, elem func(*Reader, *T)) *T {
	if r.Null() {
		return nil
	}
	v := new(T)
	elem(r, v)
	return v
}
