package apiproxygroup_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
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
	var ve *apiproxygroup.ValidationError
	require.ErrorAs(t, err, &ve, "a *ValidationError, got %v", err)
	require.ErrorIs(t, err, apiproxygroup.ErrValidation)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+" "+f.Problem)
	}
	return out
}

// refusingClient returns a client whose transport fails the test if
// anything is sent.
func refusingClient(t *testing.T, project string) (*apiproxygroup.Client, error) {
	return apiproxygroup.NewClient(project, apiproxygroup.WithEndpoint("https://manager.example.com"),
		apiproxygroup.WithToken("tok"), apiproxygroup.WithHTTPClient(&http.Client{Transport: refuseTransport{t}}))
}

// validGroup returns a valid group input changed by f.
func validGroup(f func(in *apiproxygroup.GroupInput)) apiproxygroup.GroupInput {
	in := apiproxygroup.GroupInput{
		Name: "grp", Description: "d", EnvironmentName: "test",
		ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths: []string{"/a"}, Methods: []apiproxygroup.Method{apiproxygroup.MethodGet},
			Hosts: []string{"example.com"}, Headers: []apiproxygroup.Header{{Name: "X-A", Value: "v"}},
		},
	}
	f(&in)
	return in
}

// Every string that goes into a path, a query or a body is refused before
// anything is sent when it is not valid UTF-8, with a *ValidationError that
// names it.
func TestInvalidUTF8IsRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	c, err := refusingClient(t, "proj")
	require.NoError(t, err)
	bad := badUTF8
	groupFields := map[string]func(in *apiproxygroup.GroupInput){
		"name":                            func(in *apiproxygroup.GroupInput) { in.Name = bad },
		"description":                     func(in *apiproxygroup.GroupInput) { in.Description = bad },
		"environmentName":                 func(in *apiproxygroup.GroupInput) { in.EnvironmentName = bad },
		"clientRoute.relativePathList[0]": func(in *apiproxygroup.GroupInput) { in.ClientRoute.RelativePaths[0] = "/" + bad },
		"clientRoute.methodList[0]":       func(in *apiproxygroup.GroupInput) { in.ClientRoute.Methods[0] = apiproxygroup.Method(bad) },
		"clientRoute.hostList[0]":         func(in *apiproxygroup.GroupInput) { in.ClientRoute.Hosts[0] = bad },
		"clientRoute.headerList[0].name":  func(in *apiproxygroup.GroupInput) { in.ClientRoute.Headers[0].Name = bad },
		"clientRoute.headerList[0].value": func(in *apiproxygroup.GroupInput) { in.ClientRoute.Headers[0].Value = bad },
	}
	type tcase struct {
		call  func() error
		field string
	}
	cases := map[string]tcase{
		"NewClient projectName": {func() error { _, err := refusingClient(t, bad); return err }, "projectName"},
		"Get name":              {func() error { _, err := c.Get(ctx, bad); return err }, "name"},
		"Delete name":           {func() error { return c.Delete(ctx, bad) }, "apiProxyGroupName"},
		"AddProxy group":        {func() error { return c.AddProxy(ctx, bad, "p") }, "apiProxyGroupName"},
		"AddProxy proxy":        {func() error { return c.AddProxy(ctx, "g", bad) }, "apiProxyName"},
		"RemoveProxy group":     {func() error { return c.RemoveProxy(ctx, bad, "p") }, "apiProxyGroupName"},
		"RemoveProxy proxy":     {func() error { return c.RemoveProxy(ctx, "g", bad) }, "apiProxyName"},
		"Deploy group":          {func() error { _, err := c.Deploy(ctx, bad, "env", nil); return err }, "apiProxyGroupName"},
		"Deploy environment":    {func() error { _, err := c.Deploy(ctx, "g", bad, nil); return err }, "environmentName"},
		"Deploy description": {func() error {
			_, err := c.Deploy(ctx, "g", "env", &apiproxygroup.DeployOptions{Description: bad})
			return err
		}, "description"},
		"Undeploy group":       {func() error { _, err := c.Undeploy(ctx, bad, "env", nil); return err }, "apiProxyGroupName"},
		"Undeploy environment": {func() error { _, err := c.Undeploy(ctx, "g", bad, nil); return err }, "environmentName"},
		"Undeploy description": {func() error {
			_, err := c.Undeploy(ctx, "g", "env", &apiproxygroup.DeployOptions{Description: bad})
			return err
		}, "description"},
		"Environments group":  {func() error { _, err := c.Environments(ctx, bad); return err }, "apiProxyGroupName"},
		"DeployHistory group": {func() error { _, err := c.DeployHistory(ctx, bad); return err }, "apiProxyGroupName"},
		"DeployHistoryRecord": {func() error { _, err := c.DeployHistoryRecord(ctx, bad, 1); return err }, "apiProxyGroupName"},
		"DeleteDeployHistory": {func() error { return c.DeleteDeployHistory(ctx, bad, 1) }, "apiProxyGroupName"},
	}
	for field, set := range groupFields {
		in := validGroup(set)
		cases["Create "+field] = tcase{func() error { _, err := c.Create(ctx, in); return err }, field}
		cases["Update "+field] = tcase{func() error { _, err := c.Update(ctx, in); return err }, field}
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, problems(t, tc.call()), tc.field+" must be valid UTF-8")
		})
	}
}

// A group name that the calls on a group refuse as a path segment cannot
// be created (or saved) either: the group could never be deleted or
// deployed.
func TestUnaddressableGroupNamesAreRefused(t *testing.T) {
	ctx := context.Background()
	c, err := refusingClient(t, "proj")
	require.NoError(t, err)
	for _, name := range []string{".", "..", "", "a/b", "a\\b"} {
		in := validGroup(func(in *apiproxygroup.GroupInput) { in.Name = name })
		_, err := c.Create(ctx, in)
		assert.Len(t, problems(t, err), 1, "Create %q", name)
		_, err = c.Update(ctx, in)
		assert.Len(t, problems(t, err), 1, "Update %q", name)
		assert.Error(t, c.Delete(ctx, name), "Delete %q", name)
	}
}
