package appgroup

import (
	"testing"

	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
	"github.com/apimgmt/apimgmt-go/internal/jsonfast/jsonfasttest"
)

// checkFast checks read on data against encoding/json, and reports
// whether it accepted data.
func checkFast[T any](t testing.TB, data string, read func([]byte) (*T, bool)) bool {
	t.Helper()
	return jsonfasttest.Check(t, data, read, jsonfasttest.Unmarshal[T])
}

// checkFastDecode checks every reader on data and reports whether the
// detail reader accepted it.
func checkFastDecode(t testing.TB, data string) bool {
	t.Helper()
	checkFast(t, data, readGroupText)
	checkFast(t, data, readGroupListText)
	return checkFast(t, data, readDetailText)
}

// randomJSON fills a T at random and writes it as encoding/json does.
func randomJSON[T any](t *testing.T, f *jsonfasttest.Filler) string {
	t.Helper()
	v := new(T)
	jsonfasttest.Fill(f, v)
	b, err := genrt.MarshalJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fast readers read groups, details and pages, filled at random through
// every field of the generated models and written by encoding/json, as
// encoding/json reads them; with strings that need no escape, they read
// every one.
func TestFastDecode(t *testing.T) {
	for _, alphabet := range []string{jsonfasttest.Plain, jsonfasttest.Escaped} {
		f := jsonfasttest.NewFiller(1, alphabet)
		for i := range 2000 {
			group, detail, page := randomJSON[gen.AppGroup](t, f), randomJSON[gen.AppGroupDetail](t, f), randomJSON[gen.AppGroupList](t, f)
			read := []bool{
				checkFast(t, group, readGroupText), checkFast(t, detail, readDetailText), checkFast(t, page, readGroupListText),
			}
			checkFastDecode(t, group)
			checkFastDecode(t, detail)
			checkFastDecode(t, page)
			if alphabet == jsonfasttest.Plain && (!read[0] || !read[1] || !read[2]) {
				t.Fatalf("input %d: the fast path gave up (%v) on %s, %s or %s", i, read, group, detail, page)
			}
		}
	}
	for _, data := range []string{
		`{"name":"g","Name":"h"}`, `{"name":"g","name":"h"}`, `{"extra":1}`, `{"app_count":1.0}`, `{"app_count":2147483648}`,
		`{"name":"a\u0041"}`, `{"items":[{"app_server_group_description":"d"}]}`, `{"count":"1"}`,
	} {
		if checkFastDecode(t, data) {
			t.Errorf("the fast path read %q", data)
		}
	}
	// A group is not a detail: the server group's description is not one of
	// its members (encoding/json skips it; the fast path leaves it to
	// encoding/json).
	if checkFast(t, `{"id":"g","app_server_group_description":"d"}`, readGroupText) {
		t.Error("a group read the server group's description")
	}
}

// FuzzFastDecode: whatever the response, the fast readers either give up
// or read it as encoding/json does.
func FuzzFastDecode(f *testing.F) {
	f.Add(`{"id":"g1","name":"group","app_count":3,"app_type":"SESSION_DESKTOP_APP","app_server_group_description":"d"}`)
	f.Add(`{"count":2,"items":[{"id":"g1"},{"id":"g2","tenant_id":"t"}]}`)
	f.Add(`{"app_count":-0,"name":null}`)
	f.Fuzz(func(t *testing.T, data string) { checkFastDecode(t, data) })
}
