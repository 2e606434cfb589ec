package appgroup

import (
	"context"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/desired"
)

// GetByName returns the application group named name (exactly; case
// matters). Workspace has no call that reads a group by name, and its
// documentation does not say whether the list's name filter matches exactly,
// so GetByName lists with that filter and keeps only the groups whose name
// is exactly name. None is an error matching ErrNotFound; more than one (the
// service keeps names unique in a project, so a server that breaks that) is
// an error matching ErrConflict.
func (c *Client) GetByName(ctx context.Context, name string, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "appgroup.GetByName"
	var v apierror.Validator
	checkName(&v, "name", name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	g, n, err := c.findByName(ctx, name, opts)
	if err == nil && n != 1 {
		err = desired.NameError(op, "application group", name, n)
	}
	return g, err
}

// findByName returns the group named name and how many groups have that
// name (the group is nil unless exactly one has it). A failure of the
// list is an error, even one matching ErrNotFound.
func (c *Client) findByName(ctx context.Context, name string, opts []apimgmt.CallOption) (*Group, int, error) {
	return desired.FindByName(c.List(ctx, &ListOptions{Name: name, PageSize: MaxPageSize}, opts...), func(g *Group) string { return g.Name }, name)
}

// Modify changes a group by read-modify-write: it gets the group, calls
// change on it and sends an Update (PATCH) that carries exactly the fields
// change altered among Name, Description and AppServerGroupID, the fields
// the API lets you change. It returns the group (as Update answered, or as
// read when nothing changed) and whether it sent an update. When change
// alters none of them, nothing is written. A change to another field is a
// *ValidationError, and nothing is sent. If change returns an error,
// nothing is written and Modify returns that error.
//
// Since only the changed fields are sent, a change that someone else makes
// to another field between the read and the write is kept.
func (c *Client) Modify(ctx context.Context, groupID string, change func(g *Group) error, opts ...apimgmt.CallOption) (*Group, bool, error) {
	const op = "appgroup.Modify"
	var v apierror.Validator
	v.ID("app_group_id", groupID)
	v.Check(change != nil, "change", "is required")
	if err := v.Err(op); err != nil {
		return nil, false, err
	}
	g, err := c.Get(ctx, groupID, opts...)
	if err != nil {
		return nil, false, err
	}
	g, changed, err := c.modify(ctx, op, g, change, opts)
	return g, len(changed) > 0, err
}

// modify applies change to g, which was just read, and sends the fields it
// altered. It returns their wire names.
func (c *Client) modify(ctx context.Context, op string, g *Group, change func(g *Group) error, opts []apimgmt.CallOption) (*Group, []string, error) {
	id := g.ID
	changed, err := desired.Change(g, change)
	if err != nil {
		return nil, nil, err
	}
	if len(changed) == 0 {
		return g, nil, nil
	}
	var v apierror.Validator
	var in UpdateInput
	for _, name := range changed {
		switch name {
		case "name":
			in.Name = &g.Name
		case "description":
			in.Description = &g.Description
		case "app_server_group_id":
			in.AppServerGroupID = &g.AppServerGroupID
		default:
			v.Add(name, "cannot be changed (Modify sends only name, description and app_server_group_id)")
		}
	}
	if err := v.Err(op); err != nil {
		return nil, nil, err
	}
	updated, err := c.Update(ctx, id, in, opts...)
	if err != nil {
		return nil, nil, err
	}
	return updated, changed, nil
}

// Ensure makes the application group named want.Name exist as want says,
// and returns it with what it did. It finds the group with GetByName; a
// missing group is created with every field of want (Outcome Created); a
// found one is brought to want with a PATCH of the fields that differ
// (Updated, with their wire names in Outcome.Changed), or left alone when
// none differs (Unchanged).
//
// Ensure manages the fields of UpdateInput, the ones the API can change:
// the name (the key it finds the group by), the description, as a whole (an
// empty want.Description clears it), and the server group binding when
// want.AppServerGroupID is set (the service cannot unbind through an update,
// so an empty want.AppServerGroupID leaves the binding alone; binding a
// group that already has another server group fails, as Update does).
// AuthorizationType and AppType are used only to create the group; they
// are never compared or changed. Nothing else is touched.
//
// The create is sent once, as Create does. When it fails in a way that may
// have stored the group (no answer, a timeout, a 5xx) or because the name is
// taken (a concurrent creator), Ensure looks the group up again before it
// reports: when found, it goes on as for a found group, so a caller that
// retries Ensure never gets a duplicate or a false error; when not found, it
// returns the create's error.
func (c *Client) Ensure(ctx context.Context, want CreateInput, opts ...apimgmt.CallOption) (*Group, apimgmt.Outcome, error) {
	const op = "appgroup.Ensure"
	var v apierror.Validator
	v.UTF8Deep("", &want)
	checkName(&v, "name", want.Name)
	if want.AppServerGroupID != "" {
		v.ID("app_server_group_id", want.AppServerGroupID)
	}
	checkEnums(&v, want.AuthorizationType, want.AppType)
	if err := v.Err(op); err != nil {
		return nil, apimgmt.Outcome{}, err
	}
	return desired.Ensure(ctx, desired.Flow[*Group]{
		Find: func(ctx context.Context) (*Group, bool, error) {
			g, n, err := c.findByName(ctx, want.Name, opts)
			if err == nil && n > 1 {
				err = desired.NameError(op, "application group", want.Name, n)
			}
			return g, n == 1, err
		},
		Create: func(ctx context.Context) (*Group, error) {
			return c.Create(ctx, want, opts...)
		},
		Reconcile: func(ctx context.Context, g *Group) (*Group, []string, error) {
			return c.modify(ctx, op, g, func(g *Group) error {
				g.Description = want.Description
				if want.AppServerGroupID != "" {
					g.AppServerGroupID = want.AppServerGroupID
				}
				return nil
			}, opts)
		},
	})
}
