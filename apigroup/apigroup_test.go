package apigroup_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
)

// Seed 002's example response to "Modifying an API Group".
const seedUpdateResponse = `{
  "update_time" : "2020-07-31T06:55:55Z.866474185Z",
  "name" : "api_group_001",
  "on_sell_status" : 2,
  "remark" : "API group 1",
  "sl_domains" : [ "c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com", "c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.cn" ],
  "sl_domain" : "c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com",
  "id" : "c77f5e81d9cb4424bf704ef2b0ac7600",
  "register_time" : "2020-07-31T06:55:55Z",
  "status" : 1,
  "is_default" : 2,
  "sl_domain_access_enabled" : true
}`

const (
	testAK      = "AKTESTAKTESTAKTEST01"
	testSK      = "sk-test-secret-value"
	testProject = "a4da8115c9d8464ead3a38309130523f"
	testInst    = "eddc4d25480b4cd6b512f270a1b8b341"
	testGroup   = "c77f5e81d9cb4424bf704ef2b0ac7600"
)

// recorded is what a test server saw.
type recorded struct {
	method, path, rawPath, query string
	header                       http.Header
	host                         string
	body                         []byte
}

// server answers every request with status and body, recording the requests.
func server(t *testing.T, status int, body string) (*httptest.Server, *[]recorded) {
	t.Helper()
	var reqs []recorded
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reqs = append(reqs, recorded{r.Method, r.URL.Path, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), r.Host, b})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-123")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &reqs
}

func newClient(t *testing.T, endpoint string, extra ...apigroup.Option) *apigroup.Client {
	t.Helper()
	opts := append([]apigroup.Option{
		apigroup.WithEndpoint(endpoint),
		apigroup.WithAKSK(testAK, testSK),
		apigroup.WithProjectID(testProject),
		apigroup.WithRetry(apigroup.RetryPolicy{BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}),
	}, extra...)
	c, err := apigroup.NewClient(testInst, opts...)
	require.NoError(t, err)
	return c
}

// independentVerify checks an SDK-HMAC-SHA256 signature with authtest's
// separate implementation of the published algorithm: it shares no code
// with internal/auth.
func independentVerify(t *testing.T, r recorded, sk string) {
	t.Helper()
	authtest.VerifyHuawei(t, authtest.Request{Method: r.method, Path: r.path, RawQuery: r.query, Host: r.host, Header: r.header, Body: r.body}, testAK, sk)
}

func TestUpdateSendsTheDocumentedRequest(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c := newClient(t, srv.URL)

	g, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("API group 1")})
	require.NoError(t, err)
	require.Len(t, *reqs, 1)
	r := (*reqs)[0]
	assert.Equal(t, http.MethodPut, r.method)
	assert.Equal(t, "/v2/"+testProject+"/apigw/instances/"+testInst+"/api-groups/"+testGroup, r.path)
	assert.Empty(t, r.query)
	assert.JSONEq(t, `{"name":"api_group_001","remark":"API group 1"}`, string(r.body))
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, testProject, r.header.Get("X-Project-Id"))
	assert.Regexp(t, `^\d{8}T\d{6}Z$`, r.header.Get("X-Sdk-Date"))
	assert.Regexp(t, `^apimgmt-go/\d+\.\d+\.\d+`, r.header.Get("User-Agent"))
	assert.Empty(t, r.header.Get("X-Auth-Token"))
	independentVerify(t, r, testSK)

	// The seed's example response decodes in full.
	assert.Equal(t, &apigroup.Group{
		ID:                    "c77f5e81d9cb4424bf704ef2b0ac7600",
		Name:                  "api_group_001",
		Remark:                "API group 1",
		Status:                apigroup.StatusValid,
		SLDomain:              "c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com",
		SLDomains:             []string{"c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com", "c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.cn"},
		SLDomainAccessEnabled: true,
		RegisteredAt:          time.Date(2020, 7, 31, 6, 55, 55, 0, time.UTC),
		UpdatedAt:             time.Date(2020, 7, 31, 6, 55, 55, 866474185, time.UTC),
		OnSellStatus:          apigroup.OnSellNotListed,
		IsDefault:             2,
	}, g)
}

func TestUpdateWithoutRemarkOmitsIt(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c := newClient(t, srv.URL)
	_, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"api_group_001"}`, string((*reqs)[0].body))

	_, err = c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"api_group_001","remark":""}`, string((*reqs)[1].body))
}

func TestSeedErrorsDecode(t *testing.T) {
	cases := []struct {
		status   int
		body     string
		code     string
		msg      string
		sentinel error
	}{
		{400, `{"error_code":"APIG.2012","error_msg":"Invalid parameter value,parameterName:name. Please refer to the support documentation"}`, "APIG.2012", "Invalid parameter value,parameterName:name. Please refer to the support documentation", apigroup.ErrInvalidRequest},
		{401, `{"error_code":"APIG.1002","error_msg":"Incorrect token or token resolution failed"}`, "APIG.1002", "Incorrect token or token resolution failed", apigroup.ErrUnauthorized},
		{403, `{"error_code":"APIG.1005","error_msg":"No permissions to request this method"}`, "APIG.1005", "No permissions to request this method", apigroup.ErrForbidden},
		{404, `{"error_code":"APIG.3001","error_msg":"API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist"}`, "APIG.3001", "API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist", apigroup.ErrNotFound},
		{500, `{"error_code":"APIG.9999","error_msg":"System error"}`, "APIG.9999", "System error", apigroup.ErrServerError},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			srv, reqs := server(t, tc.status, tc.body)
			c := newClient(t, srv.URL)
			g, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001"})
			assert.Nil(t, g)
			var e *apigroup.Error
			require.True(t, errors.As(err, &e), "%T", err)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.msg, e.Message)
			assert.Equal(t, "req-123", e.RequestID)
			assert.Equal(t, "apigroup.Update", e.Op)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.Contains(t, err.Error(), tc.code)
			assert.NotContains(t, err.Error(), testSK)
			// 500 is retried (PUT is safe to repeat); the others are not.
			want := 1
			if tc.status == 500 {
				want = 3
			}
			assert.Len(t, *reqs, want)
			assert.Equal(t, want, e.Attempts)
		})
	}
}

func TestRetry503Then200(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"error_code":"APIG.9999","error_msg":"System error"}`)
			return
		}
		_, _ = io.WriteString(w, seedUpdateResponse)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL)
	g, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001"})
	require.NoError(t, err)
	assert.Equal(t, "api_group_001", g.Name)
	assert.EqualValues(t, 2, n.Load())
}

func TestCreateIsNotRepeatedAfter503(t *testing.T) {
	srv, reqs := server(t, http.StatusServiceUnavailable, `{"error_code":"APIG.9999","error_msg":"System error"}`)
	c := newClient(t, srv.URL)
	_, err := c.Create(context.Background(), apigroup.CreateInput{Name: "api_group_001"})
	require.ErrorIs(t, err, apigroup.ErrServerError)
	assert.Len(t, *reqs, 1)
}

func TestRedirectToAnotherHostNeverCarriesCredentials(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()

	for _, opt := range []apigroup.Option{apigroup.WithAKSK(testAK, testSK), apigroup.WithToken("tok-secret")} {
		c := newClient(t, srv.URL, opt)
		_, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001"})
		require.ErrorIs(t, err, apigroup.ErrRedirect)
		var e *apigroup.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, http.StatusTemporaryRedirect, e.StatusCode)
	}
	assert.Zero(t, leaked.Load(), "the other host received a request")
}

func TestAuthTokenMode(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c, err := apigroup.NewClient(testInst, apigroup.WithEndpoint(srv.URL), apigroup.WithProjectID(testProject), apigroup.WithToken("iam-token"))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), testGroup)
	require.NoError(t, err)
	r := (*reqs)[0]
	assert.Equal(t, http.MethodGet, r.method)
	assert.Equal(t, "iam-token", r.header.Get("X-Auth-Token"))
	assert.Equal(t, testProject, r.header.Get("X-Project-Id"))
	assert.Empty(t, r.header.Get("Authorization"))
}

func TestValidationBeforeSending(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c := newClient(t, srv.URL)
	ctx := context.Background()
	long := strings.Repeat("a", 256)
	cases := map[string]func() error{
		"empty id":       func() error { _, err := c.Get(ctx, ""); return err },
		"dot id":         func() error { _, err := c.Get(ctx, "."); return err },
		"dotdot id":      func() error { return c.Delete(ctx, "..") },
		"slash id":       func() error { _, err := c.Get(ctx, "a/b"); return err },
		"encoded dotdot": func() error { _, err := c.Get(ctx, "%2e%2e"); return err },
		"short name":     func() error { _, err := c.Update(ctx, testGroup, apigroup.UpdateInput{Name: "ab"}); return err },
		"long name":      func() error { _, err := c.Create(ctx, apigroup.CreateInput{Name: long}); return err },
		"bad first char": func() error { _, err := c.Create(ctx, apigroup.CreateInput{Name: "-abc"}); return err },
		"bad char":       func() error { _, err := c.Create(ctx, apigroup.CreateInput{Name: "ab c"}); return err },
		"long remark": func() error {
			_, err := c.Update(ctx, testGroup, apigroup.UpdateInput{Name: "abc", Remark: apimgmt.Ptr(strings.Repeat("r", 1001))})
			return err
		},
		"page size": func() error { _, err := c.ListPage(ctx, &apigroup.ListOptions{PageSize: 501}); return err },
		"offset":    func() error { _, err := c.ListPage(ctx, &apigroup.ListOptions{Offset: -1}); return err },
	}
	for name, call := range cases {
		t.Run(name, func(t *testing.T) {
			err := call()
			require.ErrorIs(t, err, apigroup.ErrValidation)
			var ve *apigroup.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.NotEmpty(t, ve.Fields)
		})
	}
	assert.Empty(t, *reqs, "nothing may be sent for invalid input")

	// Every bad field is named at once.
	_, err := c.Update(ctx, "..", apigroup.UpdateInput{Name: "x", Remark: apimgmt.Ptr(strings.Repeat("r", 1001))})
	var ve *apigroup.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 3)

	// Valid names with Chinese characters and the special characters pass.
	_, err = c.Update(ctx, testGroup, apigroup.UpdateInput{Name: "分组_1.(v2):x/y-z"})
	assert.NoError(t, err)
}

func TestNewClientErrors(t *testing.T) {
	_, err := apigroup.NewClient("", apigroup.WithRegion("cn-north-4"), apigroup.WithAKSK("a", "b"), apigroup.WithProjectID("p"))
	assert.ErrorIs(t, err, apigroup.ErrValidation)
	_, err = apigroup.NewClient("i", apigroup.WithAKSK("a", "b"), apigroup.WithProjectID("p"))
	assert.ErrorContains(t, err, "no endpoint")
	_, err = apigroup.NewClient("i", apigroup.WithRegion("cn-north-4"), apigroup.WithAKSK("a", "b"))
	assert.ErrorContains(t, err, "project")
	_, err = apigroup.NewClient("i", apigroup.WithRegion("cn north"), apigroup.WithAKSK("a", "b"), apigroup.WithProjectID("p"))
	assert.Error(t, err)
	_, err = apigroup.NewClient("i", apigroup.WithRegion("cn-north-4"), apigroup.WithAKSK("a", "b"), apigroup.WithProjectID("../x"))
	assert.ErrorIs(t, err, apigroup.ErrValidation)
}

func TestRegionEndpoints(t *testing.T) {
	assert.Equal(t, "https://apig.cn-north-4.myhuaweicloud.com", apigroup.Endpoint("cn-north-4"))
	assert.Equal(t, "https://apig.eu-west-101.myhuaweicloud.eu", apigroup.Endpoint("eu-west-101"))
	c, err := apigroup.NewClient("i", apigroup.WithRegion("ap-southeast-99"), apigroup.WithAKSK("a", "b"), apigroup.WithProjectID("p"))
	require.NoError(t, err)
	assert.Equal(t, "https://apig.ap-southeast-99.myhuaweicloud.com/", c.BaseURL())
	assert.Equal(t, "i", c.InstanceID())
}

func TestEnvCredentials(t *testing.T) {
	t.Setenv("HUAWEICLOUD_SDK_AK", testAK)
	t.Setenv("HUAWEICLOUD_SDK_SK", testSK)
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", testProject)
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "sts-token")
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c, err := apigroup.NewClient(testInst, apigroup.WithEndpoint(srv.URL), apigroup.WithEnvCredentials())
	require.NoError(t, err)
	_, err = c.Get(context.Background(), testGroup)
	require.NoError(t, err)
	r := (*reqs)[0]
	assert.Equal(t, "sts-token", r.header.Get("X-Security-Token"))
	assert.Contains(t, r.header.Get("Authorization"), "x-security-token")
	independentVerify(t, r, testSK)
}

func TestListQueryAndPaging(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, `{"total":1,"size":1,"groups":[`+seedUpdateResponse+`]}`)
	c := newClient(t, srv.URL)
	page, err := c.ListPage(context.Background(), &apigroup.ListOptions{Name: "api group", ExactName: true, ID: "abc", PageSize: 50, Offset: 10})
	require.NoError(t, err)
	assert.EqualValues(t, 1, page.Total)
	require.Len(t, page.Items, 1)
	q, _ := url.ParseQuery((*reqs)[0].query)
	assert.Equal(t, url.Values{"name": {"api group"}, "precise_search": {"name"}, "id": {"abc"}, "limit": {"50"}, "offset": {"10"}}, q)
	independentVerify(t, (*reqs)[0], testSK)
}

func TestLifecycleAgainstFake(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)
	ctx := context.Background()

	created, err := c.Create(ctx, apigroup.CreateInput{Name: "orders_api", Remark: "orders"})
	require.NoError(t, err)
	assert.Equal(t, "orders_api", created.Name)
	assert.False(t, created.RegisteredAt.IsZero())

	_, err = c.Create(ctx, apigroup.CreateInput{Name: "orders_api"})
	require.ErrorIs(t, err, apigroup.ErrConflict)

	got, err := c.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created.ID, got.ID)

	updated, err := c.Update(ctx, created.ID, apigroup.UpdateInput{Name: "orders_api_v2", Remark: apimgmt.Ptr("v2")})
	require.NoError(t, err)
	assert.Equal(t, "orders_api_v2", updated.Name)
	assert.Equal(t, "v2", updated.Remark)
	assert.False(t, updated.UpdatedAt.IsZero())

	for i := range 45 {
		srv.AddGroup(apigroup.CreateInput{Name: fmt.Sprintf("bulk_%02d", i)})
	}
	var names []string
	for g, err := range c.List(ctx, &apigroup.ListOptions{PageSize: 10}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Len(t, names, 46)
	assert.Equal(t, "orders_api_v2", names[0])

	var exact []string
	for g, err := range c.List(ctx, &apigroup.ListOptions{Name: "bulk_07", ExactName: true}) {
		require.NoError(t, err)
		exact = append(exact, g.Name)
	}
	assert.Equal(t, []string{"bulk_07"}, exact)

	// Stopping early sends no further page requests.
	srv.ResetRequests()
	for range c.List(ctx, &apigroup.ListOptions{PageSize: 5}) {
		break
	}
	assert.Len(t, srv.Requests(), 1)

	require.NoError(t, c.Delete(ctx, created.ID))
	_, err = c.Get(ctx, created.ID)
	require.ErrorIs(t, err, apigroup.ErrNotFound)
	err = c.Delete(ctx, created.ID)
	require.ErrorIs(t, err, apigroup.ErrNotFound)
}

func TestFakeChecksCredentialsAndInjectsFaults(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	bad, err := apigroup.NewClient(srv.InstanceID, apigroup.WithEndpoint(srv.URL()), apigroup.WithAKSK(apigrouptest.AccessKey, "wrong"), apigroup.WithProjectID(apigrouptest.ProjectID))
	require.NoError(t, err)
	_, err = bad.ListPage(ctx, nil)
	require.ErrorIs(t, err, apigroup.ErrUnauthorized)
	var e *apigroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "APIGW.0301", e.Code)

	tok, err := apigroup.NewClient(srv.InstanceID, apigroup.WithEndpoint(srv.URL()), apigroup.WithToken(apigrouptest.Token), apigroup.WithProjectID(apigrouptest.ProjectID))
	require.NoError(t, err)
	_, err = tok.ListPage(ctx, nil)
	require.NoError(t, err)

	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)
	srv.FailNext(2, apigrouptest.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"0"}}, Body: []byte(`{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`)})
	_, err = c.ListPage(ctx, nil)
	require.NoError(t, err, "two throttled attempts, then success on the third")

	// Every connection dropped: the client gives up after its 3 attempts
	// (net/http may itself resend once on a reused idle connection, so the
	// fake can see more requests than attempts).
	srv.FailNext(100, apigrouptest.Fault{Drop: true})
	_, err = c.ListPage(ctx, nil)
	require.ErrorIs(t, err, apigroup.ErrNetwork)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 3, e.Attempts)
	assert.True(t, e.Retryable)
	srv.ClearFaults()
	_, err = c.ListPage(ctx, nil)
	require.NoError(t, err)
}

// A body carries <, > and & as the caller wrote them (not json.Marshal's
// \u003c escapes), and a backslash the caller wrote stays escaped.
func TestUpdateBodyIsNotHTMLEscaped(t *testing.T) {
	srv, reqs := server(t, http.StatusOK, seedUpdateResponse)
	c := newClient(t, srv.URL)
	remark := `R&D <team> \u0026 "quoted"`
	_, err := c.Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr(remark)})
	require.NoError(t, err)
	body := string((*reqs)[0].body)
	assert.Equal(t, `{"name":"api_group_001","remark":"R&D <team> \\u0026 \"quoted\""}`, body)
	independentVerify(t, (*reqs)[0], testSK)
}
