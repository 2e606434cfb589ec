package apigroup

import (
	"testing"

	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
	"github.com/apimgmt/apimgmt-go/internal/jsonfast/jsonfasttest"
)

// checkFastDecode checks both readers on data against encoding/json and
// reports whether the group reader accepted it.
func checkFastDecode(t testing.TB, data string) bool {
	t.Helper()
	jsonfasttest.Check(t, data, readGroupListText, jsonfasttest.Unmarshal[gen.APIGroupList])
	return jsonfasttest.Check(t, data, readGroupText, jsonfasttest.Unmarshal[gen.APIGroupInfo])
}

// The fast readers read groups, filled at random through every field of the
// generated model and written by encoding/json, as encoding/json reads
// them; with strings that need no escape, they read every one.
func TestFastDecode(t *testing.T) {
	for _, alphabet := range []string{jsonfasttest.Plain, jsonfasttest.Escaped} {
		f := jsonfasttest.NewFiller(1, alphabet)
		fast := 0
		for i := range 2000 {
			var l gen.APIGroupList
			jsonfasttest.Fill(f, &l)
			var g gen.APIGroupInfo
			jsonfasttest.Fill(f, &g)
			page, err := genrt.MarshalJSON(l)
			if err != nil {
				t.Fatal(err)
			}
			one, err := genrt.MarshalJSON(g)
			if err != nil {
				t.Fatal(err)
			}
			if checkFastDecode(t, string(one)) {
				fast++
			}
			_, pageOK := readGroupListText(page)
			checkFastDecode(t, string(page))
			if alphabet == jsonfasttest.Plain && (!pageOK || fast != i+1) {
				t.Fatalf("input %d: the fast path gave up on %s or %s", i, one, page)
			}
		}
		t.Logf("%d of 2000 read by the fast path", fast)
	}
	for _, data := range []string{
		`{"name":"g","Name":"h"}`, `{"name":"g","name":"h"}`, `{"extra":1}`, `{"call_limits":1.0}`, `{"call_limits":2147483648}`,
		`{"status":"1"}`, `{"sl_domain_access_enabled":1}`, `{"url_domains":[{"ssl_infos":[{"type":1}]}]}`,
		`{"name":"a\u0041"}`, `{"total":1e3}`,
	} {
		if checkFastDecode(t, data) {
			t.Errorf("the fast path read %q", data)
		}
		if _, ok := readGroupListText([]byte(data)); ok {
			t.Errorf("the fast path read the page %q", data)
		}
	}
}

// FuzzFastDecode: whatever the response, the fast readers either give up
// or read it as encoding/json does.
func FuzzFastDecode(f *testing.F) {
	f.Add(`{"id":"g1","name":"group","status":1,"url_domains":[{"domain":"a.example","is_has_trusted_root_ca":true,"ssl_infos":[{"ssl_id":"s"}]}]}`)
	f.Add(`{"groups":[{"id":"g1"},{"id":"g2","sl_domains":["x"]}],"size":2,"total":2}`)
	f.Add(`{"call_limits":-0,"sl_domain_access_enabled":null}`)
	f.Fuzz(func(t *testing.T, data string) { checkFastDecode(t, data) })
}
