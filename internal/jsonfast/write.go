package jsonfast

import (
	"encoding/json"
	"sync"
	"unicode/utf8"
)

// The writers append to b what encoding/json's Marshal writes for a struct
// field, with HTML escaping off. An object is written as '{', its members
// in declaration order, '}': Key puts the comma between members itself.

const hex = "0123456789abcdef"

// replacement is what encoding/json writes for a byte of invalid UTF-8 in
// a string, and so what appendText writes: the escape \ufffd up to go1.26,
// the character U+FFFD itself from go1.27 (whose encoding/json is built on
// encoding/json/v2). Both are the same JSON string; asking encoding/json
// once keeps the bytes identical whichever toolchain builds the program.
var replacement = sync.OnceValue(func() string {
	b, err := json.Marshal("\xff")
	if err != nil || len(b) < 2 {
		return `\ufffd`
	}
	return string(b[1 : len(b)-1])
})

// appendText appends s as a JSON string, escaped as encoding/json escapes
// it when it does not escape HTML: '"' and '\\' with a backslash, \b, \f,
// \n, \r and \t in short form, other control bytes as \u00XX, invalid
// UTF-8 as U+FFFD (see replacement), and U+2028 and U+2029 as \u2028 and
// \u2029.
func appendText(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, replacement()...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Key appends a member name and its colon, after a comma unless the member
// is the object's first. name must need no escaping.
func Key(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// Text appends a string member.
func Text[S ~string](b []byte, name string, v S) []byte {
	return appendText(Key(b, name), string(v))
}

// OmitEmptyText appends a string member unless v is empty (`omitempty`).
func OmitEmptyText[S ~string](b []byte, name string, v S) []byte {
	if v == "" {
		return b
	}
	return Text(b, name, v)
}

// Texts appends an array-of-strings member; a nil slice is null.
func Texts[S ~string](b []byte, name string, v []S) []byte {
	b = Key(b, name)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendText(b, string(s))
	}
	return append(b, ']')
}

// OmitNilTexts appends an array-of-strings member unless v is nil
// (`omitzero`); an empty slice is [].
func OmitNilTexts[S ~string](b []byte, name string, v []S) []byte {
	if v == nil {
		return b
	}
	return Texts(b, name, v)
}

// OmitEmptyTexts appends an array-of-strings member unless v is empty
// (`omitempty`: nil or no elements).
func OmitEmptyTexts[S ~string](b []byte, name string, v []S) []byte {
	if len(v) == 0 {
		return b
	}
	return Texts(b, name, v)
}

// OmitNilBool appends a boolean member unless v is nil (`omitempty` on a
// pointer).
func OmitNilBool(b []byte, name string, v *bool) []byte {
	if v == nil {
		return b
	}
	b = Key(b, name)
	if *v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// Objects appends an array-of-objects member, each element written by
// elem; a nil slice is null.
func Objects[T any](b []byte, name string, v []T, elem func([]byte, *T) []byte) []byte {
	b = Key(b, name)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = elem(b, &v[i])
	}
	return append(b, ']')
}

// OmitNilObjects appends an array-of-objects member unless v is nil
// (`omitzero`).
func OmitNilObjects[T any](b []byte, name string, v []T, elem func([]byte, *T) []byte) []byte {
	if v == nil {
		return b
	}
	return Objects(b, name, v, elem)
}

// OmitEmptyObjects appends an array-of-objects member unless v is empty
// (`omitempty`: nil or no elements).
func OmitEmptyObjects[T any](b []byte, name string, v []T, elem func([]byte, *T) []byte) []byte {
	if len(v) == 0 {
		return b
	}
	return Objects(b, name, v, elem)
}

// Object appends an object member written by elem.
func Object[T any](b []byte, name string, v *T, elem func([]byte, *T) []byte) []byte {
	return elem(Key(b, name), v)
}

// OmitNilObject appends an object member unless v is nil (`omitempty` on a
// pointer).
func OmitNilObject[T any](b []byte, name string, v *T, elem func([]byte, *T) []byte) []byte {
	if v == nil {
		return b
	}
	return Object(b, name, v, elem)
}
