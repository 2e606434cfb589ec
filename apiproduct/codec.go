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
// fail and the
// product is decoded with encoding/json as before (wire.go), so what a
// response decodes to never depends on which path read it. The writers
// write, byte for byte, what genrt.MarshalJSON writes for productOut.
// TestFastCodecMatchesEncodingJSON and FuzzFastProductDecode check both
// against encoding/json; when a field is added to the public types, they
// fail until it is added here.

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

func readProductPage(r *jf.Reader, list *[]*Product) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		if k != "apiProduct" {
			r.Fail()
			return
		}
		r.Once(&seen, 0)
		if !r.Array() {
			continue // null: no products
		}
		*list = []*Product{}
		for r.Elem() {
			sub := r.Copy()
			p := new(Product)
			readProduct(&sub, p)
			if !sub.End() {
				r.Fail()
			}
			*list = append(*list, p)
		}
	}
}

func readProduct(r *jf.Reader, p *Product) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "name":
			r.Once(&seen, 0)
			p.Name = r.Text()
		case "displayName":
			r.Once(&seen, 1)
			p.DisplayName = r.Text()
		case "description":
			r.Once(&seen, 2)
			p.Description = r.Text()
		case "approvalType":
			r.Once(&seen, 3)
			p.ApprovalType = ApprovalType(r.Text())
		case "attributes":
			r.Once(&seen, 4)
			p.Attributes = jf.ReadSlice(r, readAttribute)
		case "apiResources":
			r.Once(&seen, 5)
			p.APIResources = jf.ReadTexts[string](r)
		case "environments":
			r.Once(&seen, 6)
			p.Environments = jf.ReadTexts[string](r)
		case "proxies":
			r.Once(&seen, 7)
			p.Proxies = jf.ReadTexts[string](r)
		case "quota":
			r.Once(&seen, 8)
			p.Quota = r.Text()
		case "quotaInterval":
			r.Once(&seen, 9)
			p.QuotaInterval = r.Text()
		case "quotaTimeUnit":
			r.Once(&seen, 10)
			p.QuotaTimeUnit = TimeUnit(r.Text())
		case "quotaCounterScope":
			r.Once(&seen, 11)
			p.QuotaCounterScope = QuotaCounterScope(r.Text())
		case "scopes":
			r.Once(&seen, 12)
			p.Scopes = jf.ReadTexts[string](r)
		case "operationGroup":
			r.Once(&seen, 13)
			p.OperationGroup = jf.ReadPtr(r, readOperationGroup)
		case "graphqlOperationGroup":
			r.Once(&seen, 14)
			p.GraphQLOperationGroup = jf.ReadPtr(r, readGraphQLOperationGroup)
		case "grpcOperationGroup":
			r.Once(&seen, 15)
			p.GRPCOperationGroup = jf.ReadPtr(r, readGRPCOperationGroup)
		case "llmOperationGroup":
			r.Once(&seen, 16)
			p.LLMOperationGroup = jf.ReadPtr(r, readLLMOperationGroup)
		case "llmQuota":
			r.Once(&seen, 17)
			p.LLMQuota = r.Text()
		case "llmQuotaInterval":
			r.Once(&seen, 18)
			p.LLMQuotaInterval = r.Text()
		case "llmQuotaTimeUnit":
			r.Once(&seen, 19)
			p.LLMQuotaTimeUnit = TimeUnit(r.Text())
		case "payloadOperationGroup":
			r.Once(&seen, 20)
			p.PayloadOperationGroup = jf.ReadPtr(r, readPayloadOperationGroup)
		case "space":
			r.Once(&seen, 21)
			p.Space = r.Text()
		case "createdAt":
			r.Once(&seen, 22)
			p.CreatedAt = convert.UnixMillis(r.Text())
		case "lastModifiedAt":
			r.Once(&seen, 23)
			p.LastModifiedAt = convert.UnixMillis(r.Text())
		default:
			r.Fail()
		}
	}
}

func readAttribute(r *jf.Reader, a *Attribute) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "name":
			r.Once(&seen, 0)
			a.Name = r.Text()
		case "value":
			r.Once(&seen, 1)
			a.Value = r.Text()
		default:
			r.Fail()
		}
	}
}

func readQuota(r *jf.Reader, q *Quota) {
	lq := (*LLMTokenQuota)(q) // the same members
	readLLMTokenQuota(r, lq)
}

func readLLMTokenQuota(r *jf.Reader, q *LLMTokenQuota) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "limit":
			r.Once(&seen, 0)
			q.Limit = r.Text()
		case "interval":
			r.Once(&seen, 1)
			q.Interval = r.Text()
		case "timeUnit":
			r.Once(&seen, 2)
			q.TimeUnit = TimeUnit(r.Text())
		default:
			r.Fail()
		}
	}
}

// readConfigs reads an operation group: its operationConfigs and, when typ
// is not nil, its operationConfigType.
func readConfigs[T any](r *jf.Reader, configs *[]T, typ *OperationConfigType, elem func(*jf.Reader, *T)) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch {
		case k == "operationConfigs":
			r.Once(&seen, 0)
			*configs = jf.ReadSlice(r, elem)
		case k == "operationConfigType" && typ != nil:
			r.Once(&seen, 1)
			*typ = OperationConfigType(r.Text())
		default:
			r.Fail()
		}
	}
}

func readOperationGroup(r *jf.Reader, g *OperationGroup) {
	readConfigs(r, &g.OperationConfigs, &g.OperationConfigType, readOperationConfig)
}

func readGraphQLOperationGroup(r *jf.Reader, g *GraphQLOperationGroup) {
	readConfigs(r, &g.OperationConfigs, &g.OperationConfigType, readGraphQLOperationConfig)
}

func readGRPCOperationGroup(r *jf.Reader, g *GRPCOperationGroup) {
	readConfigs(r, &g.OperationConfigs, nil, readGRPCOperationConfig)
}

func readLLMOperationGroup(r *jf.Reader, g *LLMOperationGroup) {
	readConfigs(r, &g.OperationConfigs, nil, readLLMOperationConfig)
}

func readPayloadOperationGroup(r *jf.Reader, g *PayloadOperationGroup) {
	readConfigs(r, &g.OperationConfigs, nil, readPayloadOperationConfig)
}

func readOperationConfig(r *jf.Reader, c *OperationConfig) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "apiSource":
			r.Once(&seen, 0)
			c.APISource = r.Text()
		case "operations":
			r.Once(&seen, 1)
			c.Operations = jf.ReadSlice(r, readOperation)
		case "quota":
			r.Once(&seen, 2)
			c.Quota = jf.ReadPtr(r, readQuota)
		case "attributes":
			r.Once(&seen, 3)
			c.Attributes = jf.ReadSlice(r, readAttribute)
		default:
			r.Fail()
		}
	}
}

func readOperation(r *jf.Reader, o *Operation) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "resource":
			r.Once(&seen, 0)
			o.Resource = r.Text()
		case "methods":
			r.Once(&seen, 1)
			o.Methods = jf.ReadTexts[string](r)
		default:
			r.Fail()
		}
	}
}

func readGraphQLOperationConfig(r *jf.Reader, c *GraphQLOperationConfig) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "apiSource":
			r.Once(&seen, 0)
			c.APISource = r.Text()
		case "operations":
			r.Once(&seen, 1)
			c.Operations = jf.ReadSlice(r, readGraphQLOperation)
		case "quota":
			r.Once(&seen, 2)
			c.Quota = jf.ReadPtr(r, readQuota)
		case "attributes":
			r.Once(&seen, 3)
			c.Attributes = jf.ReadSlice(r, readAttribute)
		default:
			r.Fail()
		}
	}
}

func readGraphQLOperation(r *jf.Reader, o *GraphQLOperation) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "operation":
			r.Once(&seen, 0)
			o.Operation = r.Text()
		case "operationTypes":
			r.Once(&seen, 1)
			o.OperationTypes = jf.ReadTexts[GraphQLOperationType](r)
		default:
			r.Fail()
		}
	}
}

func readGRPCOperationConfig(r *jf.Reader, c *GRPCOperationConfig) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "apiSource":
			r.Once(&seen, 0)
			c.APISource = r.Text()
		case "service":
			r.Once(&seen, 1)
			c.Service = r.Text()
		case "methods":
			r.Once(&seen, 2)
			c.Methods = jf.ReadTexts[string](r)
		case "quota":
			r.Once(&seen, 3)
			c.Quota = jf.ReadPtr(r, readQuota)
		case "attributes":
			r.Once(&seen, 4)
			c.Attributes = jf.ReadSlice(r, readAttribute)
		default:
			r.Fail()
		}
	}
}

func readLLMOperationConfig(r *jf.Reader, c *LLMOperationConfig) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "apiSource":
			r.Once(&seen, 0)
			c.APISource = r.Text()
		case "llmOperations":
			r.Once(&seen, 1)
			c.LLMOperations = jf.ReadSlice(r, readLLMOperation)
		case "llmTokenQuota":
			r.Once(&seen, 2)
			readLLMTokenQuota(r, &c.LLMTokenQuota)
		case "attributes":
			r.Once(&seen, 3)
			c.Attributes = jf.ReadSlice(r, readAttribute)
		default:
			r.Fail()
		}
	}
}

func readLLMOperation(r *jf.Reader, o *LLMOperation) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "resource":
			r.Once(&seen, 0)
			o.Resource = r.Text()
		case "model":
			r.Once(&seen, 1)
			o.Model = r.Text()
		case "methods":
			r.Once(&seen, 2)
			o.Methods = jf.ReadTexts[string](r)
		default:
			r.Fail()
		}
	}
}

func readPayloadOperationConfig(r *jf.Reader, c *PayloadOperationConfig) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "apiSource":
			r.Once(&seen, 0)
			c.APISource = r.Text()
		case "operations":
			r.Once(&seen, 1)
			c.Operations = jf.ReadSlice(r, readPayloadOperation)
		case "quota":
			r.Once(&seen, 2)
			c.Quota = jf.ReadPtr(r, readQuota)
		case "attributes":
			r.Once(&seen, 3)
			c.Attributes = jf.ReadSlice(r, readAttribute)
		default:
			r.Fail()
		}
	}
}

func readPayloadOperation(r *jf.Reader, o *PayloadOperation) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "operation":
			r.Once(&seen, 0)
			o.Operation = r.Text()
		default:
			r.Fail()
		}
	}
}

// appendProduct appends the request body of Create and Update: what
// genrt.MarshalJSON writes for productOut{p}.
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
