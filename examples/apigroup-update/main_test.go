package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
)

func setEnv(t *testing.T, endpoint string) {
	t.Setenv("APIG_ENDPOINT", endpoint)
	t.Setenv("HUAWEICLOUD_SDK_AK", apigrouptest.AccessKey)
	t.Setenv("HUAWEICLOUD_SDK_SK", apigrouptest.SecretKey)
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", apigrouptest.ProjectID)
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "")
}

// Against the fake: the fake verifies the signature, and the output is the
// updated group.
func TestUpdateAgainstFake(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "api_group_000", Remark: "old"}).ID
	setEnv(t, srv.URL())

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-instance", srv.InstanceID, "-group", id, "-name", "api_group_001", "-remark", "API group 1"}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	var out map[string]any
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, "api_group_001", out["name"])
	assert.Equal(t, "API group 1", out["remark"])

	r := srv.LastRequest()
	assert.Equal(t, http.MethodPut, r.Method)
	assert.Equal(t, "/v2/"+apigrouptest.ProjectID+"/apigw/instances/"+srv.InstanceID+"/api-groups/"+id, r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"name":"api_group_001","remark":"API group 1"}`, string(r.Body))
	// The signature verifies with an implementation independent of the SDK's.
	authtest.VerifyHuawei(t, authtest.Request{Method: r.Method, Path: r.Path, RawQuery: r.RawQuery, Host: r.Host, Header: r.Header, Body: r.Body},
		apigrouptest.AccessKey, apigrouptest.SecretKey)
}

// Without -remark, no remark is sent.
func TestRemarkFlagAbsentIsNotSent(t *testing.T) {
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		_, _ = io.WriteString(w, `{"id":"g1","name":"api_group_001"}`)
	}))
	defer srv.Close()
	setEnv(t, srv.URL)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-instance", "i1", "-group", "g1", "-name", "api_group_001"}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.JSONEq(t, `{"name":"api_group_001"}`, string(body))
}

func TestFailureExitsOne(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	setEnv(t, srv.URL())
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-instance", srv.InstanceID, "-group", "c77f5e81d9cb4424bf704ef2b0ac7600", "-name", "api_group_001"}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "APIG.3001")
	assert.NotContains(t, stderr.String(), apigrouptest.SecretKey)

	stderr.Reset()
	code = run(context.Background(), []string{"-instance", srv.InstanceID, "-group", "..", "-name", "x"}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "invalid input")
}
