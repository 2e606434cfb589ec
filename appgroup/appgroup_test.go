package appgroup_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/fake/fakeopt"
)

const (
	testAK      = "AKWORKSPACETEST00001"
	testSK      = "sk-workspace-test-secret"
	testProject = "a4da8115c9d8464ead3a38309130523f"
	testGroup   = "575772274859184145"
	testServer  = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
)

// server answers every request with status and body and records the
// requests (fake.Server without credential checks).
func server(t *testing.T, status int, body string) *fake.Server {
	t.Helper()
	srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-123")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}), nil, fake.WriteHuaweiError)
	t.Cleanup(srv.Close)
	return srv
}

func newClient(t *testing.T, endpoint string, extra ...appgroup.Option) *appgroup.Client {
	t.Helper()
	opts := fakeopt.Huawei(endpoint, fake.HuaweiCredentials{AccessKey: testAK, SecretKey: testSK, ProjectID: testProject})
	c, err := appgroup.NewClient(append(opts, extra...)...)
	require.NoError(t, err)
	return c
}

// verify checks the request's signature independently of internal/auth.
func verify(t *testing.T, r fake.Request) {
	t.Helper()
	authtest.VerifyHuawei(t, authtest.Request{Method: r.Method, Path: r.Path, RawQuery: r.RawQuery, Host: r.Host, Header: r.Header, Body: r.Body}, testAK, testSK)
}

func TestUpdateSendsTheDocumentedPatch(t *testing.T) {
	srv := server(t, http.StatusOK, appgrouptest.ExampleUpdateResponse)
	c := newClient(t, srv.URL())

	// The seed's request, with the spaces of its name (which the documented
	// naming rule does not allow) replaced by underscores.
	g, err := c.Update(context.Background(), testGroup, appgroup.UpdateInput{
		Name:             apimgmt.Ptr("Open_Test_for_the_API_for_Modifying_an_Application_Group"),
		AppServerGroupID: apimgmt.Ptr(testServer),
		Description:      apimgmt.Ptr("AAAA"),
	})
	require.NoError(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, http.MethodPatch, r.Method)
	assert.Equal(t, "/v1/"+testProject+"/app-groups/"+testGroup, r.Path)
	assert.Empty(t, r.RawQuery)
	assert.JSONEq(t, `{"name":"Open_Test_for_the_API_for_Modifying_an_Application_Group","app_server_group_id":"`+testServer+`","description":"AAAA"}`, string(r.Body))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, testProject, r.Header.Get("X-Project-Id"))
	assert.Regexp(t, `^\d{8}T\d{6}Z$`, r.Header.Get("X-Sdk-Date"))
	assert.Regexp(t, `^apimgmt-go/\d+\.\d+\.\d+`, r.Header.Get("User-Agent"))
	assert.Empty(t, r.Header.Get("X-Auth-Token"))
	verify(t, r)

	// The seed's example response decodes in full.
	assert.Equal(t, &appgroup.Group{
		ID:                "575772274859184145",
		Name:              "Open Test for the API for Modifying an Application Group",
		AppServerGroupID:  "d75cce49-413a-4102-8cfa-c4328f5cac6f",
		Description:       "AAAA",
		AuthorizationType: appgroup.AuthorizationAppGroup,
		TenantID:          "a4da8115c9d8464ead3a38309130523f",
		CreatedAt:         time.Date(2023, 6, 6, 14, 14, 2, 246_000_000, time.UTC),
	}, g)
}

func TestUpdateSendsOnlyTheFieldsSet(t *testing.T) {
	cases := map[string]struct {
		in   appgroup.UpdateInput
		body string
	}{
		"name only":            {appgroup.UpdateInput{Name: apimgmt.Ptr("finance_apps")}, `{"name":"finance_apps"}`},
		"description only":     {appgroup.UpdateInput{Description: apimgmt.Ptr("Office apps")}, `{"description":"Office apps"}`},
		"clear description":    {appgroup.UpdateInput{Description: apimgmt.Ptr("")}, `{"description":""}`},
		"server group only":    {appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr(testServer)}, `{"app_server_group_id":"` + testServer + `"}`},
		"empty server group":   {appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("")}, `{"app_server_group_id":""}`},
		"name and description": {appgroup.UpdateInput{Name: apimgmt.Ptr("财务-apps_1"), Description: apimgmt.Ptr("x")}, `{"name":"财务-apps_1","description":"x"}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := server(t, http.StatusOK, appgrouptest.ExampleUpdateResponse)
			c := newClient(t, srv.URL())
			_, err := c.Update(context.Background(), testGroup, tc.in)
			require.NoError(t, err)
			r := srv.LastRequest()
			assert.JSONEq(t, tc.body, string(r.Body))
			verify(t, r)
		})
	}
}

func TestCreateGetCheckNameSendTheDocumentedRequests(t *testing.T) {
	ctx := context.Background()
	srv := server(t, http.StatusOK, `{"id":"1","name":"office-apps","app_server_group_id":"sg","app_server_group_name":"servers",
		"app_server_group_description":"Windows servers","description":"d","authorization_type":"APP_GROUP","tenant_id":"t",
		"app_type":"COMMON_APP","create_at":"2022-03-07T10:40:43.858Z","app_count":3,"result":false,"validate_rule":"duplicate"}`)
	c := newClient(t, srv.URL())

	_, err := c.Create(ctx, appgroup.CreateInput{Name: "office-apps"})
	require.NoError(t, err)
	r := srv.LastRequest()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/"+testProject+"/app-groups", r.Path)
	assert.JSONEq(t, `{"name":"office-apps"}`, string(r.Body))
	verify(t, r)

	created, err := c.Create(ctx, appgroup.CreateInput{Name: "office-apps", AppServerGroupID: testServer, Description: "d",
		AuthorizationType: appgroup.AuthorizationAppGroup, AppType: appgroup.AppTypeCommon})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"office-apps","app_server_group_id":"`+testServer+`","description":"d","authorization_type":"APP_GROUP","app_type":"COMMON_APP"}`,
		string(srv.LastRequest().Body))
	assert.Empty(t, created.AppServerGroupDescription, "only Get returns the server group's description")

	got, err := c.Get(ctx, "1")
	require.NoError(t, err)
	r = srv.LastRequest()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/"+testProject+"/app-groups/1", r.Path)
	assert.Empty(t, r.Body)
	verify(t, r)
	assert.Equal(t, &appgroup.Group{
		ID: "1", Name: "office-apps", AppServerGroupID: "sg", AppServerGroupName: "servers",
		AppServerGroupDescription: "Windows servers", Description: "d", AuthorizationType: appgroup.AuthorizationAppGroup,
		TenantID: "t", AppType: appgroup.AppTypeCommon, CreatedAt: time.Date(2022, 3, 7, 10, 40, 43, 858_000_000, time.UTC), AppCount: 3,
	}, got)

	check, err := c.CheckName(ctx, "office apps")
	require.NoError(t, err)
	r = srv.LastRequest()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/"+testProject+"/app-groups/rules/validate", r.Path)
	assert.JSONEq(t, `{"name":"office apps"}`, string(r.Body))
	verify(t, r)
	assert.Equal(t, &appgroup.NameCheck{Passed: false, Rule: appgroup.RuleDuplicate}, check)

	require.NoError(t, c.Delete(ctx, "1"))
	r = srv.LastRequest()
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/v1/"+testProject+"/app-groups/1", r.Path)
	verify(t, r)
}

func TestListSendsEveryFilter(t *testing.T) {
	srv := server(t, http.StatusOK, `{"count":1,"items":[`+appgrouptest.ExampleUpdateResponse+`]}`)
	c := newClient(t, srv.URL())
	page, err := c.ListPage(context.Background(), &appgroup.ListOptions{
		AppServerGroupID: "sg-1", AppGroupID: "g-1", Name: "office apps",
		AuthorizationType: appgroup.AuthorizationAppGroup, AppType: appgroup.AppTypeSessionDesktop,
		PageSize: 50, Offset: 10,
	})
	require.NoError(t, err)
	assert.EqualValues(t, 1, page.Total)
	assert.EqualValues(t, 10, page.Offset)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "AAAA", page.Items[0].Description)
	r := srv.LastRequest()
	assert.Equal(t, "/v1/"+testProject+"/app-groups", r.Path)
	q, _ := url.ParseQuery(r.RawQuery)
	assert.Equal(t, url.Values{
		"app_server_group_id": {"sg-1"}, "app_group_id": {"g-1"}, "name": {"office apps"},
		"authorization_type": {"APP_GROUP"}, "app_type": {"SESSION_DESKTOP_APP"}, "limit": {"50"}, "offset": {"10"},
	}, q)
	verify(t, r)

	_, err = c.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "limit=10", srv.LastRequest().RawQuery, "the default page size is sent; offset 0 is not")
}

// Each documented error status decodes to a typed error with the vendor's
// code and the matching sentinel; only operations safe to repeat are
// retried, and only after 500 and 503.
func TestDocumentedErrorStatusesDecode(t *testing.T) {
	type want struct {
		code, msg string
		sentinel  error
	}
	cases := map[int]want{
		400: {"WKS.00211102", "The parameter is invalid.", appgroup.ErrInvalidRequest},
		401: {"APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail", appgroup.ErrUnauthorized},
		403: {"WKS.00081102", "User does not have permission to access this resource.", appgroup.ErrForbidden},
		404: {"WKS.00211104", "The application group 575772274859184145 does not exist.", appgroup.ErrNotFound},
		405: {"WKS.00000405", "The method specified in the request is not allowed for this resource.", appgroup.ErrInvalidRequest},
		409: {"WKS.00211103", "The request could not be completed due to a conflict of the resource.", appgroup.ErrConflict},
		500: {"WKS.00211401", "The requested operation failed. Please try again later.", appgroup.ErrServerError},
		503: {"WKS.00000503", "Service unavailable.", appgroup.ErrServerError},
	}
	ops := []struct {
		name       string
		idempotent bool
		call       func(c *appgroup.Client) error
	}{
		{"appgroup.Update", true, func(c *appgroup.Client) error {
			_, err := c.Update(context.Background(), testGroup, appgroup.UpdateInput{Name: apimgmt.Ptr("x")})
			return err
		}},
		{"appgroup.Create", false, func(c *appgroup.Client) error {
			_, err := c.Create(context.Background(), appgroup.CreateInput{Name: "x"})
			return err
		}},
		{"appgroup.Delete", true, func(c *appgroup.Client) error { return c.Delete(context.Background(), testGroup) }},
		{"appgroup.CheckName", true, func(c *appgroup.Client) error {
			_, err := c.CheckName(context.Background(), "x")
			return err
		}},
	}
	for _, op := range ops {
		for status, tc := range cases {
			t.Run(fmt.Sprintf("%s/%d", op.name, status), func(t *testing.T) {
				srv := server(t, status, `{"error_code":"`+tc.code+`","error_msg":"`+tc.msg+`"}`)
				err := op.call(newClient(t, srv.URL()))
				var e *appgroup.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, status, e.StatusCode)
				assert.Equal(t, tc.code, e.Code)
				assert.Equal(t, tc.msg, e.Message)
				assert.Equal(t, "req-123", e.RequestID)
				assert.Equal(t, op.name, e.Op)
				assert.ErrorIs(t, err, tc.sentinel)
				assert.Contains(t, err.Error(), tc.code)
				assert.NotContains(t, err.Error(), testSK)
				want := 1
				if op.idempotent && status >= 500 {
					want = 3
				}
				assert.Len(t, srv.Requests(), want)
				assert.Equal(t, want, e.Attempts)
			})
		}
	}
}

func TestMalformedSuccessBody(t *testing.T) {
	srv := server(t, http.StatusOK, `{"id": 5`)
	_, err := newClient(t, srv.URL()).Get(context.Background(), testGroup)
	require.ErrorIs(t, err, appgroup.ErrMalformedResponse)
	var e *appgroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "appgroup.Get", e.Op)
}

func TestEndpointPerRegion(t *testing.T) {
	for _, r := range []string{"cn-north-4", "cn-north-9", "cn-southwest-2", "cn-east-3", "cn-south-1"} {
		assert.Equal(t, "https://appstream."+r+".myhuaweicloud.com", appgroup.Endpoint(r))
	}
	for _, r := range []string{"la-south-2", "sa-brazil-1", "la-north-2", "ap-southeast-3", "ap-southeast-1", "cn-east-5",
		"me-east-1", "af-south-1", "tr-west-1", "cn-north-11", "af-north-1", "ap-southeast-2", "xx-new-9"} {
		assert.Equal(t, "https://workspace."+r+".myhuaweicloud.com", appgroup.Endpoint(r))
	}
	opts := []appgroup.Option{appgroup.WithAKSK("a", "b"), appgroup.WithProjectID("p")}
	c, err := appgroup.NewClient(append(opts, appgroup.WithRegion("cn-east-3"))...)
	require.NoError(t, err)
	assert.Equal(t, "https://appstream.cn-east-3.myhuaweicloud.com/", c.BaseURL())
	assert.Equal(t, "p", c.ProjectID())
	c, err = appgroup.NewClient(append(opts, appgroup.WithRegion("ap-southeast-1"))...)
	require.NoError(t, err)
	assert.Equal(t, "https://workspace.ap-southeast-1.myhuaweicloud.com/", c.BaseURL())

	// An explicit endpoint overrides the region, in either order.
	c, err = appgroup.NewClient(append(opts, appgroup.WithRegion("cn-north-4"), appgroup.WithEndpoint("https://vpcep.example.com/"))...)
	require.NoError(t, err)
	assert.Equal(t, "https://vpcep.example.com/", c.BaseURL())
	c, err = appgroup.NewClient(append(opts, appgroup.WithEndpoint("https://vpcep.example.com"), appgroup.WithRegion("cn-north-4"))...)
	require.NoError(t, err)
	assert.Equal(t, "https://vpcep.example.com/", c.BaseURL())

	// Requests go to the overriding endpoint.
	srv := server(t, http.StatusOK, appgrouptest.ExampleUpdateResponse)
	c = newClient(t, srv.URL(), appgroup.WithRegion("cn-north-4"))
	_, err = c.Get(context.Background(), testGroup)
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 1)
}

func TestNewClientErrors(t *testing.T) {
	_, err := appgroup.NewClient(appgroup.WithAKSK("a", "b"), appgroup.WithProjectID("p"))
	assert.ErrorContains(t, err, "no endpoint")
	_, err = appgroup.NewClient(appgroup.WithRegion("cn-north-4"), appgroup.WithAKSK("a", "b"))
	assert.ErrorContains(t, err, "project")
	_, err = appgroup.NewClient(appgroup.WithRegion("cn north"), appgroup.WithAKSK("a", "b"), appgroup.WithProjectID("p"))
	assert.ErrorContains(t, err, "appgroup: region")
	_, err = appgroup.NewClient(appgroup.WithRegion("cn-north-4"), appgroup.WithAKSK("a", "b"), appgroup.WithProjectID("../x"))
	assert.ErrorIs(t, err, appgroup.ErrValidation)
	_, err = appgroup.NewClient(appgroup.WithEndpoint("ftp://x"), appgroup.WithAKSK("a", "b"), appgroup.WithProjectID("p"))
	assert.ErrorContains(t, err, "not an absolute http(s) URL")
	_, err = appgroup.NewClient(appgroup.WithRegion("cn-north-4"), appgroup.WithAKSK("", ""), appgroup.WithProjectID("p"))
	assert.ErrorContains(t, err, "appgroup: WithAKSK")
}

func TestValidationBeforeSending(t *testing.T) {
	srv := server(t, http.StatusOK, appgrouptest.ExampleUpdateResponse)
	c := newClient(t, srv.URL())
	ctx := context.Background()
	long := strings.Repeat("a", 65)
	update := func(id string, in appgroup.UpdateInput) func() error {
		return func() error { _, err := c.Update(ctx, id, in); return err }
	}
	create := func(in appgroup.CreateInput) func() error {
		return func() error { _, err := c.Create(ctx, in); return err }
	}
	list := func(o appgroup.ListOptions) func() error {
		return func() error { _, err := c.ListPage(ctx, &o); return err }
	}
	cases := map[string]struct {
		call  func() error
		field string
	}{
		"empty id":              {func() error { _, err := c.Get(ctx, ""); return err }, "app_group_id"},
		"dot id":                {func() error { _, err := c.Get(ctx, "."); return err }, "app_group_id"},
		"dotdot id":             {func() error { return c.Delete(ctx, "..") }, "app_group_id"},
		"slash id":              {update("a/b", appgroup.UpdateInput{Name: apimgmt.Ptr("x")}), "app_group_id"},
		"encoded dotdot":        {func() error { _, err := c.Get(ctx, "%2e%2e"); return err }, "app_group_id"},
		"long id":               {func() error { return c.Delete(ctx, strings.Repeat("1", 129)) }, "app_group_id"},
		"update sets nothing":   {update(testGroup, appgroup.UpdateInput{}), "body"},
		"update empty name":     {update(testGroup, appgroup.UpdateInput{Name: apimgmt.Ptr("")}), "name"},
		"update long name":      {update(testGroup, appgroup.UpdateInput{Name: &long}), "name"},
		"update name space":     {update(testGroup, appgroup.UpdateInput{Name: apimgmt.Ptr("Open Test")}), "name"},
		"update bad server id":  {update(testGroup, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("a b")}), "app_server_group_id"},
		"create no name":        {create(appgroup.CreateInput{}), "name"},
		"create name dot":       {create(appgroup.CreateInput{Name: "a.b"}), "name"},
		"create name emoji":     {create(appgroup.CreateInput{Name: "apps😀"}), "name"},
		"create bad server id":  {create(appgroup.CreateInput{Name: "a", AppServerGroupID: ".."}), "app_server_group_id"},
		"create bad auth type":  {create(appgroup.CreateInput{Name: "a", AuthorizationType: "USER"}), "authorization_type"},
		"create bad app type":   {create(appgroup.CreateInput{Name: "a", AppType: "desktop"}), "app_type"},
		"list page size":        {list(appgroup.ListOptions{PageSize: 101}), "limit"},
		"list negative size":    {list(appgroup.ListOptions{PageSize: -1}), "limit"},
		"list offset":           {list(appgroup.ListOptions{Offset: -1}), "offset"},
		"list bad group id":     {list(appgroup.ListOptions{AppGroupID: "a#b"}), "app_group_id"},
		"list bad server id":    {list(appgroup.ListOptions{AppServerGroupID: "a?b"}), "app_server_group_id"},
		"list bad app type":     {list(appgroup.ListOptions{AppType: "x"}), "app_type"},
		"list bad auth type":    {list(appgroup.ListOptions{AuthorizationType: "x"}), "authorization_type"},
		"check name empty":      {func() error { _, err := c.CheckName(ctx, ""); return err }, "name"},
		"check name too long":   {func() error { _, err := c.CheckName(ctx, strings.Repeat("名", 2049)); return err }, "name"},
		"batch delete bad id":   {func() error { _, err := c.BatchDelete(ctx, []string{"1", ""}); return err }, "ids[1]"},
		"batch delete long id":  {func() error { _, err := c.BatchDelete(ctx, []string{strings.Repeat("1", 129)}); return err }, "ids[0]"},
		"list iterator invalid": {func() error { _, err := first(c.List(ctx, &appgroup.ListOptions{PageSize: 500})); return err }, "limit"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, appgroup.ErrValidation)
			var ve *appgroup.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Fields)
			assert.Equal(t, tc.field, ve.Fields[0].Field)
		})
	}
	assert.Empty(t, srv.Requests(), "nothing may be sent for invalid input")

	// Every bad field is named at once.
	_, err := c.Update(ctx, "..", appgroup.UpdateInput{Name: apimgmt.Ptr("a b"), AppServerGroupID: apimgmt.Ptr("..")})
	var ve *appgroup.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 3)
	assert.Equal(t, `appgroup.Update: invalid input: app_group_id must not be "." or ".."; name may contain only letters, digits, Chinese characters, _ and -; app_server_group_id must not be "." or ".."`, err.Error())

	// The boundaries pass: 1 and 64 characters, Chinese characters, _ and -.
	for _, n := range []string{"a", strings.Repeat("应", 64), "Finance_apps-2024"} {
		_, err := c.Create(ctx, appgroup.CreateInput{Name: n})
		assert.NoError(t, err, n)
	}
	_, err = c.CheckName(ctx, strings.Repeat("名", 2048))
	assert.NoError(t, err)
	_, err = c.ListPage(ctx, &appgroup.ListOptions{PageSize: 100})
	assert.NoError(t, err)
}

func first[T any](seq func(func(T, error) bool)) (T, error) {
	var v T
	var err error
	for x, e := range seq {
		v, err = x, e
		break
	}
	return v, err
}

func TestAuthTokenAndEnvCredentials(t *testing.T) {
	srv := server(t, http.StatusOK, appgrouptest.ExampleUpdateResponse)
	c, err := appgroup.NewClient(appgroup.WithEndpoint(srv.URL()), appgroup.WithProjectID(testProject), appgroup.WithToken("iam-token"))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), testGroup)
	require.NoError(t, err)
	r := srv.LastRequest()
	assert.Equal(t, "iam-token", r.Header.Get("X-Auth-Token"))
	assert.Equal(t, testProject, r.Header.Get("X-Project-Id"))
	assert.Empty(t, r.Header.Get("Authorization"))

	t.Setenv("HUAWEICLOUD_SDK_AK", testAK)
	t.Setenv("HUAWEICLOUD_SDK_SK", testSK)
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", testProject)
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "sts-token")
	c, err = appgroup.NewClient(appgroup.WithEndpoint(srv.URL()), appgroup.WithEnvCredentials())
	require.NoError(t, err)
	assert.Equal(t, testProject, c.ProjectID())
	_, err = c.Update(context.Background(), testGroup, appgroup.UpdateInput{Description: apimgmt.Ptr("x")})
	require.NoError(t, err)
	r = srv.LastRequest()
	assert.Equal(t, "sts-token", r.Header.Get("X-Security-Token"))
	assert.Contains(t, r.Header.Get("Authorization"), "x-security-token")
	verify(t, r)
}

func TestRedirectIsNotFollowed(t *testing.T) {
	srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example.com"+r.URL.Path, http.StatusTemporaryRedirect)
	}), nil, fake.WriteHuaweiError)
	defer srv.Close()
	_, err := newClient(t, srv.URL()).Update(context.Background(), testGroup, appgroup.UpdateInput{Name: apimgmt.Ptr("x")})
	require.ErrorIs(t, err, appgroup.ErrRedirect)
	assert.Len(t, srv.Requests(), 1)
}
