package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

const (
	seedProject = "a4da8115c9d8464ead3a38309130523f"
	seedGroup   = "575772274859184145"
	seedServer  = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
	// The seed's name with its spaces (not allowed by the documented naming
	// rule) replaced by underscores.
	seedName = "Open_Test_for_the_API_for_Modifying_an_Application_Group"
)

func setEnv(t *testing.T, endpoint, project string) {
	t.Setenv("WORKSPACE_ENDPOINT", endpoint)
	t.Setenv("HUAWEICLOUD_SDK_REGION", "")
	t.Setenv("HUAWEICLOUD_SDK_AK", appgrouptest.AccessKey)
	t.Setenv("HUAWEICLOUD_SDK_SK", appgrouptest.SecretKey)
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", project)
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "")
}

// ours is a server of ours that answers the seed's response and records
// what it receives.
func ours(t *testing.T) *fake.Server {
	srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, appgrouptest.ExampleUpdateResponse)
	}), nil, fake.WriteHuaweiError)
	t.Cleanup(srv.Close)
	return srv
}

func TestSeedCallSendsTheDocumentedPatch(t *testing.T) {
	srv := ours(t)
	setEnv(t, srv.URL(), seedProject)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-group", seedGroup, "-name", seedName, "-server-group", seedServer, "-description", "AAAA"}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Empty(t, stderr.String())

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, []string{http.MethodPatch, "/v1/" + seedProject + "/app-groups/" + seedGroup, ""}, []string{r.Method, r.Path, r.RawQuery})
	assert.JSONEq(t, `{"name":"`+seedName+`","app_server_group_id":"`+seedServer+`","description":"AAAA"}`, string(r.Body))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, seedProject, r.Header.Get("X-Project-Id"))
	authtest.VerifyHuawei(t, authtest.Request{Method: r.Method, Path: r.Path, RawQuery: r.RawQuery, Host: r.Host, Header: r.Header, Body: r.Body},
		appgrouptest.AccessKey, appgrouptest.SecretKey)

	// The seed's example response decodes in full and prints as indented JSON.
	assert.Equal(t, `{
  "id": "575772274859184145",
  "name": "Open Test for the API for Modifying an Application Group",
  "app_server_group_id": "d75cce49-413a-4102-8cfa-c4328f5cac6f",
  "description": "AAAA",
  "authorization_type": "APP_GROUP",
  "tenant_id": "a4da8115c9d8464ead3a38309130523f",
  "create_at": "2023-06-06T14:14:02.246Z"
}
`, stdout.String())
}

func TestFlagsNotGivenAreNotSent(t *testing.T) {
	cases := map[string]struct {
		args []string
		body string
	}{
		"name":              {[]string{"-name", "finance_apps"}, `{"name":"finance_apps"}`},
		"description":       {[]string{"-description", "Finance"}, `{"description":"Finance"}`},
		"empty description": {[]string{"-description", ""}, `{"description":""}`},
		"server group":      {[]string{"-server-group", seedServer}, `{"app_server_group_id":"` + seedServer + `"}`},
		"name and server":   {[]string{"-server-group=" + seedServer, "-name=n"}, `{"name":"n","app_server_group_id":"` + seedServer + `"}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := ours(t)
			setEnv(t, srv.URL(), seedProject)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"-group", seedGroup}, tc.args...), &stdout, &stderr)
			require.Equal(t, 0, code, stderr.String())
			assert.JSONEq(t, tc.body, string(srv.LastRequest().Body))
		})
	}
}

func TestAgainstTheFake(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(appgroup.CreateInput{Name: "office-apps", Description: "old"}).ID
	setEnv(t, srv.URL(), appgrouptest.ProjectID)

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-group", id, "-name", "finance_apps", "-server-group", appgrouptest.ServerGroupID}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	var out map[string]any
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, "finance_apps", out["name"])
	assert.Equal(t, "old", out["description"], "not given, not changed")
	assert.Equal(t, appgrouptest.ServerGroupID, out["app_server_group_id"])

	// Binding another server group now fails: one is bound.
	stdout.Reset()
	code = run(context.Background(), []string{"-group", id, "-server-group", "other"}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), appgrouptest.CodeConflict)
}

func TestFailuresExitOne(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	setEnv(t, srv.URL(), appgrouptest.ProjectID)
	ctx := context.Background()

	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"-group", seedGroup, "-name", "x"}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "HTTP 404 "+appgrouptest.CodeNotFound)
	assert.NotContains(t, stderr.String(), appgrouptest.SecretKey)

	srv.ResetRequests()
	for _, args := range [][]string{
		{"-name", "x"},                        // no -group
		{"-group", seedGroup},                 // nothing to change
		{"-group", seedGroup, "-name", "a b"}, // breaks the naming rule
	} {
		stderr.Reset()
		assert.Equal(t, 1, run(ctx, args, &stdout, &stderr), args)
		assert.Contains(t, stderr.String(), "invalid input", args)
	}
	assert.Empty(t, srv.Requests(), "invalid input is not sent")

	stderr.Reset()
	t.Setenv("WORKSPACE_ENDPOINT", "")
	assert.Equal(t, 1, run(ctx, []string{"-group", seedGroup, "-name", "x"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "WORKSPACE_ENDPOINT or HUAWEICLOUD_SDK_REGION")

	// The region is used when there is no endpoint.
	stderr.Reset()
	t.Setenv("HUAWEICLOUD_SDK_REGION", "not a region")
	assert.Equal(t, 1, run(ctx, []string{"-group", seedGroup, "-name", "x"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `region "not a region"`)

	stderr.Reset()
	t.Setenv("HUAWEICLOUD_SDK_SK", "")
	assert.Equal(t, 1, run(ctx, []string{"-group", seedGroup, "-name", "x"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "HUAWEICLOUD_SDK_SK")
}

func TestCommandLine(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"-bogus"}, &stdout, &stderr))
	assert.Equal(t, 2, run(context.Background(), []string{"-group", "g", "extra"}, &stdout, &stderr))
	stderr.Reset()
	assert.Equal(t, 0, run(context.Background(), []string{"-h"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "-server-group")
}
