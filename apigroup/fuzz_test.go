package apigroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
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

// fzTransport answers every request with 200 and the same body, in memory,
// and records what was sent.
type fzTransport struct {
	body []byte
	rid  string
	reqs []fzRequest
}

type fzRequest struct {
	req  *http.Request
	body []byte
}

func (rt *fzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	rt.reqs = append(rt.reqs, fzRequest{req, b})
	h := http.Header{"Content-Type": {"application/json"}}
	if rt.rid != "" {
		h.Set("X-Request-Id", rt.rid)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(rt.body)), ContentLength: int64(len(rt.body)), Request: req,
	}, nil
}

// fzHeaderValue keeps what net/http lets through in a response header
// value: visible ASCII, space, tab and bytes 0x80-0xFF, trimmed.
func fzHeaderValue(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), " \t")
}

func fzClient(t *testing.T, rt *fzTransport, project, instance string) (*apigroup.Client, error) {
	t.Helper()
	return apigroup.NewClient(instance,
		apigroup.WithEndpoint("https://"+fzHost),
		apigroup.WithHTTPClient(&http.Client{Transport: rt}),
		apigroup.WithAKSK("AKTESTAKTESTAKTEST01", "sk-test-secret-value"),
		apigroup.WithProjectID(project))
}

// fzCheckLine fails unless s is one non-empty line of valid UTF-8 without
// control characters.
func fzCheckLine(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		t.Fatalf("%s is not one clean line: %q", what, s)
	}
}

// fzCheckDecoded checks the outcome of a call whose 200 body was fuzzed:
// a value and no error when the generated model decodes the body, and
// otherwise no value and an *Error matching ErrMalformedResponse.
func fzCheckDecoded(t *testing.T, call string, gotValue bool, err error, decodes bool, body []byte) {
	t.Helper()
	switch {
	case err == nil && !gotValue:
		t.Fatalf("%s: neither a value nor an error", call)
	case err != nil && gotValue:
		t.Fatalf("%s: both a value and %v", call, err)
	case err == nil && !decodes:
		t.Fatalf("%s: decoded a body the generated model rejects: %q", call, body)
	case err == nil:
		return
	}
	var e *apigroup.Error
	if !errors.As(err, &e) || !errors.Is(err, apigroup.ErrMalformedResponse) {
		t.Fatalf("%s: %v (%T) is not an *Error matching ErrMalformedResponse", call, err, err)
	}
	if decodes {
		t.Fatalf("%s: %v for a body the generated model decodes: %q", call, err, body)
	}
	if e.StatusCode != http.StatusOK || len(e.Body) > apierror.MaxBodyCopy {
		t.Fatalf("%s: status %d, %d body bytes kept", call, e.StatusCode, len(e.Body))
	}
	fzCheckLine(t, call+": Error()", e.Error())
}

func fzCheckGroup(t *testing.T, g *apigroup.Group) {
	t.Helper()
	if g == nil {
		t.Fatal("nil group")
	}
	for _, tm := range []struct {
		name string
		zero bool
		loc  string
	}{{"RegisteredAt", g.RegisteredAt.IsZero(), g.RegisteredAt.Location().String()}, {"UpdatedAt", g.UpdatedAt.IsZero(), g.UpdatedAt.Location().String()}} {
		if !tm.zero && tm.loc != "UTC" {
			t.Fatalf("%s is in %s, not UTC", tm.name, tm.loc)
		}
	}
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
		rt := &fzTransport{body: body, rid: fzHeaderValue(rid)}
		c, err := fzClient(t, rt, fzProject, fzInst)
		if err != nil {
			t.Fatal(err)
		}
		infoOK := json.Unmarshal(body, new(gen.APIGroupInfo)) == nil
		listOK := json.Unmarshal(body, new(gen.APIGroupList)) == nil

		g, err := c.Create(ctx, apigroup.CreateInput{Name: "api_group_001"})
		fzCheckDecoded(t, "Create", g != nil, err, infoOK, body)
		g2, err := c.Get(ctx, fzGroup)
		fzCheckDecoded(t, "Get", g2 != nil, err, infoOK, body)
		g3, err := c.Update(ctx, fzGroup, apigroup.UpdateInput{Name: "api_group_001", Remark: apigroup.Ptr("")})
		fzCheckDecoded(t, "Update", g3 != nil, err, infoOK, body)
		if infoOK {
			fzCheckGroup(t, g)
		}
		if err := c.Delete(ctx, fzGroup); err != nil {
			t.Fatalf("Delete: a 200 is success whatever the body: %v", err)
		}
		page, err := c.ListPage(ctx, nil)
		fzCheckDecoded(t, "ListPage", page != nil, err, listOK, body)
		if page != nil {
			for _, g := range page.Groups {
				fzCheckGroup(t, g)
			}
		}
		// List pages for as long as the server says there is more; stop
		// after a few requests, since this server always says the same.
		start := len(rt.reqs)
		for g, err := range c.List(ctx, nil) {
			if (g == nil) == (err == nil) {
				t.Fatalf("List yielded %v, %v", g, err)
			}
			if err != nil {
				fzCheckDecoded(t, "List", false, err, listOK, body)
			}
			if len(rt.reqs)-start >= 3 {
				break
			}
		}
	})
}

// fzCheckRequest checks a request that validation let through: it went to
// the endpoint, its path is exactly the expected segments (each input in
// one segment, escaped; no '/', "." or ".." of its own; no control
// characters), its query is escaped, and no header holds CR or LF.
func fzCheckRequest(t *testing.T, r fzRequest, want ...string) {
	t.Helper()
	u := r.req.URL
	if u.Host != fzHost || r.req.Host != "" && r.req.Host != fzHost {
		t.Fatalf("request went to %q", u.Host)
	}
	esc := u.EscapedPath()
	for i := 0; i < len(esc); i++ {
		if c := esc[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("path %q holds the unescaped byte %q", esc, c)
		}
	}
	segs := strings.Split(strings.TrimPrefix(esc, "/"), "/")
	if !strings.HasPrefix(esc, "/") || len(segs) != len(want) {
		t.Fatalf("path %q, want the segments %q", esc, want)
	}
	for i, s := range segs {
		un, err := url.PathUnescape(s)
		if err != nil || un != want[i] || un == "." || un == ".." || strings.ContainsFunc(un, unicode.IsControl) {
			t.Fatalf("path %q: segment %d is %q (%v), want %q", esc, i, un, err, want[i])
		}
	}
	for i := 0; i < len(u.RawQuery); i++ {
		if c := u.RawQuery[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("query %q holds the unescaped byte %q", u.RawQuery, c)
		}
	}
	for k, vs := range r.req.Header {
		for _, v := range append(vs, k) {
			if strings.ContainsAny(v, "\r\n") {
				t.Fatalf("header %q: %q holds CR or LF", k, v)
			}
		}
	}
}

// fzValidName is the documented name rule: 3 to 255 characters; letters,
// digits, Chinese characters and -_./():, starting with a letter, digit or
// Chinese character.
func fzValidName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 255 || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		ok := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || unicode.Is(unicode.Han, r)
		if !ok && (i == 0 || !strings.ContainsRune("-_./():", r)) {
			return false
		}
	}
	return true
}

// fzOutcome checks one call: rejected input sent nothing and says which
// field; accepted input sent exactly one request, which check inspects.
func fzOutcome(t *testing.T, call string, rt *fzTransport, err error, check func(fzRequest)) {
	t.Helper()
	sent := rt.reqs
	rt.reqs = nil
	if errors.Is(err, apigroup.ErrValidation) {
		var ve *apigroup.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) == 0 {
			t.Fatalf("%s: %v is not a *ValidationError naming a field", call, err)
		}
		if len(sent) != 0 {
			t.Fatalf("%s: rejected (%v) but sent %d requests", call, err, len(sent))
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", call, err)
	}
	if len(sent) != 1 {
		t.Fatalf("%s: sent %d requests", call, len(sent))
	}
	check(sent[0])
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
		rt := &fzTransport{body: []byte(`{}`)}
		c, err := fzClient(t, rt, project, instance)
		if err != nil {
			if len(rt.reqs) != 0 {
				t.Fatal("NewClient sent a request")
			}
			project, instance = fzProject, fzInst
			if c, err = fzClient(t, rt, project, instance); err != nil {
				t.Fatal(err)
			}
		}
		base := []string{"v2", project, "apigw", "instances", instance, "api-groups"}
		item := append(base[:len(base):len(base)], groupID)
		checkBody := func(r fzRequest, wantRemark *string) {
			var b struct {
				Name   string  `json:"name"`
				Remark *string `json:"remark"`
			}
			if err := json.Unmarshal(r.body, &b); err != nil {
				t.Fatalf("body %q: %v", r.body, err)
			}
			if !fzValidName(name) || b.Name != name {
				t.Fatalf("sent the name %q for %q", b.Name, name)
			}
			if wantRemark != nil && utf8.ValidString(*wantRemark) && (b.Remark == nil || *b.Remark != *wantRemark) {
				t.Fatalf("sent the remark %v for %q", b.Remark, *wantRemark)
			}
		}

		_, err = c.Get(ctx, groupID)
		fzOutcome(t, "Get", rt, err, func(r fzRequest) { fzCheckRequest(t, r, item...) })
		err = c.Delete(ctx, groupID)
		fzOutcome(t, "Delete", rt, err, func(r fzRequest) { fzCheckRequest(t, r, item...) })
		_, err = c.Update(ctx, groupID, apigroup.UpdateInput{Name: name, Remark: &remark})
		fzOutcome(t, "Update", rt, err, func(r fzRequest) { fzCheckRequest(t, r, item...); checkBody(r, &remark) })
		_, err = c.Create(ctx, apigroup.CreateInput{Name: name, Remark: remark})
		var wantRemark *string
		if remark != "" {
			wantRemark = &remark
		}
		fzOutcome(t, "Create", rt, err, func(r fzRequest) { fzCheckRequest(t, r, base...); checkBody(r, wantRemark) })

		opts := &apigroup.ListOptions{Name: listName, ExactName: exact, ID: listID, PageSize: pageSize, Offset: offset}
		_, err = c.ListPage(ctx, opts)
		fzOutcome(t, "ListPage", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, base...)
			q, err := url.ParseQuery(r.req.URL.RawQuery)
			if err != nil {
				t.Fatalf("query %q: %v", r.req.URL.RawQuery, err)
			}
			if q.Get("name") != listName || q.Get("id") != listID {
				t.Fatalf("query %q does not carry name %q and id %q", r.req.URL.RawQuery, listName, listID)
			}
			if pageSize < 0 || pageSize > apigroup.MaxPageLen || offset < 0 {
				t.Fatalf("sent page size %d and offset %d", pageSize, offset)
			}
		})
	})
}
