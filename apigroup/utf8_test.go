package apigroup_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
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
	var ve *apigroup.ValidationError
	require.ErrorAs(t, err, &ve, "a *ValidationError, got %v", err)
	require.ErrorIs(t, err, apigroup.ErrValidation)
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
	opts := func(extra ...apigroup.Option) []apigroup.Option {
		return append([]apigroup.Option{
			apigroup.WithEndpoint("https://apig.example.com"), apigroup.WithToken("iam"),
			apigroup.WithProjectID("proj-1"), apigroup.WithHTTPClient(&http.Client{Transport: refuseTransport{t}}),
		}, extra...)
	}
	c, err := apigroup.NewClient("inst-1", opts()...)
	require.NoError(t, err)
	bad := badUTF8
	first := func(seq func(func(*apigroup.Group, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	for name, tc := range map[string]struct {
		call  func() error
		field string
	}{
		"NewClient instanceID": {func() error { _, err := apigroup.NewClient(bad, opts()...); return err }, "instance_id"},
		"NewClient project ID": {func() error { _, err := apigroup.NewClient("inst-1", opts(apigroup.WithProjectID(bad))...); return err }, "project_id"},
		"Create name":          {func() error { _, err := c.Create(ctx, apigroup.CreateInput{Name: "grp" + bad}); return err }, "name"},
		"Create remark":        {func() error { _, err := c.Create(ctx, apigroup.CreateInput{Name: "grp", Remark: bad}); return err }, "remark"},
		"Get groupID":          {func() error { _, err := c.Get(ctx, bad); return err }, "group_id"},
		"Update groupID":       {func() error { _, err := c.Update(ctx, bad, apigroup.UpdateInput{Name: "grp"}); return err }, "group_id"},
		"Update name":          {func() error { _, err := c.Update(ctx, "g1", apigroup.UpdateInput{Name: "grp" + bad}); return err }, "name"},
		"Update remark": {func() error {
			_, err := c.Update(ctx, "g1", apigroup.UpdateInput{Name: "grp", Remark: &bad})
			return err
		}, "remark"},
		"CheckName name":      {func() error { _, err := c.CheckName(ctx, "grp"+bad); return err }, "name"},
		"Delete groupID":      {func() error { return c.Delete(ctx, bad) }, "group_id"},
		"ListPage name":       {func() error { _, err := c.ListPage(ctx, &apigroup.ListOptions{Name: bad}); return err }, "name"},
		"ListPage exact name": {func() error { _, err := c.ListPage(ctx, &apigroup.ListOptions{Name: bad, ExactName: true}); return err }, "name"},
		"ListPage id":         {func() error { _, err := c.ListPage(ctx, &apigroup.ListOptions{ID: bad}); return err }, "id"},
		"List name":           {func() error { return first(c.List(ctx, &apigroup.ListOptions{Name: bad})) }, "name"},
		"List id":             {func() error { return first(c.List(ctx, &apigroup.ListOptions{ID: bad})) }, "id"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, problems(t, tc.call()), tc.field+" must be valid UTF-8")
		})
	}
}
