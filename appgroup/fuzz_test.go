package appgroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
)

// Fuzz targets for issue #7: every response model decoded from arbitrary
// bytes through the client's own path (pipeline, signer, generated client,
// mapping), and the input validators driven through the public calls.

const (
	fzHost    = "workspace.fuzz.example"
	fzProject = "a4da8115c9d8464ead3a38309130523f"
	fzGroup   = "575772274859184145"
	fzServer  = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
)

func fzClient(t *testing.T, rt *fzTransport, project string) (*appgroup.Client, error) {
	t.Helper()
	return appgroup.NewClient(
		appgroup.WithEndpoint("https://"+fzHost),
		appgroup.WithHTTPClient(&http.Client{Transport: rt}),
		appgroup.WithAKSK("AKWORKSPACETEST00001", "sk-workspace-test-secret"),
		appgroup.WithProjectID(project))
}

func fzCheckGroup(t *testing.T, g *appgroup.Group) {
	t.Helper()
	if g == nil {
		t.Fatal("nil group")
	}
	if !g.CreatedAt.IsZero() && g.CreatedAt.Location().String() != "UTC" {
		t.Fatalf("CreatedAt %v is not in UTC", g.CreatedAt)
	}
}

// FuzzDecodeResponses decodes arbitrary 200 bodies as the answer to every
// call that reads one: Group (Create, Update; Get from the detail model),
// NameCheck (CheckName) and the list (ListPage, List).
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range []string{
		appgrouptest.ExampleUpdateResponse,
		`{"count":1,"items":[` + appgrouptest.ExampleUpdateResponse + `]}`,
		`{"id":"1","name":"office-apps","app_server_group_id":"sg","app_server_group_name":"servers","app_server_group_description":"d","app_type":"COMMON_APP","app_count":3,"create_at":"2023-06-06 14:14:02"}`,
		`{"result":false,"validate_rule":"duplicate"}`,
		`{"result":true}`,
		`{"count":2147483647,"items":[null,{}]}`,
		`{"count":2147483648}`, `{"items":{}}`, `{"result":"yes"}`, `{"create_at":5}`,
		`[]`, `null`, ``, `{`, `{"id": 5`, "\xff",
	} {
		f.Add([]byte(b), "req-123")
	}
	f.Add([]byte(`{"name":1}`), "rid\twith tab \x80")
	f.Fuzz(func(t *testing.T, body []byte, rid string) {
		ctx := context.Background()
		rt := &fzTransport{body: body, rid: fzHeaderValue(rid)}
		c, err := fzClient(t, rt, fzProject)
		if err != nil {
			t.Fatal(err)
		}
		groupOK := json.Unmarshal(body, new(gen.AppGroup)) == nil
		detailOK := json.Unmarshal(body, new(gen.AppGroupDetail)) == nil
		checkOK := json.Unmarshal(body, new(gen.CheckAppGroupNameResult)) == nil
		listOK := json.Unmarshal(body, new(gen.AppGroupList)) == nil

		g, err := c.Create(ctx, appgroup.CreateInput{Name: "office-apps"})
		fzCheckDecoded(t, "Create", g != nil, err, groupOK, body)
		if g != nil {
			fzCheckGroup(t, g)
		}
		g, err = c.Get(ctx, fzGroup)
		fzCheckDecoded(t, "Get", g != nil, err, detailOK, body)
		if g != nil {
			fzCheckGroup(t, g)
		}
		g, err = c.Update(ctx, fzGroup, appgroup.UpdateInput{Description: appgroup.Ptr("d")})
		fzCheckDecoded(t, "Update", g != nil, err, groupOK, body)
		nc, err := c.CheckName(ctx, "office-apps")
		fzCheckDecoded(t, "CheckName", nc != nil, err, checkOK, body)
		if err := c.Delete(ctx, fzGroup); err != nil {
			t.Fatalf("Delete: a 200 is success whatever the body: %v", err)
		}
		if res, err := c.BatchDelete(ctx, []string{"a", "b", "a"}); err != nil || !slices.Equal(res.Deleted, []string{"a", "b"}) {
			t.Fatalf("BatchDelete: a 200 is success whatever the body: %v, %v", res, err)
		}
		page, err := c.ListPage(ctx, nil)
		fzCheckDecoded(t, "ListPage", page != nil, err, listOK, body)
		if page != nil {
			for _, g := range page.Groups {
				fzCheckGroup(t, g)
			}
		}
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

// fzValidName is the documented name rule: 1 to 64 characters, each a
// letter, a digit, a Chinese character (U+4E00 to U+9FFF), _ or -.
func fzValidName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > 64 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' || 0x4E00 <= r && r <= 0x9FFF) {
			return false
		}
	}
	return true
}

// FuzzValidation drives every call with arbitrary IDs, names, descriptions
// and list options. set chooses the fields of Update (bit 0 name, 1 server
// group, 2 description); ids is a comma-separated list for BatchDelete.
func FuzzValidation(f *testing.F) {
	f.Add(fzProject, fzGroup, "office-apps", fzServer, "Office apps", "APP_GROUP", "COMMON_APP", uint8(7), "1,2,3", "office", int32(0), int32(0))
	f.Add(fzProject, "..", "财务-apps_1", "", "", "", "", uint8(0), "a,,b", "", int32(101), int32(-1))
	f.Add("p/q", "a/b", "office apps", "sg?x", "line\r\nbreak", "APP", "SESSION_DESKTOP_APP", uint8(1), strings.Repeat("x,", 45), "n&x=y", int32(100), int32(5))
	f.Add("p", ".", strings.Repeat("名", 65), "%", "\x00", "app_group", "other", uint8(2), "id\x00,ok", "\xff", int32(-1), int32(0))
	f.Add(fzProject, "g#1", "", "sg", "d", "", "", uint8(4), "", "", int32(1), int32(1<<30))
	f.Fuzz(func(t *testing.T, project, groupID, name, serverID, description, authType, appType string, set uint8, ids, listName string, pageSize, offset int32) {
		ctx := context.Background()
		rt := &fzTransport{body: []byte(`{}`)}
		c, err := fzClient(t, rt, project)
		if err != nil {
			if len(rt.reqs) != 0 {
				t.Fatal("NewClient sent a request")
			}
			project = fzProject
			if c, err = fzClient(t, rt, project); err != nil {
				t.Fatal(err)
			}
		}
		base := []string{"v1", project, "app-groups"}
		item := []string{"v1", project, "app-groups", groupID}
		body := func(r fzRequest) map[string]any {
			var m map[string]any
			if err := json.Unmarshal(r.body, &m); err != nil {
				t.Fatalf("body %q: %v", r.body, err)
			}
			return m
		}

		_, err = c.Get(ctx, groupID)
		fzOutcome(t, "Get", rt, err, func(r fzRequest) { fzCheckRequest(t, r, item...) })
		err = c.Delete(ctx, groupID)
		fzOutcome(t, "Delete", rt, err, func(r fzRequest) { fzCheckRequest(t, r, item...) })

		_, err = c.Create(ctx, appgroup.CreateInput{Name: name, AppServerGroupID: serverID, Description: description,
			AuthorizationType: appgroup.AuthorizationType(authType), AppType: appgroup.AppType(appType)})
		fzOutcome(t, "Create", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, base...)
			if m := body(r); !fzValidName(name) || m["name"] != name {
				t.Fatalf("sent the name %q for %q", m["name"], name)
			}
		})

		var in appgroup.UpdateInput
		if set&1 != 0 {
			in.Name = &name
		}
		if set&2 != 0 {
			in.AppServerGroupID = &serverID
		}
		if set&4 != 0 {
			in.Description = &description
		}
		_, err = c.Update(ctx, groupID, in)
		fzOutcome(t, "Update", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, item...)
			m := body(r)
			if len(m) == 0 || len(m) != bitCount(set&7) {
				t.Fatalf("sent %q for the fields %03b", r.body, set&7)
			}
			if in.Name != nil && (!fzValidName(name) || m["name"] != name) {
				t.Fatalf("sent the name %q for %q", m["name"], name)
			}
		})

		_, err = c.CheckName(ctx, name)
		fzOutcome(t, "CheckName", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, "v1", project, "app-groups", "rules", "validate")
			if n := utf8.RuneCountInString(name); n < 1 || n > appgroup.CheckNameMaxLen {
				t.Fatalf("sent a name of %d characters", n)
			}
		})

		_, err = c.ListPage(ctx, &appgroup.ListOptions{AppServerGroupID: serverID, AppGroupID: groupID, Name: listName,
			AuthorizationType: appgroup.AuthorizationType(authType), AppType: appgroup.AppType(appType), PageSize: pageSize, Offset: offset})
		fzOutcome(t, "ListPage", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, base...)
			q, err := url.ParseQuery(r.req.URL.RawQuery)
			if err != nil || q.Get("name") != listName || q.Get("app_group_id") != groupID || q.Get("app_server_group_id") != serverID {
				t.Fatalf("query %q (%v) does not carry the filters", r.req.URL.RawQuery, err)
			}
			if pageSize < 0 || pageSize > appgroup.MaxPageSize || offset < 0 {
				t.Fatalf("sent page size %d and offset %d", pageSize, offset)
			}
		})

		// BatchDelete: nothing sent for a rejected ID; otherwise every
		// distinct ID once, in order, at most 20 a request.
		var list []string
		if ids != "" {
			list = strings.Split(ids, ",")
		}
		var distinct []string
		for _, id := range list {
			if !slices.Contains(distinct, id) {
				distinct = append(distinct, id)
			}
		}
		res, err := c.BatchDelete(ctx, list)
		sent := rt.reqs
		rt.reqs = nil
		if errors.Is(err, appgroup.ErrValidation) {
			if len(sent) != 0 || !slices.Equal(res.NotDeleted, distinct) || len(res.Deleted) != 0 {
				t.Fatalf("BatchDelete rejected %q (%v) but sent %d requests, result %+v", list, err, len(sent), res)
			}
			return
		}
		if err != nil {
			t.Fatalf("BatchDelete: %v", err)
		}
		var got []string
		for _, r := range sent {
			fzCheckRequest(t, r, "v1", project, "app-groups", "batch-delete")
			var b struct {
				IDs []string `json:"ids"`
			}
			if err := json.Unmarshal(r.body, &b); err != nil || len(b.IDs) == 0 || len(b.IDs) > appgroup.MaxBatchDeleteIDs {
				t.Fatalf("batch-delete body %q: %v", r.body, err)
			}
			got = append(got, b.IDs...)
		}
		if !slices.Equal(got, distinct) || !slices.Equal(res.Deleted, distinct) {
			t.Fatalf("BatchDelete(%q) sent %q, reported %q", list, got, res.Deleted)
		}
		for _, id := range distinct {
			if id == "" || id == "." || id == ".." || strings.ContainsAny(id, "/\\") || strings.ContainsFunc(id, unicode.IsControl) {
				t.Fatalf("BatchDelete sent the ID %q", id)
			}
		}
	})
}

func bitCount(b uint8) int {
	n := 0
	for ; b != 0; b &= b - 1 {
		n++
	}
	return n
}

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
	var e *appgroup.Error
	if !errors.As(err, &e) || !errors.Is(err, appgroup.ErrMalformedResponse) {
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

// fzOutcome checks one call: rejected input sent nothing and says which
// field; accepted input sent exactly one request, which check inspects.
func fzOutcome(t *testing.T, call string, rt *fzTransport, err error, check func(fzRequest)) {
	t.Helper()
	sent := rt.reqs
	rt.reqs = nil
	if errors.Is(err, appgroup.ErrValidation) {
		var ve *appgroup.ValidationError
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
