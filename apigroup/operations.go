package apigroup

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
	"github.com/apimgmt/apimgmt-go/internal/paging"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Documented limits.
const (
	NameMinLen   = 3
	NameMaxLen   = 255
	RemarkMaxLen = 1000
	// DefaultPageSize is how many groups a List request asks for by default.
	DefaultPageSize = 20
	// MaxPageSize is the most groups one List request can ask for.
	MaxPageSize = 500
)

// CreateInput is the input of Create.
type CreateInput struct {
	// Name is the group name: 3 to 255 characters, letters, digits,
	// Chinese characters and -_./():（）：、 (parentheses and colons in their
	// ASCII and full-width forms, the full-width enumeration comma),
	// starting with a letter, digit or Chinese character. Required.
	Name string `json:"name"`
	// Remark is the group's description, at most 1000 characters.
	Remark string `json:"remark,omitempty"`
}

// UpdateInput is the input of Update. Only the name and the remark of a
// group can be changed.
type UpdateInput struct {
	// Name is the group's new (or unchanged) name, with the same rules as
	// CreateInput.Name. Required: the API always takes the name.
	Name string `json:"name"`
	// Remark, when not nil, sets the description (an empty string clears
	// it). When nil, no remark is sent.
	Remark *string `json:"remark,omitempty"`
}

// ListOptions filter and page List.
type ListOptions struct {
	// Name filters by group name; the match is fuzzy unless ExactName is set.
	Name string `json:"name,omitempty"`
	// ExactName makes the Name filter exact (precise_search=name).
	ExactName bool `json:"precise_search,omitempty"`
	// ID filters by group ID.
	ID string `json:"id,omitempty"`
	// PageSize is how many groups each request asks for: 1 to 500, default 20.
	PageSize int `json:"limit,omitempty"`
	// Offset is where listing starts (default 0).
	Offset int64 `json:"offset,omitempty"`
}

// Page is one page of List results: the groups in Items, Total (how many
// groups match the query in all) and Offset (the offset of the page's first
// group); NextPageToken is always empty (APIG pages by offset).
type Page = apimgmt.Page[*Group]

// Create creates an API group. It returns the new group (HTTP 201). Create
// is not retried after an ambiguous failure, so a group is never created
// twice.
func (c *Client) Create(ctx context.Context, in CreateInput, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "apigroup.Create"
	var v apierror.Validator
	v.UTF8Deep("", &in)
	checkName(&v, in.Name)
	checkRemark(&v, in.Remark)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.CreateAPIGroupJSONRequestBody{Name: in.Name, Remark: in.Remark}
	resp, err := c.gen.CreateAPIGroup(transport.WithOp(ctx, opCreate, opts...), c.projectID, c.instanceID, body)
	return decodeGroup(op, resp, err)
}

// Get returns the group with the given ID. A group that does not exist is
// an error matching ErrNotFound.
func (c *Client) Get(ctx context.Context, groupID string, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "apigroup.Get"
	var v apierror.Validator
	v.ID("group_id", groupID)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.ShowAPIGroup(transport.WithOp(ctx, opGet, opts...), c.projectID, c.instanceID, groupID)
	return decodeGroup(op, resp, err)
}

// Update changes a group's name and remark (PUT, the only attributes the API
// lets you change) and returns the updated group. It is safe to retry.
func (c *Client) Update(ctx context.Context, groupID string, in UpdateInput, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "apigroup.Update"
	var v apierror.Validator
	v.ID("group_id", groupID)
	v.UTF8Deep("", &in)
	checkName(&v, in.Name)
	if in.Remark != nil {
		checkRemark(&v, *in.Remark)
	}
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.UpdateAPIGroupJSONRequestBody{Name: in.Name, Remark: in.Remark}
	resp, err := c.gen.UpdateAPIGroup(transport.WithOp(ctx, opUpdate, opts...), c.projectID, c.instanceID, groupID, body)
	return decodeGroup(op, resp, err)
}

// Delete deletes a group, and with it the group's APIs, independent domain
// names and certificate bindings. Any 2xx status is success.
func (c *Client) Delete(ctx context.Context, groupID string, opts ...apimgmt.CallOption) error {
	const op = "apigroup.Delete"
	var v apierror.Validator
	v.ID("group_id", groupID)
	if err := v.Err(op); err != nil {
		return err
	}
	_, err := c.gen.DeleteAPIGroup(transport.WithOp(ctx, opDelete, opts...), c.projectID, c.instanceID, groupID)
	return err
}

// NameCheck is the result of CheckName (the same shape as
// appgroup.NameCheck).
type NameCheck struct {
	// Passed is true when no API group of the instance has the name.
	Passed bool
	// Rule names the rule the name breaks when Passed is false.
	Rule Rule
}

// Rule is a rule that CheckName checks a name against.
type Rule string

// RuleNameExists: an API group of the instance already has the name
// (APIG.3201, "The API group name already exists").
const RuleNameExists Rule = "APIG.3201"

// CheckName asks whether name is free in the gateway instance: Passed when
// no API group has it; not Passed, with RuleNameExists, when the service
// answers that one does. A name that is taken is not an error; any other
// failure is. The name is held to the naming rule first (see CreateInput),
// so a name Create would refuse is a *ValidationError here too. CheckName
// changes nothing and is retried like a read.
func (c *Client) CheckName(ctx context.Context, name string, opts ...apimgmt.CallOption) (*NameCheck, error) {
	const op = "apigroup.CheckName"
	var v apierror.Validator
	checkName(&v, name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.CheckAPIGroupsJSONRequestBody{GroupName: name}
	_, err := c.gen.CheckAPIGroups(transport.WithOp(ctx, opCheckName, opts...), c.projectID, c.instanceID, body)
	var e *apierror.Error
	if errors.As(err, &e) && e.Code == string(RuleNameExists) {
		return &NameCheck{Rule: RuleNameExists}, nil
	}
	if err != nil {
		return nil, err
	}
	return &NameCheck{Passed: true}, nil
}

// ListPage returns one page of groups. listOpts may be nil.
func (c *Client) ListPage(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) (*Page, error) {
	const op = "apigroup.List"
	var o ListOptions
	if listOpts != nil {
		o = *listOpts
	}
	if err := checkList(op, &o); err != nil {
		return nil, err
	}
	params := &gen.ListAPIGroupsParams{
		Offset: convert.PtrIfSet(o.Offset),
		Limit:  convert.Ptr(int32(o.PageSize)),
		ID:     convert.PtrIfSet(o.ID),
		Name:   convert.PtrIfSet(o.Name),
	}
	if o.ExactName {
		params.PreciseSearch = convert.Ptr(gen.ListAPIGroupsParamsPreciseSearch("name"))
	}
	resp, err := c.gen.ListAPIGroups(transport.WithOp(ctx, opList, opts...), c.projectID, c.instanceID, params)
	list, err := transport.DecodeLenient[gen.APIGroupList, listIdentity](op, resp, err)
	if err != nil {
		return nil, err
	}
	page := &Page{Total: list.Total, Offset: o.Offset}
	if list.Groups != nil {
		page.Items = make([]*Group, len(list.Groups))
		for i := range list.Groups {
			page.Items[i] = groupFromGen(&list.Groups[i])
		}
	}
	return page, nil
}

// List returns an iterator over every group that matches listOpts (which may be
// nil), fetching pages as the loop needs them. On a failure it yields the
// error once and stops; a server that does not advance through the pages
// (it repeats a page, or sends more groups than its total) ends the listing
// with an error matching ErrMalformedResponse.
//
//	for g, err := range client.List(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.Name)
//	}
func (c *Client) List(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) iter.Seq2[*Group, error] {
	var o ListOptions
	if listOpts != nil {
		o = *listOpts
	}
	return paging.Offset("apigroup.List", o.Offset, func(g *Group) string { return g.ID }, func(offset int64) ([]*Group, int64, error) {
		p := o
		p.Offset = offset
		page, err := c.ListPage(ctx, &p, opts...)
		if err != nil {
			return nil, 0, err
		}
		return page.Items, page.Total, nil
	})
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
		Total  int64           `json:"total"`
		Groups []groupIdentity `json:"groups"`
	}
)

func decodeGroup(op string, resp *http.Response, err error) (*Group, error) {
	info, err := transport.DecodeLenient[gen.APIGroupInfo, groupIdentity](op, resp, err)
	if err != nil {
		return nil, err
	}
	return groupFromGen(info), nil
}

// nameSpecials are the characters a group name may hold besides letters,
// digits and Chinese characters (not as its first character): the vendor's
// model documents hyphens, underscores, dots, slashes, parentheses and colons
// in ASCII and full-width forms, and the full-width enumeration comma. The
// spec's pattern and the fake (apigrouptest) say the same.
const nameSpecials = "-_./():（）：、"

// checkName applies the documented name rule.
func checkName(v *apierror.Validator, name string) {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		v.Add("name", "is required")
		return
	case !utf8.ValidString(name):
		v.Add("name", "must be valid UTF-8")
		return
	case n < NameMinLen || n > NameMaxLen:
		v.Add("name", "must be 3 to 255 characters")
		return
	}
	for i, r := range name {
		if i == 0 && !(isASCIILetterOrDigit(r) || unicode.Is(unicode.Han, r)) {
			v.Add("name", "must start with a letter, a digit or a Chinese character")
			return
		}
		if !(isASCIILetterOrDigit(r) || unicode.Is(unicode.Han, r) || strings.ContainsRune(nameSpecials, r)) {
			v.Add("name", "may contain only letters, digits, Chinese characters and "+nameSpecials)
			return
		}
	}
}

func isASCIILetterOrDigit(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

func checkRemark(v *apierror.Validator, remark string) {
	if utf8.RuneCountInString(remark) > RemarkMaxLen {
		v.Add("remark", "must be at most 1000 characters")
	}
}

func checkList(op string, o *ListOptions) error {
	var v apierror.Validator
	v.UTF8Deep("", o)
	paging.Check(&v, &o.PageSize, DefaultPageSize, MaxPageSize, o.Offset)
	if o.ID != "" {
		v.ID("id", o.ID)
	}
	v.Check(!o.ExactName || o.Name != "", "precise_search", "needs a name to match exactly")
	return v.Err(op)
}
