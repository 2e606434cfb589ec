package apigroup_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/internal/desired/desiredtest"
)

// ensureClient returns a client of srv whose requests go through rt (when
// not nil) to the fake.
func ensureClient(t *testing.T, srv *apigrouptest.Server, rt *desiredtest.Transport) *apigroup.Client {
	t.Helper()
	opts := srv.ClientOptions()
	if rt != nil {
		rt.Base = srv.Client().Transport
		opts = append(opts, apigroup.WithHTTPClient(&http.Client{Transport: rt}))
	}
	c, err := apigroup.NewClient(srv.InstanceID, opts...)
	require.NoError(t, err)
	return c
}

func writes(srv *apigrouptest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet && !strings.HasSuffix(r.Path, "/check") {
			n++
		}
	}
	return n
}

func isCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/api-groups")
}

func TestGetByName(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "orders", Remark: "r"}).ID
	srv.AddGroup(apigroup.CreateInput{Name: "orders-archive"})
	c := ensureClient(t, srv, nil)
	ctx := context.Background()

	g, err := c.GetByName(ctx, "orders")
	require.NoError(t, err)
	assert.Equal(t, id, g.ID)
	assert.Contains(t, srv.LastRequest().RawQuery, "precise_search=name")

	_, err = c.GetByName(ctx, "order")
	assert.ErrorIs(t, err, apigroup.ErrNotFound)
	var ve *apigroup.ValidationError
	_, err = c.GetByName(ctx, "")
	assert.ErrorAs(t, err, &ve)
}

func TestModifyWithoutChangeSendsNothing(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "orders", Remark: "r"}).ID
	c := ensureClient(t, srv, nil)

	g, changed, err := c.Modify(context.Background(), id, func(g *apigroup.Group) error {
		g.Remark = "r" // the value it already has
		return nil
	})
	require.NoError(t, err)
	assert.False(t, changed)
	assert.Equal(t, "r", g.Remark)
	assert.Zero(t, writes(srv), "a change that changes nothing sends no update")
}

func TestModifyChanges(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "orders", Remark: "r"}).ID
	c := ensureClient(t, srv, nil)
	ctx := context.Background()

	g, changed, err := c.Modify(ctx, id, func(g *apigroup.Group) error {
		g.Remark = ""
		return nil
	})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, "", g.Remark)
	assert.Equal(t, 1, writes(srv))

	// Fields the update cannot send are refused, and nothing is sent.
	_, _, err = c.Modify(ctx, id, func(g *apigroup.Group) error {
		g.SLDomains[0] = "other.example.com"
		return nil
	})
	var ve *apigroup.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, err.Error(), "sl_domains")
	assert.Equal(t, 1, writes(srv))

	// An error of change is returned and nothing is sent.
	boom := errors.New("boom")
	_, _, err = c.Modify(ctx, id, func(*apigroup.Group) error { return boom })
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 1, writes(srv))
}

func TestEnsureOutcomes(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	ctx := context.Background()
	want := apigroup.CreateInput{Name: "orders", Remark: "Orders API"}

	g, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Created}, out)
	assert.Equal(t, "Orders API", g.Remark)
	assert.Equal(t, 1, srv.GroupCount())

	srv.ResetRequests()
	g2, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Unchanged}, out)
	assert.Equal(t, g.ID, g2.ID)
	assert.Zero(t, writes(srv))

	want.Remark = "Orders API, v2"
	g3, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"remark"}}, out)
	assert.Equal(t, "updated (remark)", out.String())
	assert.Equal(t, "Orders API, v2", g3.Remark)
	assert.Equal(t, g.ID, g3.ID)
	assert.Equal(t, 1, srv.GroupCount())
}

// A create whose answer is lost after the fake stored the group: Ensure
// finds it and does not create a second one.
func TestEnsureAmbiguousCreate(t *testing.T) {
	for name, rt := range map[string]*desiredtest.Transport{
		"lost answer": {Match: isCreate, LoseAnswer: true},
		"502":         {Match: isCreate, Status: http.StatusBadGateway},
	} {
		t.Run(name, func(t *testing.T) {
			srv := apigrouptest.NewServer()
			defer srv.Close()
			c := ensureClient(t, srv, rt)
			g, out, err := c.Ensure(context.Background(), apigroup.CreateInput{Name: "orders", Remark: "x"})
			require.NoError(t, err)
			assert.True(t, rt.Picked())
			assert.Equal(t, apimgmt.Unchanged, out.Action)
			assert.Equal(t, "orders", g.Name)
			assert.Equal(t, 1, srv.GroupCount())
		})
	}
}

// A create that failed without storing the group returns the create's
// error after the lookup.
func TestEnsureFailedCreate(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c := ensureClient(t, srv, nil)
	srv.FailNext(2, apigrouptest.Fault{Status: http.StatusServiceUnavailable, Match: isCreate})
	_, _, err := c.Ensure(context.Background(), apigroup.CreateInput{Name: "orders"})
	var e *apigroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Contains(t, e.Op, "Create")
	assert.Zero(t, srv.GroupCount())
}

// Someone else creates the group between Ensure's lookup and its create:
// the create gets a name conflict, and Ensure brings the other's group to
// the desired state.
func TestEnsureConcurrentCreator(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	rt := &desiredtest.Transport{Match: isCreate, Before: func() { srv.AddGroup(apigroup.CreateInput{Name: "orders", Remark: "theirs"}) }}
	c := ensureClient(t, srv, rt)
	g, out, err := c.Ensure(context.Background(), apigroup.CreateInput{Name: "orders", Remark: "ours"})
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"remark"}}, out)
	assert.Equal(t, "ours", g.Remark)
	assert.Equal(t, 1, srv.GroupCount())
}
