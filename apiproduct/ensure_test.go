package apiproduct_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/internal/desired/desiredtest"
)

// ensureClient returns a client of srv whose requests go through rt to the
// fake.
func ensureClient(t *testing.T, srv *apiproducttest.Server, rt *desiredtest.Transport) *apiproduct.Client {
	t.Helper()
	rt.Base = srv.Client().Transport
	c, err := srv.NewClient(apiproduct.WithHTTPClient(&http.Client{Transport: rt}))
	require.NoError(t, err)
	return c
}

func writes(srv *apiproducttest.Server) []apiproducttest.Request {
	var out []apiproducttest.Request
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}

func isCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/apiproducts")
}

func TestModifyWithoutChangeSendsNothing(t *testing.T) {
	srv, c := fakeClient(t)
	obj := strings.Replace(seedProduct, `"space": "red-team",`, `"space": "red-team", "futureField": {"x": [1, 2]},`, 1)
	require.NoError(t, srv.AddProductJSON(obj))

	p, changed, err := c.Modify(context.Background(), "weather-premium", func(p *apiproduct.Product) error {
		p.Environments = append([]string(nil), p.Environments...) // the same values
		p.LastModifiedAt = p.LastModifiedAt.Add(1)                // never sent
		return nil
	})
	require.NoError(t, err)
	assert.False(t, changed)
	assert.Equal(t, "weather-premium", p.Name)
	assert.Empty(t, writes(srv), "a change that changes nothing sends no PUT")
}

func TestModifyReportsTheChange(t *testing.T) {
	srv, c := fakeClient(t)
	srv.AddProduct(&apiproduct.Product{Name: "p1", DisplayName: "P1", ApprovalType: apiproduct.ApprovalAuto})
	_, changed, err := c.Modify(context.Background(), "p1", func(p *apiproduct.Product) error {
		p.Description = "new"
		return nil
	})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Len(t, writes(srv), 1)
}

func TestEnsureOutcomes(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()
	want := &apiproduct.Product{Name: "weather", DisplayName: "Weather", ApprovalType: apiproduct.ApprovalAuto, Environments: []string{"test"}}

	p, out, err := c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Created}, out)
	assert.Equal(t, []string{"test"}, p.Environments)

	// Someone sets a field Ensure does not manage (zero in want), and a
	// member this package does not model: both survive.
	raw, ok := srv.ProductJSON("weather")
	require.True(t, ok)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &m))
	m["description"], m["futureField"] = "kept", map[string]any{"x": 1.0}
	b, _ := json.Marshal(m)
	srv.ResetRequests()
	require.NoError(t, srv.AddProductJSON(string(b)))

	_, out, err = c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Unchanged}, out)
	assert.Empty(t, writes(srv))

	want.Environments = []string{"test", "prod"}
	p, out, err = c.Ensure(ctx, want)
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"environments"}}, out)
	assert.Equal(t, []string{"test", "prod"}, p.Environments)
	assert.Equal(t, "kept", p.Description)
	raw, _ = srv.ProductJSON("weather")
	assert.Contains(t, raw, `"futureField"`)
	assert.Equal(t, 1, srv.ProductCount())

	want.Environments[0] = "changed by the caller"
	assert.Equal(t, []string{"test", "prod"}, p.Environments, "the result shares nothing with want")
}

func TestEnsureAmbiguousCreate(t *testing.T) {
	for name, rt := range map[string]*desiredtest.Transport{
		"lost answer": {Match: isCreate, LoseAnswer: true},
		"502":         {Match: isCreate, Status: http.StatusBadGateway},
	} {
		t.Run(name, func(t *testing.T) {
			srv := apiproducttest.NewServer()
			defer srv.Close()
			c := ensureClient(t, srv, rt)
			p, out, err := c.Ensure(context.Background(), &apiproduct.Product{Name: "weather", DisplayName: "Weather"})
			require.NoError(t, err)
			assert.True(t, rt.Picked())
			assert.Equal(t, apimgmt.Unchanged, out.Action)
			assert.Equal(t, "Weather", p.DisplayName)
			assert.Equal(t, 1, srv.ProductCount())
		})
	}
}

func TestEnsureFailedCreate(t *testing.T) {
	srv, c := fakeClient(t)
	srv.FailNext(2, apiproducttest.Fault{Status: http.StatusServiceUnavailable, Match: isCreate})
	_, _, err := c.Ensure(context.Background(), &apiproduct.Product{Name: "weather", DisplayName: "Weather"})
	var e *apiproduct.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Zero(t, srv.ProductCount())
}

func TestEnsureConcurrentCreator(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	rt := &desiredtest.Transport{Match: isCreate, Before: func() {
		srv.AddProduct(&apiproduct.Product{Name: "weather", DisplayName: "Theirs", ApprovalType: apiproduct.ApprovalAuto})
	}}
	c := ensureClient(t, srv, rt)
	p, out, err := c.Ensure(context.Background(), &apiproduct.Product{Name: "weather", DisplayName: "Ours"})
	require.NoError(t, err)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"displayName"}}, out)
	assert.Equal(t, "Ours", p.DisplayName)
	assert.Equal(t, 1, srv.ProductCount())
}
