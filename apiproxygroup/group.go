package apiproxygroup

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	"github.com/apimgmt/apimgmt-go/internal/jsonkeep"
)

// Group is an API Proxy Group: a set of API proxies reached through one
// client route, deployed and undeployed together. The list call is the only
// read, and what it returns differs between Apinizer versions, so every field
// but Name may be empty.
//
// A group read by Get or List also carries the members of its JSON that
// this package does not model, at every depth (in the group, its client
// route and the route's headers); Input hands them on, so that Update of a
// group that was read sends them back unchanged.
type Group struct {
	// ID is the group's internal identifier (some versions only).
	ID string `json:"id,omitempty"`
	// Name is the API Proxy Group name, unique within the project and used
	// as its identifier.
	Name string `json:"name"`
	// Description is the API Proxy Group description.
	Description string `json:"description,omitempty"`
	// ClientRoute is the group's client route; nil when the server's list
	// does not include it.
	ClientRoute *ClientRoute `json:"clientRoute,omitempty"`
	// RelativePath is the relative path of the group (legacy versions).
	RelativePath string `json:"relativePath,omitempty"`
	// RelativePathEnabled reports whether the relative path is enabled
	// (legacy versions).
	RelativePathEnabled bool `json:"relativePathEnabled,omitempty"`
	// DirectAccessToAPIProxiesDisabled reports whether member API proxies
	// can be called only through the group (legacy versions).
	DirectAccessToAPIProxiesDisabled bool `json:"directAccessToApiProxiesDisabled,omitempty"`
	// ApplySettingsToAPIProxies reports whether group settings are applied
	// to member API proxies (legacy versions).
	ApplySettingsToAPIProxies bool `json:"applySettingsToApiProxies,omitempty"`

	// raw is the group's JSON as listed when it has members that
	// gen.APIProxyGroupSummary does not model, at any depth; nil otherwise.
	// It is the group's own copy, not the list's.
	raw json.RawMessage
}

// Input returns the group as Create and Update take it: its name,
// description and client route (a copy: changing the input does not change
// g), and the members of the group as read that Update does not model
// (those this package does not model, and the legacy RelativePath,
// RelativePathEnabled, DirectAccessToAPIProxiesDisabled and
// ApplySettingsToAPIProxies, which Update cannot set), which Update sends
// back unchanged. Change the input, then Update it, to change some fields of
// a group and keep the rest. A group whose list entry has no client route
// gives an empty route, which Update refuses until a relative path is set.
func (g *Group) Input() GroupInput {
	in := GroupInput{Name: g.Name, Description: g.Description, raw: g.raw}
	if r := g.ClientRoute; r != nil {
		in.ClientRoute = *r
		in.ClientRoute.RelativePaths = slices.Clone(r.RelativePaths)
		in.ClientRoute.Methods = slices.Clone(r.Methods)
		in.ClientRoute.Hosts = slices.Clone(r.Hosts)
		in.ClientRoute.Headers = slices.Clone(r.Headers)
		in.ClientRoute.BufferRequest = clonePtr(r.BufferRequest)
		in.ClientRoute.BufferResponse = clonePtr(r.BufferResponse)
	}
	return in
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// ClientRoute is the client route of a group: the conditions under which a
// request reaches it. Different criteria are AND-ed; several hosts are OR-ed
// and several headers AND-ed. Matching priority is path, then host, then
// header, then method, and longer paths are tried before shorter ones.
type ClientRoute struct {
	// RelativePaths are the group's relative paths. At least one is
	// required; each starts with / and has at least 2 characters.
	RelativePaths []string `json:"relativePathList"`
	// Methods are the HTTP methods to match; none means every method.
	Methods []Method `json:"methodList,omitempty"`
	// Hosts are host names matched against the Host header. One * is
	// allowed in the leftmost or rightmost label, e.g. *.example.com or
	// example.*.
	Hosts []string `json:"hostList,omitempty"`
	// Headers are header conditions; all of them must match.
	Headers []Header `json:"headerList,omitempty"`
	// BufferRequest buffers the request body so that policies can read or
	// change it. nil sends nothing and the server applies its default, true.
	BufferRequest *bool `json:"bufferRequest,omitempty"`
	// BufferResponse buffers the response body so that policies can read or
	// change it. nil sends nothing and the server applies its default, true.
	BufferResponse *bool `json:"bufferResponse,omitempty"`
}

// Header is a header condition of a client route: the name is matched
// case-insensitively and the value must match exactly.
type Header struct {
	// Name is the header name (required).
	Name string `json:"name"`
	// Value is the header value that must match exactly.
	Value string `json:"value,omitempty"`
}

// Method is an HTTP method matched by a client route.
type Method string

// Method values; MethodAll matches every method.
const (
	MethodGet     Method = "GET"
	MethodPost    Method = "POST"
	MethodPut     Method = "PUT"
	MethodHead    Method = "HEAD"
	MethodOptions Method = "OPTIONS"
	MethodDelete  Method = "DELETE"
	MethodPatch   Method = "PATCH"
	MethodTrace   Method = "TRACE"
	MethodAll     Method = "ALL"
)

// Valid reports whether m is one of the Method values (upper case, as the
// vendor's enum spells them).
func (m Method) Valid() bool {
	switch m {
	case MethodGet, MethodPost, MethodPut, MethodHead, MethodOptions, MethodDelete, MethodPatch, MethodTrace, MethodAll:
		return true
	}
	return false
}

// GroupInput is a whole API Proxy Group as Create and Update send it. Update
// replaces the stored group with it: every field is sent, an empty one as ""
// or [], so a field left empty clears what the group had. To change some
// fields and keep the others, start from a group that was read (Group.Input,
// which also keeps the members this package does not model), or use Modify.
type GroupInput struct {
	// Name is the API Proxy Group name: required, without spaces, unique
	// within the project. Update selects the group by it (a group cannot be
	// renamed).
	Name string `json:"name"`
	// Description is the API Proxy Group description.
	Description string `json:"description,omitempty"`
	// ClientRoute is the group's client route (required: at least one
	// relative path).
	ClientRoute ClientRoute `json:"clientRoute"`
	// EnvironmentName, when set, deploys the group to that environment
	// after it is saved; the result then carries the deployment outcome.
	// It needs the DEPLOY_UNDEPLOY permission too. Servers older than
	// March 2026 may ignore it.
	EnvironmentName string `json:"environmentName,omitempty"`

	// raw is the JSON of the group this input was made from (Group.Input)
	// when that has members this package does not model; Create and Update
	// lay the input over it (jsonkeep.Merge).
	raw json.RawMessage
}

// Result is the outcome of a call that saves or deploys a group.
type Result struct {
	// Group is the group as saved by Create or Update: what was sent, since
	// the API does not send it back. Nil for Deploy and Undeploy.
	Group *Group `json:"group,omitempty"`
	// Message is the server's result message, when it sent one.
	Message string `json:"resultMessage,omitempty"`
	// Deployment is the deployment outcome, reported by Deploy, Undeploy,
	// and Create or Update with an EnvironmentName.
	Deployment *DeploymentResult `json:"deploymentResult,omitempty"`
}

// DeploymentResult is the outcome of a deployment. The top level summarises
// the operation; Details holds one result per environment and pod, and those
// may nest further results.
type DeploymentResult struct {
	// EnvName is the environment name.
	EnvName string `json:"envName,omitempty"`
	// PodName is the gateway pod name.
	PodName string `json:"podName,omitempty"`
	// PodIP is the gateway pod IP address.
	PodIP string `json:"podIp,omitempty"`
	// Success reports whether this step succeeded; nil when the server did
	// not say. false means the deployment failed, even in an HTTP 200.
	Success *bool `json:"success,omitempty"`
	// Detail is the detail or error message of this step.
	Detail string `json:"detail,omitempty"`
	// ResponseTimeMillis is the time taken, in milliseconds.
	ResponseTimeMillis int64 `json:"responseTime,omitempty"`
	// Details are the nested results, e.g. one per environment and pod.
	Details []DeploymentResult `json:"detailList,omitempty"`
	// FirstFromAPIResultList is a further nested result the server may send.
	FirstFromAPIResultList *DeploymentResult `json:"firstFromApiResultList,omitempty"`
}

// Environment is an environment that has a deploy record for a group.
type Environment struct {
	// Name is the environment name.
	Name string `json:"name"`
	// Description is the environment description.
	Description string `json:"description,omitempty"`
	// Type is the environment type.
	Type EnvironmentType `json:"type,omitempty"`
	// Status is the environment's publication status.
	Status EnvironmentStatus `json:"status,omitempty"`
	// AccessURL is the URL through which the environment's gateway is
	// reached.
	AccessURL string `json:"accessUrl,omitempty"`
	// Deployed reports whether the group is deployed to this environment.
	Deployed bool `json:"deployed"`
	// RedeployRequired reports whether the group changed since it was
	// deployed and needs redeploying.
	RedeployRequired bool `json:"redeployRequired"`
}

// EnvironmentType is the type of an environment.
type EnvironmentType string

// EnvironmentType values.
const (
	EnvironmentProduction EnvironmentType = "PRODUCTION"
	EnvironmentSandbox    EnvironmentType = "SANDBOX"
	EnvironmentTest       EnvironmentType = "TEST"
)

// EnvironmentStatus is the publication status of an environment.
type EnvironmentStatus string

// EnvironmentStatus values.
const (
	EnvironmentUnpublished       EnvironmentStatus = "UNPUBLISHED"
	EnvironmentPublished         EnvironmentStatus = "PUBLISHED"
	EnvironmentRepublishRequired EnvironmentStatus = "REPUBLISH_REQUIRED"
)

// DeployOptions are the optional settings of Deploy and Undeploy, recorded
// in the deploy history.
type DeployOptions struct {
	// Description is the deploy history description; the server defaults
	// to "Deployed by APIOPS Api" or "Undeployed by APIOPS Api".
	Description string `json:"description,omitempty"`
	// Persistent protects the deploy history record from automatic cleanup.
	Persistent bool `json:"persistent"`
}

// DeployRecord is one deploy or undeploy of a group, from its deploy
// history.
type DeployRecord struct {
	// Revision is the revision number, incremented with each deploy or
	// undeploy of the group.
	Revision int32 `json:"revision"`
	// Username is the user who performed the operation.
	Username string `json:"username,omitempty"`
	// Date is the time of the operation (zero if absent or unparseable).
	Date time.Time `json:"date,omitzero"`
	// Description is the deploy description or notes.
	Description string `json:"description,omitempty"`
	// Environment is the target environment name.
	Environment string `json:"environment,omitempty"`
	// Deploy is true for a deploy and false for an undeploy.
	Deploy bool `json:"deploy"`
	// Persistent reports whether the record is protected from automatic
	// cleanup.
	Persistent bool `json:"persistent"`
}

// groupsFromGen maps the groups of a list. The groups, their client routes
// and the routes' method and header lists are each allocated in one block
// for the whole list, not one per group: a list of n groups costs a handful
// of allocations instead of 4n. Each slice handed out is capped at its
// length, so appending to one never writes into its neighbour.
//
// raws, when not nil, holds each group's JSON as listed; a group keeps its
// own when that has members gen.APIProxyGroupSummary does not model.
func groupsFromGen(items []gen.APIProxyGroupSummary, raws []json.RawMessage) []*Group {
	var nRoutes, nMethods, nHeaders int
	for i := range items {
		if r := items[i].ClientRoute; r != nil {
			nRoutes++
			nMethods += len(r.MethodList)
			nHeaders += len(r.HeaderList)
		}
	}
	groups := make([]Group, len(items))
	routes := make([]ClientRoute, 0, nRoutes)
	methods := make([]Method, 0, nMethods)
	headers := make([]Header, 0, nHeaders)
	out := make([]*Group, len(items))
	for i := range items {
		g := &items[i]
		groups[i] = Group{
			ID:                               g.ID,
			Name:                             g.Name,
			Description:                      g.Description,
			RelativePath:                     g.RelativePath,
			RelativePathEnabled:              convert.Val(g.RelativePathEnabled),
			DirectAccessToAPIProxiesDisabled: convert.Val(g.DirectAccessToAPIProxiesDisabled),
			ApplySettingsToAPIProxies:        convert.Val(g.ApplySettingsToAPIProxies),
		}
		if i < len(raws) {
			if unknown, err := jsonkeep.Decode(raws[i], new(gen.APIProxyGroupSummary)); err == nil && unknown {
				groups[i].raw = raws[i]
			}
		}
		if r := g.ClientRoute; r != nil {
			route := ClientRoute{
				RelativePaths:  r.RelativePathList,
				Hosts:          r.HostList,
				BufferRequest:  r.BufferRequest,
				BufferResponse: r.BufferResponse,
			}
			if len(r.MethodList) > 0 {
				start := len(methods)
				for _, m := range r.MethodList {
					methods = append(methods, Method(m))
				}
				route.Methods = methods[start:len(methods):len(methods)]
			}
			if len(r.HeaderList) > 0 {
				start := len(headers)
				for _, h := range r.HeaderList {
					headers = append(headers, Header{Name: h.Name, Value: h.Value})
				}
				route.Headers = headers[start:len(headers):len(headers)]
			}
			routes = append(routes, route)
			groups[i].ClientRoute = &routes[len(routes)-1]
		}
		out[i] = &groups[i]
	}
	return out
}

// detached returns a copy of a listed group that shares no block with the
// rest of the list, so that keeping the one group Get returns does not keep
// the whole list in memory.
func (g *Group) detached() *Group {
	out := *g
	if g.ClientRoute != nil {
		r := *g.ClientRoute
		r.Methods = slices.Clone(r.Methods)
		r.Headers = slices.Clone(r.Headers)
		out.ClientRoute = &r
	}
	return &out
}

func deploymentFromGen(d *gen.DeploymentResult) *DeploymentResult {
	if d == nil {
		return nil
	}
	out := &DeploymentResult{
		EnvName:                d.EnvName,
		PodName:                d.PodName,
		PodIP:                  d.PodIP,
		Success:                d.Success,
		Detail:                 d.Detail,
		ResponseTimeMillis:     d.ResponseTime,
		FirstFromAPIResultList: deploymentFromGen(d.FirstFromAPIResultList),
	}
	if d.DetailList != nil {
		out.Details = make([]DeploymentResult, len(d.DetailList))
		for i := range d.DetailList {
			out.Details[i] = *deploymentFromGen(&d.DetailList[i])
		}
	}
	return out
}

func environmentFromGen(e *gen.GroupEnvironment) Environment {
	name := e.Name
	if name == "" {
		name = e.EnvironmentName // 2025 documentation
	}
	return Environment{
		Name:             name,
		Description:      e.Description,
		Type:             EnvironmentType(convert.Val(e.Type)),
		Status:           EnvironmentStatus(convert.Val(e.Status)),
		AccessURL:        e.AccessURL,
		Deployed:         convert.Val(e.Deployed),
		RedeployRequired: convert.Val(e.RedeployRequired),
	}
}

func recordFromGen(r *gen.DeployHistoryRecord) DeployRecord {
	return DeployRecord{
		Revision:    r.Revision,
		Username:    r.Username,
		Date:        convert.Time(r.Date),
		Description: r.Description,
		Environment: r.Environment,
		Deploy:      convert.Val(r.Deploy),
		Persistent:  convert.Val(r.Persistent),
	}
}
