package apiproduct_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// badUTF8 is a string that is not valid UTF-8 (and has no other fault).
const badUTF8 = "ab\xffcd"

// refuseTransport fails the test if anything is sent.
type refuseTransport struct{ t *testing.T }

func (r refuseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("a request was sent: %s %s", req.Method, req.URL)
	return nil, errors.New("refuseTransport: nothing may be sent")
}

// problems returns the "field problem" pairs of a *ValidationError.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var ve *apiproduct.ValidationError
	require.ErrorAs(t, err, &ve, "a *ValidationError, got %v", err)
	require.ErrorIs(t, err, apiproduct.ErrValidation)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+" "+f.Problem)
	}
	return out
}

// refusingClient returns a client whose transport fails the test if
// anything is sent.
func refusingClient(t *testing.T, org string) (*apiproduct.Client, error) {
	return apiproduct.NewClient(org, apiproduct.WithEndpoint("https://apigee.example.com"),
		apiproduct.WithToken("tok"), apiproduct.WithHTTPClient(&http.Client{Transport: refuseTransport{t}}))
}

// fullProduct returns a product with every string field set (not a valid
// combination of groups: each case looks only for its own field).
func fullProduct() *apiproduct.Product {
	attrs := func() []apiproduct.Attribute { return []apiproduct.Attribute{{Name: "n", Value: "v"}} }
	quota := func() *apiproduct.Quota {
		return &apiproduct.Quota{Limit: "1", Interval: "1", TimeUnit: apiproduct.Day}
	}
	return &apiproduct.Product{
		Name: "p", DisplayName: "P", Description: "d", ApprovalType: apiproduct.ApprovalAuto,
		Attributes: attrs(), APIResources: []string{"/"}, Environments: []string{"test"}, Proxies: []string{"px"},
		Quota: "1", QuotaInterval: "1", QuotaTimeUnit: apiproduct.Day, QuotaCounterScope: apiproduct.QuotaCounterScopeProxy,
		Scopes: []string{"s"}, LLMQuota: "1", LLMQuotaInterval: "1", LLMQuotaTimeUnit: apiproduct.Hour, Space: "sp",
		OperationGroup: &apiproduct.OperationGroup{OperationConfigType: apiproduct.ConfigProxy, OperationConfigs: []apiproduct.OperationConfig{{
			APISource: "x", Operations: []apiproduct.Operation{{Resource: "/", Methods: []string{"GET"}}}, Quota: quota(), Attributes: attrs(),
		}}},
		GraphQLOperationGroup: &apiproduct.GraphQLOperationGroup{OperationConfigType: apiproduct.ConfigProxy, OperationConfigs: []apiproduct.GraphQLOperationConfig{{
			APISource: "x", Operations: []apiproduct.GraphQLOperation{{Operation: "q", OperationTypes: []apiproduct.GraphQLOperationType{apiproduct.GraphQLQuery}}},
			Quota: quota(), Attributes: attrs(),
		}}},
		GRPCOperationGroup: &apiproduct.GRPCOperationGroup{OperationConfigs: []apiproduct.GRPCOperationConfig{{
			APISource: "x", Service: "s", Methods: []string{"M"}, Quota: quota(), Attributes: attrs(),
		}}},
		LLMOperationGroup: &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{{
			APISource: "x", LLMOperations: []apiproduct.LLMOperation{{Resource: "/", Model: "m", Methods: []string{"POST"}}},
			LLMTokenQuota: apiproduct.LLMTokenQuota{Limit: "1", Interval: "1", TimeUnit: apiproduct.Hour}, Attributes: attrs(),
		}}},
		PayloadOperationGroup: &apiproduct.PayloadOperationGroup{OperationConfigs: []apiproduct.PayloadOperationConfig{{
			APISource: "x", Operations: []apiproduct.PayloadOperation{{Operation: "o"}}, Quota: quota(), Attributes: attrs(),
		}}},
	}
}

// productStrings sets each string field of a full product to b, by its
// wire path.
func productStrings(b string) map[string]func(p *apiproduct.Product) {
	og := func(p *apiproduct.Product) *apiproduct.OperationConfig { return &p.OperationGroup.OperationConfigs[0] }
	gq := func(p *apiproduct.Product) *apiproduct.GraphQLOperationConfig {
		return &p.GraphQLOperationGroup.OperationConfigs[0]
	}
	gr := func(p *apiproduct.Product) *apiproduct.GRPCOperationConfig {
		return &p.GRPCOperationGroup.OperationConfigs[0]
	}
	ll := func(p *apiproduct.Product) *apiproduct.LLMOperationConfig {
		return &p.LLMOperationGroup.OperationConfigs[0]
	}
	pl := func(p *apiproduct.Product) *apiproduct.PayloadOperationConfig {
		return &p.PayloadOperationGroup.OperationConfigs[0]
	}
	const (
		ogp = "operationGroup.operationConfigs[0]."
		gqp = "graphqlOperationGroup.operationConfigs[0]."
		grp = "grpcOperationGroup.operationConfigs[0]."
		llp = "llmOperationGroup.operationConfigs[0]."
		plp = "payloadOperationGroup.operationConfigs[0]."
	)
	return map[string]func(p *apiproduct.Product){
		"name":                               func(p *apiproduct.Product) { p.Name = b },
		"displayName":                        func(p *apiproduct.Product) { p.DisplayName = b },
		"description":                        func(p *apiproduct.Product) { p.Description = b },
		"approvalType":                       func(p *apiproduct.Product) { p.ApprovalType = apiproduct.ApprovalType(b) },
		"attributes[0].name":                 func(p *apiproduct.Product) { p.Attributes[0].Name = b },
		"attributes[0].value":                func(p *apiproduct.Product) { p.Attributes[0].Value = b },
		"apiResources[0]":                    func(p *apiproduct.Product) { p.APIResources[0] = b },
		"environments[0]":                    func(p *apiproduct.Product) { p.Environments[0] = b },
		"proxies[0]":                         func(p *apiproduct.Product) { p.Proxies[0] = b },
		"quota":                              func(p *apiproduct.Product) { p.Quota = b },
		"quotaInterval":                      func(p *apiproduct.Product) { p.QuotaInterval = b },
		"quotaTimeUnit":                      func(p *apiproduct.Product) { p.QuotaTimeUnit = apiproduct.TimeUnit(b) },
		"quotaCounterScope":                  func(p *apiproduct.Product) { p.QuotaCounterScope = apiproduct.QuotaCounterScope(b) },
		"scopes[0]":                          func(p *apiproduct.Product) { p.Scopes[0] = b },
		"llmQuota":                           func(p *apiproduct.Product) { p.LLMQuota = b },
		"llmQuotaInterval":                   func(p *apiproduct.Product) { p.LLMQuotaInterval = b },
		"llmQuotaTimeUnit":                   func(p *apiproduct.Product) { p.LLMQuotaTimeUnit = apiproduct.TimeUnit(b) },
		"space":                              func(p *apiproduct.Product) { p.Space = b },
		"operationGroup.operationConfigType": func(p *apiproduct.Product) { p.OperationGroup.OperationConfigType = apiproduct.OperationConfigType(b) },
		ogp + "apiSource":                    func(p *apiproduct.Product) { og(p).APISource = b },
		ogp + "operations[0].resource":       func(p *apiproduct.Product) { og(p).Operations[0].Resource = b },
		ogp + "operations[0].methods[0]":     func(p *apiproduct.Product) { og(p).Operations[0].Methods[0] = b },
		ogp + "quota.limit":                  func(p *apiproduct.Product) { og(p).Quota.Limit = b },
		ogp + "quota.interval":               func(p *apiproduct.Product) { og(p).Quota.Interval = b },
		ogp + "quota.timeUnit":               func(p *apiproduct.Product) { og(p).Quota.TimeUnit = apiproduct.TimeUnit(b) },
		ogp + "attributes[0].name":           func(p *apiproduct.Product) { og(p).Attributes[0].Name = b },
		ogp + "attributes[0].value":          func(p *apiproduct.Product) { og(p).Attributes[0].Value = b },
		"graphqlOperationGroup.operationConfigType": func(p *apiproduct.Product) {
			p.GraphQLOperationGroup.OperationConfigType = apiproduct.OperationConfigType(b)
		},
		gqp + "apiSource":               func(p *apiproduct.Product) { gq(p).APISource = b },
		gqp + "operations[0].operation": func(p *apiproduct.Product) { gq(p).Operations[0].Operation = b },
		gqp + "operations[0].operationTypes[0]": func(p *apiproduct.Product) {
			gq(p).Operations[0].OperationTypes[0] = apiproduct.GraphQLOperationType(b)
		},
		gqp + "quota.limit":                 func(p *apiproduct.Product) { gq(p).Quota.Limit = b },
		gqp + "attributes[0].value":         func(p *apiproduct.Product) { gq(p).Attributes[0].Value = b },
		grp + "apiSource":                   func(p *apiproduct.Product) { gr(p).APISource = b },
		grp + "service":                     func(p *apiproduct.Product) { gr(p).Service = b },
		grp + "methods[0]":                  func(p *apiproduct.Product) { gr(p).Methods[0] = b },
		grp + "quota.interval":              func(p *apiproduct.Product) { gr(p).Quota.Interval = b },
		grp + "attributes[0].name":          func(p *apiproduct.Product) { gr(p).Attributes[0].Name = b },
		llp + "apiSource":                   func(p *apiproduct.Product) { ll(p).APISource = b },
		llp + "llmOperations[0].resource":   func(p *apiproduct.Product) { ll(p).LLMOperations[0].Resource = b },
		llp + "llmOperations[0].model":      func(p *apiproduct.Product) { ll(p).LLMOperations[0].Model = b },
		llp + "llmOperations[0].methods[0]": func(p *apiproduct.Product) { ll(p).LLMOperations[0].Methods[0] = b },
		llp + "llmTokenQuota.limit":         func(p *apiproduct.Product) { ll(p).LLMTokenQuota.Limit = b },
		llp + "llmTokenQuota.interval":      func(p *apiproduct.Product) { ll(p).LLMTokenQuota.Interval = b },
		llp + "llmTokenQuota.timeUnit":      func(p *apiproduct.Product) { ll(p).LLMTokenQuota.TimeUnit = apiproduct.TimeUnit(b) },
		llp + "attributes[0].value":         func(p *apiproduct.Product) { ll(p).Attributes[0].Value = b },
		plp + "apiSource":                   func(p *apiproduct.Product) { pl(p).APISource = b },
		plp + "operations[0].operation":     func(p *apiproduct.Product) { pl(p).Operations[0].Operation = b },
		plp + "quota.timeUnit":              func(p *apiproduct.Product) { pl(p).Quota.TimeUnit = apiproduct.TimeUnit(b) },
		plp + "attributes[0].name":          func(p *apiproduct.Product) { pl(p).Attributes[0].Name = b },
	}
}

// Every string that goes into a path, a query or a body is refused before
// anything is sent when it is not valid UTF-8, with a *ValidationError that
// names it.
func TestInvalidUTF8IsRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	c, err := refusingClient(t, "org-1")
	require.NoError(t, err)
	bad := badUTF8
	list := func(o apiproduct.ListOptions) func() error {
		return func() error {
			for _, err := range c.List(ctx, &o) {
				return err
			}
			return nil
		}
	}
	type tcase struct {
		call  func() error
		field string
	}
	cases := map[string]tcase{
		"NewClient organization":    {func() error { _, err := refusingClient(t, bad); return err }, "organization"},
		"Get name":                  {func() error { _, err := c.Get(ctx, bad); return err }, "name"},
		"Delete name":               {func() error { return c.Delete(ctx, bad) }, "name"},
		"Modify name":               {func() error { _, err := c.Modify(ctx, bad, func(*apiproduct.Product) error { return nil }); return err }, "name"},
		"Move name":                 {func() error { _, err := c.Move(ctx, bad, "sp"); return err }, "name"},
		"Move space":                {func() error { _, err := c.Move(ctx, "p", bad); return err }, "space"},
		"List attribute name":       {list(apiproduct.ListOptions{AttributeName: bad}), "attributename"},
		"List attribute value":      {list(apiproduct.ListOptions{AttributeName: "a", AttributeValue: bad}), "attributevalue"},
		"List space":                {list(apiproduct.ListOptions{Space: bad}), "space"},
		"List start key":            {list(apiproduct.ListOptions{StartKey: bad}), "startKey"},
		"ListAttributes product":    {func() error { _, err := c.ListAttributes(ctx, bad); return err }, "apiproduct"},
		"ReplaceAttributes product": {func() error { _, err := c.ReplaceAttributes(ctx, bad, nil); return err }, "apiproduct"},
		"ReplaceAttributes name": {func() error {
			_, err := c.ReplaceAttributes(ctx, "p", []apiproduct.Attribute{{Name: "a"}, {Name: bad}})
			return err
		}, "attribute[1].name"},
		"ReplaceAttributes value": {func() error {
			_, err := c.ReplaceAttributes(ctx, "p", []apiproduct.Attribute{{Name: "a", Value: bad}})
			return err
		}, "attribute[0].value"},
		"GetAttribute product":           {func() error { _, err := c.GetAttribute(ctx, bad, "a"); return err }, "apiproduct"},
		"GetAttribute name":              {func() error { _, err := c.GetAttribute(ctx, "p", bad); return err }, "attribute"},
		"UpdateAttribute product":        {func() error { _, err := c.UpdateAttribute(ctx, bad, "a", "v"); return err }, "apiproduct"},
		"UpdateAttribute name":           {func() error { _, err := c.UpdateAttribute(ctx, "p", bad, "v"); return err }, "attribute"},
		"UpdateAttribute value":          {func() error { _, err := c.UpdateAttribute(ctx, "p", "a", bad); return err }, "value"},
		"DeleteAttribute product":        {func() error { _, err := c.DeleteAttribute(ctx, bad, "a"); return err }, "apiproduct"},
		"DeleteAttribute attribute name": {func() error { _, err := c.DeleteAttribute(ctx, "p", bad); return err }, "attribute"},
	}
	for field, set := range productStrings(bad) {
		p := fullProduct()
		set(p)
		cases["Create "+field] = tcase{func() error { _, err := c.Create(ctx, p); return err }, field}
		cases["Update "+field] = tcase{func() error { _, err := c.Update(ctx, p); return err }, field}
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, problems(t, tc.call()), tc.field+" must be valid UTF-8")
		})
	}
}

// A product name or a custom attribute name that the calls addressing it
// refuse as a path segment cannot be created or set either.
func TestUnaddressableNamesAreRefused(t *testing.T) {
	ctx := context.Background()
	c, err := refusingClient(t, "org-1")
	require.NoError(t, err)
	for _, name := range []string{".", "..", "", "a/b"} {
		p := product(func(p *apiproduct.Product) { p.Name = name })
		_, err := c.Create(ctx, p)
		assert.Contains(t, fieldsOf(t, err), "name", "Create product %q", name)
		_, err = c.Get(ctx, name)
		assert.Contains(t, fieldsOf(t, err), "name", "Get product %q", name)

		withAttr := product(func(p *apiproduct.Product) {
			p.Attributes = []apiproduct.Attribute{{Name: "ok"}, {Name: name, Value: "v"}}
		})
		_, err = c.Create(ctx, withAttr)
		assert.Equal(t, []string{"attributes[1].name"}, fieldsOf(t, err), "Create attribute %q", name)
		_, err = c.Update(ctx, withAttr)
		assert.Equal(t, []string{"attributes[1].name"}, fieldsOf(t, err), "Update attribute %q", name)
		_, err = c.ReplaceAttributes(ctx, "p", withAttr.Attributes)
		assert.Equal(t, []string{"attribute[1].name"}, fieldsOf(t, err), "ReplaceAttributes %q", name)
		_, err = c.UpdateAttribute(ctx, "p", name, "v")
		assert.Equal(t, []string{"attribute"}, fieldsOf(t, err), "UpdateAttribute %q", name)
		_, err = c.GetAttribute(ctx, "p", name)
		assert.Equal(t, []string{"attribute"}, fieldsOf(t, err), "GetAttribute %q", name)
	}
}
