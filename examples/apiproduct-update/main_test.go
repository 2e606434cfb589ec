package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// The product as the server holds it; its internal name needs escaping.
const stored = `{
  "name": "weather premium $ 50%",
  "displayName": "Weather",
  "description": "Forecasts",
  "approvalType": "auto",
  "attributes": [{"name": "access", "value": "private"}, {"name": "tier", "value": "silver"}],
  "environments": ["test"],
  "proxies": ["weather-v1"],
  "quota": "100",
  "quotaInterval": "1",
  "quotaTimeUnit": "day",
  "quotaCounterScope": "PROXY",
  "scopes": ["weather.read"],
  "operationGroup": {"operationConfigType": "proxy", "operationConfigs": [{"apiSource": "weather-v1",
    "operations": [{"resource": "/forecast", "methods": ["GET"]}], "quota": {"limit": "10", "interval": "1", "timeUnit": "minute"}}]},
  "createdAt": "1700000000000",
  "lastModifiedAt": "1731456000000"
}`

const (
	productName = "weather premium $ 50%"
	escapedPath = "/v1/organizations/acme/apiproducts/weather%20premium%20$%2050%25"
	token       = "ya29.example-token"
)

// apigee is a server of ours: GET returns the stored product, PUT echoes the
// body back with the response-only fields, and every request is recorded.
func apigee(t *testing.T) *fake.Server {
	t.Helper()
	srv := fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != escapedPath {
			fake.WriteGoogleStatus(w, http.StatusNotFound, "NOT_FOUND", "resource not found")
			return
		}
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, stored)
		case http.MethodPut:
			var m map[string]any
			_ = json.NewDecoder(r.Body).Decode(&m)
			m["createdAt"], m["lastModifiedAt"] = "1700000000000", "1731456999000"
			fake.WriteJSON(w, http.StatusOK, m)
		}
	}), nil, fake.WriteGoogleError)
	t.Cleanup(srv.Close)
	return srv
}

func storedWithout(t *testing.T, change func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(stored), &m))
	delete(m, "createdAt")
	delete(m, "lastModifiedAt")
	change(m)
	b, _ := json.Marshal(m)
	return string(b)
}

func TestOnlyFlaggedFieldsChange(t *testing.T) {
	cases := []struct {
		name   string
		flags  []string
		change func(m map[string]any)
	}{
		{"no flags", nil, func(map[string]any) {}},
		{"display name", []string{"-display-name", "Weather Premium"}, func(m map[string]any) { m["displayName"] = "Weather Premium" }},
		{"description", []string{"-description", ""}, func(m map[string]any) { delete(m, "description") }},
		{"approval", []string{"-approval", "manual"}, func(m map[string]any) { m["approvalType"] = "manual" }},
		{"envs", []string{"-env", "test", "-env", "prod"}, func(m map[string]any) { m["environments"] = []any{"test", "prod"} }},
		{"proxies", []string{"-proxy", "weather-v2"}, func(m map[string]any) { m["proxies"] = []any{"weather-v2"} }},
		{"quota", []string{"-quota", "10000", "-quota-interval", "2", "-quota-unit", "month"}, func(m map[string]any) {
			m["quota"], m["quotaInterval"], m["quotaTimeUnit"] = "10000", "2", "month"
		}},
		{"scopes", []string{"-scope", "a", "-scope", "b"}, func(m map[string]any) { m["scopes"] = []any{"a", "b"} }},
		{"attrs", []string{"-attr", "tier=gold", "-attr", "new=x=y"}, func(m map[string]any) {
			m["attributes"] = []any{
				map[string]any{"name": "access", "value": "private"},
				map[string]any{"name": "tier", "value": "gold"},
				map[string]any{"name": "new", "value": "x=y"},
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := apigee(t)
			t.Setenv("APIGEE_ENDPOINT", srv.URL())
			t.Setenv("GOOGLE_OAUTH_ACCESS_TOKEN", token)
			var stdout, stderr bytes.Buffer
			args := append([]string{"-org", "acme", "-product", productName}, tc.flags...)
			require.NoError(t, run(context.Background(), args, &stdout, &stderr))

			rs := srv.Requests()
			for _, r := range rs {
				assert.Equal(t, escapedPath, r.RawPath)
				assert.Equal(t, "Bearer "+token, r.Header.Get("Authorization"))
			}
			if tc.flags == nil {
				// Nothing to change: Modify reads and writes nothing.
				require.Len(t, rs, 1)
				assert.Equal(t, http.MethodGet, rs[0].Method)
			} else {
				require.Len(t, rs, 2)
				assert.Equal(t, http.MethodGet, rs[0].Method)
				assert.Equal(t, http.MethodPut, rs[1].Method)
				assert.JSONEq(t, storedWithout(t, tc.change), string(rs[1].Body))
				assert.NotContains(t, string(rs[1].Body), "createdAt")
				assert.NotContains(t, string(rs[1].Body), "lastModifiedAt")
			}

			var out map[string]any
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &out), stdout.String())
			assert.Equal(t, productName, out["name"])
			if tc.flags != nil { // the product the PUT answered, else the one read
				assert.Equal(t, "2024-11-13T00:16:39Z", out["lastModifiedAt"])
			}
		})
	}
}

func TestAgainstTheFake(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	srv.AddProduct(&apiproduct.Product{Name: "gold", DisplayName: "Gold", ApprovalType: apiproduct.ApprovalAuto})
	t.Setenv("APIGEE_ENDPOINT", srv.URL())
	t.Setenv("GOOGLE_OAUTH_ACCESS_TOKEN", apiproducttest.Token)
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-org", srv.Organization, "-product", "gold", "-resource", "/**", "-env", "prod"}, &stdout, &stderr))
	var out map[string]any
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, []any{"/**"}, out["apiResources"])
	assert.Equal(t, "Gold", out["displayName"])
}

func TestFailures(t *testing.T) {
	srv := apigee(t)
	t.Setenv("APIGEE_ENDPOINT", srv.URL())
	t.Setenv("GOOGLE_OAUTH_ACCESS_TOKEN", token)
	ctx := context.Background()
	var stdout, stderr bytes.Buffer

	code := exitCode(run(ctx, []string{"-org", "acme", "-product", "other"}, &stdout, &stderr), &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "NOT_FOUND")
	assert.NotContains(t, stderr.String(), token)

	// A flag the API rejects is caught before anything is written.
	stderr.Reset()
	n := len(srv.Requests())
	code = exitCode(run(ctx, []string{"-org", "acme", "-product", productName, "-quota-unit", "week"}, &stdout, &stderr), &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "quotaTimeUnit")
	for _, r := range srv.Requests()[n:] {
		assert.NotEqual(t, http.MethodPut, r.Method)
	}
	// -resource with the stored operationGroup breaks a documented rule.
	stderr.Reset()
	code = exitCode(run(ctx, []string{"-org", "acme", "-product", productName, "-resource", "/**"}, &stdout, &stderr), &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "apiResources cannot be set together with operationGroup")

	stderr.Reset()
	assert.Equal(t, 1, exitCode(run(ctx, []string{"-org", "acme"}, &stdout, &stderr), &stderr))
	assert.Contains(t, stderr.String(), "-product")
	assert.Equal(t, 1, exitCode(run(ctx, []string{"-org", "a/b", "-product", "p"}, &stdout, &stderr), &stderr))
	assert.Equal(t, 2, exitCode(run(ctx, []string{"-attr", "novalue"}, &stdout, &stderr), &stderr))
	assert.Equal(t, 2, exitCode(run(ctx, []string{"-nope"}, &stdout, &stderr), &stderr))
}

func TestWithoutATokenUsesApplicationDefaultCredentials(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOOGLE_OAUTH_ACCESS_TOKEN", "")
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(dir, "missing.json"))
	t.Setenv("HOME", dir)
	var stdout, stderr bytes.Buffer
	code := exitCode(run(context.Background(), []string{"-org", "acme", "-product", "p"}, &stdout, &stderr), &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "Application Default Credentials")
}
