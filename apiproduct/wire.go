package apiproduct

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/jsonscan"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// This file maps between the public models and the generated wire models,
// and encodes the request body of Create and Update.

// responseOnly are the wire fields the server sets; they are never sent.
var responseOnly = map[string]bool{"createdAt": true, "lastModifiedAt": true}

// knownFields returns the top-level wire names of gen.APIProduct.
var knownFields = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	t := reflect.TypeFor[gen.APIProduct]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = true
		}
	}
	return m
})

// encodeProduct returns the JSON body for Create and Update: every field of
// p except the response-only ones, plus the top-level fields of the product
// as read that this package does not model.
func encodeProduct(p *Product) ([]byte, error) {
	body, err := transport.EncodeJSON(productToGen(p))
	if err != nil || len(p.unknown) == 0 {
		return body, err
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	known := knownFields()
	for k, v := range p.unknown {
		if !known[k] && !responseOnly[k] {
			m[k] = v
		}
	}
	return transport.EncodeJSON(m)
}

// decodeProduct decodes a product response, keeping the fields this package
// does not model.
func decodeProduct(op string, resp *http.Response, err error) (*Product, error) {
	g, err := transport.Decode[gen.APIProduct](op, resp, err)
	if err != nil {
		return nil, err
	}
	p := productFromGen(g)
	p.unknown = unknownFields(transport.Bytes(resp))
	return p, nil
}

// unknownFields returns the top-level members of a JSON object that
// gen.APIProduct does not have, or nil.
func unknownFields(data []byte) map[string]json.RawMessage {
	known := knownFields()
	if !mayHaveUnknownField(data, known) {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	var out map[string]json.RawMessage
	for k, v := range m {
		if known[k] {
			continue
		}
		if out == nil {
			out = map[string]json.RawMessage{}
		}
		out[k] = bytes.Clone(v)
	}
	return out
}

// mayHaveUnknownField reports whether the JSON object data may have a
// top-level member whose name is not in known. It walks the top level
// without allocating (jsonscan), so that the common response, which has only
// known members, is not decoded a second time. It answers true for whatever
// it does not follow (a name with escapes, anything but an object), leaving
// those to the full decode.
func mayHaveUnknownField(data []byte, known map[string]bool) bool {
	unknown := false
	followed := jsonscan.Members(data, func(name, _ []byte) bool {
		unknown = !known[string(name)]
		return !unknown
	})
	return unknown || !followed
}

// productBlock is a product together with the operation groups it may point
// to, so that converting one takes a single allocation for them all.
type productBlock struct {
	product Product
	rest    OperationGroup
	graphQL GraphQLOperationGroup
	grpc    GRPCOperationGroup
	llm     LLMOperationGroup
	payload PayloadOperationGroup
}

// quotaBlock is how many quotas fromWire and toWire allocate at a time.
const quotaBlock = 8

// fromWire maps wire models to public ones. The quotas of the configs come
// from shared blocks of quotaBlock, so that a product, or a page of
// products, does not cost one allocation per quota.
type fromWire struct {
	quotas []Quota
}

func (w *fromWire) quota(q *gen.Quota) *Quota {
	if q == nil {
		return nil
	}
	if len(w.quotas) == cap(w.quotas) {
		w.quotas = make([]Quota, 0, quotaBlock)
	}
	w.quotas = append(w.quotas, Quota{Limit: q.Limit, Interval: q.Interval, TimeUnit: TimeUnit(q.TimeUnit)})
	return &w.quotas[len(w.quotas)-1]
}

// productFromGen maps one product, with its groups in one block.
func productFromGen(g *gen.APIProduct) *Product {
	var w fromWire
	b := new(productBlock)
	w.product(g, b)
	return &b.product
}

// productsFromGen maps a page of products. Each product has a block of its
// own, so that a product kept from a page does not keep the page in memory;
// the page's quotas share blocks of quotaBlock.
func productsFromGen(gs []gen.APIProduct) []*Product {
	if gs == nil {
		return nil
	}
	var w fromWire
	out := make([]*Product, len(gs))
	for i := range gs {
		b := new(productBlock)
		w.product(&gs[i], b)
		out[i] = &b.product
	}
	return out
}

// product fills b.product from g; its operation groups are b's.
func (w *fromWire) product(g *gen.APIProduct, b *productBlock) {
	b.product = Product{
		Name:                  g.Name,
		DisplayName:           g.DisplayName,
		Description:           g.Description,
		ApprovalType:          ApprovalType(g.ApprovalType),
		Attributes:            attributesFromGen(g.Attributes),
		APIResources:          g.APIResources,
		Environments:          g.Environments,
		Proxies:               g.Proxies,
		Quota:                 g.Quota,
		QuotaInterval:         g.QuotaInterval,
		QuotaTimeUnit:         TimeUnit(g.QuotaTimeUnit),
		QuotaCounterScope:     QuotaCounterScope(g.QuotaCounterScope),
		Scopes:                g.Scopes,
		OperationGroup:        w.operationGroup(g.OperationGroup, &b.rest),
		GraphQLOperationGroup: w.graphQLGroup(g.GraphQLOperationGroup, &b.graphQL),
		GRPCOperationGroup:    w.grpcGroup(g.GRPCOperationGroup, &b.grpc),
		LLMOperationGroup:     w.llmGroup(g.LLMOperationGroup, &b.llm),
		LLMQuota:              g.LLMQuota,
		LLMQuotaInterval:      g.LLMQuotaInterval,
		LLMQuotaTimeUnit:      TimeUnit(g.LLMQuotaTimeUnit),
		PayloadOperationGroup: w.payloadGroup(g.PayloadOperationGroup, &b.payload),
		Space:                 g.Space,
		CreatedAt:             convert.UnixMillis(g.CreatedAt),
		LastModifiedAt:        convert.UnixMillis(g.LastModifiedAt),
	}
}

// productToGen maps p to the wire model, without the response-only fields.
// Empty strings are left out; nil slices are left out and empty ones are sent
// as []. The model points into p (convert.RefIfSet), so it must be encoded
// before p changes, and not kept.
func productToGen(p *Product) gen.APIProduct {
	var w toWire
	return gen.APIProduct{
		Name:                  p.Name,
		DisplayName:           p.DisplayName,
		Description:           p.Description,
		ApprovalType:          string(p.ApprovalType),
		Attributes:            attributesToGen(p.Attributes),
		APIResources:          p.APIResources,
		Environments:          p.Environments,
		Proxies:               p.Proxies,
		Quota:                 p.Quota,
		QuotaInterval:         p.QuotaInterval,
		QuotaTimeUnit:         string(p.QuotaTimeUnit),
		QuotaCounterScope:     gen.QuotaCounterScope(p.QuotaCounterScope),
		Scopes:                p.Scopes,
		OperationGroup:        w.operationGroup(p.OperationGroup),
		GraphQLOperationGroup: w.graphQLGroup(p.GraphQLOperationGroup),
		GRPCOperationGroup:    w.grpcGroup(p.GRPCOperationGroup),
		LLMOperationGroup:     w.llmGroup(p.LLMOperationGroup),
		LLMQuota:              p.LLMQuota,
		LLMQuotaInterval:      p.LLMQuotaInterval,
		LLMQuotaTimeUnit:      string(p.LLMQuotaTimeUnit),
		PayloadOperationGroup: w.payloadGroup(p.PayloadOperationGroup),
		Space:                 p.Space,
	}
}

// wireGroups holds the operation groups of one wire product, so that
// mapping a product takes one allocation for all its groups.
type wireGroups struct {
	rest    gen.OperationGroup
	graphQL gen.GraphQLOperationGroup
	grpc    gen.GRPCOperationGroup
	llm     gen.LLMOperationGroup
	payload gen.PayloadOperationGroup
}

// toWire maps public models to wire ones, allocating the operation groups
// of a product together and its quotas in blocks of quotaBlock.
type toWire struct {
	groups *wireGroups
	quotas []gen.Quota
}

func (w *toWire) block() *wireGroups {
	if w.groups == nil {
		w.groups = new(wireGroups)
	}
	return w.groups
}

func (w *toWire) quota(q *Quota) *gen.Quota {
	if q == nil {
		return nil
	}
	if len(w.quotas) == cap(w.quotas) {
		w.quotas = make([]gen.Quota, 0, quotaBlock)
	}
	w.quotas = append(w.quotas, gen.Quota{Limit: q.Limit, Interval: q.Interval, TimeUnit: string(q.TimeUnit)})
	return &w.quotas[len(w.quotas)-1]
}

func attributeFromGen(a *gen.Attribute) Attribute {
	return Attribute{Name: a.Name, Value: a.Value}
}

func attributesFromGen(s []gen.Attribute) []Attribute {
	return convert.Slice(s, attributeFromGen)
}

func attributesToGen(s []Attribute) []gen.Attribute {
	return convert.Slice(s, func(a *Attribute) gen.Attribute {
		return gen.Attribute{Name: a.Name, Value: a.Value}
	})
}

func (w *fromWire) operationGroup(g *gen.OperationGroup, dst *OperationGroup) *OperationGroup {
	if g == nil {
		return nil
	}
	*dst = OperationGroup{
		OperationConfigType: OperationConfigType(g.OperationConfigType),
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *gen.OperationConfig) OperationConfig {
			return OperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *gen.Operation) Operation {
					return Operation{Resource: o.Resource, Methods: o.Methods}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesFromGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *toWire) operationGroup(g *OperationGroup) *gen.OperationGroup {
	if g == nil {
		return nil
	}
	dst := &w.block().rest
	*dst = gen.OperationGroup{
		OperationConfigType: string(g.OperationConfigType),
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *OperationConfig) gen.OperationConfig {
			return gen.OperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *Operation) gen.Operation {
					return gen.Operation{Resource: o.Resource, Methods: o.Methods}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesToGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *fromWire) graphQLGroup(g *gen.GraphQLOperationGroup, dst *GraphQLOperationGroup) *GraphQLOperationGroup {
	if g == nil {
		return nil
	}
	*dst = GraphQLOperationGroup{
		OperationConfigType: OperationConfigType(g.OperationConfigType),
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *gen.GraphQLOperationConfig) GraphQLOperationConfig {
			return GraphQLOperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *gen.GraphQLOperation) GraphQLOperation {
					return GraphQLOperation{
						Operation:      o.Operation,
						OperationTypes: convert.Slice(o.OperationTypes, func(t *string) GraphQLOperationType { return GraphQLOperationType(*t) }),
					}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesFromGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *toWire) graphQLGroup(g *GraphQLOperationGroup) *gen.GraphQLOperationGroup {
	if g == nil {
		return nil
	}
	dst := &w.block().graphQL
	*dst = gen.GraphQLOperationGroup{
		OperationConfigType: string(g.OperationConfigType),
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *GraphQLOperationConfig) gen.GraphQLOperationConfig {
			return gen.GraphQLOperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *GraphQLOperation) gen.GraphQLOperation {
					return gen.GraphQLOperation{
						Operation:      o.Operation,
						OperationTypes: convert.Slice(o.OperationTypes, func(t *GraphQLOperationType) string { return string(*t) }),
					}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesToGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *fromWire) grpcGroup(g *gen.GRPCOperationGroup, dst *GRPCOperationGroup) *GRPCOperationGroup {
	if g == nil {
		return nil
	}
	*dst = GRPCOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *gen.GRPCOperationConfig) GRPCOperationConfig {
			return GRPCOperationConfig{
				APISource:  c.APISource,
				Service:    c.Service,
				Methods:    c.Methods,
				Quota:      w.quota(c.Quota),
				Attributes: attributesFromGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *toWire) grpcGroup(g *GRPCOperationGroup) *gen.GRPCOperationGroup {
	if g == nil {
		return nil
	}
	dst := &w.block().grpc
	*dst = gen.GRPCOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *GRPCOperationConfig) gen.GRPCOperationConfig {
			return gen.GRPCOperationConfig{
				APISource:  c.APISource,
				Service:    c.Service,
				Methods:    c.Methods,
				Quota:      w.quota(c.Quota),
				Attributes: attributesToGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *fromWire) llmGroup(g *gen.LLMOperationGroup, dst *LLMOperationGroup) *LLMOperationGroup {
	if g == nil {
		return nil
	}
	*dst = LLMOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *gen.LLMOperationConfig) LLMOperationConfig {
			return LLMOperationConfig{
				APISource: c.APISource,
				LLMOperations: convert.Slice(c.LLMOperations, func(o *gen.LLMOperation) LLMOperation {
					return LLMOperation{Resource: o.Resource, Model: o.Model, Methods: o.Methods}
				}),
				LLMTokenQuota: LLMTokenQuota{
					Limit:    c.LLMTokenQuota.Limit,
					Interval: c.LLMTokenQuota.Interval,
					TimeUnit: TimeUnit(c.LLMTokenQuota.TimeUnit),
				},
				Attributes: attributesFromGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *toWire) llmGroup(g *LLMOperationGroup) *gen.LLMOperationGroup {
	if g == nil {
		return nil
	}
	dst := &w.block().llm
	*dst = gen.LLMOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *LLMOperationConfig) gen.LLMOperationConfig {
			return gen.LLMOperationConfig{
				APISource: c.APISource,
				LLMOperations: convert.Slice(c.LLMOperations, func(o *LLMOperation) gen.LLMOperation {
					return gen.LLMOperation{Resource: o.Resource, Model: o.Model, Methods: o.Methods}
				}),
				LLMTokenQuota: gen.LLMTokenQuota{
					Limit:    c.LLMTokenQuota.Limit,
					Interval: c.LLMTokenQuota.Interval,
					TimeUnit: string(c.LLMTokenQuota.TimeUnit),
				},
				Attributes: attributesToGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *fromWire) payloadGroup(g *gen.PayloadOperationGroup, dst *PayloadOperationGroup) *PayloadOperationGroup {
	if g == nil {
		return nil
	}
	*dst = PayloadOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *gen.PayloadOperationConfig) PayloadOperationConfig {
			return PayloadOperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *gen.PayloadOperation) PayloadOperation {
					return PayloadOperation{Operation: o.Operation}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesFromGen(c.Attributes),
			}
		}),
	}
	return dst
}

func (w *toWire) payloadGroup(g *PayloadOperationGroup) *gen.PayloadOperationGroup {
	if g == nil {
		return nil
	}
	dst := &w.block().payload
	*dst = gen.PayloadOperationGroup{
		OperationConfigs: convert.Slice(g.OperationConfigs, func(c *PayloadOperationConfig) gen.PayloadOperationConfig {
			return gen.PayloadOperationConfig{
				APISource: c.APISource,
				Operations: convert.Slice(c.Operations, func(o *PayloadOperation) gen.PayloadOperation {
					return gen.PayloadOperation{Operation: o.Operation}
				}),
				Quota:      w.quota(c.Quota),
				Attributes: attributesToGen(c.Attributes),
			}
		}),
	}
	return dst
}
