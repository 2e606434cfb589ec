package apiproxygroup

import (
	"context"
	"encoding/json"
	"io"
	"iter"
	"net/http"
	"reflect"
	"slices"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	"github.com/apimgmt/apimgmt-go/internal/jsonkeep"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Create creates an API Proxy Group; its CORS settings, cache settings and
// error templates get the server's defaults. With in.EnvironmentName set, the
// group is then deployed there: if that deployment fails anywhere, Create
// returns the result (the group was saved) together with a
// *DeploymentError. A name already taken is an error matching ErrConflict.
// Create is not retried after an ambiguous failure, so a group is never
// created twice.
func (c *Client) Create(ctx context.Context, in GroupInput, opts ...apimgmt.CallOption) (*Result, error) {
	return c.save(ctx, opCreate, &in, opts)
}

// Update replaces the whole API Proxy Group named in.Name (PUT) with in:
// every field of in is sent, an empty one as "" or [] (Description,
// Methods, Hosts, Headers), so what is sent is what is stored and a field
// left empty clears what the group had; a nil BufferRequest or
// BufferResponse is not sent, and the server stores its default, true.
// Members that this package does not model are sent back when in came from
// a group that was read (Group.Input); an input built from scratch has
// none. To change some fields and keep the rest, change the Input of a group
// you got from Get, or use Modify. The group cannot be renamed. Existing deployments are kept (Undeploy
// removes one), but they run the old definition until redeployed.
//
// With in.EnvironmentName set, the group is deployed to that environment
// after it is saved. When the save succeeds but the deployment fails on any
// environment or pod, Update returns both the result, which holds the saved
// group and the whole deployment outcome, and a *DeploymentError listing what
// failed (errors.Is(err, ErrDeployment)). An unknown group or environment is
// an error matching ErrNotFound.
//
// Without EnvironmentName, Update is retried after a transient failure; with
// it, it is not (see Deploy).
func (c *Client) Update(ctx context.Context, in GroupInput, opts ...apimgmt.CallOption) (*Result, error) {
	if in.EnvironmentName != "" {
		return c.save(ctx, opUpdateDeploy, &in, opts)
	}
	return c.save(ctx, opUpdate, &in, opts)
}

func (c *Client) save(ctx context.Context, op *transport.Op, in *GroupInput, opts []apimgmt.CallOption) (*Result, error) {
	// Every string of in goes into the body, so its UTF-8 is checked on
	// the body (UTF8Body), before anything is sent.
	body, err := encodeGroup(in)
	var v apierror.Validator
	v.UTF8Body(body, in)
	checkGroup(&v, in)
	if err := v.Err(op.Name); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	ctx = transport.WithOp(ctx, op, opts...)
	var resp *http.Response
	if op == opCreate {
		resp, err = c.gen.CreateAPIProxyGroupWithBody(ctx, c.project, contentJSON, transport.Body(body))
	} else {
		resp, err = c.gen.UpdateAPIProxyGroupWithBody(ctx, c.project, contentJSON, transport.Body(body))
	}
	// The result, the group as saved (the API does not send it back) and
	// its route, in one allocation; the route's lists are copies, so the
	// result does not change with the caller's input.
	out := new(struct {
		res   Result
		group Group
		route ClientRoute
	})
	out.route = in.ClientRoute
	out.route.RelativePaths = slices.Clone(out.route.RelativePaths)
	out.route.Methods = slices.Clone(out.route.Methods)
	out.route.Hosts = slices.Clone(out.route.Hosts)
	out.route.Headers = slices.Clone(out.route.Headers)
	out.group = Group{Name: in.Name, Description: in.Description, ClientRoute: &out.route, raw: in.raw}
	out.res.Group = &out.group
	return decodeResult(op.Name, in.EnvironmentName, &out.res, resp, err)
}

const contentJSON = "application/json"

// groupType is the model a group's JSON is merged by (see jsonkeep.Merge):
// its fields are the members Create and Update send.
var groupType = reflect.TypeFor[gen.APIProxyGroup]()

// encodeGroup returns the request body of Create and Update: every field of
// in (the empty lists as []) and, for an input made from a group that was
// read, the members of that group that the body does not model.
func encodeGroup(in *GroupInput) ([]byte, error) {
	g := groupToGen(in)
	body, err := transport.EncodeJSON(&g) // by address: see genrt.MarshalJSON
	if err != nil || in.raw == nil {
		return body, err
	}
	return jsonkeep.Merge(groupType, in.raw, body)
}

// groupToGen is the request body of Create and Update. Its lists are never
// nil: Update replaces the group, so an empty list is sent as [], not left
// out or sent as null.
func groupToGen(in *GroupInput) gen.APIProxyGroup {
	r := &in.ClientRoute
	return gen.APIProxyGroup{
		Name:            in.Name,
		Description:     in.Description,
		EnvironmentName: in.EnvironmentName,
		ClientRoute: gen.ClientRoute{
			RelativePathList: nonNil(r.RelativePaths),
			MethodList:       nonNil(convert.Slice(r.Methods, func(m *Method) gen.HTTPRequestMethod { return gen.HTTPRequestMethod(*m) })),
			HostList:         nonNil(r.Hosts),
			HeaderList: nonNil(convert.Slice(r.Headers, func(h *Header) gen.ClientRouteHeader {
				return gen.ClientRouteHeader{Name: h.Name, Value: h.Value}
			})),
			BufferRequest:  r.BufferRequest,
			BufferResponse: r.BufferResponse,
		},
	}
}

// Get returns the group with the given name. Apinizer has no call that reads
// one group, so Get lists the project's groups and picks the one whose name
// matches exactly; a group that is not listed is an error matching
// ErrNotFound. What the list tells about a group depends on the server
// version (ClientRoute may be nil).
func (c *Client) Get(ctx context.Context, name string, opts ...apimgmt.CallOption) (*Group, error) {
	var v apierror.Validator
	if v.PathSegment("name", name) {
		v.NoControl("name", name)
	}
	if err := v.Err(opGet.Name); err != nil {
		return nil, err
	}
	groups, err := c.list(ctx, opGet, opts)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if g.Name == name {
			return g.detached(), nil
		}
	}
	e := &apierror.Error{Op: opGet.Name, Message: "API Proxy Group (" + name + ") is not in the list of project (" + c.project + ")"}
	apierror.AddKind(e, apierror.ErrNotFound)
	return nil, e
}

// ListOptions filter List and ListPage. Apinizer's list takes no filter
// and no paging, so it has no fields yet; it keeps the place that every
// package's List has, so fields can come without a change of signature.
// listOpts may be nil.
type ListOptions struct{}

// Page is one page of ListPage results. Apinizer does not page: the page
// holds every group of the project in Items, Total is their number, Offset
// is 0 and NextPageToken is empty.
type Page = apimgmt.Page[*Group]

// ListPage returns every group of the project as one page (Apinizer's list
// has no paging).
func (c *Client) ListPage(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) (*Page, error) {
	groups, err := c.list(ctx, opList, opts)
	if err != nil {
		return nil, err
	}
	return &Page{Items: groups, Total: int64(len(groups))}, nil
}

// List returns an iterator over the project's groups. The API sends them
// all in one response; on a failure the iterator yields the error once and
// stops.
//
//	for g, err := range client.List(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.Name)
//	}
func (c *Client) List(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) iter.Seq2[*Group, error] {
	return func(yield func(*Group, error) bool) {
		groups, err := c.list(ctx, opList, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, g := range groups {
			if !yield(g, nil) {
				return
			}
		}
	}
}

// nonNil returns s, or an empty slice for nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (c *Client) list(ctx context.Context, op *transport.Op, opts []apimgmt.CallOption) ([]*Group, error) {
	resp, err := c.gen.ListAPIProxyGroups(transport.WithOp(ctx, op, opts...), c.project)
	env, unknown, err := transport.DecodeModelled[gen.APIProxyGroupListEnvelope](op.Name, resp, err)
	if err == nil {
		err = envelopeFailure(op.Name, resp, env.Status, env.Success)
	}
	if err != nil {
		return nil, err
	}
	var raws struct {
		ResultList []json.RawMessage `json:"resultList"`
	}
	if unknown {
		// Only a list with members the model lacks is read again, to keep
		// each group's own JSON.
		if json.Unmarshal(transport.Bytes(resp), &raws) != nil || len(raws.ResultList) != len(env.ResultList) {
			raws.ResultList = nil
		}
	}
	return groupsFromGen(env.ResultList, raws.ResultList), nil
}

// Delete permanently deletes a group. Its member API proxies are unlinked,
// not deleted. An unknown group is an error matching ErrNotFound.
func (c *Client) Delete(ctx context.Context, name string, opts ...apimgmt.CallOption) error {
	if err := checkSegments(opDelete.Name, "apiProxyGroupName", name); err != nil {
		return err
	}
	_, err := c.gen.DeleteAPIProxyGroup(transport.WithOp(ctx, opDelete, opts...), c.project, name)
	return err
}

// AddProxy makes the API proxy a member of the group; a proxy can belong to
// several groups. Adding a member again succeeds, so the call is retried
// after a transient failure. An unknown group or proxy is an error matching
// ErrNotFound.
func (c *Client) AddProxy(ctx context.Context, group, proxy string, opts ...apimgmt.CallOption) error {
	return c.member(ctx, opAddProxy, group, proxy, c.gen.AddAPIProxyToGroup, opts)
}

// RemoveProxy removes the API proxy from the group; the proxy itself is
// kept. Removing a proxy that is not a member succeeds.
func (c *Client) RemoveProxy(ctx context.Context, group, proxy string, opts ...apimgmt.CallOption) error {
	return c.member(ctx, opRemoveProxy, group, proxy, c.gen.RemoveAPIProxyFromGroup, opts)
}

type memberCall func(ctx context.Context, project, group, proxy string, eds ...gen.RequestEditorFn) (*http.Response, error)

func (c *Client) member(ctx context.Context, op *transport.Op, group, proxy string, call memberCall, opts []apimgmt.CallOption) error {
	if err := checkSegments(op.Name, "apiProxyGroupName", group, "apiProxyName", proxy); err != nil {
		return err
	}
	_, err := call(transport.WithOp(ctx, op, opts...), c.project, group, proxy)
	return err
}

// Deploy deploys the group, all of its API proxies and its group-level
// settings (CORS, cache) to the environment. deployOpts may be nil, and then no
// body is sent. The result holds the per-pod outcome; when it reports a
// failure anywhere, Deploy returns the result together with a
// *DeploymentError. Deploy is not retried after an ambiguous failure: each
// deploy rolls out to every pod and adds a deploy-history revision, and one
// that timed out may still be running (check Environments or DeployHistory,
// then deploy again).
func (c *Client) Deploy(ctx context.Context, group, environment string, deployOpts *DeployOptions, opts ...apimgmt.CallOption) (*Result, error) {
	return c.deployment(ctx, opDeploy, group, environment, deployOpts, c.gen.DeployAPIProxyGroupWithBody, opts)
}

// Undeploy removes the group, its API proxies and its group-level settings
// from the environment. deployOpts may be nil. Like Deploy, it returns the result
// with a *DeploymentError when any pod reports a failure, and is not retried
// after an ambiguous failure.
func (c *Client) Undeploy(ctx context.Context, group, environment string, deployOpts *DeployOptions, opts ...apimgmt.CallOption) (*Result, error) {
	return c.deployment(ctx, opUndeploy, group, environment, deployOpts, c.gen.UndeployAPIProxyGroupWithBody, opts)
}

type deploymentCall func(ctx context.Context, project, group, env, contentType string, body io.Reader, eds ...gen.RequestEditorFn) (*http.Response, error)

func (c *Client) deployment(ctx context.Context, op *transport.Op, group, env string, deployOpts *DeployOptions, call deploymentCall, opts []apimgmt.CallOption) (*Result, error) {
	if err := checkDeployment(op.Name, group, env, deployOpts); err != nil {
		return nil, err
	}
	ctx = transport.WithOp(ctx, op, opts...)
	var resp *http.Response
	var err error
	if deployOpts == nil {
		resp, err = call(ctx, c.project, group, env, "", nil, withoutContentType)
	} else {
		b, _ := transport.EncodeJSON(&gen.DeployOptions{Description: deployOpts.Description, Persistent: convert.Ptr(deployOpts.Persistent)})
		resp, err = call(ctx, c.project, group, env, "application/json", transport.Body(b))
	}
	return decodeResult(op.Name, env, new(Result), resp, err)
}

// withoutContentType removes the empty Content-Type of a request without a
// body.
func withoutContentType(_ context.Context, req *http.Request) error {
	req.Header.Del("Content-Type")
	return nil
}

// Environments lists the environments that have a deploy record for the
// group (not every environment of the project), with its deployment state
// in each.
func (c *Client) Environments(ctx context.Context, group string, opts ...apimgmt.CallOption) ([]Environment, error) {
	if err := checkSegments(opEnvironments.Name, "apiProxyGroupName", group); err != nil {
		return nil, err
	}
	resp, err := c.gen.ListAPIProxyGroupEnvironments(transport.WithOp(ctx, opEnvironments, opts...), c.project, group)
	if err != nil {
		return nil, err
	}
	var env gen.EnvironmentListEnvelope
	if err := transport.DecodeJSON(opEnvironments.Name, resp, &env); err != nil {
		return nil, err
	}
	if err := envelopeFailure(opEnvironments.Name, resp, env.Status, env.Success); err != nil {
		return nil, err
	}
	items := env.ResultList
	out := make([]Environment, len(items))
	for i := range items {
		out[i] = environmentFromGen(&items[i])
	}
	return out, nil
}

// DeployHistory lists the group's deploy and undeploy records.
func (c *Client) DeployHistory(ctx context.Context, group string, opts ...apimgmt.CallOption) ([]DeployRecord, error) {
	if err := checkSegments(opHistory.Name, "apiProxyGroupName", group); err != nil {
		return nil, err
	}
	resp, err := c.gen.ListAPIProxyGroupDeployHistory(transport.WithOp(ctx, opHistory, opts...), c.project, group)
	return decodeHistory(opHistory.Name, resp, err)
}

// DeployHistoryRecord returns the group's deploy history record with the
// given revision. An unknown revision is an error matching ErrNotFound.
func (c *Client) DeployHistoryRecord(ctx context.Context, group string, revision int32, opts ...apimgmt.CallOption) (*DeployRecord, error) {
	if err := checkRevision(opHistoryRecord.Name, group, revision); err != nil {
		return nil, err
	}
	resp, err := c.gen.GetAPIProxyGroupDeployHistory(transport.WithOp(ctx, opHistoryRecord, opts...), c.project, group, revision)
	records, err := decodeHistory(opHistoryRecord.Name, resp, err)
	if err != nil {
		return nil, err
	}
	for i := range records {
		if records[i].Revision == revision {
			return &records[i], nil
		}
	}
	if len(records) == 1 { // documented as a one-element list
		return &records[0], nil
	}
	e := &apierror.Error{Op: opHistoryRecord.Name, StatusCode: resp.StatusCode, Message: "the response holds no record with the revision asked for"}
	apierror.AddKind(e, apierror.ErrNotFound)
	return nil, e
}

// DeleteDeployHistory deletes the group's deploy history record with the
// given revision. It does not change what is deployed.
func (c *Client) DeleteDeployHistory(ctx context.Context, group string, revision int32, opts ...apimgmt.CallOption) error {
	if err := checkRevision(opDeleteHistory.Name, group, revision); err != nil {
		return err
	}
	_, err := c.gen.DeleteAPIProxyGroupDeployHistory(transport.WithOp(ctx, opDeleteHistory, opts...), c.project, group, revision)
	return err
}

func checkRevision(op, group string, revision int32) error {
	var v apierror.Validator
	v.PathSegment("apiProxyGroupName", group)
	v.Check(revision >= 0, "revision", "must not be negative")
	return v.Err(op)
}

func decodeHistory(op string, resp *http.Response, err error) ([]DeployRecord, error) {
	if err != nil {
		return nil, err
	}
	var env gen.DeployHistoryListEnvelope
	if err := transport.DecodeJSON(op, resp, &env); err != nil {
		return nil, err
	}
	if err := envelopeFailure(op, resp, env.Status, env.Success); err != nil {
		return nil, err
	}
	items := env.ResultList
	out := make([]DeployRecord, len(items))
	for i := range items {
		out[i] = recordFromGen(&items[i])
	}
	return out, nil
}
