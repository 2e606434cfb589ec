package jsonscan

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

type member struct{ name, value string }

func members(t *testing.T, data string) ([]member, bool) {
	t.Helper()
	var got []member
	ok := Members([]byte(data), func(name, value []byte) bool {
		got = append(got, member{string(name), string(value)})
		return true
	})
	return got, ok
}

func TestMembers(t *testing.T) {
	for _, tc := range []struct {
		data string
		want []member
		ok   bool
	}{
		{`{}`, nil, true},
		{` { } `, nil, true},
		{`{"a":1}`, []member{{"a", "1"}}, true},
		{`{"a" : "x,}" , "b":{"c":[1,{"d":"]"}]},"e":[],"f":null,"g":true}`,
			[]member{{"a", `"x,}"`}, {"b", `{"c":[1,{"d":"]"}]}`}, {"e", "[]"}, {"f", "null"}, {"g", "true"}}, true},
		{`{"s":"a\"b\\"}`, []member{{"s", `"a\"b\\"`}}, true},
		{"{\n\t\"a\":\r\n-1.5e3\n}", []member{{"a", "-1.5e3"}}, true},
		{`{"st\u0061tus":"FAILURE"}`, nil, false}, // a name to decode
		{`[1]`, nil, false},
		{``, nil, false},
		{`{"a":1`, []member{{"a", "1"}}, false},
		{`{"a":"unterminated}`, []member{{"a", `"unterminated}`}}, false},
		{`{"a"}`, nil, false},
		{`{"a":}`, nil, false},
		{`{"a":1 "b":2}`, []member{{"a", "1"}}, false},
	} {
		got, ok := members(t, tc.data)
		if ok != tc.ok || len(got) != len(tc.want) {
			t.Errorf("%q: %q, %v; want %q, %v", tc.data, got, ok, tc.want, tc.ok)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: member %d is %q, want %q", tc.data, i, got[i], tc.want[i])
			}
		}
	}
}

func TestMembersStops(t *testing.T) {
	n := 0
	ok := Members([]byte(`{"a":1,"b":2,"c":3}`), func(name, _ []byte) bool {
		n++
		return string(name) != "b"
	})
	if !ok || n != 2 {
		t.Fatalf("visited %d members (followed %v), want 2 and true", n, ok)
	}
}

// FuzzMembers checks Members against encoding/json: for every JSON object
// whose member names hold no escapes, Members follows it and yields each
// member with the same value, in order; and it never panics or hangs on
// anything else.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":1}`, `{"status":"FAILURE","resultMessage":"x"}`, `{"a":{"b":[1,"]}"]},"c":"\""}`,
		`{"a":1,"a":2}`, `[]`, `{"a":`, `{"st\u0061tus":1}`, ` {"a" : [ true , null ] } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []member
		ok := Members(data, func(name, value []byte) bool {
			if !bytes.Contains(data, name) || !bytes.Contains(data, value) {
				t.Fatalf("member %q: %q is not a part of the input", name, value)
			}
			got = append(got, member{string(name), string(value)})
			return true
		})
		var m map[string]json.RawMessage
		if json.Unmarshal(data, &m) != nil || m == nil || bytes.Contains(data, []byte(`\`)) || !utf8.Valid(data) {
			return // not an object Members must follow (escapes may sit in a name; encoding/json replaces invalid UTF-8)
		}
		if !ok {
			t.Fatalf("did not follow the valid object %q", data)
		}
		seen := map[string]string{}
		for _, g := range got {
			seen[g.name] = g.value // the last of duplicates wins, as in encoding/json
		}
		if len(seen) != len(m) {
			t.Fatalf("%q: members %q, encoding/json %d members", data, got, len(m))
		}
		for name, value := range seen {
			want, found := m[name]
			if !found || !bytes.Equal(bytes.TrimSpace([]byte(value)), bytes.TrimSpace(want)) {
				t.Fatalf("%q: member %q is %q, encoding/json %q", data, name, value, want)
			}
		}
	})
}
