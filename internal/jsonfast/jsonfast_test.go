package jsonfast

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

// checkText fails when appendText writes s other than as encoding/json does
// with HTML escaping off (genrt.MarshalJSON).
func checkText(t *testing.T, s string) {
	t.Helper()
	want, err := genrt.MarshalJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendText(nil, s); string(got) != string(want) {
		t.Fatalf("appendText(%q) = %s; encoding/json writes %s", s, got, want)
	}
}

func TestAppendText(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"`, `\`, "/", "<>&", "\b\f\n\r\t", "\x00\x01\x1f\x7f", "é日本🙂",
		"\u2028\u2029", "\xff", "a\xc3", "\xed\xa0\x80", "\ufffd", `\u0026`, "mixed\"\\\n\x1f\u2028\xffend",
	} {
		checkText(t, s)
	}
	if got := string(appendText([]byte("x:"), "v")); got != `x:"v"` {
		t.Errorf("appendText appends: %s", got)
	}
}

func FuzzAppendText(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\u2028\xff<&>", "é日本🙂"} {
		f.Add(s)
	}
	f.Fuzz(checkText)
}

// checkRead fails when the Reader accepts data as a value of T and reads it
// to anything but what encoding/json decodes it to. It reports whether it
// accepted.
func checkRead[T any](t *testing.T, data string, read func(*Reader) T) bool {
	t.Helper()
	r := newReader(data)
	got := read(&r)
	if !r.end() {
		return false
	}
	var want T
	if err := json.Unmarshal([]byte(data), &want); err != nil {
		t.Fatalf("read %q, which encoding/json rejects: %v", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: read %#v; encoding/json decodes %#v", data, got, want)
	}
	return true
}

func readText(r *Reader) string    { return r.Text() }
func readTexts(r *Reader) []string { return ReadTexts[string](r) }
func readPair(r *Reader) []pair    { return ReadSlice(r, readPairObject) }
func readPairPtr(r *Reader) *pair  { return ReadPtr(r, readPairObject) }
func readNamed(r *Reader) []named  { return ReadTexts[named](r) }
func readBool(r *Reader) *bool     { return r.BoolPtr() }
func readInt32(r *Reader) int32    { return int32(r.Int(32)) }
func readInt64(r *Reader) int64    { return r.Int(64) }
func readFlag(r *Reader) bool      { return r.Bool() }
func readCopies(r *Reader) []pair  { return ReadCopies(r, readPairObject) }

type named string

type pair struct {
	A string   `json:"a"`
	B []string `json:"b"`
}

func readPairObject(r *Reader, p *pair) { ReadObject(r, p, pairMembers) }

var pairMembers = NewMembers(map[string]func(*Reader, *pair){
	"a": func(r *Reader, p *pair) { p.A = r.Text() },
	"b": func(r *Reader, p *pair) { p.B = ReadTexts[string](r) },
})

func TestReaderReads(t *testing.T) {
	for _, data := range []string{`""`, `"a"`, ` "é日本🙂" `, `null`, "\"\x7f\""} {
		if !checkRead(t, data, readText) {
			t.Errorf("Text gave up on %q", data)
		}
	}
	for _, data := range []string{`[]`, `[ ]`, `null`, `["a"]`, `["a","b", "c" ,"d","e","f","g","h","i","j"]`, `[null,"x"]`} {
		if !checkRead(t, data, readTexts) || !checkRead(t, data, readNamed) {
			t.Errorf("ReadTexts gave up on %q", data)
		}
	}
	for _, data := range []string{`[]`, `null`, `[{}]`, `[{"a":"x","b":["y"]},{"b":null},null]`, "\n[ {\t\"a\" : \"x\" } ]\r"} {
		if !checkRead(t, data, readPair) {
			t.Errorf("ReadSlice gave up on %q", data)
		}
	}
	for _, data := range []string{`true`, ` false `, `null`} {
		if !checkRead(t, data, readBool) {
			t.Errorf("BoolPtr gave up on %q", data)
		}
	}
	for _, data := range []string{`0`, `-0`, `7`, ` -12 `, `2147483647`, `-2147483648`, `null`} {
		if !checkRead(t, data, readInt32) {
			t.Errorf("Int(32) gave up on %q", data)
		}
	}
	for _, data := range []string{`9223372036854775807`, `-9223372036854775808`, `2147483648`} {
		if !checkRead(t, data, readInt64) {
			t.Errorf("Int(64) gave up on %q", data)
		}
	}
	for _, data := range []string{`true`, `false`, `null`} {
		if !checkRead(t, data, readFlag) {
			t.Errorf("Bool gave up on %q", data)
		}
	}
	for _, data := range []string{`[]`, `null`, `[{"a":"x","b":["y"]},{},null]`} {
		if !checkRead(t, data, readCopies) {
			t.Errorf("ReadCopies gave up on %q", data)
		}
	}
	for _, data := range []string{`null`, `{}`, `{"a":"x"}`} {
		if !checkRead(t, data, readPairPtr) {
			t.Errorf("ReadPtr gave up on %q", data)
		}
	}
}

func TestReaderGivesUp(t *testing.T) {
	for _, data := range []string{``, `"`, `"a`, `a`, `1`, `true`, `nul`, `"a\"b"`, `"\u0041"`, "\"a\nb\"", "\"\xff\"", `""x`, `"" ""`} {
		if checkRead(t, data, readText) {
			t.Errorf("Text read %q", data)
		}
	}
	for _, data := range []string{``, `tru`, `True`, `truex`, `fals`, `0`, `"true"`, `true true`} {
		if checkRead(t, data, readBool) {
			t.Errorf("BoolPtr read %q", data)
		}
	}
	for _, data := range []string{``, `-`, `+1`, `01`, `-01`, `1.0`, `1e2`, `1E2`, `2147483648`, `-2147483649`, `"1"`, `1 2`, `0x1`} {
		if checkRead(t, data, readInt32) {
			t.Errorf("Int(32) read %q", data)
		}
	}
	for _, data := range []string{`9223372036854775808`, `[1]`} {
		if checkRead(t, data, readInt64) {
			t.Errorf("Int(64) read %q", data)
		}
	}
	for _, data := range []string{`[{"a":"x"`, `[{"c":"x"}]`, `[1]`, `[{"a":"x"},]`, `[{"a":"x"}{"a":"y"}]`, `[{"a":"x"},{"a":"\n"}]`, `[{"a":"x"}]]`} {
		if checkRead(t, data, readCopies) {
			t.Errorf("ReadCopies read %q", data)
		}
	}
	for _, data := range []string{`[`, `]`, `[,]`, `["a",]`, `[,"a"]`, `["a" "b"]`, `["a"]]`, `[1]`, `{}`, `"a"`} {
		if checkRead(t, data, readTexts) {
			t.Errorf("ReadTexts read %q", data)
		}
	}
	for _, data := range []string{
		`[{"a":"x","a":"y"}]`, `[{"A":"x"}]`, `[{"c":"x"}]`, `[{"a":"x",}]`, `[{,"a":"x"}]`, `[{"a" "x"}]`,
		`[{"a":"x" "b":[]}]`, `[{"a":"x"]`, `[{"\u0061":"x"}]`, `[{"a"}]`, `[{"a":}]`, `[{}`, `[[]]`,
	} {
		if checkRead(t, data, readPair) {
			t.Errorf("ReadSlice read %q", data)
		}
	}
}

func TestSkip(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{`"a"`, `"a"`}, {` null `, `null`}, {`[]`, `[]`}, {`{ "a" : [ "b" , { } ] }`, `{ "a" : [ "b" , { } ] }`},
		{`[null,"x",{"k":null}]`, `[null,"x",{"k":null}]`}, {`[true,false]`, `[true,false]`}, {`[0,-1,12]`, `[0,-1,12]`},
	} {
		r := newReader(tc.data)
		if got := r.rawValue(); got != tc.want || !r.end() {
			t.Errorf("rawValue(%q) = %q, %v", tc.data, got, !r.bad)
		}
	}
	for _, data := range []string{``, `1.5`, `01`, `tru`, `{"a":1e3}`, `["\n"]`, `[`, `{"a"}`, `{"a":"b",}`} {
		r := newReader(data)
		if got := r.rawValue(); r.end() {
			t.Errorf("rawValue(%q) = %q; want a failure", data, got)
		}
	}
}

// A type with more than 64 members is read up to the 64th member's name
// and left to encoding/json from there: ReadObject never gives a wrong
// answer for it.
func TestReadObjectBeyond64Members(t *testing.T) {
	m := map[string]func(*Reader, *[]string){}
	for i := range 70 {
		name := fmt.Sprintf("m%d", i)
		m[name] = func(r *Reader, v *[]string) { *v = append(*v, name+"="+r.Text()) }
	}
	members := NewMembers(m)
	var beyond int
	for name, i := range members.index {
		if i >= 64 {
			beyond++
			r := newReader(`{"` + name + `":"x"}`)
			var got []string
			if ReadObject(&r, &got, members); r.end() {
				t.Errorf("read member %d (%s)", i, name)
			}
		}
	}
	if beyond != 6 {
		t.Fatalf("%d members beyond the 64th; want 6", beyond)
	}
}

// What ReadCopies reads does not share the source: an element kept from a
// page does not keep the page in memory.
func TestReadCopiesDoesNotShareTheSource(t *testing.T) {
	src := `[{"a":"first"},{"a":"second"}]`
	r := newReader(src)
	got := ReadCopies(&r, readPairObject)
	if !r.end() || len(got) != 2 {
		t.Fatalf("got %v, %v", got, !r.bad)
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	for _, p := range got {
		if at := uintptr(unsafe.Pointer(unsafe.StringData(p.A))); at >= start && at < start+uintptr(len(src)) {
			t.Errorf("%q is in the source", p.A)
		}
	}
	r = newReader(src)
	if p := ReadSlice(&r, readPairObject)[0].A; uintptr(unsafe.Pointer(unsafe.StringData(p))) < start {
		t.Errorf("ReadSlice should read from the source itself (the test's own check)")
	}
}

// Once a Reader has failed, it stays failed and reads nothing more.
func TestFailIsFinal(t *testing.T) {
	r := newReader(`{"a":"x"}`)
	r.fail()
	if r.object() || r.Text() != "" || r.Elem() || !r.bad || r.end() {
		t.Error("a failed Reader read on")
	}
	if _, ok := r.key(); ok || r.rawValue() != "" || r.Null() || ReadTexts[string](&r) != nil {
		t.Error("a failed Reader read on")
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{`"a"`, `["a",null]`, `[{"a":"x","b":["y"]}]`, `{"a":"x"}`, `null`, `[{"a":"x","a":"y"}]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		checkRead(t, data, readText)
		checkRead(t, data, readTexts)
		checkRead(t, data, readPair)
		checkRead(t, data, readPairPtr)
		checkRead(t, data, readBool)
		checkRead(t, data, readFlag)
		checkRead(t, data, readInt32)
		checkRead(t, data, readInt64)
		checkRead(t, data, readCopies)
		r := newReader(data)
		if got := r.rawValue(); r.end() && (got != strings.TrimSpace(data) || !json.Valid([]byte(data))) {
			t.Fatalf("rawValue(%q) = %q", data, got)
		}
	})
}

// What the writers write for a struct is what encoding/json writes for it.
func TestWriters(t *testing.T) {
	type obj struct {
		S  string   `json:"s"`
		E  string   `json:"e,omitempty"`
		L  []named  `json:"l"`
		Z  []string `json:"z,omitzero"`
		O  []pair   `json:"o"`
		OZ []pair   `json:"oz,omitzero"`
		P  *pair    `json:"p,omitempty"`
		V  pair     `json:"v"`
		ET []string `json:"et,omitempty"`
		EO []pair   `json:"eo,omitempty"`
		B  *bool    `json:"bo,omitempty"`
	}
	pairOut := func(b []byte, p *pair) []byte {
		b = append(b, '{')
		b = Text(b, "a", p.A)
		b = Texts(b, "b", p.B)
		return append(b, '}')
	}
	write := func(b []byte, o *obj) []byte {
		b = append(b, '{')
		b = Text(b, "s", o.S)
		b = OmitEmptyText(b, "e", o.E)
		b = Texts(b, "l", o.L)
		b = OmitNilTexts(b, "z", o.Z)
		b = Objects(b, "o", o.O, pairOut)
		b = OmitNilObjects(b, "oz", o.OZ, pairOut)
		b = OmitNilObject(b, "p", o.P, pairOut)
		b = Object(b, "v", &o.V, pairOut)
		b = OmitEmptyTexts(b, "et", o.ET)
		b = OmitEmptyObjects(b, "eo", o.EO, pairOut)
		b = OmitNilBool(b, "bo", o.B)
		return append(b, '}')
	}
	for _, o := range []obj{
		{},
		{S: "s", E: "e", L: []named{}, Z: []string{}, O: []pair{}, OZ: []pair{}, P: &pair{}, ET: []string{}, EO: []pair{}, B: new(bool)},
		{ET: []string{"a"}, EO: []pair{{}}, B: func() *bool { v := true; return &v }()},
		{L: []named{"a", "<b>"}, Z: []string{"\n"}, O: []pair{{A: "x", B: []string{"y"}}, {}}, OZ: []pair{{}}, P: &pair{B: []string{}}, V: pair{A: "v"}},
	} {
		want, err := genrt.MarshalJSON(o)
		if err != nil {
			t.Fatal(err)
		}
		if got := write(nil, &o); string(got) != string(want) {
			t.Errorf("wrote %s; encoding/json writes %s", got, want)
		}
	}
}
