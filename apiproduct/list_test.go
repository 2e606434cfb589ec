package apiproduct_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// listServer serves count-limited pages of names in order. inclusive says
// whether a page starts with startKey itself (as Apigee does) or after it.
func listServer(t *testing.T, names []string, inclusive bool) *fake.Server {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		count, err := strconv.Atoi(q.Get("count"))
		if err != nil {
			count = 1000
		}
		start := q.Get("startKey")
		var page []map[string]any
		for _, n := range names {
			if start != "" && (n < start || (!inclusive && n == start)) {
				continue
			}
			if len(page) == count {
				break
			}
			item := map[string]any{"name": n}
			if q.Get("expand") == "true" {
				item["displayName"] = "Product " + n
				item["createdAt"] = "1700000000000"
			}
			page = append(page, item)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"apiProduct": page})
	})
}

// names runs a List to the end and returns the names it yielded.
func names(t *testing.T, seq func(func(*apiproduct.Product, error) bool)) []string {
	t.Helper()
	out := []string{}
	for p, err := range seq {
		require.NoError(t, err)
		out = append(out, p.Name)
	}
	return out
}

func TestListPagingSkipsTheBoundaryProduct(t *testing.T) {
	all := []string{"a", "b", "c", "d", "e", "f", "g"}
	for name, tc := range map[string]struct {
		products  []string
		inclusive bool
		queries   []string
	}{
		"seven, inclusive: the last page holds only the boundary": {all, true, []string{"count=3", "count=3&startKey=c", "count=3&startKey=e", "count=3&startKey=g"}},
		"six, inclusive: a short last page":                       {all[:6], true, []string{"count=3", "count=3&startKey=c", "count=3&startKey=e"}},
		"seven, exclusive":                                        {all, false, []string{"count=3", "count=3&startKey=c", "count=3&startKey=f"}},
		"two: one short page":                                     {all[:2], true, []string{"count=3"}},
		"none":                                                    {[]string{}, true, []string{"count=3"}},
	} {
		t.Run(name, func(t *testing.T) {
			srv := listServer(t, tc.products, tc.inclusive)
			c, _ := newClient(t, srv.URL())
			assert.Equal(t, tc.products, names(t, c.List(context.Background(), &apiproduct.ListOptions{PageSize: 3})), "each product once, in order")
			var queries []string
			for _, r := range srv.Requests() {
				queries = append(queries, r.RawQuery)
				assert.Equal(t, "/v1/organizations/acme-prod/apiproducts", r.Path)
				assert.Equal(t, http.MethodGet, r.Method)
			}
			assert.Equal(t, tc.queries, queries)
		})
	}
}

func TestListExpand(t *testing.T) {
	srv := listServer(t, []string{"a", "b"}, true)
	c, _ := newClient(t, srv.URL())

	var got []*apiproduct.Product
	for p, err := range c.List(context.Background(), nil) {
		require.NoError(t, err)
		got = append(got, p)
	}
	require.Len(t, got, 2)
	assert.Equal(t, "", got[0].DisplayName, "without expand only names come back")
	assert.Equal(t, "count=100", srv.Requests()[0].RawQuery)

	got = got[:0]
	for p, err := range c.List(context.Background(), &apiproduct.ListOptions{Expand: true, StartKey: "a b", AttributeName: "access", AttributeValue: "public"}) {
		require.NoError(t, err)
		got = append(got, p)
	}
	require.Len(t, got, 1)
	assert.Equal(t, "Product b", got[0].DisplayName)
	assert.Equal(t, int64(1700000000000), got[0].CreatedAt.UnixMilli())
	q, err := url.ParseQuery(srv.Requests()[1].RawQuery)
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"attributename": {"access"}, "attributevalue": {"public"}, "count": {"100"}, "expand": {"true"}, "startKey": {"a b"},
	}, q)
}

func TestListStopsEarlyAndOnErrors(t *testing.T) {
	srv := listServer(t, []string{"a", "b", "c", "d"}, true)
	c, _ := newClient(t, srv.URL())
	for p, err := range c.List(context.Background(), &apiproduct.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		assert.Equal(t, "a", p.Name)
		break
	}
	assert.Len(t, srv.Requests(), 1)

	// A server that ignores startKey: see TestListEndsWhenTheServerIgnoresStartKey.

	bad := serve(t, reply(http.StatusForbidden, `{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}`))
	c3, _ := newClient(t, bad.URL())
	n := 0
	for p, err := range c3.List(context.Background(), nil) {
		n++
		assert.Nil(t, p)
		assert.ErrorIs(t, err, apiproduct.ErrForbidden)
	}
	assert.Equal(t, 1, n)

	garbage := serve(t, reply(http.StatusOK, `{"apiProduct": 7}`))
	c4, _ := newClient(t, garbage.URL())
	for _, err := range c4.List(context.Background(), nil) {
		assert.ErrorIs(t, err, apiproduct.ErrMalformedResponse)
	}
}
