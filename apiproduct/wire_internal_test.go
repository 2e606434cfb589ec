package apiproduct

import (
	"encoding/json"
	"testing"
)

// mayHaveUnknownField must never miss an unknown member: when it answers
// false, the full decode finds none either.
func TestMayHaveUnknownField(t *testing.T) {
	known := knownFields()
	for _, tc := range []struct {
		data string
		want bool
	}{
		{`{}`, false},
		{` { } `, false},
		{`{"name":"p"}`, false},
		{"{\n \"name\" : \"p\" ,\t\"quota\":\"1\"\r\n}", false},
		{`{"name":"a\"b,}","attributes":[{"name":"x","value":"}]"}],"operationGroup":{"operationConfigs":[{"apiSource":"s"}]}}`, false},
		{`{"name":"p","createdAt":"1","lastModifiedAt":"2","environments":[],"proxies":null,"quota":"5"}`, false},
		{`{"name":"p","extra":1}`, true},
		{`{"extra":{"name":"p"}}`, true},
		{`{"name":{"extra":1},"x":[1,2,{"y":"}"}]}`, true},
		{`{"Name":"p"}`, true},      // json matches it case-insensitively; it is kept
		{`{"na\u006de":"p"}`, true}, // escaped names take the full path
		{`{"quota":-1.5e3,"space":true,"scopes":false}`, false},
		{`{"quota":1,"x":2}`, true},
		{`null`, true},
		{`[]`, true},
		{``, true},
		{`{"name":"p"`, true},
	} {
		got := mayHaveUnknownField([]byte(tc.data), known)
		if got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.data, got, tc.want)
		}
		if !got {
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tc.data), &m); err == nil {
				for k := range m {
					if !known[k] {
						t.Errorf("%s: missed %q", tc.data, k)
					}
				}
			}
		}
	}
}

func TestUnknownFieldsAllocatesNothingForKnownMembers(t *testing.T) {
	data := []byte(`{"name":"p","attributes":[{"name":"a","value":"b"}],"quota":"1","createdAt":"1700000000000"}`)
	knownFields()
	if n := testing.AllocsPerRun(100, func() { _ = unknownFields(data) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
	if u := unknownFields([]byte(`{"name":"p","future":{"a":1}}`)); string(u["future"]) != `{"a":1}` || len(u) != 1 {
		t.Errorf("unknown fields: %v", u)
	}
}
