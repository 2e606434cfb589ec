package appgroup_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/desired/desiredtest"
)

// ensureClient returns a client of srv whose requests go through rt (when
// not nil) to the fake.
func ensureClient(t *testing.T, srv *appgrouptest.Server, rt *desiredtest.Transport) *appgroup.Client {
	t.Helper()
	opts := srv.ClientOptions()
	if rt != nil {
		rt.Base = srv.Client().Transport
		opts = append(opts, appgroup.WithHTTPClient(&http.Client{Transport: rt}))
	}
	c, err := appgroup.NewClient(opts...)
	require.NoError(t, err)
	return c
}

func writes(srv *appgrouptest.Server) []appgrouptest.Request {
	var out []appgrouptest.Request
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

func isCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/app-groups")
}

func TestGetByNameExact(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(appgroup.CreateInput{Name: "office"}).ID
	srv.AddGroup(appgroup.CreateInput{Name: "office-2"})
	c := ensureClient(t, srv, nil)
	ctx := context.Background()

	g, err := c.GetByName(ctx, "office")
	require.NoError(t, err)
	assert.Equal(t, id, g.ID)
	assert.Contains(t, srv.LastRequest().RawQuery, "name=office")

	_, err = c.GetByName(ctx, "Office")
	assert.ErrorIs(t, err, appgroup.ErrNotFound)
}

// A server whose name filter is fuzzy: GetByName keeps the exact match only.
func TestGetByNameFiltersExactly(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup(appgroup.CreateInput{Name: "office-2"})
	rt := &desiredtest.Transport{Match: func(*http.Request) bool { return false }}
	c := ensureClient(t, srv, rt)
	// Drop the name filter on the way, as a fuzzy server would match (the
	// signature then no longer covers the query, so the fake checks none).
	rt.Base = dropQuery{base: srv.Client().Transport, key: "name"}
	srv.SetAuthenticator(func(*http.Request, []byte) error { return nil })
	_, err := c.GetByName(context.Background(), "office")
	assert.ErrorIs(t, err, appgroup.ErrNotFound)
}

type dropQuery struct {
	base http.RoundTripper
	key  string
}

func (d dropQuery) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	q := r.URL.Query()
	q.Del(d.key)
	r.URL.RawQuery = q.Encode()
	return d.base.RoundTrip(r)
}

func TestModifyWithoutChangeSendsNothing(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(appgroup.CreateInput{Name: "office", Description: "d"}).ID
	c := ensureClient(t, srv, nil)

	g, changed, err := c.Modify(context.Background(), id, func(g *appgroup.Group) error {
		g.Description = "d"
		return nil
	})
	require.NoError(t, err)
	assert.False(t, changed)
	assert.Equal(t, "d", g.Description)
	assert.Empty(t, writes(srv), "a change that changes nothing sends no update")
}

func TestModifySendsOnlyTheChangedFields(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(appgroup.CreateInput{Name: "office", Description: "d"}).ID
	c := ensureClient(t, srv, nil)
	ctx := context.Background()

	g, changed, err := c.Modify(ctx, id, func(g *appgroup.Group) error {
		g.Description = "new"
		return nil
	})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, "new", g.Description)
	w := writes(srv)
	require.Len(t, w, 1)
	assert.Equal(t, http.MethodPatch, w[0].Method)
	assert.JSONEq(t, `{"description":"new"}`, string(w[0].Body))

	_, _, err = c.Modify(ctx, id, func(g *appgroup.Group) error {
		g.TenantID = "other"
		return nil
	})
	var ve *appgroup.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, err.Error(), "tenant_id")

	boom := errors.New("boom")
	_, _, err = c.Modify(ctx, id, func(*appgroup.Group) error { return boom })
	assert.ErrorIs(t, err, boom)
	assert.Len(t, writes(srv), 1)
}

func TestEnsureOutcomes(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	ctx := context.Background()
	want := appgroup.CreateInput{Name: "office", Description: "Office apps", AppType: appgroup.AppTypeCommon}

	g, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Created}, out)
	assert.Equal(t, "Office apps", g.Description)

	srv.ResetRequests()
	g2, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Unchanged}, out)
	assert.Equal(t, g.ID, g2.ID)
	assert.Empty(t, writes(srv))

	want.Description = "Office apps, 2026"
	want.AppServerGroupID = appgrouptest.ServerGroupID
	g3, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"app_server_group_id", "description"}}, out)
	assert.Equal(t, g.ID, g3.ID)
	w := writes(srv)
	require.Len(t, w, 1)
	assert.JSONEq(t, `{"description":"Office apps, 2026","app_server_group_id":"`+appgrouptest.ServerGroupID+`"}`, string(w[0].Body))
	assert.Equal(t, 1, srv.GroupCount())
}

func TestEnsureAmbiguousCreate(t *testing.T) {
	for name, rt := range map[string]*desiredtest.Transport{
		"lost answer": {Match: isCreate, LoseAnswer: true},
		"502":         {Match: isCreate, Status: http.StatusBadGateway},
	} {
		t.Run(name, func(t *testing.T) {
			srv := appgrouptest.NewServer()
			defer srv.Close()
			c := ensureClient(t, srv, rt)
			g, out, err := c.Ensure(context.Background(), appgroup.CreateInput{Name: "office", Description: "x"})
			require.NoError(t, err)
			assert.True(t, rt.Picked())
			assert.Equal(t, apimgmt.Unchanged, out.Action)
			assert.Equal(t, "office", g.Name)
			assert.Equal(t, 1, srv.GroupCount())
		})
	}
}

func TestEnsureFailedCreate(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	srv.FailNext(2, appgrouptest.Fault{Status: http.StatusServiceUnavailable, Match: isCreate})
	_, _, err := c.Ensure(context.Background(), appgroup.CreateInput{Name: "office"})
	var e *appgroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Zero(t, srv.GroupCount())
}

func TestEnsureConcurrentCreator(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	rt := &desiredtest.Transport{Match: isCreate, Before: func() {
		srv.AddGroup(appgroup.CreateInput{Name: "office", Description: "theirs"})
	}}
	c := ensureClient(t, srv, rt)
	g, out, err := c.Ensure(context.Background(), appgroup.CreateInput{Name: "office", Description: "ours"})
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"description"}}, out)
	assert.Equal(t, "ours", g.Description)
	assert.Equal(t, 1, srv.GroupCount())
}
