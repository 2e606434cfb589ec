package apigroup

import (
	"context"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/desired"
)

// GetByName returns the group named name (exactly; case matters). APIG has
// no call that reads a group by name, so GetByName lists the instance's
// groups with an exact name filter (precise_search=name) and keeps those
// whose name is exactly name. None is an error matching ErrNotFound; more
// than one (APIG keeps names unique, so a server that breaks that) is an
// error matching ErrConflict.
func (c *Client) GetByName(ctx context.Context, name string, opts ...apimgmt.CallOption) (*Group, error) {
	const op = "apigroup.GetByName"
	var v apierror.Validator
	checkName(&v, name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	g, n, err := c.findByName(ctx, name, opts)
	if err == nil && n != 1 {
		err = desired.NameError(op, "API group", name, n)
	}
	return g, err
}

// findByName returns the group named name and how many groups have that
// name (the group is nil unless exactly one has it). A failure of the
// list is an error, even one matching ErrNotFound.
func (c *Client) findByName(ctx context.Context, name string, opts []apimgmt.CallOption) (*Group, int, error) {
	return desired.FindByName(c.List(ctx, &ListOptions{Name: name, ExactName: true, PageSize: MaxPageSize}, opts...), func(g *Group) string { return g.Name }, name)
}

// Modify changes a group by read-modify-write: it gets the group, calls
// change on it and, when change altered the name or the remark, sends them
// with Update. It returns the group (as Update answered, or as read when
// nothing changed) and whether it sent an update. When change alters
// neither, nothing is written. Only Name and Remark can be changed (the
// API's update takes nothing else): a change to another field is a
// *ValidationError, and nothing is sent. If change returns an error,
// nothing is written and Modify returns that error.
//
// APIG has no concurrency token for groups: a change someone else makes
// between the read and the write to the name or remark is overwritten.
func (c *Client) Modify(ctx context.Context, groupID string, change func(g *Group) error, opts ...apimgmt.CallOption) (*Group, bool, error) {
	const op = "apigroup.Modify"
	var v apierror.Validator
	v.ID("group_id", groupID)
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

// modify applies change to g, which was just read, and sends the name and
// remark when change altered them. It returns the wire names it changed.
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
	for _, name := range changed {
		v.Check(name == "name" || name == "remark", name, "cannot be changed (Modify sends only name and remark)")
	}
	if err := v.Err(op); err != nil {
		return nil, nil, err
	}
	remark := g.Remark
	updated, err := c.Update(ctx, id, UpdateInput{Name: g.Name, Remark: &remark}, opts...)
	if err != nil {
		return nil, nil, err
	}
	return updated, changed, nil
}

// Ensure makes the group named want.Name exist with want.Remark, and
// returns it with what it did. It finds the group with GetByName; a
// missing group is created (Outcome Created); a found one whose remark
// differs gets the desired remark (Updated, Changed ["remark"]), else
// nothing is written (Unchanged).
//
// Ensure manages the name (the key it finds the group by) and the remark,
// as a whole: an empty want.Remark clears the group's remark. It never
// changes anything else (domains, certificates, APIs).
//
// The create is sent once, as Create does. When it fails in a way that may
// have stored the group (no answer, a timeout, a 5xx) or because the name is
// taken (a concurrent creator), Ensure looks the group up again before it
// reports: when found, it goes on as for a found group, so a caller that
// retries Ensure never gets a duplicate or a false error; when not found, it
// returns the create's error.
func (c *Client) Ensure(ctx context.Context, want CreateInput, opts ...apimgmt.CallOption) (*Group, apimgmt.Outcome, error) {
	const op = "apigroup.Ensure"
	var v apierror.Validator
	v.UTF8Deep("", &want)
	checkName(&v, want.Name)
	checkRemark(&v, want.Remark)
	if err := v.Err(op); err != nil {
		return nil, apimgmt.Outcome{}, err
	}
	return desired.Ensure(ctx, desired.Flow[*Group]{
		Find: func(ctx context.Context) (*Group, bool, error) {
			g, n, err := c.findByName(ctx, want.Name, opts)
			if err == nil && n > 1 {
				err = desired.NameError(op, "API group", want.Name, n)
			}
			return g, n == 1, err
		},
		Create: func(ctx context.Context) (*Group, error) {
			return c.Create(ctx, want, opts...)
		},
		Reconcile: func(ctx context.Context, g *Group) (*Group, []string, error) {
			return c.modify(ctx, op, g, func(g *Group) error {
				g.Remark = want.Remark
				return nil
			}, opts)
		},
	})
}
