package apiproduct

import (
	"fmt"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// Checks of the documented constraints, run before anything is sent. Field
// names in the errors are the wire names, with a path for nested fields.

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

func oneOf[T ~string](v *apierror.Validator, field string, val T, allowed ...T) {
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
	v.Add(field, "must be one of "+strings.Join(names, ", "))
}

func checkTimeUnit(v *apierror.Validator, field string, u TimeUnit) {
	oneOf(v, field, u, Minute, Hour, Day, Month)
}

// checkProduct applies every documented constraint of a product body.
func checkProduct(v *apierror.Validator, p *Product) {
	if p == nil {
		v.Add("product", "is required")
		return
	}
	checkName(v, "name", p.Name)
	oneOf(v, "approvalType", p.ApprovalType, ApprovalManual, ApprovalAuto)
	checkTimeUnit(v, "quotaTimeUnit", p.QuotaTimeUnit)
	checkTimeUnit(v, "llmQuotaTimeUnit", p.LLMQuotaTimeUnit)
	oneOf(v, "quotaCounterScope", p.QuotaCounterScope,
		QuotaCounterScopeUnspecified, QuotaCounterScopeProxy, QuotaCounterScopeOperation, QuotaCounterScopeProduct)
	checkAttributes(v, "attributes", p.Attributes)
	v.Check(len(p.Attributes) <= MaxAttributes, "attributes", fmt.Sprintf("must be at most %d", MaxAttributes))

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

func checkAttributes(v *apierror.Validator, field string, attrs []Attribute) {
	for i, a := range attrs {
		v.Check(a.Name != "", fmt.Sprintf("%s[%d].name", field, i), "is required")
	}
}

func checkQuota(v *apierror.Validator, field string, q *Quota) {
	if q == nil {
		return
	}
	v.Check(q.Limit != "", field+".limit", "is required")
	v.Check(q.Interval != "", field+".interval", "is required")
	checkTimeUnit(v, field+".timeUnit", q.TimeUnit)
}

// checkConfigs checks that a group has configurations and that each names its
// API source, then runs each on the rest.
func checkConfigs[C any](v *apierror.Validator, field string, configs []C, apiSource func(*C) string, each func(path string, c *C)) {
	if len(configs) == 0 {
		v.Add(field+".operationConfigs", "is required")
		return
	}
	for i := range configs {
		path := fmt.Sprintf("%s.operationConfigs[%d]", field, i)
		v.Check(apiSource(&configs[i]) != "", path+".apiSource", "is required")
		each(path, &configs[i])
	}
}

func checkOperationGroup(v *apierror.Validator, g *OperationGroup) {
	if g == nil {
		return
	}
	const f = "operationGroup"
	oneOf(v, f+".operationConfigType", g.OperationConfigType, ConfigProxy, ConfigRemoteService)
	checkConfigs(v, f, g.OperationConfigs, func(c *OperationConfig) string { return c.APISource }, func(path string, c *OperationConfig) {
		v.Check(len(c.Operations) <= 1, path+".operations", "must hold at most one resource/method pair")
		for j, o := range c.Operations {
			v.Check(o.Resource != "", fmt.Sprintf("%s.operations[%d].resource", path, j), "is required")
		}
		checkQuota(v, path+".quota", c.Quota)
		checkAttributes(v, path+".attributes", c.Attributes)
	})
}

func checkGraphQLGroup(v *apierror.Validator, g *GraphQLOperationGroup) {
	if g == nil {
		return
	}
	const f = "graphqlOperationGroup"
	oneOf(v, f+".operationConfigType", g.OperationConfigType, ConfigProxy, ConfigRemoteService)
	checkConfigs(v, f, g.OperationConfigs, func(c *GraphQLOperationConfig) string { return c.APISource }, func(path string, c *GraphQLOperationConfig) {
		v.Check(len(c.Operations) == 1, path+".operations", "must hold exactly one operation")
		for j, o := range c.Operations {
			op := fmt.Sprintf("%s.operations[%d].operationTypes", path, j)
			v.Check(len(o.OperationTypes) > 0, op, "is required")
			for k, t := range o.OperationTypes {
				oneOf(v, fmt.Sprintf("%s[%d]", op, k), t, GraphQLQuery, GraphQLMutation)
			}
		}
		checkQuota(v, path+".quota", c.Quota)
		checkAttributes(v, path+".attributes", c.Attributes)
	})
}

func checkGRPCGroup(v *apierror.Validator, g *GRPCOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "grpcOperationGroup", g.OperationConfigs, func(c *GRPCOperationConfig) string { return c.APISource }, func(path string, c *GRPCOperationConfig) {
		v.Check(c.Service != "", path+".service", "is required")
		checkQuota(v, path+".quota", c.Quota)
		checkAttributes(v, path+".attributes", c.Attributes)
	})
}

func checkLLMGroup(v *apierror.Validator, g *LLMOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "llmOperationGroup", g.OperationConfigs, func(c *LLMOperationConfig) string { return c.APISource }, func(path string, c *LLMOperationConfig) {
		v.Check(len(c.LLMOperations) == 1, path+".llmOperations", "must hold exactly one resource/method/model mapping")
		for j, o := range c.LLMOperations {
			op := fmt.Sprintf("%s.llmOperations[%d]", path, j)
			v.Check(o.Resource != "", op+".resource", "is required")
			v.Check(o.Model != "", op+".model", "is required")
			for k, m := range o.Methods {
				v.Check(m != "" && m == strings.ToUpper(m), fmt.Sprintf("%s.methods[%d]", op, k), "must be an upper-case HTTP method")
			}
		}
		q := c.LLMTokenQuota
		v.Check(q.Limit != "", path+".llmTokenQuota.limit", "is required")
		v.Check(q.Interval != "", path+".llmTokenQuota.interval", "is required")
		checkTimeUnit(v, path+".llmTokenQuota.timeUnit", q.TimeUnit)
		checkAttributes(v, path+".attributes", c.Attributes)
	})
}

func checkPayloadGroup(v *apierror.Validator, g *PayloadOperationGroup) {
	if g == nil {
		return
	}
	checkConfigs(v, "payloadOperationGroup", g.OperationConfigs, func(c *PayloadOperationConfig) string { return c.APISource }, func(path string, c *PayloadOperationConfig) {
		v.Check(len(c.Operations) > 0, path+".operations", "is required")
		for j, o := range c.Operations {
			op := fmt.Sprintf("%s.operations[%d].operation", path, j)
			v.Check(o.Operation != "", op, "is required")
			v.Check(!strings.Contains(o.Operation, "*"), op, "must not contain wildcards")
		}
		checkQuota(v, path+".quota", c.Quota)
		checkAttributes(v, path+".attributes", c.Attributes)
	})
}
