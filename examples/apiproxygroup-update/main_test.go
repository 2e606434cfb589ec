package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// The seed's command lines, request bodies and responses.
var seedArgs = []string{
	"-project", "MyProject", "-name", "PaymentAPIGroup", "-description", "Updated Payment API Group",
	"-path", "/api/v2/payment", "-method", "GET", "-method", "POST", "-method", "PUT", "-method", "DELETE",
}

const (
	seedBody = `{
  "name": "PaymentAPIGroup",
  "description": "Updated Payment API Group",
  "clientRoute": {
    "relativePathList": ["/api/v2/payment"],
    "methodList": ["GET", "POST", "PUT", "DELETE"],
    "hostList": [],
    "headerList": [],
    "bufferRequest": true,
    "bufferResponse": true
  }
}`
	seedBodyWithDeployment = `{
  "name": "PaymentAPIGroup",
  "description": "Updated Payment API Group",
  "environmentName": "production",
  "clientRoute": {
    "relativePathList": ["/api/v2/payment"],
    "methodList": ["GET", "POST", "PUT", "DELETE"],
    "hostList": [],
    "headerList": [],
    "bufferRequest": true,
    "bufferResponse": true
  }
}`
	seedResponseWithDeployment = `{"success": true, "deploymentResult": {"success": true, "responseTime": 150,
  "detailList": [{"envName": "production", "podName": "worker-abc123", "podIp": "10.0.0.1", "success": true, "responseTime": 150}]}}`
)

type seen struct {
	method, path string
	header       http.Header
	body         []byte
}

// seedServer answers every request with status and body, recording them.
func seedServer(t *testing.T, status int, body string) (*httptest.Server, func() []seen) {
	t.Helper()
	var mu sync.Mutex
	var reqs []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		reqs = append(reqs, seen{r.Method, r.URL.EscapedPath(), r.Header.Clone(), b})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return append([]seen(nil), reqs...)
	}
}

func setEnv(t *testing.T, url, token, user, pass string) {
	t.Setenv("APINIZER_URL", url)
	t.Setenv("APINIZER_TOKEN", token)
	t.Setenv("APINIZER_USERNAME", user)
	t.Setenv("APINIZER_PASSWORD", pass)
}

func TestSendsTheSeedRequest(t *testing.T) {
	for _, tc := range []struct {
		name     string
		extra    []string
		wantBody string
		response string
		wantOut  string
	}{
		{"without -deploy-env", nil, seedBody, `{"success": true}`,
			`{"group":{"name":"PaymentAPIGroup","description":"Updated Payment API Group","clientRoute":{"relativePathList":["/api/v2/payment"],"methodList":["GET","POST","PUT","DELETE"],"bufferRequest":true,"bufferResponse":true}}}`},
		{"with -deploy-env", []string{"-deploy-env", "production"}, seedBodyWithDeployment, seedResponseWithDeployment,
			`{"group":{"name":"PaymentAPIGroup","description":"Updated Payment API Group","clientRoute":{"relativePathList":["/api/v2/payment"],"methodList":["GET","POST","PUT","DELETE"],"bufferRequest":true,"bufferResponse":true}},
			  "deploymentResult":{"success":true,"responseTime":150,"detailList":[{"envName":"production","podName":"worker-abc123","podIp":"10.0.0.1","success":true,"responseTime":150}]}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, reqs := seedServer(t, 200, tc.response)
			setEnv(t, srv.URL, "YOUR_TOKEN", "", "")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(seedArgs, tc.extra...), &stdout, &stderr)
			require.Equal(t, 0, code, stderr.String())
			assert.Empty(t, stderr.String())

			got := reqs()
			require.Len(t, got, 1)
			assert.Equal(t, http.MethodPut, got[0].method)
			assert.Equal(t, "/apiops/projects/MyProject/apiProxyGroups/", got[0].path)
			assert.Equal(t, "Bearer YOUR_TOKEN", got[0].header.Get("Authorization"))
			assert.Equal(t, "application/json", got[0].header.Get("Content-Type"))
			assert.JSONEq(t, tc.wantBody, string(got[0].body))
			assert.JSONEq(t, tc.wantOut, stdout.String())
			assert.Contains(t, stdout.String(), "\n  \"group\"", "indented")
		})
	}
}

func TestSeedErrorsExitOne(t *testing.T) {
	for _, body := range []string{
		`{"error": "bad_request", "error_description": "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"}`,
		`{"error": "bad_request", "error_description": "Environment (staging) is not found!"}`,
	} {
		srv, _ := seedServer(t, 400, body)
		setEnv(t, srv.URL, "YOUR_TOKEN", "", "")
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append(seedArgs, "-deploy-env", "staging"), &stdout, &stderr)
		assert.Equal(t, 1, code)
		assert.Empty(t, stdout.String())
		var msg map[string]string
		require.NoError(t, json.Unmarshal([]byte(body), &msg))
		assert.Contains(t, stderr.String(), msg["error_description"])
		assert.NotContains(t, stderr.String(), "YOUR_TOKEN")
	}
}

// A deployment that failed on a pod exits 1, and still prints what was
// saved and the whole deployment result.
func TestFailedDeploymentExitsOneAndPrintsWhatWasSaved(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup(apiproxygroup.GroupInput{Name: "PaymentAPIGroup", Description: "Payment API Group", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v1/payment"}}})
	srv.FailDeployOn("production", "worker-def456", "Connection refused")
	setEnv(t, srv.URL(), "", apiproxygrouptest.Username, apiproxygrouptest.Password)

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append(seedArgs, "-deploy-env", "production", "-buffer-response=false"), &stdout, &stderr)
	assert.Equal(t, 1, code)
	var out struct {
		Group struct {
			Name        string `json:"name"`
			ClientRoute struct {
				BufferResponse *bool `json:"bufferResponse"`
			} `json:"clientRoute"`
		} `json:"group"`
		Deployment struct {
			Success    bool `json:"success"`
			DetailList []struct {
				PodName string `json:"podName"`
				Success bool   `json:"success"`
			} `json:"detailList"`
		} `json:"deploymentResult"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out), stdout.String())
	assert.Equal(t, "PaymentAPIGroup", out.Group.Name)
	assert.Equal(t, false, *out.Group.ClientRoute.BufferResponse)
	assert.False(t, out.Deployment.Success)
	assert.Len(t, out.Deployment.DetailList, 2)
	assert.Contains(t, stderr.String(), "the group was saved but the deployment to production failed")
	assert.Contains(t, stderr.String(), "production/worker-def456 (10.0.0.2): Connection refused")
	assert.NotContains(t, stderr.String()+stdout.String(), apiproxygrouptest.Password)

	st, ok := srv.Group("PaymentAPIGroup")
	require.True(t, ok)
	assert.Equal(t, "Updated Payment API Group", st.Description, "saved")
	assert.Equal(t, 1, srv.TokensIssued(), "logged in with the username and password")
}

func TestUsageAndConfigurationErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"-bogus"}, &stdout, &stderr))

	setEnv(t, "", "YOUR_TOKEN", "", "")
	stderr.Reset()
	assert.Equal(t, 1, run(context.Background(), seedArgs, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "no Manager URL")

	setEnv(t, "https://apinizer.example.com", "", "", "")
	stderr.Reset()
	assert.Equal(t, 1, run(context.Background(), seedArgs, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "APINIZER_TOKEN")

	setEnv(t, "https://apinizer.example.com", "YOUR_TOKEN", "", "")
	stderr.Reset()
	assert.Equal(t, 1, run(context.Background(), []string{"-project", "MyProject", "-name", "Payment Group", "-method", "FETCH"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "invalid input: name must not contain spaces; clientRoute.relativePathList needs at least one relative path; clientRoute.methodList[0] must be one of")
	assert.Empty(t, stdout.String())
}
