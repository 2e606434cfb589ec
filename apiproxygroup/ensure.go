package apiproxygroup

import (
	"context"
	"strings"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/desired"
)

// Modify changes a group by read-modify-write: it reads the group (through
// the list, as Get does), calls change on it and, when change altered its
// Description or ClientRoute, replaces the group with Update, sending the
// whole group as read and changed, so the fields change did not touch keep
// their values. It returns the group as sent (the API does not send it
// back), or as read when nothing changed, and whether it sent an update.
// When change alters nothing, nothing is written. The name, ID and the
// legacy fields cannot be changed (Update does not send them): a change to
// them is a *ValidationError, and nothing is sent. When the server's list
// does not include the client route (ClientRoute nil), change must set it,
// since Update replaces the route too. If change returns an error, nothing
// is written and Modify returns that error. Modify never deploys; use Deploy
// afterwards.
//
// Apinizer has no concurrency token for groups: a change someone else makes
// between the read and the write is overwritten.
func (c *Client) Modify(ctx context.Context, name string, change func(g *Group) error, opts ...apimgmt.CallOption) (*Group, bool, error) {
	const op = "apiproxygroup.Modify"
	var v apierror.Validator
	v.Check(change != nil, "change", "is required")
	if err := v.Err(op); err != nil {
		return nil, false, err
	}
	g, err := c.Get(ctx, name, opts...)
	if err != nil {
		return nil, false, err
	}
	g, changed, err := c.modify(ctx, op, g, change, opts)
	return g, len(changed) > 0, err
}

// modify applies change to g, which was just read, and replaces the group
// when change altered it. It returns the wire names it changed.
func (c *Client) modify(ctx context.Context, op string, g *Group, change func(g *Group) error, opts []apimgmt.CallOption) (*Group, []string, error) {
	name := g.Name
	changed, err := desired.Change(g, change)
	if err != nil {
		return nil, nil, err
	}
	if len(changed) == 0 {
		return g, nil, nil
	}
	var v apierror.Validator
	for _, f := range changed {
		switch {
		case f == "name":
			v.Add(f, "cannot be changed (a group cannot be renamed)")
		case f != "description" && f != "clientRoute" && !strings.HasPrefix(f, "clientRoute."):
			v.Add(f, "cannot be changed (Update sends only description and clientRoute)")
		}
	}
	v.Check(g.ClientRoute != nil, "clientRoute", "is not in the server's list, so change must set it (Update replaces it)")
	if err := v.Err(op); err != nil {
		return nil, nil, err
	}
	res, err := c.Update(ctx, GroupInput{Name: name, Description: g.Description, ClientRoute: *g.ClientRoute}, opts...)
	if err != nil {
		return nil, nil, err
	}
	return res.Group, changed, nil
}

// Ensure makes the group named want.Name exist as want says, and returns it
// with what it did. It finds the group with Get; a missing group is created
// with want (Outcome Created); a found one whose description or client
// route differs from want is replaced with Update (Updated, with the wire
// names that differed, such as "clientRoute.hostList", in Outcome.Changed);
// otherwise nothing is written (Unchanged).
//
// Ensure manages every field of GroupInput but EnvironmentName, as a whole
// (Update replaces the group): the description (empty clears it) and the
// client route with its relative paths, methods, hosts and headers. A nil
// BufferRequest or BufferResponse in want keeps what the group has (the
// server's default applies to a new group). Members, deployments and
// deploy history are never touched. On a server whose list does not
// include the client route (ClientRoute nil), Ensure cannot compare the
// route, so it replaces the group on every call (Updated, "clientRoute"). Ensure does not deploy:
// want.EnvironmentName must be empty (call Deploy after Ensure).
//
// The create is sent once, as Create does. When it fails in a way that may
// have stored the group (no answer, a timeout, a 5xx) or because the name is
// taken (a concurrent creator), Ensure looks the group up again before it
// reports: when found, it goes on as for a found group, so a caller that
// retries Ensure never gets a duplicate or a false error; when not found, it
// returns the create's error.
func (c *Client) Ensure(ctx context.Context, want GroupInput, opts ...apimgmt.CallOption) (*Group, apimgmt.Outcome, error) {
	const op = "apiproxygroup.Ensure"
	var v apierror.Validator
	v.UTF8Deep("", &want)
	checkGroup(&v, &want)
	v.Check(want.EnvironmentName == "", "environmentName", "must be empty: Ensure does not deploy (call Deploy after it)")
	if err := v.Err(op); err != nil {
		return nil, apimgmt.Outcome{}, err
	}
	return desired.Ensure(ctx, desired.Flow[*Group]{
		Find: func(ctx context.Context) (*Group, bool, error) {
			// Get's own "not in the list" is the one absence; a failure of
			// the list (even a 404) is an error.
			groups, err := c.list(ctx, opGet, opts)
			if err != nil {
				return nil, false, err
			}
			for _, g := range groups {
				if g.Name == want.Name {
					return g.detached(), true, nil
				}
			}
			return nil, false, nil
		},
		Create: func(ctx context.Context) (*Group, error) {
			res, err := c.Create(ctx, want, opts...)
			if err != nil {
				return nil, err
			}
			return res.Group, nil
		},
		Reconcile: func(ctx context.Context, g *Group) (*Group, []string, error) {
			return c.modify(ctx, op, g, func(g *Group) error {
				route := want.ClientRoute
				if g.ClientRoute != nil {
					if route.BufferRequest == nil {
						route.BufferRequest = g.ClientRoute.BufferRequest
					}
					if route.BufferResponse == nil {
						route.BufferResponse = g.ClientRoute.BufferResponse
					}
				}
				g.Description = want.Description
				g.ClientRoute = &route
				return nil
			}, opts)
		},
	})
}
