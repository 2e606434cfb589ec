package apiproxygroup_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// The seed document's request bodies for "Update API Proxy Group".
const (
	seedBody = `{
  "name": "PaymentAPIGroup",
  "description": "Updated Payment API Group",
  "clientRoute": {
    "relativePathList": [
      "/api/v2/payment"
    ],
    "methodList": ["GET", "POST", "PUT", "DELETE"],
    "bufferRequest": true,
    "bufferResponse": true
  }
}`
	seedBodyWithDeployment = `{
  "name": "PaymentAPIGroup",
  "description": "Updated Payment API Group",
  "environmentName": "production",
  "clientRoute": {
    "relativePathList": [
      "/api/v2/payment"
    ],
    "methodList": ["GET", "POST", "PUT", "DELETE"],
    "bufferRequest": true,
    "bufferResponse": true
  }
}`
	// The seed's responses.
	seedResponse               = `{"success": true}`
	seedResponseWithDeployment = `{
  "success": true,
  "deploymentResult": {
    "success": true,
    "responseTime": 150,
    "detailList": [
      {
        "envName": "production",
        "podName": "worker-abc123",
        "podIp": "10.0.0.1",
        "success": true,
        "responseTime": 150
      }
    ]
  }
}`
	seedGroupNotFound = `{
  "error": "bad_request",
  "error_description": "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"
}`
	seedEnvNotFound = `{
  "error": "bad_request",
  "error_description": "Environment (staging) is not found!"
}`
	testToken = "YOUR_TOKEN"
)

// seedInput is the seed's group.
func seedInput(env string) apiproxygroup.GroupInput {
	return apiproxygroup.GroupInput{
		Name:        "PaymentAPIGroup",
		Description: "Updated Payment API Group",
		ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths:  []string{"/api/v2/payment"},
			Methods:        []apiproxygroup.Method{"GET", "POST", "PUT", "DELETE"},
			BufferRequest:  apimgmt.Ptr(true),
			BufferResponse: apimgmt.Ptr(true),
		},
		EnvironmentName: env,
	}
}

// recorded is what a test server saw.
type recorded struct {
	method, path, rawPath string
	header                http.Header
	body                  []byte
}

type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

func (r *recorder) all() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// server answers request n (from 0) with statuses[n] and bodies[n] (the
// last pair repeats), recording the requests.
func server(t *testing.T, statuses []int, bodies ...string) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, recorded{r.Method, r.URL.Path, r.URL.EscapedPath(), r.Header.Clone(), b})
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(statuses[min(n, len(statuses)-1)])
		_, _ = io.WriteString(w, bodies[min(n, len(bodies)-1)])
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func newClient(t *testing.T, endpoint string, extra ...apiproxygroup.Option) *apiproxygroup.Client {
	t.Helper()
	opts := append([]apiproxygroup.Option{
		apiproxygroup.WithEndpoint(endpoint),
		apiproxygroup.WithToken(testToken),
		apiproxygroup.WithRetry(apiproxygroup.RetryPolicy{BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}),
	}, extra...)
	c, err := apiproxygroup.NewClient("MyProject", opts...)
	require.NoError(t, err)
	return c
}

func TestUpdateSendsTheSeedRequest(t *testing.T) {
	for _, tc := range []struct {
		name, env, wantBody, response string
	}{
		{"without environmentName", "", seedBody, seedResponse},
		{"with environmentName", "production", seedBodyWithDeployment, seedResponseWithDeployment},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := server(t, []int{200}, tc.response)
			res, err := newClient(t, srv.URL).Update(context.Background(), seedInput(tc.env))
			require.NoError(t, err)

			reqs := rec.all()
			require.Len(t, reqs, 1)
			r := reqs[0]
			assert.Equal(t, http.MethodPut, r.method)
			assert.Equal(t, "/apiops/projects/MyProject/apiProxyGroups/", r.rawPath)
			assert.Equal(t, "Bearer YOUR_TOKEN", r.header.Get("Authorization"))
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			assert.JSONEq(t, tc.wantBody, string(r.body))

			require.NotNil(t, res.Group)
			assert.Equal(t, "PaymentAPIGroup", res.Group.Name)
			assert.Equal(t, []string{"/api/v2/payment"}, res.Group.ClientRoute.RelativePaths)
			if tc.env == "" {
				assert.Nil(t, res.Deployment)
				return
			}
			require.NotNil(t, res.Deployment)
			assert.Equal(t, apimgmt.Ptr(true), res.Deployment.Success)
			assert.EqualValues(t, 150, res.Deployment.ResponseTimeMillis)
			require.Len(t, res.Deployment.Details, 1)
			assert.Equal(t, apiproxygroup.DeploymentResult{
				EnvName: "production", PodName: "worker-abc123", PodIP: "10.0.0.1",
				Success: apimgmt.Ptr(true), ResponseTimeMillis: 150,
			}, res.Deployment.Details[0])
			assert.False(t, res.Deployment.Failed())
		})
	}
}

func TestSeedErrorsDecode(t *testing.T) {
	for _, tc := range []struct {
		body, msg string
		forbidden bool
	}{
		{seedGroupNotFound, "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!", true},
		{seedEnvNotFound, "Environment (staging) is not found!", false},
	} {
		srv, _ := server(t, []int{400}, tc.body)
		res, err := newClient(t, srv.URL).Update(context.Background(), seedInput("staging"))
		assert.Nil(t, res)
		var e *apiproxygroup.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 400, e.StatusCode)
		assert.Equal(t, "bad_request", e.Code)
		assert.Equal(t, tc.msg, e.Message)
		assert.Equal(t, 1, e.Attempts, "a 400 is not retried")
		assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
		assert.ErrorIs(t, err, apiproxygroup.ErrInvalidRequest)
		assert.Equal(t, tc.forbidden, errors.Is(err, apiproxygroup.ErrForbidden))
		assert.Contains(t, err.Error(), tc.msg)
		assert.Contains(t, err.Error(), "apiproxygroup.Update: PUT /apiops/projects/MyProject/apiProxyGroups/")
		assert.NotContains(t, err.Error(), testToken)
	}
}

// Apinizer's newer envelope can say FAILURE with HTTP 200.
func TestFailureWithHTTP200IsAnError(t *testing.T) {
	srv, _ := server(t, []int{200}, `{"status":"FAILURE","resultMessage":"API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"}`)
	c := newClient(t, srv.URL)
	for name, call := range map[string]func() error{
		"Update": func() error { _, err := c.Update(context.Background(), seedInput("")); return err },
		"Delete": func() error { return c.Delete(context.Background(), "PaymentAPIGroup") },
		"List": func() error {
			for _, err := range c.List(context.Background(), nil) {
				return err
			}
			return nil
		},
		"Deploy": func() error {
			_, err := c.Deploy(context.Background(), "PaymentAPIGroup", "production", nil)
			return err
		},
	} {
		err := call()
		var e *apiproxygroup.Error
		require.ErrorAs(t, err, &e, name)
		assert.Equal(t, 200, e.StatusCode, name)
		assert.Equal(t, "FAILURE", e.Status, name)
		assert.ErrorIs(t, err, apiproxygroup.ErrNotFound, name)
		assert.ErrorIs(t, err, apiproxygroup.ErrForbidden, name)
	}
	// The older envelope's success false, too.
	srv, _ = server(t, []int{200}, `{"success":false,"error":"bad_request","error_description":"name value can not be empty!"}`)
	_, err := newClient(t, srv.URL).Create(context.Background(), seedInput(""))
	var e *apiproxygroup.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "name value can not be empty!", e.Message)
}

func TestBothEnvelopesDecode(t *testing.T) {
	for _, body := range []string{
		`{"status":"SUCCESS","resultList":[{"name":"PaymentAPIGroup","description":"Payment API Group","clientRoute":{"relativePathList":["/api/v1/payment"],"methodList":["GET","POST"],"hostList":["*.example.com"],"headerList":[{"name":"X-API-Version","value":"v1"}],"bufferRequest":true,"bufferResponse":false}}],"resultCount":1}`,
		`{"success":true,"resultList":[{"id":"5f1","name":"PaymentAPIGroup","description":"Payment API Group"}],"resultCount":1}`,
		`{"status":"SUCCESS","resultList":[{"name":"PaymentAPIGroup","relativePath":"/payment","relativePathEnabled":true,"directAccessToApiProxiesDisabled":true,"applySettingsToApiProxies":true}]}`,
	} {
		srv, _ := server(t, []int{200}, body)
		g, err := newClient(t, srv.URL).Get(context.Background(), "PaymentAPIGroup")
		require.NoError(t, err, body)
		assert.Equal(t, "PaymentAPIGroup", g.Name)
		switch {
		case g.ID != "":
			assert.Equal(t, "5f1", g.ID)
			assert.Nil(t, g.ClientRoute)
		case g.ClientRoute != nil:
			assert.Equal(t, &apiproxygroup.ClientRoute{
				RelativePaths:  []string{"/api/v1/payment"},
				Methods:        []apiproxygroup.Method{apiproxygroup.MethodGet, apiproxygroup.MethodPost},
				Hosts:          []string{"*.example.com"},
				Headers:        []apiproxygroup.Header{{Name: "X-API-Version", Value: "v1"}},
				BufferRequest:  apimgmt.Ptr(true),
				BufferResponse: apimgmt.Ptr(false),
			}, g.ClientRoute)
		default:
			assert.Equal(t, "/payment", g.RelativePath)
			assert.True(t, g.RelativePathEnabled && g.DirectAccessToAPIProxiesDisabled && g.ApplySettingsToAPIProxies)
		}
	}
}

// A deployment that failed on a pod, at any depth, gives the result and a
// *DeploymentError.
func TestDeploymentFailures(t *testing.T) {
	nested := `{"success":true,"deploymentResult":{"success":false,"responseTime":300,"detailList":[
		{"envName":"production","success":false,"detailList":[
			{"envName":"production","podName":"worker-abc123","podIp":"10.0.0.1","success":true,"responseTime":150},
			{"envName":"production","podName":"worker-def456","podIp":"10.0.0.2","success":false,"detail":"Connection\nrefused"}]},
		{"envName":"production","podName":"worker-ghi789","podIp":"10.0.0.3","success":false,"detail":"Timeout"}],
		"firstFromApiResultList":{"envName":"production","podName":"worker-ghi789","podIp":"10.0.0.3","success":false,"detail":"Timeout"}}}`
	srv, _ := server(t, []int{200}, nested)
	res, err := newClient(t, srv.URL).Update(context.Background(), seedInput("production"))
	require.Error(t, err)
	require.NotNil(t, res, "the saved group's result comes with the error")
	assert.Equal(t, "PaymentAPIGroup", res.Group.Name)
	require.NotNil(t, res.Deployment)
	assert.True(t, res.Deployment.Failed())
	assert.Len(t, res.Deployment.Details[0].Details, 2)

	assert.ErrorIs(t, err, apiproxygroup.ErrDeployment)
	var de *apiproxygroup.DeploymentError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.Saved)
	assert.Equal(t, "production", de.Environment)
	assert.Equal(t, []apiproxygroup.DeploymentFailure{
		{EnvName: "production", PodName: "worker-def456", PodIP: "10.0.0.2", Detail: "Connection refused"},
		{EnvName: "production", PodName: "worker-ghi789", PodIP: "10.0.0.3", Detail: "Timeout"},
	}, de.Failures, "innermost failures, each once, details cleaned")
	assert.Equal(t, "apiproxygroup.Update: the group was saved but the deployment to production failed "+
		"(2 failed: production/worker-def456 (10.0.0.2): Connection refused; production/worker-ghi789 (10.0.0.3): Timeout)", err.Error())
	var apiErr *apiproxygroup.Error
	assert.False(t, errors.As(err, &apiErr), "a deployment failure is not an HTTP error")
}

func TestDeploymentFailureEnvelopes(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		// The newer envelope's FAILURE next to a deployment outcome.
		{`{"status":"FAILURE","resultMessage":"Deployment failed on 1 pod","deploymentResult":{"success":false,"detailList":[{"envName":"production","podName":"p1","success":false}]}}`,
			"apiproxygroup.Deploy: the deployment to production failed: Deployment failed on 1 pod (1 failed: production/p1)"},
		// success false at the top, no pod named.
		{`{"success":false,"deploymentResult":{"success":false,"detail":"no gateway"}}`,
			"apiproxygroup.Deploy: the deployment to production failed (1 failed: deployment: no gateway)"},
		// An envelope that says FAILURE although every step succeeded.
		{`{"status":"failure","deploymentResult":{"success":true}}`,
			"apiproxygroup.Deploy: the deployment to production failed"},
	} {
		srv, _ := server(t, []int{200}, tc.body)
		res, err := newClient(t, srv.URL).Deploy(context.Background(), "PaymentAPIGroup", "production", nil)
		require.NotNil(t, res, tc.body)
		assert.Nil(t, res.Group)
		assert.NotNil(t, res.Deployment)
		assert.ErrorIs(t, err, apiproxygroup.ErrDeployment)
		assert.EqualError(t, err, tc.want)
	}
}

func TestDeployBody(t *testing.T) {
	srv, rec := server(t, []int{200}, `{"status":"SUCCESS","deploymentResult":{"success":true}}`)
	c := newClient(t, srv.URL)
	_, err := c.Deploy(context.Background(), "PaymentAPIGroup", "production", nil)
	require.NoError(t, err)
	_, err = c.Undeploy(context.Background(), "PaymentAPIGroup", "production", &apiproxygroup.DeployOptions{Description: "maintenance", Persistent: true})
	require.NoError(t, err)
	_, err = c.Deploy(context.Background(), "PaymentAPIGroup", "production", &apiproxygroup.DeployOptions{})
	require.NoError(t, err)

	reqs := rec.all()
	require.Len(t, reqs, 3)
	assert.Equal(t, http.MethodPost, reqs[0].method)
	assert.Equal(t, "/apiops/projects/MyProject/apiProxyGroups/PaymentAPIGroup/environments/production/", reqs[0].path)
	assert.Empty(t, reqs[0].body, "no options, no body")
	assert.Empty(t, reqs[0].header.Values("Content-Type"))
	assert.Equal(t, http.MethodDelete, reqs[1].method)
	assert.Equal(t, "application/json", reqs[1].header.Get("Content-Type"))
	assert.JSONEq(t, `{"description":"maintenance","persistent":true}`, string(reqs[1].body))
	assert.JSONEq(t, `{"persistent":false}`, string(reqs[2].body))
}

func TestPathEscapingAndRejection(t *testing.T) {
	srv, rec := server(t, []int{200}, `{"success":true}`)
	c, err := apiproxygroup.NewClient("My Project", apiproxygroup.WithEndpoint(srv.URL), apiproxygroup.WithToken(testToken))
	require.NoError(t, err)
	assert.Equal(t, "My Project", c.ProjectName())
	require.NoError(t, c.Delete(context.Background(), "Payment Group"))
	require.NoError(t, c.AddProxy(context.Background(), "Payment Group", "My API?#%"))
	reqs := rec.all()
	assert.Equal(t, "/apiops/projects/My%20Project/apiProxyGroups/Payment%20Group/", reqs[0].rawPath)
	assert.Equal(t, "/apiops/projects/My%20Project/apiProxyGroups/Payment%20Group/apiProxies/My%20API%3F%23%25/", reqs[1].rawPath)

	n := len(rec.all())
	for _, bad := range []string{"", ".", "..", "a/b", `a\b`, "a\nb"} {
		err := c.Delete(context.Background(), bad)
		assert.ErrorIs(t, err, apiproxygroup.ErrValidation, "%q", bad)
		err = c.AddProxy(context.Background(), "g", bad)
		assert.ErrorIs(t, err, apiproxygroup.ErrValidation, "%q", bad)
		_, err = c.Deploy(context.Background(), "g", bad, nil)
		assert.ErrorIs(t, err, apiproxygroup.ErrValidation, "%q", bad)
		_, err = c.Get(context.Background(), bad)
		assert.ErrorIs(t, err, apiproxygroup.ErrValidation, "%q", bad)
		_, err = apiproxygroup.NewClient(bad, apiproxygroup.WithEndpoint(srv.URL), apiproxygroup.WithToken(testToken))
		assert.ErrorIs(t, err, apiproxygroup.ErrValidation, "%q", bad)
	}
	_, err = c.DeployHistoryRecord(context.Background(), "g", -1)
	assert.ErrorIs(t, err, apiproxygroup.ErrValidation)
	assert.ErrorIs(t, c.DeleteDeployHistory(context.Background(), "..", 1), apiproxygroup.ErrValidation)
	_, err = c.Environments(context.Background(), ".")
	assert.ErrorIs(t, err, apiproxygroup.ErrValidation)
	_, err = c.DeployHistory(context.Background(), "")
	assert.ErrorIs(t, err, apiproxygroup.ErrValidation)
	assert.Equal(t, n, len(rec.all()), "nothing was sent")
}

func TestValidation(t *testing.T) {
	valid := func() apiproxygroup.GroupInput { return seedInput("") }
	cases := []struct {
		name   string
		mutate func(*apiproxygroup.GroupInput)
		want   []apiproxygroup.FieldError
	}{
		{"empty name", func(in *apiproxygroup.GroupInput) { in.Name = "" },
			[]apiproxygroup.FieldError{{Field: "name", Problem: "is required"}}},
		{"space in name", func(in *apiproxygroup.GroupInput) { in.Name = "Payment Group" },
			[]apiproxygroup.FieldError{{Field: "name", Problem: "must not contain spaces"}}},
		{"tab in name", func(in *apiproxygroup.GroupInput) { in.Name = "Payment\tGroup" },
			[]apiproxygroup.FieldError{{Field: "name", Problem: "must not contain spaces"}}},
		{"slash in name", func(in *apiproxygroup.GroupInput) { in.Name = "a/b" },
			[]apiproxygroup.FieldError{{Field: "name", Problem: "must not contain a slash"}}},
		{"control in name", func(in *apiproxygroup.GroupInput) { in.Name = "a\x00b" },
			[]apiproxygroup.FieldError{{Field: "name", Problem: "must not contain control characters"}}},
		{"no path", func(in *apiproxygroup.GroupInput) { in.ClientRoute.RelativePaths = nil },
			[]apiproxygroup.FieldError{{Field: "clientRoute.relativePathList", Problem: "needs at least one relative path"}}},
		{"short and relative paths", func(in *apiproxygroup.GroupInput) {
			in.ClientRoute.RelativePaths = []string{"/", "", "api", "/ok", "/a\nb"}
		}, []apiproxygroup.FieldError{
			{Field: "clientRoute.relativePathList[0]", Problem: "must have at least 2 characters"},
			{Field: "clientRoute.relativePathList[1]", Problem: "must have at least 2 characters"},
			{Field: "clientRoute.relativePathList[2]", Problem: "must start with /"},
			{Field: "clientRoute.relativePathList[4]", Problem: "must not contain control characters"},
		}},
		{"methods", func(in *apiproxygroup.GroupInput) {
			in.ClientRoute.Methods = []apiproxygroup.Method{"GET", "get", "CONNECT", "ALL"}
		}, []apiproxygroup.FieldError{
			{Field: "clientRoute.methodList[1]", Problem: "must be one of GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE, ALL"},
			{Field: "clientRoute.methodList[2]", Problem: "must be one of GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE, ALL"},
		}},
		{"hosts", func(in *apiproxygroup.GroupInput) { in.ClientRoute.Hosts = []string{"*.example.com", "", "a\r"} },
			[]apiproxygroup.FieldError{
				{Field: "clientRoute.hostList[1]", Problem: "must not be empty"},
				{Field: "clientRoute.hostList[2]", Problem: "must not contain control characters"},
			}},
		{"headers", func(in *apiproxygroup.GroupInput) {
			in.ClientRoute.Headers = []apiproxygroup.Header{{Name: "X-V", Value: "1"}, {Name: " ", Value: "x"}, {Name: "X\n"}}
		}, []apiproxygroup.FieldError{
			{Field: "clientRoute.headerList[1].name", Problem: "must not be empty"},
			{Field: "clientRoute.headerList[2].name", Problem: "must not contain control characters"},
		}},
		{"environment", func(in *apiproxygroup.GroupInput) { in.EnvironmentName = "prod\n" },
			[]apiproxygroup.FieldError{{Field: "environmentName", Problem: "must not contain control characters"}}},
	}
	srv, rec := server(t, []int{200}, `{"success":true}`)
	c := newClient(t, srv.URL)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.mutate(&in)
			for _, call := range []func() (*apiproxygroup.Result, error){
				func() (*apiproxygroup.Result, error) { return c.Create(context.Background(), in) },
				func() (*apiproxygroup.Result, error) { return c.Update(context.Background(), in) },
			} {
				res, err := call()
				assert.Nil(t, res)
				var ve *apiproxygroup.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, tc.want, ve.Fields)
			}
		})
	}
	assert.Empty(t, rec.all(), "nothing was sent")
	_, err := c.Create(context.Background(), valid())
	assert.NoError(t, err, "the valid input passes")
}

func TestManagerURLForms(t *testing.T) {
	srv, rec := server(t, []int{200}, `{"success":true}`)
	for _, ep := range []string{srv.URL, srv.URL + "/", srv.URL + "/apiops", srv.URL + "/apiops/"} {
		c := newClient(t, ep)
		assert.Equal(t, srv.URL+"/", c.BaseURL())
		require.NoError(t, c.Delete(context.Background(), "g"))
	}
	c := newClient(t, srv.URL+"/manager")
	require.NoError(t, c.Delete(context.Background(), "g"))
	c = newClient(t, srv.URL+"/my-apiops")
	require.NoError(t, c.Delete(context.Background(), "g"))
	var paths []string
	for _, r := range rec.all() {
		paths = append(paths, r.path)
	}
	assert.Equal(t, []string{
		"/apiops/projects/MyProject/apiProxyGroups/g/", "/apiops/projects/MyProject/apiProxyGroups/g/",
		"/apiops/projects/MyProject/apiProxyGroups/g/", "/apiops/projects/MyProject/apiProxyGroups/g/",
		"/manager/apiops/projects/MyProject/apiProxyGroups/g/",
		"/my-apiops/apiops/projects/MyProject/apiProxyGroups/g/",
	}, paths)
}

func TestNewClientErrors(t *testing.T) {
	for _, tc := range []struct {
		opts []apiproxygroup.Option
		want string
	}{
		{nil, "no Manager URL"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("https://a.example.com")}, "no credentials"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("ftp://a.example.com"), apiproxygroup.WithToken("t")}, "not an absolute http(s) URL"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("https://a"), apiproxygroup.WithToken("")}, "WithToken: empty token"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("https://a"), apiproxygroup.WithToken("t\r\nX: y")}, "line break"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("https://a"), apiproxygroup.WithPassword("u", "")}, "both required"},
		{[]apiproxygroup.Option{apiproxygroup.WithEndpoint("https://a"), apiproxygroup.WithTokenSource(nil)}, "nil token source"},
	} {
		_, err := apiproxygroup.NewClient("MyProject", tc.opts...)
		assert.ErrorContains(t, err, tc.want)
	}
}

func TestEnvCredentials(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	list := func() error {
		c, err := apiproxygroup.NewClient(srv.Project, apiproxygroup.WithEndpoint(srv.URL()), apiproxygroup.WithEnvCredentials())
		if err != nil {
			return err
		}
		for _, err := range c.List(context.Background(), nil) {
			return err
		}
		return nil
	}
	t.Setenv(apiproxygroup.EnvToken, apiproxygrouptest.Token)
	t.Setenv(apiproxygroup.EnvUsername, apiproxygrouptest.Username)
	t.Setenv(apiproxygroup.EnvPassword, apiproxygrouptest.Password)
	require.NoError(t, list())
	assert.Equal(t, 0, srv.TokensIssued(), "the token wins")

	t.Setenv(apiproxygroup.EnvToken, "")
	require.NoError(t, list())
	assert.Equal(t, 1, srv.TokensIssued())

	t.Setenv(apiproxygroup.EnvPassword, "")
	assert.ErrorContains(t, list(), "WithEnvCredentials: set APINIZER_TOKEN, or APINIZER_USERNAME and APINIZER_PASSWORD")
}
