package genrt

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	for _, tc := range []struct {
		server, path, query string
		args                []string
		want                string
	}{
		{"https://h/", "/v2/%s/groups/%s", "", []string{"p", "g%20x"}, "https://h/v2/p/groups/g%20x"},
		{"https://h/base/", "/apiops/projects/%s/apiProxyGroups/", "", []string{"My%20Project"}, "https://h/base/apiops/projects/My%20Project/apiProxyGroups/"},
		{"https://h/", "/v1/%s/app-groups", "limit=10&name=a%26b", []string{"p"}, "https://h/v1/p/app-groups?limit=10&name=a%26b"},
		{"https://h/", "/v1/x", "", nil, "https://h/v1/x"},
		{"https://h/", "/v1/%s", "", nil, "https://h/v1/%s"}, // fewer args than placeholders: left as is
	} {
		if got := URL(tc.server, tc.path, tc.query, tc.args...); got != tc.want {
			t.Errorf("URL(%q, %q, %q, %q) = %q, want %q", tc.server, tc.path, tc.query, tc.args, got, tc.want)
		}
	}
}

func TestMarshalJSONKeepsHTMLCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{map[string]string{"remark": "R&D <team>"}, `{"remark":"R&D <team>"}`},
		{`a\u0026b`, `"a\\u0026b"`}, // a backslash the caller wrote stays escaped
		{`\<`, `"\\<"`},             // an escaped backslash, then an HTML character
		{"\u2028", `"\u2028"`},      // encoding/json escapes U+2028 and U+2029 always
		{"plain", `"plain"`},
		{[]string{"<", ">", "&"}, `["<",">","&"]`},
	} {
		got, err := MarshalJSON(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("MarshalJSON(%#v) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := MarshalJSON(func() {}); err == nil {
		t.Error("MarshalJSON(func) did not fail")
	}
}

func TestBody(t *testing.T) {
	b := NewBody([]byte(`{"a":1}`))
	if got := ContentLength(b); got != 7 {
		t.Errorf("ContentLength = %d, want 7", got)
	}
	if got := ContentLength(strings.NewReader("x")); got != 0 {
		t.Errorf("ContentLength of a reader without Bytes = %d, want 0", got)
	}
	read, err := io.ReadAll(b)
	if err != nil || string(read) != `{"a":1}` || string(b.Bytes()) != `{"a":1}` || b.Close() != nil {
		t.Errorf("read %q (%v), Bytes %q", read, err, b.Bytes())
	}
	if n, err := b.Read(make([]byte, 4)); n != 0 || err != io.EOF {
		t.Errorf("Read after the end = %d, %v; want 0, EOF", n, err)
	}
	// A body whose bytes are only taken (what the pipeline does) costs one
	// small allocation: its reader is made on the first Read.
	data := []byte(`{}`)
	if n := testing.AllocsPerRun(100, func() { _ = NewBody(data).Bytes() }); n > 1 {
		t.Errorf("NewBody + Bytes allocates %v times, want 1", n)
	}
}

// FuzzMarshalJSON checks MarshalJSON against encoding/json's encoder with
// HTML escaping switched off, for any string in a value and in a key.
func FuzzMarshalJSON(f *testing.F) {
	for _, s := range []string{"", "R&D <team>", `a\u0026b`, `\\u003c`, "\u2028\u2029", "\x00\xff", `"quoted"`, `\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := map[string]any{"s": s, s: []string{s, "&" + s}}
		got, err := MarshalJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got, w) {
			t.Fatalf("MarshalJSON(%q) = %s, encoder %s", s, got, w)
		}
	})
}
