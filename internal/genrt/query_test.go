package genrt_test

import (
	"net/url"
	"testing"

	"github.com/oapi-codegen/runtime"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

// awkwardValues are query values whose encoding differs between
// form-encoding conventions: a space, the sub-delimiters, a slash, a
// percent sign and non-ASCII text.
var awkwardValues = []struct{ value, wire string }{
	{"api group one", "api%20group%20one"},
	{"a+b", "a%2Bb"},
	{"a&b=c", "a%26b%3Dc"},
	{"x/y?z#", "x%2Fy%3Fz%23"},
	{"100%", "100%25"},
	{"分组 ü", "%E5%88%86%E7%BB%84%20%C3%BC"},
	{" leading and trailing ", "%20leading%20and%20trailing%20"},
	{"~-._", "~-._"},
}

// TestQueryWire checks what the generated clients put on the wire for a
// query value: a space as %20 (never '+'), and the result byte for byte
// what the Huawei signer canonicalises, so a signature over the
// canonical query covers the query as sent.
func TestQueryWire(t *testing.T) {
	for _, tc := range awkwardValues {
		frag, err := runtime.StyleParamWithOptions("form", true, "name", tc.value,
			runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery, Type: "string"})
		if err != nil {
			t.Fatal(err)
		}
		got := genrt.Query([]string{frag})
		if want := "name=" + tc.wire; got != want {
			t.Errorf("Query(%q) = %q, want %q", tc.value, got, want)
		}
		if canon := string(auth.AppendHuaweiCanonicalQuery(nil, got)); canon != got {
			t.Errorf("value %q: wire query %q, canonical query %q", tc.value, got, canon)
		}
		if q, err := url.ParseQuery(got); err != nil || q.Get("name") != tc.value {
			t.Errorf("value %q: the server reads %q (%v)", tc.value, q.Get("name"), err)
		}
	}
	if got := genrt.Query([]string{"a=1", "b=x+y"}); got != "a=1&b=x%20y" {
		t.Errorf("Query joins with &: got %q", got)
	}
	if got := genrt.Query(nil); got != "" {
		t.Errorf("Query(nil) = %q", got)
	}
}
