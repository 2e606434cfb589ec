package apiproduct

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// Checks of the documented constraints, run before anything is sent. Field
// names in the errors are the wire names, with a path for nested fields.

// path is the wire name of a possibly nested field
// ("operationGroup.operationConfigs[0].quota.limit"). It is a value, turned
// into a string only when a problem is reported, so that checking a valid
// product allocates nothing.
type path struct {
	segs [maxDepth]struct {
		name  string
		index int // -1 for none
	}
	n int
}

// maxDepth is the depth of the most deeply nested checked field,
// graphqlOperationGroup.operationConfigs[i].operations[j].operationTypes[k].
const maxDepth = 5

// field returns the path of a top-level field.
func field(name string) path {
	var p path
	return p.dot(name)
}

// dot returns p followed by ".name".
func (p path) dot(name string) path {
	p.segs[p.n].name, p.segs[p.n].index = name, -1
	p.n++
	return p
}

// at returns p followed by "[i]".
func (p path) at(i int) path {
	p.segs[p.n-1].index = i
	return p
}

func (p path) String() string {
	var b []byte
	for i := range p.n {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, p.segs[i].name...)
		if p.segs[i].index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(p.segs[i].index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}

// check records problem for the field at p when ok is false.
func check(v *apierror.Validator, ok bool, p path, problem string) {
	if !ok {
		v.Add(p.String(), problem)
	}
}

func checkOrg(v *apierror.Validator, org string) {
	v.ID("organization", org)
}

// checkName applies the documented character set of a product's internal
// name: A-Z0-9._\-$ % (and lower-case letters).
func checkName(v *apierror.Validator, field, name string) {
	if !v.PathSegment(field, name) {
		return
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("._-$ %", r)) {
			v.Add(field, "may contain only letters, digits, spaces and ._-$%")
			return
		}
	}
}

func checkAttributeName(v *apierror.Validator, field, name string) {
	v.PathSegment(field, name)
}

func oneOf[T ~string](v *apierror.Validator, p path, val T, allowed ...T) {
	if val == "" {
		return
	}
	for _, a := range allowed {
		if val == a {
			return
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	v.Add(p.String(), "must be one of "+strings.Join(names, ", "))
}

func checkTimeUnit(v *apierror.Validator, p path, u TimeUnit) {
	oneOf(v, p, u, Minute, Hour, Day, Month)
}

// checkProduct applies every documented constraint of a product body.
func checkProduct(v *apierror.Validator, p *Product) {
	if p == nil {
		v.Add("product", "is required")
		return
	}
	v.UTF8Deep("", p)
	checkName(v, "name", p.Name)
	oneOf(v, field("approvalType"), p.ApprovalType, ApprovalManual, ApprovalAuto)
	checkTimeUnit(v, field("quotaTimeUnit"), p.QuotaTimeUnit)
	checkTimeUnit(v, field("llmQuotaTimeUnit"), p.LLMQuotaTimeUnit)
	oneOf(v, field("quotaCounterScope"), p.QuotaCounterScope,
		QuotaCounterScopeUnspecified, QuotaCounterScopeProxy, QuotaCounterScopeOperation, QuotaCounterScopeProduct)
	checkProductAttributes(v, field("attributes"), p.Attributes)
	if len(p.Attributes) > MaxAttributes {
		v.Add("attributes", fmt.Sprintf("must be at most %d", MaxAttributes))
	}

	if len(p.APIResources) > 0 {
		v.Check(p.OperationGroup == nil, "apiResources", "cannot be set together with operationGroup")
		v.Check(p.LLMOperationGroup == nil, "apiResources", "cannot be set together with llmOperationGroup")
	}
	if p.PayloadOperationGroup != nil {
		v.Check(len(p.Proxies) == 0, "payloadOperationGroup", "cannot be set together with proxies")
		v.Check(len(p.APIResources) == 0, "payloadOperationGroup", "cannot be set together with apiResources")
	}
	checkOperationGroup(v, p.OperationGroup)
	checkGraphQLGroup(v, p.GraphQLOperationGroup)
	checkGRPCGroup(v, p.GRPCOperationGroup)
	checkLLMGroup(v, p.LLMOperationGroup)
	checkPayloadGroup(v, p.PayloadOperationGroup)
}

// checkProductAttributes checks the custom attributes of a product. Their
// names become path segments of GetAttribute, UpdateAttribute and
// DeleteAttribute, so a name those calls refuse ("." or "..", a slash, a
// control character) cannot be set either.
func checkProductAttributes(v *apierror.Validator, p path, attrs []Attribute) {
	for i, a := range attrs {
		var probe apierror.Validator
		if !probe.PathSegment("name", a.Name) {
			checkAttributeName(v, p.at(i).dot("name").String(), a.Name)
		}
	}
}

func checkAttributes(v *apierror.Validator, p path, attrs []Attribute) {
	for i, a := range attrs {
		check(v, a.Name != "", p.at(i).dot("name"), "is required")
	}
}

func checkQuota(v *apierror.Validator, p path, q *Quota) {
	if q == nil {
		return
	}
	check(v, q.Limit != "", p.dot("limit"), "is required")
	check(v, q.Interval != "", p.dot("interval"), "is required")
	checkTimeUnit(v, p.dot("timeUnit"), q.TimeUnit)
}

// checkConfigs checks that a group has configurations and that each names its
// API source, then runs each on the rest.
func checkConfigs[C any](v *apierror.Validator, group string, configs []C, apiSource func(*C) string, each func(p path, c *C)) {
	if len(configs) == 0 {
		v.Add(group+".operationConfigs", "is required")
		return
	}
	for i := range configs {
		p := field(group).dot("operationConfigs").at(i)
		check(v, apiSource(&configs[i]) != "", p.dot("apiSource"), "is required")
		each(p, &configs[i])
	}
}

func checkOperationGroup(v *apierror.Validator, g *OperationGroup) {
	if g == nil {
		return
	}
	const f = "operationGroup"
	oneOf(v, field(f).dot("operationConfigType"), g.OperationConfigType, ConfigProxy, ConfigRemoteService)
	checkConfigs(v, f, g.OperationConfigs, func(c *OperationConfig) string { return c.APISource }, func(p path, c *OperationConfig) {
		check(v, len(c.Operations) <= 1, p.dot("operations"), "must hold at most one resource/method pair")
		for j, o := range c.Operations {
			check(v, o.Resource != "", p.dot("operations").at(j).dot("resource"), "is required")
		}
		checkQuota(v, p.dot("quota"), c.Quota)
		checkAttributes(v, p.dot("attributes"), c.Attributes)
	})
}

func checkGraphQLGroup(v *apierror.Validator, g *GraphQLOperationGroup) {
	if g == nil {
		return
	}
	const f = "graphqlOperationGroup"
	oneOf(v, field(f).dot("operationConfigType"), g.OperationConfigType, ConfigProxy, ConfigRemoteService)
	checkConfigs(v, f, g.OperationConfigs, func(c *GraphQLOperationConfig) string { return c.APISource }, func(p path, c *GraphQLOperationConfig) {
		check(v, len(c.Operations) == 1, p.dot("operations"), "must hold exactly one operation")
		for j, o := range c.Operations {
			op := p.dot("operations").at(j).dot("operationTypes")
			check(v, len(o.OperationTypes) > 0, op, "is required")
			for k, t := range o.OperationTypes {
				oneOf(v, op.at(k), t, GraphQLQuery, GraphQLMutation)
			}
		}
		checkQuota(v, p.dot("quota"), c.Quota)
		checkAttributes(v, p.dot("attributes"), c.Attributes)
	})
}

func checkGRPCGroup(v *apierror.Validator, g *GRPCOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "grpcOperationGroup", g.OperationConfigs, func(c *GRPCOperationConfig) string { return c.APISource }, func(p path, c *GRPCOperationConfig) {
		check(v, c.Service != "", p.dot("service"), "is required")
		checkQuota(v, p.dot("quota"), c.Quota)
		checkAttributes(v, p.dot("attributes"), c.Attributes)
	})
}

func checkLLMGroup(v *apierror.Validator, g *LLMOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "llmOperationGroup", g.OperationConfigs, func(c *LLMOperationConfig) string { return c.APISource }, func(p path, c *LLMOperationConfig) {
		check(v, len(c.LLMOperations) == 1, p.dot("llmOperations"), "must hold exactly one resource/method/model mapping")
		for j, o := range c.LLMOperations {
			op := p.dot("llmOperations").at(j)
			check(v, o.Resource != "", op.dot("resource"), "is required")
			check(v, o.Model != "", op.dot("model"), "is required")
			for k, m := range o.Methods {
				check(v, m != "" && m == strings.ToUpper(m), op.dot("methods").at(k), "must be an upper-case HTTP method")
			}
		}
		q := c.LLMTokenQuota
		check(v, q.Limit != "", p.dot("llmTokenQuota").dot("limit"), "is required")
		check(v, q.Interval != "", p.dot("llmTokenQuota").dot("interval"), "is required")
		checkTimeUnit(v, p.dot("llmTokenQuota").dot("timeUnit"), q.TimeUnit)
		checkAttributes(v, p.dot("attributes"), c.Attributes)
	})
}

func checkPayloadGroup(v *apierror.Validator, g *PayloadOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "payloadOperationGroup", g.OperationConfigs, func(c *PayloadOperationConfig) string { return c.APISource }, func(p path, c *PayloadOperationConfig) {
		check(v, len(c.Operations) > 0, p.dot("operations"), "is required")
		for j, o := range c.Operations {
			op := p.dot("operations").at(j).dot("operation")
			check(v, o.Operation != "", op, "is required")
			check(v, !strings.Contains(o.Operation, "*"), op, "must not contain wildcards")
		}
		checkQuota(v, p.dot("quota"), c.Quota)
		checkAttributes(v, p.dot("attributes"), c.Attributes)
	})
}
