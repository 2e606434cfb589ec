package jsonkeep

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

type inner struct {
	K string `json:"k"`
	V string `json:"v,omitempty"`
}

type embedded struct {
	E string `json:"e,omitempty"`
}

type model struct {
	embedded
	Name    string         `json:"name,omitempty"`
	Obj     *inner         `json:"obj,omitempty"`
	List    []inner        `json:"list,omitzero"`
	Tags    []string       `json:"tags,omitzero"`
	When    time.Time      `json:"when,omitzero"`
	Labels  map[string]any `json:"labels,omitempty"`
	Skipped string         `json:"-"`
	Plain   string
	//lint:ignore U1000 an unexported field, never a member
	private string
}

func TestMerge(t *testing.T) {
	for _, tc := range []struct {
		name, raw, enc, want string
	}{
		{"no raw", ``, `{"name":"a"}`, `{"name":"a"}`},
		{"raw not JSON", `{"name"`, `{"name":"a"}`, `{"name":"a"}`},
		{"raw not an object", `[1]`, `{"name":"a"}`, `{"name":"a"}`},
		{"unknown kept, number text kept", `{"name":"a","x":1.50}`, `{"name":"b"}`, `{"name":"b","x":1.50}`},
		{"cleared stays cleared", `{"name":"a","e":"x","Plain":"p","tags":["t"],"when":"2020-01-01T00:00:00Z"}`, `{}`, `{}`},
		{"case-insensitive names are modelled", `{"NAME":"a","Obj":{"k":"1","x":2}}`, `{"name":"b"}`, `{"name":"b"}`},
		{"tag - is not modelled", `{"Skipped":"s"}`, `{}`, `{"Skipped":"s"}`},
		{"unexported is not modelled", `{"private":"s"}`, `{}`, `{"private":"s"}`},
		{"nested object", `{"obj":{"k":"1","x":{"y":[1]}}}`, `{"obj":{"k":"2"}}`, `{"obj":{"k":"2","x":{"y":[1]}}}`},
		{"null sent", `{"obj":{"k":"1","x":1}}`, `{"obj":null}`, `{"obj":null}`},
		{"raw null", `{"obj":null,"x":1}`, `{"obj":{"k":"1"}}`, `{"obj":{"k":"1"},"x":1}`},
		{"kind changed", `{"obj":"scalar"}`, `{"obj":{"k":"1"}}`, `{"obj":{"k":"1"}}`},
		{"map is a leaf", `{"labels":{"a":1,"b":2}}`, `{"labels":{"a":1}}`, `{"labels":{"a":1}}`},
		{"scalar array replaced", `{"tags":["a","b"]}`, `{"tags":["b"]}`, `{"tags":["b"]}`},
		{"array in place", `{"list":[{"k":"1","x":1},{"k":"2","x":2}]}`, `{"list":[{"k":"1","v":"c"},{"k":"2"}]}`,
			`{"list":[{"k":"1","v":"c","x":1},{"k":"2","x":2}]}`},
		{"array reordered", `{"list":[{"k":"1","x":1},{"k":"2","x":2}]}`, `{"list":[{"k":"2"},{"k":"1"}]}`,
			`{"list":[{"k":"2","x":2},{"k":"1","x":1}]}`},
		{"array element removed", `{"list":[{"k":"1","x":1},{"k":"2","x":2}]}`, `{"list":[{"k":"2"}]}`,
			`{"list":[{"k":"2","x":2}]}`},
		{"array element added", `{"list":[{"k":"1","x":1}]}`, `{"list":[{"k":"1"},{"k":"3"}]}`,
			`{"list":[{"k":"1","x":1},{"k":"3"}]}`},
		{"changed while length changed", `{"list":[{"k":"1","x":1},{"k":"2","x":2}]}`, `{"list":[{"k":"9"}]}`,
			`{"list":[{"k":"9"}]}`},
		{"duplicates pair once each", `{"list":[{"k":"1","x":1},{"k":"1","x":2}]}`, `{"list":[{"k":"1"}]}`,
			`{"list":[{"k":"1","x":1}]}`},
		{"array emptied", `{"list":[{"k":"1","x":1}]}`, `{"list":[]}`, `{"list":[]}`},
		{"html not escaped", `{"x":"<&>"}`, `{"name":"<a>"}`, `{"name":"<a>","x":"<&>"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Merge(reflect.TypeFor[model](), []byte(tc.raw), []byte(tc.enc))
			if err != nil {
				t.Fatal(err)
			}
			if !jsonEqual(t, got, []byte(tc.want)) {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			if tc.name == "unknown kept, number text kept" || tc.name == "html not escaped" {
				if string(got) != tc.want {
					t.Errorf("text: got %s, want %s", got, tc.want)
				}
			}
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		data    string
		unknown bool
		err     bool
	}{
		{`{"name":"a","obj":{"k":"1"}}`, false, false},
		{`{"NAME":"a"}`, false, false},
		{`{"name":"a","x":1}`, true, false},
		{`{"list":[{"k":"1","x":1}]}`, true, false},
		{`{"name":1}`, false, true},
		{`{"name":"a","x":1} {}`, false, true},
		{`{"name"`, false, true},
	} {
		var m model
		unknown, err := Decode([]byte(tc.data), &m)
		if unknown != tc.unknown || (err != nil) != tc.err {
			t.Errorf("%s: got %v, %v; want %v, error %v", tc.data, unknown, err, tc.unknown, tc.err)
		}
	}
	// The second decode starts from a zero value.
	m := model{Name: "old"}
	if unknown, err := Decode([]byte(`{"x":1}`), &m); err != nil || !unknown || m.Name != "" {
		t.Errorf("got %+v, %v, %v", m, unknown, err)
	}
}

// Merge never fails nor panics on what a server may send, and its result
// is JSON.
func FuzzMerge(f *testing.F) {
	f.Add([]byte(`{"obj":{"k":"1","x":1},"list":[{"k":"1"}]}`), []byte(`{"obj":{"k":"2"},"list":[{"k":"1"},{"k":"2"}]}`))
	f.Add([]byte(`null`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, raw, enc []byte) {
		var m model
		if json.Unmarshal(enc, &m) != nil {
			return
		}
		enc, err := json.Marshal(&m)
		if err != nil {
			return
		}
		got, err := Merge(reflect.TypeFor[model](), raw, enc)
		if err != nil {
			t.Fatalf("Merge(%s, %s): %v", raw, enc, err)
		}
		if !json.Valid(got) {
			t.Fatalf("Merge(%s, %s) = %s, not JSON", raw, enc, got)
		}
	})
}
