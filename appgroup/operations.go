package appgroup

import (
	"context"
	"iter"
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
	"github.com/apimgmt/apimgmt-go/internal/paging"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Documented limits.
const (
	// NameMaxLen is the longest application group name, in characters.
	NameMaxLen = 64
	// CheckNameMaxLen is the longest name CheckName accepts, in characters.
	CheckNameMaxLen = 2048
	// DefaultPageSize is how many groups a List request asks for by default.
	DefaultPageSize = 10
	// MaxPageSize is the most groups one List request can ask for.
	MaxPageSize = 100
	// MaxBatchDeleteIDs is the most IDs one batch-delete request carries;
	// BatchDelete splits longer lists.
	MaxBatchDeleteIDs = 20
)

// CreateInput is the input of Create.
type CreateInput struct {
	// Name is the group name: 1 to 64 characters, each a letter, a digit,
	// a Chinese character, an underscore (_) or a hyphen (-). Required.
	Name string `json:"name"`
	// AppServerGroupID is the ID of the application server group to bind.
	// Optional: a group without one can be bound later with Update.
	AppServerGroupID string `json:"app_server_group_id,omitempty"`
	// Description is the group description. Optional.
	Description string `json:"description,omitempty"`
	// AuthorizationType is how users are authorized; empty leaves it to the
	// service, which defaults to AuthorizationAppGroup (AuthorizationApp is
	// not supported yet).
	AuthorizationType AuthorizationType `json:"authorization_type,omitempty"`
	// AppType is the application type of the group's server group. Optional.
	AppType AppType `json:"app_type,omitempty"`
}

// UpdateInput is the input of Update, a PATCH: a nil field is left alone and
// not sent; a non-nil field is sent and set, so apimgmt.Ptr("") sets an empty value.
// At least one field must be set.
type UpdateInput struct {
	// Name, when set, renames the group, with the rules of CreateInput.Name
	// (so it cannot be set to empty).
	Name *string `json:"name,omitempty"`
	// AppServerGroupID, when set, binds the application server group with
	// this ID. The service binds a server group only while the application
	// group has none bound: once bound, the binding cannot be changed
	// through Update, and asking to change it fails. The vendor does not
	// say what re-sending the ID that is already bound does (as a retried
	// Update would), nor what an empty ID (apimgmt.Ptr("")) does; both are sent as
	// given, and appgrouptest treats them as no change.
	AppServerGroupID *string `json:"app_server_group_id,omitempty"`
	// Description, when set, replaces the description; apimgmt.Ptr("") clears it.
	Description *string `json:"description,omitempty"`
}

// ListOptions filter and page List and ListPage. The zero value lists every
// group, ten per request.
type ListOptions struct {
	// AppServerGroupID returns only the groups bound to this server group.
	AppServerGroupID string `json:"app_server_group_id,omitempty"`
	// AppGroupID returns only the group with this ID.
	AppGroupID string `json:"app_group_id,omitempty"`
	// Name returns only the groups with this name.
	Name string `json:"name,omitempty"`
	// AuthorizationType returns only the groups with this authorization type.
	AuthorizationType AuthorizationType `json:"authorization_type,omitempty"`
	// AppType returns only the groups of this application type.
	AppType AppType `json:"app_type,omitempty"`
	// PageSize is how many groups each request asks for: 1 to 100, and 0
	// means the default of 10.
	PageSize int `json:"limit,omitempty"`
	// Offset is how many matching groups to skip (default 0).
	Offset int64 `json:"offset,omitempty"`
}

// Page is one page of List results: the groups in Items, Total (how many
// groups match the query in all, the vendor's count; not the page size) and
// Offset (the offset of the page's first group); NextPageToken is always
// empty (Workspace pages by offset).
type Page = apimgmt.Page[*Group]

// Create creates an application group and returns it. Create is not
// retried after a failure that may have reached the service, so a group is
// never created twice.
func (c *Client) Create(ctx context.Context, in CreateInput, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "appgroup.Create"
	var v apierror.Validator
	v.UTF8Deep("", &in)
	checkName(&v, "name", in.Name)
	if in.AppServerGroupID != "" {
		v.ID("app_server_group_id", in.AppServerGroupID)
	}
	checkEnums(&v, in.AuthorizationType, in.AppType)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.CreateAppGroupJSONRequestBody{
		Name:              in.Name,
		AppServerGroupID:  in.AppServerGroupID,
		Description:       in.Description,
		AuthorizationType: gen.AuthorizationType(in.AuthorizationType),
		AppType:           gen.AppType(in.AppType),
	}
	resp, err := c.gen.CreateAppGroup(transport.WithOp(ctx, opCreate, opts...), c.projectID, body)
	return decodeGroup(op, resp, err)
}

// Get returns the group with the given ID, including the description of its
// server group. A group that does not exist is an error matching
// ErrNotFound.
func (c *Client) Get(ctx context.Context, groupID string, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "appgroup.Get"
	if err := checkGroupID(op, groupID); err != nil {
		return nil, err
	}
	resp, err := c.gen.ShowAppGroup(transport.WithOp(ctx, opGet, opts...), c.projectID, groupID)
	d, err := transport.DecodeLenient[gen.AppGroupDetail, groupIdentity](op, resp, err)
	if err != nil {
		return nil, err
	}
	return groupFromDetail(d), nil
}

// Update modifies a group (PATCH) and returns it as the service reports it.
// The request body carries exactly the fields set in in; an input that sets
// none is refused before anything is sent. Update only sets fields, so it is
// retried like a read after a failure that may be temporary.
//
// A server group can be bound only while the application group has none: see
// UpdateInput.AppServerGroupID.
func (c *Client) Update(ctx context.Context, groupID string, in UpdateInput, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "appgroup.Update"
	var v apierror.Validator
	v.ID("app_group_id", groupID)
	v.UTF8Deep("", &in)
	if in.Name == nil && in.AppServerGroupID == nil && in.Description == nil {
		v.Add("body", "sets no field: set at least one of name, app_server_group_id and description")
	}
	if in.Name != nil {
		checkName(&v, "name", *in.Name)
	}
	if in.AppServerGroupID != nil && *in.AppServerGroupID != "" {
		v.ID("app_server_group_id", *in.AppServerGroupID)
	}
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.UpdateAppGroupJSONRequestBody{Name: in.Name, AppServerGroupID: in.AppServerGroupID, Description: in.Description}
	resp, err := c.gen.UpdateAppGroup(transport.WithOp(ctx, opUpdate, opts...), c.projectID, groupID, body)
	return decodeGroup(op, resp, err)
}

// Delete deletes a group. The service reports success for a group that is
// already gone, so Delete is safe to repeat. Any 2xx status is success.
func (c *Client) Delete(ctx context.Context, groupID string, opts ...apimgmt.CallOption) error {
	const op = "appgroup.Delete"
	if err := checkGroupID(op, groupID); err != nil {
		return err
	}
	_, err := c.gen.DeleteAppGroup(transport.WithOp(ctx, opDelete, opts...), c.projectID, groupID)
	return err
}

// CheckName asks the service whether name can be used for a new
// application group: whether it follows the naming rule and is not taken in
// the project. A name that fails is not an error: the result says which rule
// it breaks. Only the length the vendor allows for this call (1 to 2048
// characters) and that it is valid UTF-8 are checked before sending.
func (c *Client) CheckName(ctx context.Context, name string, opts ...apimgmt.CallOption) (*NameCheck, error) {
	const op = "appgroup.CheckName"
	var v apierror.Validator
	n := utf8.RuneCountInString(name)
	v.Check(n >= 1 && n <= CheckNameMaxLen, "name", "must be 1 to 2048 characters")
	v.UTF8("name", name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.CheckAppGroupName(transport.WithOp(ctx, opCheckName, opts...), c.projectID, gen.CheckAppGroupNameJSONRequestBody{Name: name})
	r, err := transport.Decode[gen.CheckAppGroupNameResult](op, resp, err)
	if err != nil {
		return nil, err
	}
	return &NameCheck{Passed: convert.Val(r.Result), Rule: Rule(r.ValidateRule)}, nil
}

// DisassociateServerGroup unbinds the application server group
// serverGroupID from every application group bound to it (the vendor's
// DisassociateAppGroup); the groups themselves stay. Repeating it leaves the
// same state, so it is retried like Delete. Any 2xx status is success.
func (c *Client) DisassociateServerGroup(ctx context.Context, serverGroupID string, opts ...apimgmt.CallOption) error {
	const op = "appgroup.DisassociateServerGroup"
	var v apierror.Validator
	v.ID("server_group_id", serverGroupID)
	if err := v.Err(op); err != nil {
		return err
	}
	params := &gen.DisassociateAppGroupParams{ServerGroupID: serverGroupID}
	_, err := c.gen.DisassociateAppGroup(transport.WithOp(ctx, opDisassociate, opts...), c.projectID, params)
	return err
}

// ListPage returns one page of groups. listOpts may be nil.
func (c *Client) ListPage(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) (*Page, error) {
	o := convert.Val(listOpts)
	groups, count, err := c.list(ctx, &o, opts)
	if err != nil {
		return nil, err
	}
	return &Page{Items: groups, Total: count, Offset: o.Offset}, nil
}

// List returns an iterator over every group that matches listOpts (which may be
// nil), fetching pages of opts.PageSize as the loop needs them; breaking out
// of the loop fetches no further page. On a failure it yields the error once
// and stops; a server that does not advance through the pages (it repeats a
// page, or sends more groups than its count) ends the listing with an error
// matching ErrMalformedResponse.
//
//	for g, err := range client.List(ctx, &appgroup.ListOptions{AppType: appgroup.AppTypeCommon}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.ID, g.Name)
//	}
func (c *Client) List(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) iter.Seq2[*Group, error] {
	o := convert.Val(listOpts)
	return paging.Offset("appgroup.List", o.Offset, func(g *Group) string { return g.ID }, func(offset int64) ([]*Group, int64, error) {
		page := o
		page.Offset = offset
		return c.list(ctx, &page, opts)
	})
}

// list fetches the page o describes, applying the defaults to o.
func (c *Client) list(ctx context.Context, o *ListOptions, opts []apimgmt.CallOption) ([]*Group, int64, error) {
	const op = "appgroup.List"
	if err := checkList(op, o); err != nil {
		return nil, 0, err
	}
	params := &gen.ListAppGroupsParams{
		Limit:             convert.Ptr(int32(o.PageSize)),
		Offset:            convert.PtrIfSet(int32(o.Offset)),
		AppServerGroupID:  convert.PtrIfSet(o.AppServerGroupID),
		AppGroupID:        convert.PtrIfSet(o.AppGroupID),
		Name:              convert.PtrIfSet(o.Name),
		AuthorizationType: convert.PtrIfSet(gen.AuthorizationType(o.AuthorizationType)),
		AppType:           convert.PtrIfSet(gen.AppType(o.AppType)),
	}
	resp, err := c.gen.ListAppGroups(transport.WithOp(ctx, opList, opts...), c.projectID, params)
	list, err := transport.DecodeLenient[gen.AppGroupList, listIdentity](op, resp, err)
	if err != nil {
		return nil, 0, err
	}
	return convert.Slice(list.Items, groupFromGen), int64(list.Count), nil
}

// groupIdentity and listIdentity are the fields without which an answer
// cannot be used (transport.DecodeLenient): a field of another type outside
// them leaves the rest of the answer readable, with that field zero.
type (
	groupIdentity struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	listIdentity struct {
		Count int32           `json:"count"`
		Items []groupIdentity `json:"items"`
	}
)

// decodeGroup decodes the group in the answer to Create or Update.
func decodeGroup(op string, resp *http.Response, err error) (*Group, error) {
	g, err := transport.DecodeLenient[gen.AppGroup, groupIdentity](op, resp, err)
	if err != nil {
		return nil, err
	}
	return groupFromGen(g), nil
}

// checkGroupID validates the ID of the group an operation addresses.
func checkGroupID(op, groupID string) error {
	var v apierror.Validator
	v.ID("app_group_id", groupID)
	return v.Err(op)
}

// checkName applies the documented name rule: 1 to 64 characters, each a
// letter, a digit, a Chinese character, _ or -.
func checkName(v *apierror.Validator, field, name string) {
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		v.Add(field, "is required")
		return
	case !utf8.ValidString(name):
		v.Add(field, "must be valid UTF-8")
		return
	case n > NameMaxLen:
		v.Add(field, "must be 1 to 64 characters")
		return
	}
	for _, r := range name {
		if !nameRune(r) {
			v.Add(field, "may contain only letters, digits, Chinese characters, _ and -")
			return
		}
	}
}

// nameRune reports whether r may appear in a name: the vendor's pattern is
// [\u4E00-\u9FFFA-Za-z0-9_-].
func nameRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		r == '_' || r == '-' || 0x4E00 <= r && r <= 0x9FFF
}

func checkEnums(v *apierror.Validator, a AuthorizationType, t AppType) {
	v.Check(a == "" || a == AuthorizationApp || a == AuthorizationAppGroup,
		"authorization_type", "must be APP or APP_GROUP")
	v.Check(t == "" || t == AppTypeSessionDesktop || t == AppTypeCommon,
		"app_type", "must be SESSION_DESKTOP_APP or COMMON_APP")
}

func checkList(op string, o *ListOptions) error {
	var v apierror.Validator
	v.UTF8Deep("", o)
	paging.Check(&v, &o.PageSize, DefaultPageSize, MaxPageSize, o.Offset)
	v.Check(o.Offset <= math.MaxInt32, "offset", "must be at most "+strconv.Itoa(math.MaxInt32))
	if o.AppServerGroupID != "" {
		v.ID("app_server_group_id", o.AppServerGroupID)
	}
	if o.AppGroupID != "" {
		v.ID("app_group_id", o.AppGroupID)
	}
	checkEnums(&v, o.AuthorizationType, o.AppType)
	return v.Err(op)
}
