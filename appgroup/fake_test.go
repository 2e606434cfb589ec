package appgroup_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

func fakeClient(t *testing.T) (*appgrouptest.Server, *appgroup.Client) {
	t.Helper()
	srv := appgrouptest.NewServer()
	t.Cleanup(srv.Close)
	c, err := appgroup.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	return srv, c
}

func addGroups(srv *appgrouptest.Server, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = srv.AddGroup(appgroup.CreateInput{Name: fmt.Sprintf("bulk_%02d", i)})
	}
	return ids
}

func TestLifecycleAgainstFake(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()

	created, err := c.Create(ctx, appgroup.CreateInput{Name: "office-apps", Description: "Office"})
	require.NoError(t, err)
	assert.Equal(t, "office-apps", created.Name)
	assert.Equal(t, appgroup.AuthorizationAppGroup, created.AuthorizationType, "the service default")
	assert.Equal(t, appgrouptest.ProjectID, created.TenantID)
	assert.Empty(t, created.AppServerGroupID)
	assert.False(t, created.CreatedAt.IsZero())

	_, err = c.Create(ctx, appgroup.CreateInput{Name: "office-apps"})
	require.ErrorIs(t, err, appgroup.ErrConflict)

	check, err := c.CheckName(ctx, "office-apps")
	require.NoError(t, err)
	assert.Equal(t, appgroup.NameCheck{Passed: false, Rule: appgroup.RuleDuplicate}, *check)
	check, err = c.CheckName(ctx, "office apps")
	require.NoError(t, err)
	assert.Equal(t, appgroup.NameCheck{Passed: false, Rule: appgroup.RuleNaming}, *check)
	check, err = c.CheckName(ctx, "design-apps")
	require.NoError(t, err)
	assert.Equal(t, appgroup.NameCheck{Passed: true}, *check)

	// Bind the server group: allowed while none is bound.
	updated, err := c.Update(ctx, created.ID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr(appgrouptest.ServerGroupID)})
	require.NoError(t, err)
	assert.Equal(t, appgrouptest.ServerGroupID, updated.AppServerGroupID)
	assert.Equal(t, "fake-server-group", updated.AppServerGroupName)
	assert.Equal(t, appgroup.AppTypeCommon, updated.AppType)
	assert.Equal(t, "Office", updated.Description, "fields not sent are left alone")

	// Binding again to the same server group changes nothing; another one
	// is refused, since a server group can only be bound while none is.
	_, err = c.Update(ctx, created.ID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr(appgrouptest.ServerGroupID)})
	require.NoError(t, err)
	srv.AddServerGroup("sg-2", "second", "Second servers", appgroup.AppTypeSessionDesktop)
	_, err = c.Update(ctx, created.ID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("sg-2")})
	require.ErrorIs(t, err, appgroup.ErrConflict)
	var e *appgroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, appgrouptest.CodeConflict, e.Code)

	other, err := c.Create(ctx, appgroup.CreateInput{Name: "other"})
	require.NoError(t, err)
	_, err = c.Update(ctx, other.ID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("sg-missing")})
	require.ErrorIs(t, err, appgroup.ErrNotFound)
	_, err = c.Update(ctx, other.ID, appgroup.UpdateInput{Name: apimgmt.Ptr("office-apps")})
	require.ErrorIs(t, err, appgroup.ErrConflict)

	// Rename and clear the description in one PATCH.
	updated, err = c.Update(ctx, created.ID, appgroup.UpdateInput{Name: apimgmt.Ptr("财务_apps"), Description: apimgmt.Ptr("")})
	require.NoError(t, err)
	assert.Equal(t, "财务_apps", updated.Name)
	assert.Empty(t, updated.Description)
	assert.Equal(t, appgrouptest.ServerGroupID, updated.AppServerGroupID)

	got, err := c.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "Servers of the fake", got.AppServerGroupDescription)
	assert.Equal(t, created.CreatedAt, got.CreatedAt)
	stored, ok := srv.Group(created.ID)
	require.True(t, ok)
	assert.Equal(t, got, stored)

	var names []string
	for g, err := range c.List(ctx, &appgroup.ListOptions{AppServerGroupID: appgrouptest.ServerGroupID}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"财务_apps"}, names)

	require.NoError(t, c.Delete(ctx, created.ID))
	_, err = c.Get(ctx, created.ID)
	require.ErrorIs(t, err, appgroup.ErrNotFound)
	require.NoError(t, c.Delete(ctx, created.ID), "deleting a group that is gone succeeds, as documented")
	_, ok = srv.Group(created.ID)
	assert.False(t, ok)
	assert.Equal(t, 1, srv.GroupCount())
}

func TestFakeRejectsWhatTheServiceRejects(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()
	hc := srv.Client()
	do := func(method, path, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("X-Auth-Token", appgrouptest.Token)
		resp, err := hc.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var e struct {
			Code string `json:"error_code"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e.Code
	}
	base := "/v1/" + appgrouptest.ProjectID + "/app-groups"
	cases := []struct {
		method, path, body string
		status             int
		code               string
	}{
		{http.MethodPost, base, "", 400, appgrouptest.CodeEmptyRequest},
		{http.MethodPost, base, "{", 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base, `{"name":"a b"}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base, `{"name":"a","authorization_type":"APP"}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base, `{"name":"a","app_type":"X"}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base, `{"name":"a","app_server_group_id":"nope"}`, 404, appgrouptest.CodeNotFound},
		{http.MethodPatch, base + "/1", `{"name":"a"}`, 404, appgrouptest.CodeNotFound},
		{http.MethodPatch, base + "/1", `{"name":""}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodGet, base + "?limit=0", "", 400, appgrouptest.CodeInvalidParameter},
		{http.MethodGet, base + "?limit=x", "", 400, appgrouptest.CodeInvalidParameter},
		{http.MethodGet, base + "?offset=-1", "", 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base + "/batch-delete", `{"ids":[]}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base + "/batch-delete", `{"ids":[""]}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPost, base + "/rules/validate", `{}`, 400, appgrouptest.CodeInvalidParameter},
		{http.MethodPut, base + "/1", `{}`, 405, appgrouptest.CodeMethodNotAllowed},
		{http.MethodGet, "/v1/" + appgrouptest.ProjectID + "/servers", "", 404, appgrouptest.CodeNotFound},
		{http.MethodGet, "/v1/other-project/app-groups", "", 403, appgrouptest.CodeForbidden},
	}
	for _, tc := range cases {
		status, code := do(tc.method, tc.path, tc.body)
		assert.Equal(t, tc.status, status, "%s %s %s", tc.method, tc.path, tc.body)
		assert.Equal(t, tc.code, code, "%s %s %s", tc.method, tc.path, tc.body)
	}
	assert.Zero(t, srv.GroupCount())

	// Credentials: only the fake's AK/SK or token are accepted.
	for _, tc := range []struct {
		cred appgroup.Option
		ok   bool
	}{
		{appgroup.WithAKSK(appgrouptest.AccessKey, "wrong"), false},
		{appgroup.WithAKSK("OTHERAK", appgrouptest.SecretKey), false},
		{appgroup.WithToken("wrong"), false},
		{appgroup.WithToken(appgrouptest.Token), true},
		{appgroup.WithAKSK(appgrouptest.AccessKey, appgrouptest.SecretKey), true},
	} {
		client, err := appgroup.NewClient(appgroup.WithEndpoint(srv.URL()), appgroup.WithProjectID(appgrouptest.ProjectID), tc.cred)
		require.NoError(t, err)
		_, err = client.ListPage(ctx, nil)
		if tc.ok {
			assert.NoError(t, err)
			continue
		}
		var e *appgroup.Error
		if assert.ErrorAs(t, err, &e) {
			assert.Equal(t, "APIGW.0301", e.Code)
			assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
		}
		assert.ErrorIs(t, err, appgroup.ErrUnauthorized)
	}
	_, err := c.ListPage(ctx, nil)
	require.NoError(t, err)
}

func TestFakeFaultInjection(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()
	throttled := appgrouptest.Fault{Status: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": {"0"}},
		Body: []byte(`{"error_code":"` + appgrouptest.CodeInternalError + `","error_msg":"The requested operation failed. Please try again later."}`)}

	srv.FailNext(2, throttled)
	_, err := c.ListPage(ctx, nil)
	require.NoError(t, err, "two failed attempts, then success on the third")

	srv.FailNext(1, throttled)
	srv.ResetRequests()
	_, err = c.Create(ctx, appgroup.CreateInput{Name: "once"})
	require.ErrorIs(t, err, appgroup.ErrServerError)
	assert.Len(t, srv.Requests(), 1, "Create is not repeated after a 503")
	assert.Zero(t, srv.GroupCount())

	srv.FailNext(100, appgrouptest.Fault{Drop: true})
	_, err = c.ListPage(ctx, nil)
	require.ErrorIs(t, err, appgroup.ErrNetwork)
	var e *appgroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 3, e.Attempts)
	srv.ClearFaults()
	_, err = c.ListPage(ctx, nil)
	require.NoError(t, err)
}

func TestListPagesAndStopsEarly(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()
	ids := addGroups(srv, 23)

	var got []string
	for g, err := range c.List(ctx, &appgroup.ListOptions{PageSize: 5}) {
		require.NoError(t, err)
		got = append(got, g.ID)
	}
	assert.Equal(t, ids, got)
	var offsets []string
	for _, r := range srv.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		assert.Equal(t, "5", q.Get("limit"))
		offsets = append(offsets, q.Get("offset"))
	}
	assert.Equal(t, []string{"", "5", "10", "15", "20"}, offsets)

	// Starting at an offset, with the default page size.
	srv.ResetRequests()
	got = nil
	for g, err := range c.List(ctx, &appgroup.ListOptions{Offset: 15}) {
		require.NoError(t, err)
		got = append(got, g.ID)
	}
	assert.Equal(t, ids[15:], got)
	assert.Len(t, srv.Requests(), 1)

	// Stopping early sends no further page request.
	srv.ResetRequests()
	n := 0
	for range c.List(ctx, &appgroup.ListOptions{PageSize: 5}) {
		if n++; n == 7 {
			break
		}
	}
	assert.Len(t, srv.Requests(), 2)

	// A failure is yielded once, and listing stops.
	srv.ResetRequests()
	srv.FailNext(1, appgrouptest.Fault{Status: http.StatusForbidden, Body: []byte(`{"error_code":"WKS.00081102","error_msg":"User does not have permission to access this resource."}`),
		Match: func(r *http.Request) bool { return r.URL.Query().Get("offset") == "10" }})
	var errs []error
	n = 0
	for _, err := range c.List(ctx, &appgroup.ListOptions{PageSize: 5}) {
		n++
		if err != nil {
			errs = append(errs, err)
		}
	}
	assert.Equal(t, 11, n)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], appgroup.ErrForbidden)

	// Filters reach the fake.
	var names []string
	for g, err := range c.List(ctx, &appgroup.ListOptions{Name: "bulk_07", AuthorizationType: appgroup.AuthorizationAppGroup}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"bulk_07"}, names)
	for _, err := range c.List(ctx, &appgroup.ListOptions{AppType: appgroup.AppTypeSessionDesktop}) {
		require.NoError(t, err)
		t.Fatal("no group has that type")
	}
}

func TestBatchDeleteChunksAndReportsPartialFailure(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()
	ids := addGroups(srv, 45)
	input := append(append([]string{}, ids...), ids[3], ids[44]) // repeats are dropped

	var calls atomic.Int32
	srv.FailNext(1, appgrouptest.Fault{
		Status: http.StatusForbidden,
		Body:   []byte(`{"error_code":"WKS.00081102","error_msg":"User does not have permission to access this resource."}`),
		Match:  func(r *http.Request) bool { return calls.Add(1) == 2 },
	})
	res, err := c.BatchDelete(ctx, input)
	require.Error(t, err)
	assert.Equal(t, ids[:20], res.Deleted)
	assert.Equal(t, ids[20:], res.NotDeleted)

	var be *appgroup.BatchDeleteError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, ids[20:40], be.Failed)
	assert.Equal(t, res, be.BatchDeleteResult)
	var e *appgroup.Error
	require.ErrorAs(t, err, &e, "the request's *Error is reachable")
	assert.Equal(t, "WKS.00081102", e.Code)
	assert.Equal(t, "appgroup.BatchDelete", e.Op)
	assert.ErrorIs(t, err, appgroup.ErrForbidden)
	assert.Contains(t, err.Error(), "WKS.00081102")
	assert.Contains(t, err.Error(), "20 of 45 application groups deleted, 25 not")
	assert.Equal(t, 25, srv.GroupCount())

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	for i, r := range reqs {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, "/v1/"+appgrouptest.ProjectID+"/app-groups/batch-delete", r.Path)
		var body struct{ IDs []string }
		require.NoError(t, json.Unmarshal(r.Body, &body))
		assert.Equal(t, ids[20*i:20*i+20], body.IDs)
	}

	// What was not deleted can be passed again; deleting is idempotent, so
	// the first batch, already gone, may be repeated too.
	srv.ResetRequests()
	res, err = c.BatchDelete(ctx, append(res.NotDeleted, ids[0]))
	require.NoError(t, err)
	assert.Len(t, res.Deleted, 26)
	assert.Empty(t, res.NotDeleted)
	assert.Zero(t, srv.GroupCount())
	require.Len(t, srv.Requests(), 2)
	var last struct{ IDs []string }
	require.NoError(t, json.Unmarshal(srv.LastRequest().Body, &last))
	assert.Equal(t, []string{ids[40], ids[41], ids[42], ids[43], ids[44], ids[0]}, last.IDs)
}

func TestBatchDeleteEdgeCases(t *testing.T) {
	srv, c := fakeClient(t)
	ctx := context.Background()

	res, err := c.BatchDelete(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, appgroup.BatchDeleteResult{}, res)
	assert.Empty(t, srv.Requests(), "no IDs, no request")

	// Exactly 20 is one request.
	ids := addGroups(srv, 20)
	res, err = c.BatchDelete(ctx, ids)
	require.NoError(t, err)
	assert.Equal(t, ids, res.Deleted)
	assert.Len(t, srv.Requests(), 1)

	// One invalid ID: nothing is sent, and nothing is lost.
	srv.ResetRequests()
	res, err = c.BatchDelete(ctx, []string{"1", "..", "1", "2"})
	require.ErrorIs(t, err, appgroup.ErrValidation)
	assert.Equal(t, []string{"1", "..", "2"}, res.NotDeleted)
	assert.Empty(t, res.Deleted)
	assert.Empty(t, srv.Requests())

	// A 500 on the first request is retried (batch delete is idempotent).
	srv.FailNext(3, appgrouptest.Fault{Status: 500, Body: []byte(`{"error_code":"WKS.00211401","error_msg":"The requested operation failed. Please try again later."}`)})
	res, err = c.BatchDelete(ctx, []string{"1", "2"})
	var be *appgroup.BatchDeleteError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []string{"1", "2"}, be.Failed)
	assert.Empty(t, res.Deleted)
	var e *appgroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 3, e.Attempts)
	assert.ErrorIs(t, err, appgroup.ErrServerError)

	// A cancelled context stops before the next request.
	ids = addGroups(srv, 3)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	res, err = c.BatchDelete(cctx, ids)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, ids, res.NotDeleted)
	assert.Equal(t, 3, srv.GroupCount())
}
