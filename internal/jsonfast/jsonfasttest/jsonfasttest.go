// Package jsonfasttest helps test a service's jsonfast codec against
// encoding/json: it fills values of the service's types at random, through
// every exported field, and compares what a fast reader reads with what
// encoding/json reads.
package jsonfasttest

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Plain are runes the fast readers take as they are: no escape is needed to
// write any of them.
const Plain = "abcXYZ019 ._-/*$%:<>&é日本🙂\u007f"

// Escaped are runes encoding/json escapes, or replaces, or leaves alone
// where HTML escaping would not.
const Escaped = "a\"\\/\b\f\n\r\t\x00\x1f<>&\u2028\u2029\ufffdé🙂\xff"

// Filler fills values with random contents: strings of up to five runes of
// its alphabet, nil, empty and filled slices, nil and set pointers, both
// booleans, integers of either sign up to the type's limits. time.Time
// fields are left zero.
type Filler struct {
	rnd   *rand.Rand
	runes []rune
}

// NewFiller returns a Filler drawing from seed and the runes of alphabet
// (an invalid byte in it stands for itself).
func NewFiller(seed uint64, alphabet string) *Filler {
	f := &Filler{rnd: rand.New(rand.NewPCG(seed, uint64(len(alphabet))))}
	for i := 0; i < len(alphabet); {
		r, n := utf8.DecodeRuneInString(alphabet[i:])
		if r == utf8.RuneError && n == 1 {
			r = -rune(alphabet[i]) // an invalid byte: written as itself
		}
		f.runes = append(f.runes, r)
		i += n
	}
	if len(f.runes) == 0 {
		f.runes = []rune{'x'}
	}
	return f
}

// Int64N returns a random number in [0, n).
func (f *Filler) Int64N(n int64) int64 { return f.rnd.Int64N(n) }

func (f *Filler) text() string {
	var b strings.Builder
	for range f.rnd.IntN(6) {
		if r := f.runes[f.rnd.IntN(len(f.runes))]; r < 0 {
			b.WriteByte(byte(-r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fill fills *v.
func Fill[T any](f *Filler, v *T) { f.fill(reflect.ValueOf(v).Elem()) }

func (f *Filler) fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(f.text())
	case reflect.Bool:
		v.SetBool(f.rnd.IntN(2) == 0)
	case reflect.Int32, reflect.Int64:
		bits := v.Type().Bits()
		switch f.rnd.IntN(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(f.rnd.Int64N(100))
		case 2:
			v.SetInt(-1 << (bits - 1)) // the smallest
		default:
			v.SetInt(f.rnd.Int64() >> (64 - bits)) // any, of either sign
		}
	case reflect.Slice:
		switch n := f.rnd.IntN(5); n {
		case 0:
			v.SetZero()
		default:
			v.Set(reflect.MakeSlice(v.Type(), n-1, n-1))
			for i := range n - 1 {
				f.fill(v.Index(i))
			}
		}
	case reflect.Pointer:
		if f.rnd.IntN(3) == 0 {
			v.SetZero()
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	default:
		panic("jsonfasttest: no rule for " + v.Type().String())
	}
}

// Check fails t when read accepts data and decodes it to anything but what
// want decodes it to, or when want rejects what read accepted. It reports
// whether read accepted data.
func Check[T any](t testing.TB, data string, read func([]byte) (*T, bool), want func([]byte) (*T, error)) bool {
	t.Helper()
	got, ok := read([]byte(data))
	if !ok {
		return false
	}
	w, err := want([]byte(data))
	if err != nil {
		t.Fatalf("the fast path accepted what encoding/json rejects (%v): %q", err, data)
	}
	if !reflect.DeepEqual(got, w) {
		t.Fatalf("%q:\nfast path:     %+v\nencoding/json: %+v", data, got, w)
	}
	return true
}

// Unmarshal decodes data into a new T with encoding/json: the want of
// Check for a reader that decodes into the generated model itself.
func Unmarshal[T any](data []byte) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, err
	}
	return v, nil
}
