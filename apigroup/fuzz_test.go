package apigroup_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/fuzzcheck"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
)

// Fuzz targets for issue #7: every response model decoded from arbitrary
// bytes through the client's own path (pipeline, signer, generated client,
// mapping), and the input validators driven through the public calls.

const (
	fzHost    = "apig.fuzz.example"
	fzProject = "a4da8115c9d8464ead3a38309130523f"
	fzInst    = "eddc4d25480b4cd6b512f270a1b8b341"
	fzGroup   = "c77f5e81d9cb4424bf704ef2b0ac7600"
)

func fzClient(t *testing.T, rt *fuzzcheck.Transport, project, instance string) (*apigroup.Client, error) {
	t.Helper()
	return apigroup.NewClient(instance,
		apigroup.WithEndpoint("https://"+fzHost),
		apigroup.WithHTTPClient(&http.Client{Transport: rt}),
		apigroup.WithAKSK("AKTESTAKTESTAKTEST01", "sk-test-secret-value"),
		apigroup.WithProjectID(project))
}

func fzCheckGroup(t *testing.T, g *apigroup.Group) {
	t.Helper()
	if g == nil {
		t.Fatal("nil group")
	}
	fuzzcheck.CheckUTC(t, "RegisteredAt", g.RegisteredAt)
	fuzzcheck.CheckUTC(t, "UpdatedAt", g.UpdatedAt)
}

// fzIdentity is a group's identity: the fields an answer cannot do without.
type fzIdentity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FuzzDecodeResponses decodes arbitrary 200 bodies as the answer to every
// call that reads one: Group (Create, Get, Update) and Page (ListPage, List).
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range []string{
		seedUpdateResponse,
		`{"total":2,"size":2,"groups":[{"id":"a","name":"g1","status":1,"url_domains":[{"id":"d","domain":"x.example.com","cname_status":3,"ssl_infos":[{"ssl_id":"s","algorithm_type":"RSA","type":"instance"}],"min_ssl_version":"TLSv1.2","ingress_http_port":-1}]},{"id":"b","name":"g2","register_time":"2020-07-31 06:55:55"}]}`,
		`{"groups":[null,{}],"total":9223372036854775807}`,
		`{"update_time":"9999-12-31T23:59:59-23:59","register_time":"2020-07-31T06:55:55Z.Z."}`,
		`{"id":1}`, `{"groups":{}}`, `{"total":"1"}`, `[]`, `null`, ``, `{`, `{"status":"FAILURE"}`, "\xff",
	} {
		f.Add([]byte(b), "req-123")
	}
	f.Add([]byte(`{"name":1}`), "rid\twith tab \x80")
	f.Fuzz(func(t *testing.T, body []byte, rid string) {
		ctx := context.Background()
		rt, c := fuzzcheck.DecodeClient(t, body, rid, func(rt *fuzzcheck.Transport) (*apigroup.Client, error) { return fzClient(t, rt, fzProject, fzInst) })
		// A field of an unexpected type outside a group's identity (ID,
		// name) or a page's (total, the groups' IDs and names) leaves the
		// rest readable.
		infoOK := fuzzcheck.Decodes[gen.APIGroupInfo, fzIdentity](body)
		listOK := fuzzcheck.Decodes[gen.APIGroupList, struct {
			Total  int64        `json:"total"`
			Groups []fzIdentity `json:"groups"`
		}](body)

		g, err := c.Create(ctx, apigroup.CreateInput{Name: "api_group_001"})
		fuzzcheck.CheckDecoded(t, "Create", g != nil, err, infoOK, body)
		g2, err := c.Get(ctx, fzGroup)
		fuzzcheck.CheckDecoded(t, "Get", g2 != nil, err, infoOK, body)
		g3, err := c.Update(ctx, fzGroup, apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("")})
		fuzzcheck.CheckDecoded(t, "Update", g3 != nil, err, infoOK, body)
		if infoOK {
			fzCheckGroup(t, g)
		}
		if err := c.Delete(ctx, fzGroup); err != nil {
			t.Fatalf("Delete: a 200 is success whatever the body: %v", err)
		}
		page, err := c.ListPage(ctx, nil)
		fuzzcheck.CheckPage(t, page, err, listOK, body, func(p *apigroup.Page) []*apigroup.Group { return p.Items }, fzCheckGroup)
		// List pages for as long as the server says there is more; stop
		// after a few requests, since this server always says the same.
		fuzzcheck.CheckList(t, rt, c.List(ctx, nil), listOK, body)
	})
}

// fzValidName is the documented name rule: 3 to 255 characters; letters,
// digits, Chinese characters and -_./():（）：、, starting with a letter, digit or
// Chinese character.
func fzValidName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 255 || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		ok := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || unicode.Is(unicode.Han, r)
		if !ok && (i == 0 || !strings.ContainsRune("-_./():（）：、", r)) {
			return false
		}
	}
	return true
}

// FuzzValidation drives every call with arbitrary IDs, names, remarks and
// list options.
func FuzzValidation(f *testing.F) {
	f.Add(fzProject, fzInst, fzGroup, "api_group_001", "API group 1", "api_group", "", int32(0), int64(0), false)
	f.Add(fzProject, fzInst, "..", "ab", strings.Repeat("r", 1001), "", "a/b", int32(501), int64(-1), true)
	f.Add("p/q", "i%2F", "g?x#y", "订单/api:(v1)", "line\r\nbreak", "name with space&x=y", "id\x00", int32(-1), int64(1<<40), true)
	f.Add("p", "i", ".", "_bad", "", "", ".", int32(500), int64(0), false)
	f.Add(fzProject, fzInst, "a\\b", "abc\u0085", "é", "\xff", "é", int32(1), int64(5), false)
	f.Fuzz(func(t *testing.T, project, instance, groupID, name, remark, listName, listID string, pageSize int32, offset int64, exact bool) {
		ctx := context.Background()
		rt := &fuzzcheck.Transport{Body: []byte(`{}`)}
		c := fuzzcheck.ValidationClient(t, rt, func() (*apigroup.Client, error) { return fzClient(t, rt, project, instance) },
			func() { project, instance = fzProject, fzInst })
		base := []string{"v2", project, "apigw", "instances", instance, "api-groups"}
		item := append(base[:len(base):len(base)], groupID)
		checkBody := func(r fuzzcheck.Request, wantRemark *string) {
			var b struct {
				Name   string  `json:"name"`
				Remark *string `json:"remark"`
			}
			if err := json.Unmarshal(r.Body, &b); err != nil {
				t.Fatalf("body %q: %v", r.Body, err)
			}
			if !fzValidName(name) || b.Name != name {
				t.Fatalf("sent the name %q for %q", b.Name, name)
			}
			if wantRemark != nil && utf8.ValidString(*wantRemark) && (b.Remark == nil || *b.Remark != *wantRemark) {
				t.Fatalf("sent the remark %v for %q", b.Remark, *wantRemark)
			}
		}

		_, err := c.Get(ctx, groupID)
		fuzzcheck.Outcome(t, "Get", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, item...) })
		err = c.Delete(ctx, groupID)
		fuzzcheck.Outcome(t, "Delete", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, item...) })
		_, err = c.Update(ctx, groupID, apigroup.UpdateInput{Name: name, Remark: &remark})
		fuzzcheck.Outcome(t, "Update", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, item...); checkBody(r, &remark) })
		_, err = c.Create(ctx, apigroup.CreateInput{Name: name, Remark: remark})
		var wantRemark *string
		if remark != "" {
			wantRemark = &remark
		}
		fuzzcheck.Outcome(t, "Create", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, base...); checkBody(r, wantRemark) })

		opts := &apigroup.ListOptions{Name: listName, ExactName: exact, ID: listID, PageSize: int(pageSize), Offset: offset}
		_, err = c.ListPage(ctx, opts)
		fuzzcheck.Outcome(t, "ListPage", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, base...)
			q, err := url.ParseQuery(r.Req.URL.RawQuery)
			if err != nil {
				t.Fatalf("query %q: %v", r.Req.URL.RawQuery, err)
			}
			if q.Get("name") != listName || q.Get("id") != listID {
				t.Fatalf("query %q does not carry name %q and id %q", r.Req.URL.RawQuery, listName, listID)
			}
			if pageSize < 0 || pageSize > apigroup.MaxPageSize || offset < 0 {
				t.Fatalf("sent page size %d and offset %d", pageSize, offset)
			}
		})
	})
}
