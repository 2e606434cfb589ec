package apiproduct

import (
	"github.com/apimgmt/apimgmt-go/internal/convert"
	jf "github.com/apimgmt/apimgmt-go/internal/jsonfast"
)

// This file is the fast path of wire.go: products read and written without
// reflection (internal/jsonfast). Decoding a product with encoding/json was
// two thirds of an update; this reads the same text in a fraction of that.
//
// The readers follow only the members the public types model, each once,
// with string values without escapes (or null); anything else makes them
// give up, and the product is decoded with encoding/json as before
// (wire.go), so what a response decodes to never depends on which path read
// it. The writers write, byte for byte, what genrt.MarshalJSON writes for
// the product without its response-only times (productOut, in the tests).
// TestFastCodecMatchesEncodingJSON, FuzzFastProductDecode and
// FuzzFastProductEncode check both against encoding/json; when a field is
// added to the public types, they fail until it is added here.

// readProductText decodes one product, or reports false. A product it
// decodes has no members this package does not model, so it needs no raw
// response for Update.
func readProductText(data []byte) (*Product, bool) { return jf.Decode(data, readProduct) }

// readProductsText decodes the answer of List, each product from a copy of
// its own text into an allocation of its own (so that a product kept from a
// page does not keep the page in memory), or reports false.
func readProductsText(page []byte) ([]*Product, bool) {
	list, ok := jf.Decode(page, readProductPage)
	if !ok {
		return nil, false
	}
	return *list, true
}

func readProductPage(r *jf.Reader, list *[]*Product) { jf.ReadObject(r, list, pageMembers) }

var pageMembers = jf.NewMembers(map[string]func(*jf.Reader, *[]*Product){
	"apiProduct": func(r *jf.Reader, list *[]*Product) {
		if !r.Array() {
			return // null: no products
		}
		*list = []*Product{}
		for r.Elem() {
			p := new(Product)
			jf.ReadCopy(r, p, readProduct)
			*list = append(*list, p)
		}
	},
})

func readProduct(r *jf.Reader, p *Product) { jf.ReadObject(r, p, productMembers) }

var productMembers = jf.NewMembers(map[string]func(*jf.Reader, *Product){
	"name":                  func(r *jf.Reader, p *Product) { p.Name = r.Text() },
	"displayName":           func(r *jf.Reader, p *Product) { p.DisplayName = r.Text() },
	"description":           func(r *jf.Reader, p *Product) { p.Description = r.Text() },
	"approvalType":          func(r *jf.Reader, p *Product) { p.ApprovalType = ApprovalType(r.Text()) },
	"attributes":            func(r *jf.Reader, p *Product) { p.Attributes = jf.ReadSlice(r, readAttribute) },
	"apiResources":          func(r *jf.Reader, p *Product) { p.APIResources = jf.ReadTexts[string](r) },
	"environments":          func(r *jf.Reader, p *Product) { p.Environments = jf.ReadTexts[string](r) },
	"proxies":               func(r *jf.Reader, p *Product) { p.Proxies = jf.ReadTexts[string](r) },
	"quota":                 func(r *jf.Reader, p *Product) { p.Quota = r.Text() },
	"quotaInterval":         func(r *jf.Reader, p *Product) { p.QuotaInterval = r.Text() },
	"quotaTimeUnit":         func(r *jf.Reader, p *Product) { p.QuotaTimeUnit = TimeUnit(r.Text()) },
	"quotaCounterScope":     func(r *jf.Reader, p *Product) { p.QuotaCounterScope = QuotaCounterScope(r.Text()) },
	"scopes":                func(r *jf.Reader, p *Product) { p.Scopes = jf.ReadTexts[string](r) },
	"operationGroup":        func(r *jf.Reader, p *Product) { p.OperationGroup = jf.ReadPtr(r, readOperationGroup) },
	"graphqlOperationGroup": func(r *jf.Reader, p *Product) { p.GraphQLOperationGroup = jf.ReadPtr(r, readGraphQLOperationGroup) },
	"grpcOperationGroup":    func(r *jf.Reader, p *Product) { p.GRPCOperationGroup = jf.ReadPtr(r, readGRPCOperationGroup) },
	"llmOperationGroup":     func(r *jf.Reader, p *Product) { p.LLMOperationGroup = jf.ReadPtr(r, readLLMOperationGroup) },
	"llmQuota":              func(r *jf.Reader, p *Product) { p.LLMQuota = r.Text() },
	"llmQuotaInterval":      func(r *jf.Reader, p *Product) { p.LLMQuotaInterval = r.Text() },
	"llmQuotaTimeUnit":      func(r *jf.Reader, p *Product) { p.LLMQuotaTimeUnit = TimeUnit(r.Text()) },
	"payloadOperationGroup": func(r *jf.Reader, p *Product) { p.PayloadOperationGroup = jf.ReadPtr(r, readPayloadOperationGroup) },
	"space":                 func(r *jf.Reader, p *Product) { p.Space = r.Text() },
	"createdAt":             func(r *jf.Reader, p *Product) { p.CreatedAt = convert.UnixMillis(r.Text()) },
	"lastModifiedAt":        func(r *jf.Reader, p *Product) { p.LastModifiedAt = convert.UnixMillis(r.Text()) },
})

func readAttribute(r *jf.Reader, a *Attribute) { jf.ReadObject(r, a, attributeMembers) }

var attributeMembers = jf.NewMembers(map[string]func(*jf.Reader, *Attribute){
	"name":  func(r *jf.Reader, a *Attribute) { a.Name = r.Text() },
	"value": func(r *jf.Reader, a *Attribute) { a.Value = r.Text() },
})

// Quota and LLMTokenQuota have the same members.
func readQuota(r *jf.Reader, q *Quota) { readLLMTokenQuota(r, (*LLMTokenQuota)(q)) }

func readLLMTokenQuota(r *jf.Reader, q *LLMTokenQuota) { jf.ReadObject(r, q, quotaMembers) }

var quotaMembers = jf.NewMembers(map[string]func(*jf.Reader, *LLMTokenQuota){
	"limit":    func(r *jf.Reader, q *LLMTokenQuota) { q.Limit = r.Text() },
	"interval": func(r *jf.Reader, q *LLMTokenQuota) { q.Interval = r.Text() },
	"timeUnit": func(r *jf.Reader, q *LLMTokenQuota) { q.TimeUnit = TimeUnit(r.Text()) },
})

// The operation groups: operationConfigs (and operationConfigType for
// REST and GraphQL).

func readOperationGroup(r *jf.Reader, g *OperationGroup) { jf.ReadObject(r, g, operationGroupMembers) }

var operationGroupMembers = jf.NewMembers(map[string]func(*jf.Reader, *OperationGroup){
	"operationConfigType": func(r *jf.Reader, g *OperationGroup) { g.OperationConfigType = OperationConfigType(r.Text()) },
	"operationConfigs":    func(r *jf.Reader, g *OperationGroup) { g.OperationConfigs = jf.ReadSlice(r, readOperationConfig) },
})

func readGraphQLOperationGroup(r *jf.Reader, g *GraphQLOperationGroup) {
	jf.ReadObject(r, g, graphQLOperationGroupMembers)
}

var graphQLOperationGroupMembers = jf.NewMembers(map[string]func(*jf.Reader, *GraphQLOperationGroup){
	"operationConfigType": func(r *jf.Reader, g *GraphQLOperationGroup) {
		g.OperationConfigType = OperationConfigType(r.Text())
	},
	"operationConfigs": func(r *jf.Reader, g *GraphQLOperationGroup) {
		g.OperationConfigs = jf.ReadSlice(r, readGraphQLOperationConfig)
	},
})

func readGRPCOperationGroup(r *jf.Reader, g *GRPCOperationGroup) {
	jf.ReadObject(r, g, grpcOperationGroupMembers)
}

var grpcOperationGroupMembers = jf.NewMembers(map[string]func(*jf.Reader, *GRPCOperationGroup){
	"operationConfigs": func(r *jf.Reader, g *GRPCOperationGroup) {
		g.OperationConfigs = jf.ReadSlice(r, readGRPCOperationConfig)
	},
})

func readLLMOperationGroup(r *jf.Reader, g *LLMOperationGroup) {
	jf.ReadObject(r, g, llmOperationGroupMembers)
}

var llmOperationGroupMembers = jf.NewMembers(map[string]func(*jf.Reader, *LLMOperationGroup){
	"operationConfigs": func(r *jf.Reader, g *LLMOperationGroup) {
		g.OperationConfigs = jf.ReadSlice(r, readLLMOperationConfig)
	},
})

func readPayloadOperationGroup(r *jf.Reader, g *PayloadOperationGroup) {
	jf.ReadObject(r, g, payloadOperationGroupMembers)
}

var payloadOperationGroupMembers = jf.NewMembers(map[string]func(*jf.Reader, *PayloadOperationGroup){
	"operationConfigs": func(r *jf.Reader, g *PayloadOperationGroup) {
		g.OperationConfigs = jf.ReadSlice(r, readPayloadOperationConfig)
	},
})

// The operation configurations and their operations.

func readOperationConfig(r *jf.Reader, c *OperationConfig) {
	jf.ReadObject(r, c, operationConfigMembers)
}

var operationConfigMembers = jf.NewMembers(map[string]func(*jf.Reader, *OperationConfig){
	"apiSource":  func(r *jf.Reader, c *OperationConfig) { c.APISource = r.Text() },
	"operations": func(r *jf.Reader, c *OperationConfig) { c.Operations = jf.ReadSlice(r, readOperation) },
	"quota":      func(r *jf.Reader, c *OperationConfig) { c.Quota = jf.ReadPtr(r, readQuota) },
	"attributes": func(r *jf.Reader, c *OperationConfig) { c.Attributes = jf.ReadSlice(r, readAttribute) },
})

func readOperation(r *jf.Reader, o *Operation) { jf.ReadObject(r, o, operationMembers) }

var operationMembers = jf.NewMembers(map[string]func(*jf.Reader, *Operation){
	"resource": func(r *jf.Reader, o *Operation) { o.Resource = r.Text() },
	"methods":  func(r *jf.Reader, o *Operation) { o.Methods = jf.ReadTexts[string](r) },
})

func readGraphQLOperationConfig(r *jf.Reader, c *GraphQLOperationConfig) {
	jf.ReadObject(r, c, graphQLOperationConfigMembers)
}

var graphQLOperationConfigMembers = jf.NewMembers(map[string]func(*jf.Reader, *GraphQLOperationConfig){
	"apiSource":  func(r *jf.Reader, c *GraphQLOperationConfig) { c.APISource = r.Text() },
	"operations": func(r *jf.Reader, c *GraphQLOperationConfig) { c.Operations = jf.ReadSlice(r, readGraphQLOperation) },
	"quota":      func(r *jf.Reader, c *GraphQLOperationConfig) { c.Quota = jf.ReadPtr(r, readQuota) },
	"attributes": func(r *jf.Reader, c *GraphQLOperationConfig) { c.Attributes = jf.ReadSlice(r, readAttribute) },
})

func readGraphQLOperation(r *jf.Reader, o *GraphQLOperation) {
	jf.ReadObject(r, o, graphQLOperationMembers)
}

var graphQLOperationMembers = jf.NewMembers(map[string]func(*jf.Reader, *GraphQLOperation){
	"operation":      func(r *jf.Reader, o *GraphQLOperation) { o.Operation = r.Text() },
	"operationTypes": func(r *jf.Reader, o *GraphQLOperation) { o.OperationTypes = jf.ReadTexts[GraphQLOperationType](r) },
})

func readGRPCOperationConfig(r *jf.Reader, c *GRPCOperationConfig) {
	jf.ReadObject(r, c, grpcOperationConfigMembers)
}

var grpcOperationConfigMembers = jf.NewMembers(map[string]func(*jf.Reader, *GRPCOperationConfig){
	"apiSource":  func(r *jf.Reader, c *GRPCOperationConfig) { c.APISource = r.Text() },
	"service":    func(r *jf.Reader, c *GRPCOperationConfig) { c.Service = r.Text() },
	"methods":    func(r *jf.Reader, c *GRPCOperationConfig) { c.Methods = jf.ReadTexts[string](r) },
	"quota":      func(r *jf.Reader, c *GRPCOperationConfig) { c.Quota = jf.ReadPtr(r, readQuota) },
	"attributes": func(r *jf.Reader, c *GRPCOperationConfig) { c.Attributes = jf.ReadSlice(r, readAttribute) },
})

func readLLMOperationConfig(r *jf.Reader, c *LLMOperationConfig) {
	jf.ReadObject(r, c, llmOperationConfigMembers)
}

var llmOperationConfigMembers = jf.NewMembers(map[string]func(*jf.Reader, *LLMOperationConfig){
	"apiSource":     func(r *jf.Reader, c *LLMOperationConfig) { c.APISource = r.Text() },
	"llmOperations": func(r *jf.Reader, c *LLMOperationConfig) { c.LLMOperations = jf.ReadSlice(r, readLLMOperation) },
	"llmTokenQuota": func(r *jf.Reader, c *LLMOperationConfig) { readLLMTokenQuota(r, &c.LLMTokenQuota) },
	"attributes":    func(r *jf.Reader, c *LLMOperationConfig) { c.Attributes = jf.ReadSlice(r, readAttribute) },
})

func readLLMOperation(r *jf.Reader, o *LLMOperation) { jf.ReadObject(r, o, llmOperationMembers) }

var llmOperationMembers = jf.NewMembers(map[string]func(*jf.Reader, *LLMOperation){
	"resource": func(r *jf.Reader, o *LLMOperation) { o.Resource = r.Text() },
	"model":    func(r *jf.Reader, o *LLMOperation) { o.Model = r.Text() },
	"methods":  func(r *jf.Reader, o *LLMOperation) { o.Methods = jf.ReadTexts[string](r) },
})

func readPayloadOperationConfig(r *jf.Reader, c *PayloadOperationConfig) {
	jf.ReadObject(r, c, payloadOperationConfigMembers)
}

var payloadOperationConfigMembers = jf.NewMembers(map[string]func(*jf.Reader, *PayloadOperationConfig){
	"apiSource":  func(r *jf.Reader, c *PayloadOperationConfig) { c.APISource = r.Text() },
	"operations": func(r *jf.Reader, c *PayloadOperationConfig) { c.Operations = jf.ReadSlice(r, readPayloadOperation) },
	"quota":      func(r *jf.Reader, c *PayloadOperationConfig) { c.Quota = jf.ReadPtr(r, readQuota) },
	"attributes": func(r *jf.Reader, c *PayloadOperationConfig) { c.Attributes = jf.ReadSlice(r, readAttribute) },
})

func readPayloadOperation(r *jf.Reader, o *PayloadOperation) {
	jf.ReadObject(r, o, payloadOperationMembers)
}

var payloadOperationMembers = jf.NewMembers(map[string]func(*jf.Reader, *PayloadOperation){
	"operation": func(r *jf.Reader, o *PayloadOperation) { o.Operation = r.Text() },
})

// appendProduct appends the request body of Create and Update: what
// genrt.MarshalJSON writes for p without its response-only times.
func appendProduct(b []byte, p *Product) []byte {
	b = append(b, '{')
	b = jf.OmitEmptyText(b, "name", p.Name)
	b = jf.OmitEmptyText(b, "displayName", p.DisplayName)
	b = jf.OmitEmptyText(b, "description", p.Description)
	b = jf.OmitEmptyText(b, "approvalType", p.ApprovalType)
	b = jf.OmitNilObjects(b, "attributes", p.Attributes, appendAttribute)
	b = jf.OmitNilTexts(b, "apiResources", p.APIResources)
	b = jf.OmitNilTexts(b, "environments", p.Environments)
	b = jf.OmitNilTexts(b, "proxies", p.Proxies)
	b = jf.OmitEmptyText(b, "quota", p.Quota)
	b = jf.OmitEmptyText(b, "quotaInterval", p.QuotaInterval)
	b = jf.OmitEmptyText(b, "quotaTimeUnit", p.QuotaTimeUnit)
	b = jf.OmitEmptyText(b, "quotaCounterScope", p.QuotaCounterScope)
	b = jf.OmitNilTexts(b, "scopes", p.Scopes)
	b = jf.OmitNilObject(b, "operationGroup", p.OperationGroup, appendOperationGroup)
	b = jf.OmitNilObject(b, "graphqlOperationGroup", p.GraphQLOperationGroup, appendGraphQLOperationGroup)
	b = jf.OmitNilObject(b, "grpcOperationGroup", p.GRPCOperationGroup, appendGRPCOperationGroup)
	b = jf.OmitNilObject(b, "llmOperationGroup", p.LLMOperationGroup, appendLLMOperationGroup)
	b = jf.OmitEmptyText(b, "llmQuota", p.LLMQuota)
	b = jf.OmitEmptyText(b, "llmQuotaInterval", p.LLMQuotaInterval)
	b = jf.OmitEmptyText(b, "llmQuotaTimeUnit", p.LLMQuotaTimeUnit)
	b = jf.OmitNilObject(b, "payloadOperationGroup", p.PayloadOperationGroup, appendPayloadOperationGroup)
	b = jf.OmitEmptyText(b, "space", p.Space)
	return append(b, '}')
}

func appendAttribute(b []byte, a *Attribute) []byte {
	b = append(b, '{')
	b = jf.OmitEmptyText(b, "name", a.Name)
	b = jf.OmitEmptyText(b, "value", a.Value)
	return append(b, '}')
}

func appendQuota(b []byte, q *Quota) []byte {
	return appendLLMTokenQuota(b, (*LLMTokenQuota)(q)) // the same members
}

func appendLLMTokenQuota(b []byte, q *LLMTokenQuota) []byte {
	b = append(b, '{')
	b = jf.Text(b, "limit", q.Limit)
	b = jf.Text(b, "interval", q.Interval)
	b = jf.OmitEmptyText(b, "timeUnit", q.TimeUnit)
	return append(b, '}')
}

func appendOperationGroup(b []byte, g *OperationGroup) []byte {
	b = append(b, '{')
	b = jf.OmitEmptyText(b, "operationConfigType", g.OperationConfigType)
	b = jf.Objects(b, "operationConfigs", g.OperationConfigs, appendOperationConfig)
	return append(b, '}')
}

func appendOperationConfig(b []byte, c *OperationConfig) []byte {
	b = append(b, '{')
	b = jf.Text(b, "apiSource", c.APISource)
	b = jf.OmitNilObjects(b, "operations", c.Operations, appendOperation)
	b = jf.OmitNilObject(b, "quota", c.Quota, appendQuota)
	b = jf.OmitNilObjects(b, "attributes", c.Attributes, appendAttribute)
	return append(b, '}')
}

func appendOperation(b []byte, o *Operation) []byte {
	b = append(b, '{')
	b = jf.Text(b, "resource", o.Resource)
	b = jf.OmitNilTexts(b, "methods", o.Methods)
	return append(b, '}')
}

func appendGraphQLOperationGroup(b []byte, g *GraphQLOperationGroup) []byte {
	b = append(b, '{')
	b = jf.OmitEmptyText(b, "operationConfigType", g.OperationConfigType)
	b = jf.Objects(b, "operationConfigs", g.OperationConfigs, appendGraphQLOperationConfig)
	return append(b, '}')
}

func appendGraphQLOperationConfig(b []byte, c *GraphQLOperationConfig) []byte {
	b = append(b, '{')
	b = jf.Text(b, "apiSource", c.APISource)
	b = jf.Objects(b, "operations", c.Operations, appendGraphQLOperation)
	b = jf.OmitNilObject(b, "quota", c.Quota, appendQuota)
	b = jf.OmitNilObjects(b, "attributes", c.Attributes, appendAttribute)
	return append(b, '}')
}

func appendGraphQLOperation(b []byte, o *GraphQLOperation) []byte {
	b = append(b, '{')
	b = jf.OmitEmptyText(b, "operation", o.Operation)
	b = jf.Texts(b, "operationTypes", o.OperationTypes)
	return append(b, '}')
}

func appendGRPCOperationGroup(b []byte, g *GRPCOperationGroup) []byte {
	b = append(b, '{')
	b = jf.Objects(b, "operationConfigs", g.OperationConfigs, appendGRPCOperationConfig)
	return append(b, '}')
}

func appendGRPCOperationConfig(b []byte, c *GRPCOperationConfig) []byte {
	b = append(b, '{')
	b = jf.Text(b, "apiSource", c.APISource)
	b = jf.Text(b, "service", c.Service)
	b = jf.OmitNilTexts(b, "methods", c.Methods)
	b = jf.OmitNilObject(b, "quota", c.Quota, appendQuota)
	b = jf.OmitNilObjects(b, "attributes", c.Attributes, appendAttribute)
	return append(b, '}')
}

func appendLLMOperationGroup(b []byte, g *LLMOperationGroup) []byte {
	b = append(b, '{')
	b = jf.Objects(b, "operationConfigs", g.OperationConfigs, appendLLMOperationConfig)
	return append(b, '}')
}

func appendLLMOperationConfig(b []byte, c *LLMOperationConfig) []byte {
	b = append(b, '{')
	b = jf.Text(b, "apiSource", c.APISource)
	b = jf.Objects(b, "llmOperations", c.LLMOperations, appendLLMOperation)
	b = jf.Object(b, "llmTokenQuota", &c.LLMTokenQuota, appendLLMTokenQuota)
	b = jf.OmitNilObjects(b, "attributes", c.Attributes, appendAttribute)
	return append(b, '}')
}

func appendLLMOperation(b []byte, o *LLMOperation) []byte {
	b = append(b, '{')
	b = jf.Text(b, "resource", o.Resource)
	b = jf.Text(b, "model", o.Model)
	b = jf.OmitNilTexts(b, "methods", o.Methods)
	return append(b, '}')
}

func appendPayloadOperationGroup(b []byte, g *PayloadOperationGroup) []byte {
	b = append(b, '{')
	b = jf.Objects(b, "operationConfigs", g.OperationConfigs, appendPayloadOperationConfig)
	return append(b, '}')
}

func appendPayloadOperationConfig(b []byte, c *PayloadOperationConfig) []byte {
	b = append(b, '{')
	b = jf.Text(b, "apiSource", c.APISource)
	b = jf.Objects(b, "operations", c.Operations, appendPayloadOperation)
	b = jf.OmitNilObject(b, "quota", c.Quota, appendQuota)
	b = jf.OmitNilObjects(b, "attributes", c.Attributes, appendAttribute)
	return append(b, '}')
}

func appendPayloadOperation(b []byte, o *PayloadOperation) []byte {
	b = append(b, '{')
	b = jf.Text(b, "operation", o.Operation)
	return append(b, '}')
}
