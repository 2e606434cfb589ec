package appgroup_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
)

// badUTF8 is a string that is not valid UTF-8 (and has no other fault).
const badUTF8 = "ab\xffcd"

// refuseTransport fails the test if anything is sent.
type refuseTransport struct{ t *testing.T }

func (r refuseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("a request was sent: %s %s", req.Method, req.URL)
	return nil, errors.New("refuseTransport: nothing may be sent")
}

// problems returns the "field problem" pairs of a *ValidationError.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var ve *appgroup.ValidationError
	require.ErrorAs(t, err, &ve, "a *ValidationError, got %v", err)
	require.ErrorIs(t, err, appgroup.ErrValidation)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+" "+f.Problem)
	}
	return out
}

// Every string that goes into a path, a query or a body is refused before
// anything is sent when it is not valid UTF-8, with a *ValidationError that
// names it.
func TestInvalidUTF8IsRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	opts := func(extra ...appgroup.Option) []appgroup.Option {
		return append([]appgroup.Option{
			appgroup.WithEndpoint("https://workspace.example.com"), appgroup.WithToken("iam"),
			appgroup.WithProjectID("proj-1"), appgroup.WithHTTPClient(&http.Client{Transport: refuseTransport{t}}),
		}, extra...)
	}
	c, err := appgroup.NewClient(opts()...)
	require.NoError(t, err)
	bad := badUTF8
	list := func(o appgroup.ListOptions) func() error {
		return func() error {
			if _, err := c.ListPage(ctx, &o); err == nil {
				return errors.New("ListPage: no error")
			}
			for _, err := range c.List(ctx, &o) {
				return err
			}
			return nil
		}
	}
	for name, tc := range map[string]struct {
		call  func() error
		field string
	}{
		"NewClient project ID": {func() error { _, err := appgroup.NewClient(opts(appgroup.WithProjectID(bad))...); return err }, "project_id"},
		"Create name":          {func() error { _, err := c.Create(ctx, appgroup.CreateInput{Name: "g" + bad}); return err }, "name"},
		"Create server group": {func() error {
			_, err := c.Create(ctx, appgroup.CreateInput{Name: "g", AppServerGroupID: bad})
			return err
		}, "app_server_group_id"},
		"Create description": {func() error { _, err := c.Create(ctx, appgroup.CreateInput{Name: "g", Description: bad}); return err }, "description"},
		"Create authorization": {func() error {
			_, err := c.Create(ctx, appgroup.CreateInput{Name: "g", AuthorizationType: appgroup.AuthorizationType(bad)})
			return err
		}, "authorization_type"},
		"Create app type": {func() error {
			_, err := c.Create(ctx, appgroup.CreateInput{Name: "g", AppType: appgroup.AppType(bad)})
			return err
		}, "app_type"},
		"Get groupID":             {func() error { _, err := c.Get(ctx, bad); return err }, "app_group_id"},
		"DisassociateServerGroup": {func() error { return c.DisassociateServerGroup(ctx, bad) }, "server_group_id"},
		"Delete groupID":          {func() error { return c.Delete(ctx, bad) }, "app_group_id"},
		"Update groupID":          {func() error { _, err := c.Update(ctx, bad, appgroup.UpdateInput{Description: new(string)}); return err }, "app_group_id"},
		"Update name":             {func() error { _, err := c.Update(ctx, "g1", appgroup.UpdateInput{Name: &bad}); return err }, "name"},
		"Update server group":     {func() error { _, err := c.Update(ctx, "g1", appgroup.UpdateInput{AppServerGroupID: &bad}); return err }, "app_server_group_id"},
		"Update description":      {func() error { _, err := c.Update(ctx, "g1", appgroup.UpdateInput{Description: &bad}); return err }, "description"},
		"CheckName name":          {func() error { _, err := c.CheckName(ctx, bad); return err }, "name"},
		"BatchDelete ids":         {func() error { _, err := c.BatchDelete(ctx, []string{"g1", bad}); return err }, "ids[1]"},
		"List server group":       {list(appgroup.ListOptions{AppServerGroupID: bad}), "app_server_group_id"},
		"List group ID":           {list(appgroup.ListOptions{AppGroupID: bad}), "app_group_id"},
		"List name":               {list(appgroup.ListOptions{Name: bad}), "name"},
		"List authorization":      {list(appgroup.ListOptions{AuthorizationType: appgroup.AuthorizationType(bad)}), "authorization_type"},
		"List app type":           {list(appgroup.ListOptions{AppType: appgroup.AppType(bad)}), "app_type"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, problems(t, tc.call()), tc.field+" must be valid UTF-8")
		})
	}
}
