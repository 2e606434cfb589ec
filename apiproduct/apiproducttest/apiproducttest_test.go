package apiproducttest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// raw sends a request straight to the fake, bypassing the SDK's checks.
func raw(t *testing.T, srv *apiproducttest.Server, method, path, token, body string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func googleError(t *testing.T, body string) (status, reason string) {
	t.Helper()
	var e struct {
		Error struct {
			Status  string           `json:"status"`
			Details []map[string]any `json:"details"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &e), body)
	for _, d := range e.Error.Details {
		if d["@type"] == "type.googleapis.com/google.rpc.ErrorInfo" {
			reason, _ = d["reason"].(string)
		}
	}
	return e.Error.Status, reason
}

func TestBearerTokenChecked(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	code, body, _ := raw(t, srv, http.MethodGet, "/v1/organizations/fake-org/apiproducts", "", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	st, reason := googleError(t, body)
	assert.Equal(t, "UNAUTHENTICATED", st)
	assert.Equal(t, "CREDENTIALS_MISSING", reason)

	code, body, _ = raw(t, srv, http.MethodGet, "/v1/organizations/fake-org/apiproducts", "wrong", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	_, reason = googleError(t, body)
	assert.Equal(t, "ACCESS_TOKEN_TYPE_UNSUPPORTED", reason)

	c, err := apiproduct.NewClient(srv.Organization, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithToken("wrong"))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "p")
	var e *apiproduct.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, apiproduct.ErrUnauthorized)
	assert.Equal(t, "ACCESS_TOKEN_TYPE_UNSUPPORTED", e.Code)
	assert.NotEmpty(t, e.RequestID)
}

func TestPathsAndOrganizations(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	for _, p := range []string{"/v1/organizations//apiproducts", "/v2/x", "/v1/organizations/fake-org/apps", "/v1/organizations/fake-org/apiproducts/p/rateplans"} {
		code, body, h := raw(t, srv, http.MethodGet, p, apiproducttest.Token, "")
		assert.Equal(t, http.StatusNotFound, code, p)
		assert.Contains(t, h.Get("Content-Type"), "text/html")
		assert.Contains(t, body, "Error 404 (Not Found)!!1")
	}
	code, body, _ := raw(t, srv, http.MethodGet, "/v1/organizations/other/apiproducts", apiproducttest.Token, "")
	assert.Equal(t, http.StatusForbidden, code)
	st, reason := googleError(t, body)
	assert.Equal(t, "PERMISSION_DENIED", st)
	assert.Equal(t, "IAM_PERMISSION_DENIED", reason)

	code, _, _ = raw(t, srv, http.MethodPatch, "/v1/organizations/fake-org/apiproducts", apiproducttest.Token, "")
	assert.Equal(t, http.StatusMethodNotAllowed, code)
	srv.AddProduct("p", "P")
	for _, p := range []string{"/v1/organizations/fake-org/apiproducts/p", "/v1/organizations/fake-org/apiproducts/p/attributes", "/v1/organizations/fake-org/apiproducts/p/attributes/a"} {
		code, _, _ = raw(t, srv, http.MethodPatch, p, apiproducttest.Token, "")
		assert.Equal(t, http.StatusMethodNotAllowed, code, p)
	}
}

func TestServerSideChecks(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	post := func(body string) (int, string) {
		code, b, _ := raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts", apiproducttest.Token, body)
		return code, b
	}
	for _, body := range []string{
		`not json`,
		`{"name":"p","apiResources":["/"],"operationGroup":{"operationConfigs":[]}}`,
		`{"name":"p","proxies":["x"],"payloadOperationGroup":{"operationConfigs":[]}}`,
		`{"name":"p","operationGroup":{"operationConfigs":[{"apiSource":"x","operations":[{"resource":"/a"},{"resource":"/b"}]}]}}`,
		`{"name":"p","attributes":[` + strings.Repeat(`{"name":"a"},`, 18) + `{"name":"a"}]}`,
		`{"name":"a/b"}`,
		`{"name":7}`,
	} {
		code, b := post(body)
		assert.Equal(t, http.StatusBadRequest, code, body)
		st, _ := googleError(t, b)
		assert.Equal(t, "INVALID_ARGUMENT", st)
	}
	code, _ := post(`{"name":"p"}`)
	assert.Equal(t, http.StatusOK, code)
	code, b := post(`{"name":"p"}`)
	assert.Equal(t, http.StatusConflict, code)
	st, _ := googleError(t, b)
	assert.Equal(t, "ALREADY_EXISTS", st)

	code, _, _ = raw(t, srv, http.MethodPut, "/v1/organizations/fake-org/apiproducts/p", apiproducttest.Token, `{"name":"q"}`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodPut, "/v1/organizations/fake-org/apiproducts/p", apiproducttest.Token, `[]`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts/p:move", apiproducttest.Token, `[`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts/q:move", apiproducttest.Token, `{}`)
	assert.Equal(t, http.StatusNotFound, code)
	code, _, _ = raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts/p/attributes", apiproducttest.Token, `[`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts/p/attributes", apiproducttest.Token,
		`{"attribute":[`+strings.Repeat(`{"name":"a"},`, 18)+`{"name":"a"}]}`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodPost, "/v1/organizations/fake-org/apiproducts/p/attributes/a", apiproducttest.Token, `[`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _, _ = raw(t, srv, http.MethodGet, "/v1/organizations/fake-org/apiproducts/q/attributes/a", apiproducttest.Token, ``)
	assert.Equal(t, http.StatusNotFound, code)
}

func TestUpdateKeepsCreatedAtAndStampsLastModified(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	srv.SetClock(func() time.Time { return t0 })
	srv.AddProduct("p", "P")
	srv.SetClock(func() time.Time { return t0.Add(time.Hour) })
	c, err := apiproduct.NewClient(srv.Organization, srv.ClientOptions()...)
	require.NoError(t, err)
	p, err := c.Get(context.Background(), "p")
	require.NoError(t, err)
	p.CreatedAt = time.Unix(0, 0) // response-only: never sent, so it cannot change
	p.Description = "d"
	got, err := c.Update(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, t0, got.CreatedAt)
	assert.Equal(t, t0.Add(time.Hour), got.LastModifiedAt)
	stored, ok := srv.ProductJSON("p")
	require.True(t, ok)
	assert.Contains(t, stored, `"description":"d"`)
	_, ok = srv.ProductJSON("q")
	assert.False(t, ok)
	assert.Equal(t, 1, srv.ProductCount())

	assert.Error(t, srv.AddProductJSON(`{"displayName":"no name"}`))
	assert.Error(t, srv.AddProductJSON(`[`))
	require.NoError(t, srv.AddProductJSON(`{"name":"kept","createdAt":"5","lastModifiedAt":"6"}`))
	k, err := c.Get(context.Background(), "kept")
	require.NoError(t, err)
	assert.Equal(t, int64(5), k.CreatedAt.UnixMilli())
}

func TestListPagesInclusively(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	for i := range 5 {
		srv.AddProduct(fmt.Sprint("p", i), fmt.Sprint("P", i))
	}
	require.NoError(t, srv.AddProductJSON(`{"name":"tagged","attributes":[{"name":"access","value":"public"}],"space":"red"}`))
	list := func(query string) []map[string]any {
		code, body, _ := raw(t, srv, http.MethodGet, "/v1/organizations/fake-org/apiproducts?"+query, apiproducttest.Token, "")
		require.Equal(t, http.StatusOK, code, body)
		var out struct {
			APIProduct []map[string]any `json:"apiProduct"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &out))
		return out.APIProduct
	}
	page := list("count=2&startKey=p1")
	require.Len(t, page, 2)
	assert.Equal(t, map[string]any{"name": "p1"}, page[0], "the start key is included; no expand, names only")
	assert.Equal(t, "p2", page[1]["name"])
	page = list("count=1&startKey=p3&expand=true")
	assert.Equal(t, "P3", page[0]["displayName"])
	assert.Len(t, list(""), 6)
	assert.Len(t, list("count=5000"), 6)
	assert.Equal(t, "tagged", list("attributename=access&attributevalue=public")[0]["name"])
	assert.Empty(t, list("attributename=access&attributevalue=private"))
	assert.Len(t, list("attributename=access"), 1)
	assert.Len(t, list("space=red"), 1)
	assert.Empty(t, list("startKey=zzz"))

	for _, q := range []string{"count=x", "count=0", "space=red&attributename=access"} {
		code, _, _ := raw(t, srv, http.MethodGet, "/v1/organizations/fake-org/apiproducts?"+q, apiproducttest.Token, "")
		assert.Equal(t, http.StatusBadRequest, code, q)
	}
}

func TestFaultInjection(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	srv.AddProduct("p", "P")
	c, err := apiproduct.NewClient(srv.Organization, srv.ClientOptions()...)
	require.NoError(t, err)

	body, _ := json.Marshal(fake.GoogleErrorBody(429, "RESOURCE_EXHAUSTED", "Quota exceeded", fake.GoogleRetryInfo(time.Millisecond)))
	srv.FailNext(1, apiproducttest.Fault{Status: http.StatusTooManyRequests, Body: body})
	p, err := c.Get(context.Background(), "p")
	require.NoError(t, err)
	assert.Equal(t, "P", p.DisplayName)
	assert.Len(t, srv.Requests(), 2)

	// Go's transport itself re-sends a GET once on a reused connection that
	// closes, so more faults than attempts are queued.
	srv.FailNext(10, apiproducttest.Fault{Drop: true})
	_, err = c.Get(context.Background(), "p")
	assert.ErrorIs(t, err, apiproduct.ErrNetwork)
	srv.ClearFaults()
}
