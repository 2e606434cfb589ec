package apiproxygroup_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
	"github.com/apimgmt/apimgmt-go/internal/desired/desiredtest"
)

// ensureClient returns a client of srv whose requests go through rt (when
// not nil) to the fake.
func ensureClient(t *testing.T, srv *apiproxygrouptest.Server, rt *desiredtest.Transport) *apiproxygroup.Client {
	t.Helper()
	opts := srv.ClientOptions()
	if rt != nil {
		rt.Base = srv.Client().Transport
		opts = append(opts, apiproxygroup.WithHTTPClient(&http.Client{Transport: rt}))
	}
	c, err := apiproxygroup.NewClient(srv.Project, opts...)
	require.NoError(t, err)
	return c
}

func writes(srv *apiproxygrouptest.Server) []apiproxygrouptest.Request {
	var out []apiproxygrouptest.Request
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

func isCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/apiProxyGroups/")
}

func TestModifyWithoutChangeSendsNothing(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup(apiproxygroup.GroupInput{Name: "orders", Description: "d", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
	c := ensureClient(t, srv, nil)

	g, changed, err := c.Modify(context.Background(), "orders", func(g *apiproxygroup.Group) error {
		g.Description = "d"
		g.ClientRoute.RelativePaths = []string{"/orders"}
		return nil
	})
	require.NoError(t, err)
	assert.False(t, changed)
	assert.Equal(t, "d", g.Description)
	assert.Empty(t, writes(srv), "a change that changes nothing sends no update")
}

func TestModifyReplacesWithTheReadGroup(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	ctx := context.Background()
	_, err := c.Create(ctx, apiproxygroup.GroupInput{Name: "orders", Description: "d", ClientRoute: apiproxygroup.ClientRoute{
		RelativePaths: []string{"/orders"}, Hosts: []string{"api.example.com"},
		Headers: []apiproxygroup.Header{{Name: "X-Tenant", Value: "a"}},
	}})
	require.NoError(t, err)
	srv.ResetRequests()

	g, changed, err := c.Modify(ctx, "orders", func(g *apiproxygroup.Group) error {
		g.Description = "new"
		return nil
	})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, "new", g.Description)
	require.Len(t, writes(srv), 1)
	st, ok := srv.Group("orders")
	require.True(t, ok)
	assert.Equal(t, "new", st.Description)
	assert.Equal(t, []string{"api.example.com"}, st.ClientRoute.Hosts, "the fields change did not touch are kept")
	assert.Equal(t, []apiproxygroup.Header{{Name: "X-Tenant", Value: "a"}}, st.ClientRoute.Headers)

	_, _, err = c.Modify(ctx, "orders", func(g *apiproxygroup.Group) error {
		g.Name = "other"
		return nil
	})
	var ve *apiproxygroup.ValidationError
	require.ErrorAs(t, err, &ve)
	boom := errors.New("boom")
	_, _, err = c.Modify(ctx, "orders", func(*apiproxygroup.Group) error { return boom })
	assert.ErrorIs(t, err, boom)
	assert.Len(t, writes(srv), 1)
}

func TestEnsureOutcomes(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	ctx := context.Background()
	want := apiproxygroup.GroupInput{Name: "orders", Description: "Orders", ClientRoute: apiproxygroup.ClientRoute{
		RelativePaths: []string{"/orders"},
	}}

	g, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Created}, out)
	assert.Equal(t, "Orders", g.Description)

	srv.ResetRequests()
	_, out, err = c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Unchanged}, out, "a nil buffer flag keeps the server's value")
	assert.Empty(t, writes(srv))

	want.ClientRoute.Hosts = []string{"api.example.com"}
	g, out, err = c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"clientRoute.hostList"}}, out)
	assert.Equal(t, []string{"api.example.com"}, g.ClientRoute.Hosts)
	st, _ := srv.Group("orders")
	assert.Equal(t, []string{"api.example.com"}, st.ClientRoute.Hosts)
	assert.Equal(t, 1, srv.GroupCount())

	_, _, err = c.Ensure(ctx, apiproxygroup.GroupInput{Name: "orders", EnvironmentName: "development", ClientRoute: want.ClientRoute})
	var ve *apiproxygroup.ValidationError
	assert.ErrorAs(t, err, &ve)
}

func TestEnsureAmbiguousCreate(t *testing.T) {
	for name, rt := range map[string]*desiredtest.Transport{
		"lost answer": {Match: isCreate, LoseAnswer: true},
		"502":         {Match: isCreate, Status: http.StatusBadGateway},
	} {
		t.Run(name, func(t *testing.T) {
			srv := apiproxygrouptest.NewServer()
			defer srv.Close()
			c := ensureClient(t, srv, rt)
			want := apiproxygroup.GroupInput{Name: "orders", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}}
			g, out, err := c.Ensure(context.Background(), want)
			require.NoError(t, err)
			assert.True(t, rt.Picked())
			assert.Equal(t, apimgmt.Unchanged, out.Action)
			assert.Equal(t, "orders", g.Name)
			assert.Equal(t, 1, srv.GroupCount())
		})
	}
}

func TestEnsureFailedCreate(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	srv.FailNext(2, apiproxygrouptest.Fault{Status: http.StatusServiceUnavailable, Match: isCreate})
	want := apiproxygroup.GroupInput{Name: "orders", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}}
	_, _, err := c.Ensure(context.Background(), want)
	var e *apiproxygroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Zero(t, srv.GroupCount())
}

func TestEnsureConcurrentCreator(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	rt := &desiredtest.Transport{Match: isCreate, Before: func() {
		srv.AddGroup(apiproxygroup.GroupInput{Name: "orders", Description: "theirs", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
	}}
	c := ensureClient(t, srv, rt)
	want := apiproxygroup.GroupInput{Name: "orders", Description: "ours", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}}
	g, out, err := c.Ensure(context.Background(), want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"description"}}, out)
	assert.Equal(t, "ours", g.Description)
	assert.Equal(t, 1, srv.GroupCount())
}

// A server whose list leaves the client route out: Modify refuses to
// replace the group unless change sets the route; Ensure sets it.
func TestModifyWithoutARouteInTheList(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.SetEnvelope(apiproxygrouptest.EnvelopeSuccess)
	srv.AddGroup(apiproxygroup.GroupInput{Name: "orders", Description: "d", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
	c := ensureClient(t, srv, nil)
	ctx := context.Background()

	_, _, err := c.Modify(ctx, "orders", func(g *apiproxygroup.Group) error {
		g.Description = "new"
		return nil
	})
	var ve *apiproxygroup.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, err.Error(), "clientRoute")
	assert.Empty(t, writes(srv))

	_, out, err := c.Ensure(ctx, apiproxygroup.GroupInput{Name: "orders", Description: "d",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"clientRoute"}}, out)
	st, _ := srv.Group("orders")
	assert.Equal(t, []string{"/orders"}, st.ClientRoute.RelativePaths)
}
