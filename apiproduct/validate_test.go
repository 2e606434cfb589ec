package apiproduct_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// Building blocks of valid products.
var (
	validQuota     = &apiproduct.Quota{Limit: "1", Interval: "1"}
	validOpGroup   = &apiproduct.OperationGroup{OperationConfigs: []apiproduct.OperationConfig{{APISource: "x", Operations: []apiproduct.Operation{{Resource: "/"}}}}}
	validLLMConfig = apiproduct.LLMOperationConfig{
		APISource: "x", LLMOperations: []apiproduct.LLMOperation{{Resource: "/", Model: "m"}},
		LLMTokenQuota: apiproduct.LLMTokenQuota{Limit: "1", Interval: "1"},
	}
	validLLMGroup = &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{validLLMConfig}}
	validPayload  = &apiproduct.PayloadOperationGroup{OperationConfigs: []apiproduct.PayloadOperationConfig{{APISource: "x", Operations: []apiproduct.PayloadOperation{{Operation: "tools/list"}}}}}
)

func attrs(n int) []apiproduct.Attribute {
	as := make([]apiproduct.Attribute, n)
	for i := range as {
		as[i] = apiproduct.Attribute{Name: fmt.Sprint("a", i)}
	}
	return as
}

// product returns a minimal valid product changed by f.
func product(f func(p *apiproduct.Product)) *apiproduct.Product {
	p := &apiproduct.Product{Name: "p", DisplayName: "P"}
	f(p)
	return p
}

// productRules maps a broken rule to the product that breaks it and the
// field the error must name.
var productRules = map[string]struct {
	p     *apiproduct.Product
	field string
}{
	"nil product":          {nil, "product"},
	"empty name":           {product(func(p *apiproduct.Product) { p.Name = "" }), "name"},
	"approval type":        {product(func(p *apiproduct.Product) { p.ApprovalType = "Manual" }), "approvalType"},
	"quota time unit":      {product(func(p *apiproduct.Product) { p.QuotaTimeUnit = "week" }), "quotaTimeUnit"},
	"llm quota time unit":  {product(func(p *apiproduct.Product) { p.LLMQuotaTimeUnit = "hours" }), "llmQuotaTimeUnit"},
	"quota counter scope":  {product(func(p *apiproduct.Product) { p.QuotaCounterScope = "GLOBAL" }), "quotaCounterScope"},
	"19 attributes":        {product(func(p *apiproduct.Product) { p.Attributes = attrs(19) }), "attributes"},
	"attribute name":       {product(func(p *apiproduct.Product) { p.Attributes = []apiproduct.Attribute{{Value: "v"}} }), "attributes[0].name"},
	"resources+operations": {product(func(p *apiproduct.Product) { p.APIResources = []string{"/**"}; p.OperationGroup = validOpGroup }), "apiResources"},
	"resources+llm":        {product(func(p *apiproduct.Product) { p.APIResources = []string{"/**"}; p.LLMOperationGroup = validLLMGroup }), "apiResources"},
	"payload+proxies":      {product(func(p *apiproduct.Product) { p.Proxies = []string{"x"}; p.PayloadOperationGroup = validPayload }), "payloadOperationGroup"},
	"payload+resources":    {product(func(p *apiproduct.Product) { p.APIResources = []string{"/"}; p.PayloadOperationGroup = validPayload }), "payloadOperationGroup"},
	"two operations": {product(func(p *apiproduct.Product) {
		p.OperationGroup = &apiproduct.OperationGroup{OperationConfigs: []apiproduct.OperationConfig{{APISource: "x", Operations: []apiproduct.Operation{{Resource: "/a"}, {Resource: "/b"}}}}}
	}), "operationGroup.operationConfigs[0].operations"},
	"operation resource": {product(func(p *apiproduct.Product) {
		p.OperationGroup = &apiproduct.OperationGroup{OperationConfigs: []apiproduct.OperationConfig{{APISource: "x", Operations: []apiproduct.Operation{{}}}}}
	}), "operationGroup.operationConfigs[0].operations[0].resource"},
	"no configs": {product(func(p *apiproduct.Product) { p.OperationGroup = &apiproduct.OperationGroup{} }), "operationGroup.operationConfigs"},
	"config type": {product(func(p *apiproduct.Product) {
		p.OperationGroup = &apiproduct.OperationGroup{OperationConfigType: "istio", OperationConfigs: validOpGroup.OperationConfigs}
	}), "operationGroup.operationConfigType"},
	"api source": {product(func(p *apiproduct.Product) {
		p.GRPCOperationGroup = &apiproduct.GRPCOperationGroup{OperationConfigs: []apiproduct.GRPCOperationConfig{{Service: "s"}}}
	}), "grpcOperationGroup.operationConfigs[0].apiSource"},
	"grpc service": {product(func(p *apiproduct.Product) {
		p.GRPCOperationGroup = &apiproduct.GRPCOperationGroup{OperationConfigs: []apiproduct.GRPCOperationConfig{{APISource: "x"}}}
	}), "grpcOperationGroup.operationConfigs[0].service"},
	"quota limit": {product(func(p *apiproduct.Product) {
		p.GRPCOperationGroup = &apiproduct.GRPCOperationGroup{OperationConfigs: []apiproduct.GRPCOperationConfig{{APISource: "x", Service: "s", Quota: &apiproduct.Quota{Interval: "1"}}}}
	}), "grpcOperationGroup.operationConfigs[0].quota.limit"},
	"operation quota time unit": {product(func(p *apiproduct.Product) {
		p.GRPCOperationGroup = &apiproduct.GRPCOperationGroup{OperationConfigs: []apiproduct.GRPCOperationConfig{{APISource: "x", Service: "s", Quota: &apiproduct.Quota{Limit: "1", Interval: "1", TimeUnit: "year"}}}}
	}), "grpcOperationGroup.operationConfigs[0].quota.timeUnit"},
	"graphql two operations": {product(func(p *apiproduct.Product) {
		op := apiproduct.GraphQLOperation{OperationTypes: []apiproduct.GraphQLOperationType{apiproduct.GraphQLQuery}}
		p.GraphQLOperationGroup = &apiproduct.GraphQLOperationGroup{OperationConfigs: []apiproduct.GraphQLOperationConfig{{APISource: "x", Operations: []apiproduct.GraphQLOperation{op, op}}}}
	}), "graphqlOperationGroup.operationConfigs[0].operations"},
	"graphql subscription": {product(func(p *apiproduct.Product) {
		op := apiproduct.GraphQLOperation{OperationTypes: []apiproduct.GraphQLOperationType{"subscription"}}
		p.GraphQLOperationGroup = &apiproduct.GraphQLOperationGroup{OperationConfigs: []apiproduct.GraphQLOperationConfig{{APISource: "x", Operations: []apiproduct.GraphQLOperation{op}, Quota: validQuota}}}
	}), "graphqlOperationGroup.operationConfigs[0].operations[0].operationTypes[0]"},
	"graphql no types": {product(func(p *apiproduct.Product) {
		p.GraphQLOperationGroup = &apiproduct.GraphQLOperationGroup{OperationConfigs: []apiproduct.GraphQLOperationConfig{{APISource: "x", Operations: []apiproduct.GraphQLOperation{{Operation: "q"}}}}}
	}), "graphqlOperationGroup.operationConfigs[0].operations[0].operationTypes"},
	"llm two operations": {product(func(p *apiproduct.Product) {
		cfg := validLLMConfig
		cfg.LLMOperations = []apiproduct.LLMOperation{cfg.LLMOperations[0], cfg.LLMOperations[0]}
		p.LLMOperationGroup = &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{cfg}}
	}), "llmOperationGroup.operationConfigs[0].llmOperations"},
	"llm model": {product(func(p *apiproduct.Product) {
		cfg := validLLMConfig
		cfg.LLMOperations = []apiproduct.LLMOperation{{Resource: "/"}}
		p.LLMOperationGroup = &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{cfg}}
	}), "llmOperationGroup.operationConfigs[0].llmOperations[0].model"},
	"llm lower-case method": {product(func(p *apiproduct.Product) {
		cfg := validLLMConfig
		cfg.LLMOperations = []apiproduct.LLMOperation{{Resource: "/", Model: "m", Methods: []string{"post"}}}
		p.LLMOperationGroup = &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{cfg}}
	}), "llmOperationGroup.operationConfigs[0].llmOperations[0].methods[0]"},
	"llm token quota": {product(func(p *apiproduct.Product) {
		cfg := validLLMConfig
		cfg.LLMTokenQuota = apiproduct.LLMTokenQuota{}
		p.LLMOperationGroup = &apiproduct.LLMOperationGroup{OperationConfigs: []apiproduct.LLMOperationConfig{cfg}}
	}), "llmOperationGroup.operationConfigs[0].llmTokenQuota.limit"},
	"payload wildcard": {product(func(p *apiproduct.Product) {
		p.PayloadOperationGroup = &apiproduct.PayloadOperationGroup{OperationConfigs: []apiproduct.PayloadOperationConfig{{APISource: "x", Operations: []apiproduct.PayloadOperation{{Operation: "tools/*"}}}}}
	}), "payloadOperationGroup.operationConfigs[0].operations[0].operation"},
	"payload no operations": {product(func(p *apiproduct.Product) {
		p.PayloadOperationGroup = &apiproduct.PayloadOperationGroup{OperationConfigs: []apiproduct.PayloadOperationConfig{{APISource: "x"}}}
	}), "payloadOperationGroup.operationConfigs[0].operations"},
}

// fieldsOf returns the fields a *ValidationError names.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	require.ErrorIs(t, err, apiproduct.ErrValidation)
	var ve *apiproduct.ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	return fields
}

func TestProductRulesCheckedBeforeSending(t *testing.T) {
	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, _ := newClient(t, srv.URL())
	ctx := context.Background()
	for name, rule := range productRules {
		t.Run(name, func(t *testing.T) {
			_, err := c.Update(ctx, rule.p)
			assert.Contains(t, fieldsOf(t, err), rule.field)
			_, err = c.Create(ctx, rule.p)
			assert.Contains(t, fieldsOf(t, err), rule.field)
		})
	}
	assert.Empty(t, srv.Requests(), "nothing may be sent for invalid input")

	// Valid products with every group pass, and names use the whole
	// documented character set.
	for _, p := range []*apiproduct.Product{
		product(func(p *apiproduct.Product) { p.Name = "Gold $ Plan-1.0_50%" }),
		product(func(p *apiproduct.Product) {
			p.OperationGroup = validOpGroup
			p.LLMOperationGroup = validLLMGroup
			p.Proxies = []string{"x"}
		}),
		product(func(p *apiproduct.Product) { p.PayloadOperationGroup = validPayload; p.Attributes = attrs(18) }),
		product(func(p *apiproduct.Product) {
			p.APIResources, p.ApprovalType, p.QuotaTimeUnit = []string{"/**"}, apiproduct.ApprovalAuto, apiproduct.Month
			p.QuotaCounterScope = apiproduct.QuotaCounterScopeProduct
		}),
	} {
		_, err := c.Update(ctx, p)
		assert.NoError(t, err)
	}
}

func firstErr(seq func(func(*apiproduct.Product, error) bool)) error {
	for _, err := range seq {
		return err
	}
	return nil
}

func TestCallArgumentsCheckedBeforeSending(t *testing.T) {
	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, _ := newClient(t, srv.URL())
	ctx := context.Background()
	calls := map[string]struct {
		call  func() error
		field string
	}{
		"dotdot name":           {func() error { _, err := c.Get(ctx, ".."); return err }, "name"},
		"slash in name":         {func() error { return c.Delete(ctx, "a/b") }, "name"},
		"colon in name":         {func() error { _, err := c.Move(ctx, "a:move", ""); return err }, "name"},
		"non-ASCII name":        {func() error { _, err := c.Get(ctx, "café"); return err }, "name"},
		"move space":            {func() error { _, err := c.Move(ctx, "p", "a\nb"); return err }, "space"},
		"page size 1":           {func() error { return firstErr(c.List(ctx, &apiproduct.ListOptions{PageSize: 1})) }, "count"},
		"page size 1001":        {func() error { return firstErr(c.List(ctx, &apiproduct.ListOptions{PageSize: 1001})) }, "count"},
		"value without name":    {func() error { return firstErr(c.List(ctx, &apiproduct.ListOptions{AttributeValue: "v"})) }, "attributevalue"},
		"space and attribute":   {func() error { return firstErr(c.List(ctx, &apiproduct.ListOptions{Space: "s", AttributeName: "a"})) }, "space"},
		"replace 19 attributes": {func() error { _, err := c.ReplaceAttributes(ctx, "p", attrs(19)); return err }, "attribute"},
		"attribute path":        {func() error { _, err := c.GetAttribute(ctx, "p", ".."); return err }, "attribute"},
		"update attribute path": {func() error { _, err := c.UpdateAttribute(ctx, "p", "a/b", "v"); return err }, "attribute"},
		"delete attribute path": {func() error { _, err := c.DeleteAttribute(ctx, "p", ""); return err }, "attribute"},
		"list attributes name":  {func() error { _, err := c.ListAttributes(ctx, "p?"); return err }, "apiproduct"},
	}
	for name, tc := range calls {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, fieldsOf(t, tc.call()), tc.field)
		})
	}
	assert.Empty(t, srv.Requests(), "nothing may be sent for invalid input")
}
