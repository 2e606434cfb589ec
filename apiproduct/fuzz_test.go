package apiproduct_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
)

// Fuzz targets for issue #7: every response model decoded from arbitrary
// bytes through the client's own path (pipeline, generated client, mapping,
// the fields kept for read-modify-write), and the input validators driven
// through the public calls.

const (
	fzHost = "apigee.fuzz.example"
	fzOrg  = "acme-prod"
)

func fzClient(t *testing.T, rt *fzTransport, org string) (*apiproduct.Client, error) {
	t.Helper()
	return apiproduct.NewClient(org,
		apiproduct.WithEndpoint("https://"+fzHost),
		apiproduct.WithHTTPClient(&http.Client{Transport: rt}),
		apiproduct.WithAccessToken("ya29.test-access-token"))
}

func fzCheckProduct(t *testing.T, p *apiproduct.Product) {
	t.Helper()
	if p == nil {
		t.Fatal("nil product")
	}
	for _, tm := range []struct {
		name string
		zero bool
		loc  string
	}{{"CreatedAt", p.CreatedAt.IsZero(), p.CreatedAt.Location().String()}, {"LastModifiedAt", p.LastModifiedAt.IsZero(), p.LastModifiedAt.Location().String()}} {
		if !tm.zero && tm.loc != "UTC" {
			t.Fatalf("%s is in %s, not UTC", tm.name, tm.loc)
		}
	}
}

// fzKnown are the top-level wire names of the generated product model.
func fzKnown() map[string]bool {
	m := map[string]bool{}
	rt := reflect.TypeFor[gen.APIProduct]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		m[name] = true
	}
	return m
}

// fzCompact returns raw JSON without insignificant white space.
func fzCompact(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	return b.String()
}

// FuzzDecodeResponses decodes arbitrary 200 bodies as the answer to every
// call: Product (Create, Get, Update, Delete, Move, Modify), the product
// list (List), the attribute list and one attribute. Modify must send back
// every top-level field it does not model, unchanged.
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range []string{
		seedProduct,
		`{"name":"gold","createdAt":"1596178555866","lastModifiedAt":"-9223372036854775808","futureField":{"a":[1,2]},"space":"s1"}`,
		`{"apiProduct":[{"name":"gold"},{"name":"silver","createdAt":"1"}]}`,
		`{"apiProduct":[null,{}]}`,
		`{"attribute":[{"name":"access","value":"public"},{"name":"tier"}]}`,
		`{"name":"access","value":"public"}`,
		`{"name":"gold","quotaTimeUnit":"fortnight","unknown":null,"x":"\u0000"}`,
		`{"name":"gold","operationGroup":{"operationConfigs":null},"llmOperationGroup":{"operationConfigs":[{"llmTokenQuota":{}}]}}`,
		`{"name":"gold","createdAt":1}`, `{"apiProduct":{}}`, `{"attribute":"x"}`,
		`[]`, `null`, ``, `{`, "\xff",
	} {
		f.Add([]byte(b), "req-123")
	}
	f.Add([]byte(`{"name":1}`), "rid\twith tab \x80")
	f.Fuzz(func(t *testing.T, body []byte, rid string) {
		ctx := context.Background()
		rt := &fzTransport{body: body, rid: fzHeaderValue(rid)}
		c, err := fzClient(t, rt, fzOrg)
		if err != nil {
			t.Fatal(err)
		}
		productOK := json.Unmarshal(body, new(gen.APIProduct)) == nil
		listOK := json.Unmarshal(body, new(gen.ListAPIProductsResult)) == nil
		attrsOK := json.Unmarshal(body, new(gen.Attributes)) == nil
		attrOK := json.Unmarshal(body, new(gen.Attribute)) == nil
		in := &apiproduct.Product{Name: "gold"}

		for call, do := range map[string]func() (*apiproduct.Product, error){
			"Create": func() (*apiproduct.Product, error) { return c.Create(ctx, in) },
			"Get":    func() (*apiproduct.Product, error) { return c.Get(ctx, "gold") },
			"Update": func() (*apiproduct.Product, error) { return c.Update(ctx, in) },
			"Delete": func() (*apiproduct.Product, error) { return c.Delete(ctx, "gold") },
			"Move":   func() (*apiproduct.Product, error) { return c.Move(ctx, "gold", "s1") },
		} {
			p, err := do()
			fzCheckDecoded(t, call, p != nil, err, productOK, body)
			if p != nil {
				fzCheckProduct(t, p)
			}
		}

		start := len(rt.reqs)
		for p, err := range c.List(ctx, &apiproduct.ListOptions{Expand: true, PageSize: 2}) {
			if (p == nil) == (err == nil) {
				t.Fatalf("List yielded %v, %v", p, err)
			}
			if err != nil {
				fzCheckDecoded(t, "List", false, err, listOK, body)
			}
			if len(rt.reqs)-start > 3 {
				t.Fatalf("List sent %d requests for the same page", len(rt.reqs)-start)
			}
		}

		_, err = c.ListAttributes(ctx, "gold")
		fzCheckDecoded(t, "ListAttributes", err == nil, err, attrsOK, body)
		_, err = c.ReplaceAttributes(ctx, "gold", nil)
		fzCheckDecoded(t, "ReplaceAttributes", err == nil, err, attrsOK, body)
		for call, do := range map[string]func() (*apiproduct.Attribute, error){
			"GetAttribute":    func() (*apiproduct.Attribute, error) { return c.GetAttribute(ctx, "gold", "access") },
			"UpdateAttribute": func() (*apiproduct.Attribute, error) { return c.UpdateAttribute(ctx, "gold", "access", "public") },
			"DeleteAttribute": func() (*apiproduct.Attribute, error) { return c.DeleteAttribute(ctx, "gold", "access") },
		} {
			a, err := do()
			fzCheckDecoded(t, call, a != nil, err, attrOK, body)
		}

		// Modify: read, change, write back. Only a product whose name
		// validates can be modified; the body stays the same, so the read
		// names the product asked for.
		p, err := c.Get(ctx, "gold")
		if err != nil || p.Name == "" {
			return
		}
		rt.reqs = nil
		m, err := c.Modify(ctx, p.Name, func(p *apiproduct.Product) error { p.Description = "changed"; return nil })
		sent := rt.reqs
		switch {
		case errors.Is(err, apiproduct.ErrValidation):
			// The name, or what the server sent, does not validate: the
			// product is not written.
			if m != nil || len(sent) > 1 {
				t.Fatalf("Modify: %v, but %d requests and %v", err, len(sent), m)
			}
			return
		case err != nil || m == nil || len(sent) != 2:
			t.Fatalf("Modify: %v, %v after %d requests", m, err, len(sent))
		}
		var read, written map[string]json.RawMessage
		if json.Unmarshal(body, &read) != nil {
			return
		}
		if err := json.Unmarshal(sent[1].body, &written); err != nil {
			t.Fatalf("Modify wrote %q: %v", sent[1].body, err)
		}
		known := fzKnown()
		for k, v := range read {
			if known[k] {
				continue
			}
			if w, ok := written[k]; !ok || fzCompact(t, w) != fzCompact(t, v) {
				t.Fatalf("Modify dropped or changed the field %q: read %s, wrote %s", k, v, w)
			}
		}
		if _, ok := written["createdAt"]; ok {
			t.Fatal("Modify sent createdAt")
		}
	})
}

// fzValidName is the documented character set of a product name:
// A-Z0-9._\-$ % (and lower-case letters).
func fzValidName(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("._-$ %", r)) {
			return false
		}
	}
	return true
}

// FuzzValidation drives every call with arbitrary organizations, names,
// attributes, enumerations and list options.
func FuzzValidation(f *testing.F) {
	f.Add(fzOrg, "weather-premium", "access", "public", "space-1", "Forecasts", "manual", "day", "access", "", "", "gold", 0)
	f.Add("acme/prod", "..", ".", "", "", "", "automatic", "week", "", "v", "s", "", 1)
	f.Add("o%2Fx", "gold 100$%", "a/b", "x\r\ny", "s\x00", "line\nbreak", "", "", "a\x00", "b", "", "k\x7f", 1001)
	f.Add("o", "gold:move", "a?b#c", "", "", "", "auto", "minute", "n", "v", "", "", 2)
	f.Add(fzOrg, "\xff", "\xfe", "\xff", "\xff", "\xff", "manual", "hour", "\xff", "\xff", "\xff", "\xff", 1000)
	f.Fuzz(func(t *testing.T, org, name, attrName, attrValue, space, description, approval, timeUnit, listAttrName, listAttrValue, listSpace, startKey string, pageSize int) {
		ctx := context.Background()
		rt := &fzTransport{body: []byte(`{}`)}
		c, err := fzClient(t, rt, org)
		if err != nil {
			if len(rt.reqs) != 0 {
				t.Fatal("NewClient sent a request")
			}
			org = fzOrg
			if c, err = fzClient(t, rt, org); err != nil {
				t.Fatal(err)
			}
		}
		products := []string{"v1", "organizations", org, "apiproducts"}
		product := func(rest ...string) []string {
			return append([]string{"v1", "organizations", org, "apiproducts", name}, rest...)
		}
		checkName := func(r fzRequest) {
			if !fzValidName(name) {
				t.Fatalf("sent the product name %q", name)
			}
		}

		_, err = c.Get(ctx, name)
		fzOutcome(t, "Get", rt, err, func(r fzRequest) { fzCheckRequest(t, r, product()...); checkName(r) })
		_, err = c.Delete(ctx, name)
		fzOutcome(t, "Delete", rt, err, func(r fzRequest) { fzCheckRequest(t, r, product()...); checkName(r) })
		_, err = c.Move(ctx, name, space)
		fzOutcome(t, "Move", rt, err, func(r fzRequest) {
			fzCheckRequest(t, r, append(products, name+":move")...)
			checkName(r)
		})
		_, err = c.ListAttributes(ctx, name)
		fzOutcome(t, "ListAttributes", rt, err, func(r fzRequest) { fzCheckRequest(t, r, product("attributes")...) })
		_, err = c.ReplaceAttributes(ctx, name, []apiproduct.Attribute{{Name: attrName, Value: attrValue}})
		fzOutcome(t, "ReplaceAttributes", rt, err, func(r fzRequest) { fzCheckRequest(t, r, product("attributes")...) })
		for call, do := range map[string]func() (*apiproduct.Attribute, error){
			"GetAttribute":    func() (*apiproduct.Attribute, error) { return c.GetAttribute(ctx, name, attrName) },
			"UpdateAttribute": func() (*apiproduct.Attribute, error) { return c.UpdateAttribute(ctx, name, attrName, attrValue) },
			"DeleteAttribute": func() (*apiproduct.Attribute, error) { return c.DeleteAttribute(ctx, name, attrName) },
		} {
			_, err = do()
			fzOutcome(t, call, rt, err, func(r fzRequest) { fzCheckRequest(t, r, product("attributes", attrName)...); checkName(r) })
		}

		p := &apiproduct.Product{Name: name, Description: description, Space: space, ApprovalType: apiproduct.ApprovalType(approval),
			QuotaTimeUnit: apiproduct.TimeUnit(timeUnit), Attributes: []apiproduct.Attribute{{Name: attrName, Value: attrValue}}}
		checkProduct := func(r fzRequest) {
			checkName(r)
			var b struct {
				Name string `json:"name"`
			}
			if err := json.Unmarshal(r.body, &b); err != nil || b.Name != name {
				t.Fatalf("sent %q for the name %q: %v", r.body, name, err)
			}
			if approval != "" && approval != "manual" && approval != "auto" || timeUnit != "" && !strings.Contains(" minute hour day month ", " "+timeUnit+" ") {
				t.Fatalf("sent approvalType %q and quotaTimeUnit %q", approval, timeUnit)
			}
		}
		_, err = c.Create(ctx, p)
		fzOutcome(t, "Create", rt, err, func(r fzRequest) { fzCheckRequest(t, r, products...); checkProduct(r) })
		_, err = c.Update(ctx, p)
		fzOutcome(t, "Update", rt, err, func(r fzRequest) { fzCheckRequest(t, r, product()...); checkProduct(r) })

		opts := &apiproduct.ListOptions{AttributeName: listAttrName, AttributeValue: listAttrValue, Space: listSpace, StartKey: startKey, PageSize: pageSize}
		var listErr error
		for _, err := range c.List(ctx, opts) {
			listErr = err
			break
		}
		fzOutcome(t, "List", rt, listErr, func(r fzRequest) {
			fzCheckRequest(t, r, products...)
			q, err := url.ParseQuery(r.req.URL.RawQuery)
			if err != nil || q.Get("attributename") != listAttrName || q.Get("attributevalue") != listAttrValue ||
				q.Get("space") != listSpace || q.Get("startKey") != startKey {
				t.Fatalf("query %q (%v) does not carry the filters", r.req.URL.RawQuery, err)
			}
			if pageSize != 0 && (pageSize < 2 || pageSize > apiproduct.MaxPageSize) {
				t.Fatalf("sent the page size %d", pageSize)
			}
		})
	})
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
	var e *apiproduct.Error
	if !errors.As(err, &e) || !errors.Is(err, apiproduct.ErrMalformedResponse) {
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
	if errors.Is(err, apiproduct.ErrValidation) {
		var ve *apiproduct.ValidationError
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
