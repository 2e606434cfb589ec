package apiproduct_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/fuzzcheck"
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

func fzClient(t *testing.T, rt *fuzzcheck.Transport, org string) (*apiproduct.Client, error) {
	t.Helper()
	return apiproduct.NewClient(org,
		apiproduct.WithEndpoint("https://"+fzHost),
		apiproduct.WithHTTPClient(&http.Client{Transport: rt}),
		apiproduct.WithToken("ya29.test-access-token"))
}

func fzCheckProduct(t *testing.T, p *apiproduct.Product) {
	t.Helper()
	if p == nil {
		t.Fatal("nil product")
	}
	fuzzcheck.CheckUTC(t, "CreatedAt", p.CreatedAt)
	fuzzcheck.CheckUTC(t, "LastModifiedAt", p.LastModifiedAt)
}

// fzKnown are the top-level wire names of the generated product model.
func fzKnown() []string {
	var names []string
	rt := reflect.TypeFor[gen.APIProduct]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
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
		rt, c := fuzzcheck.DecodeClient(t, body, rid, func(rt *fuzzcheck.Transport) (*apiproduct.Client, error) { return fzClient(t, rt, fzOrg) })
		productOK := fuzzcheck.Object[gen.APIProduct](body)
		listOK := fuzzcheck.Object[gen.ListAPIProductsResult](body)
		attrsOK := fuzzcheck.Object[gen.Attributes](body)
		attrOK := fuzzcheck.Object[gen.Attribute](body)
		in := &apiproduct.Product{Name: "gold"}

		// Delete returns no value: whatever the body, it must not panic.
		_ = c.Delete(ctx, "gold")
		for call, do := range map[string]func() (*apiproduct.Product, error){
			"Create": func() (*apiproduct.Product, error) { return c.Create(ctx, in) },
			"Get":    func() (*apiproduct.Product, error) { return c.Get(ctx, "gold") },
			"Update": func() (*apiproduct.Product, error) { return c.Update(ctx, in) },
			"Move":   func() (*apiproduct.Product, error) { return c.Move(ctx, "gold", "s1") },
		} {
			p, err := do()
			fuzzcheck.CheckDecoded(t, call, p != nil, err, productOK, body)
			if p != nil {
				fzCheckProduct(t, p)
			}
		}

		start := len(rt.Sent)
		for p, err := range c.List(ctx, &apiproduct.ListOptions{Expand: true, PageSize: 2}) {
			if (p == nil) == (err == nil) {
				t.Fatalf("List yielded %v, %v", p, err)
			}
			if err != nil {
				fuzzcheck.CheckListError(t, err, listOK, body)
			}
			if len(rt.Sent)-start > 3 {
				t.Fatalf("List sent %d requests for the same page", len(rt.Sent)-start)
			}
		}

		_, err := c.ListAttributes(ctx, "gold")
		fuzzcheck.CheckDecoded(t, "ListAttributes", err == nil, err, attrsOK, body)
		_, err = c.ReplaceAttributes(ctx, "gold", nil)
		fuzzcheck.CheckDecoded(t, "ReplaceAttributes", err == nil, err, attrsOK, body)
		for call, do := range map[string]func() (*apiproduct.Attribute, error){
			"GetAttribute":    func() (*apiproduct.Attribute, error) { return c.GetAttribute(ctx, "gold", "access") },
			"UpdateAttribute": func() (*apiproduct.Attribute, error) { return c.UpdateAttribute(ctx, "gold", "access", "public") },
			"DeleteAttribute": func() (*apiproduct.Attribute, error) { return c.DeleteAttribute(ctx, "gold", "access") },
		} {
			a, err := do()
			fuzzcheck.CheckDecoded(t, call, a != nil, err, attrOK, body)
		}

		// Modify: read, change, write back. Only a product whose name
		// validates can be modified; the body stays the same, so the read
		// names the product asked for.
		p, err := c.Get(ctx, "gold")
		if err != nil || p.Name == "" {
			return
		}
		rt.Sent = nil
		m, err := c.Modify(ctx, p.Name, func(p *apiproduct.Product) error { p.Description = "changed"; return nil })
		sent := rt.Sent
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
		if err := json.Unmarshal(sent[1].Body, &written); err != nil {
			t.Fatalf("Modify wrote %q: %v", sent[1].Body, err)
		}
		known := fzKnown()
		for k, v := range read {
			if slices.ContainsFunc(known, func(name string) bool { return strings.EqualFold(name, k) }) {
				continue // encoding/json decodes it into the model's field
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
		rt := &fuzzcheck.Transport{Body: []byte(`{}`)}
		c := fuzzcheck.ValidationClient(t, rt, func() (*apiproduct.Client, error) { return fzClient(t, rt, org) }, func() { org = fzOrg })
		products := []string{"v1", "organizations", org, "apiproducts"}
		product := func(rest ...string) []string {
			return append([]string{"v1", "organizations", org, "apiproducts", name}, rest...)
		}
		checkName := func(r fuzzcheck.Request) {
			if !fzValidName(name) {
				t.Fatalf("sent the product name %q", name)
			}
		}

		_, err := c.Get(ctx, name)
		fuzzcheck.Outcome(t, "Get", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, product()...); checkName(r) })
		err = c.Delete(ctx, name)
		fuzzcheck.Outcome(t, "Delete", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, product()...); checkName(r) })
		_, err = c.Move(ctx, name, space)
		fuzzcheck.Outcome(t, "Move", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, append(products, name+":move")...)
			checkName(r)
		})
		_, err = c.ListAttributes(ctx, name)
		fuzzcheck.Outcome(t, "ListAttributes", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, product("attributes")...) })
		_, err = c.ReplaceAttributes(ctx, name, []apiproduct.Attribute{{Name: attrName, Value: attrValue}})
		fuzzcheck.Outcome(t, "ReplaceAttributes", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, product("attributes")...) })
		for call, do := range map[string]func() (*apiproduct.Attribute, error){
			"GetAttribute":    func() (*apiproduct.Attribute, error) { return c.GetAttribute(ctx, name, attrName) },
			"UpdateAttribute": func() (*apiproduct.Attribute, error) { return c.UpdateAttribute(ctx, name, attrName, attrValue) },
			"DeleteAttribute": func() (*apiproduct.Attribute, error) { return c.DeleteAttribute(ctx, name, attrName) },
		} {
			_, err = do()
			fuzzcheck.Outcome(t, call, rt, err, nil, func(r fuzzcheck.Request) {
				fuzzcheck.CheckRequest(t, fzHost, r, product("attributes", attrName)...)
				checkName(r)
			})
		}

		p := &apiproduct.Product{Name: name, Description: description, Space: space, ApprovalType: apiproduct.ApprovalType(approval),
			QuotaTimeUnit: apiproduct.TimeUnit(timeUnit), Attributes: []apiproduct.Attribute{{Name: attrName, Value: attrValue}}}
		checkProduct := func(r fuzzcheck.Request) {
			checkName(r)
			var b struct {
				Name string `json:"name"`
			}
			if err := json.Unmarshal(r.Body, &b); err != nil || b.Name != name {
				t.Fatalf("sent %q for the name %q: %v", r.Body, name, err)
			}
			if approval != "" && approval != "manual" && approval != "auto" || timeUnit != "" && !strings.Contains(" minute hour day month ", " "+timeUnit+" ") {
				t.Fatalf("sent approvalType %q and quotaTimeUnit %q", approval, timeUnit)
			}
		}
		_, err = c.Create(ctx, p)
		fuzzcheck.Outcome(t, "Create", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, products...); checkProduct(r) })
		_, err = c.Update(ctx, p)
		fuzzcheck.Outcome(t, "Update", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, product()...); checkProduct(r) })

		opts := &apiproduct.ListOptions{AttributeName: listAttrName, AttributeValue: listAttrValue, Space: listSpace, StartKey: startKey, PageSize: pageSize}
		var listErr error
		for _, err := range c.List(ctx, opts) {
			listErr = err
			break
		}
		fuzzcheck.Outcome(t, "List", rt, listErr, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, products...)
			q, err := url.ParseQuery(r.Req.URL.RawQuery)
			if err != nil || q.Get("attributename") != listAttrName || q.Get("attributevalue") != listAttrValue ||
				q.Get("space") != listSpace || q.Get("startKey") != startKey {
				t.Fatalf("query %q (%v) does not carry the filters", r.Req.URL.RawQuery, err)
			}
			if pageSize != 0 && (pageSize < 2 || pageSize > apiproduct.MaxPageSize) {
				t.Fatalf("sent the page size %d", pageSize)
			}
		})
	})
}
