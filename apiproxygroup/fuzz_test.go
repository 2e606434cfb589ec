package apiproxygroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/fuzzcheck"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
)

// Fuzz targets for issue #7: every response model decoded from arbitrary
// bytes through the client's own path (pipeline with Apinizer's failure
// envelopes, generated client, mapping, deployment outcome), and the input
// validators driven through the public calls.

const (
	fzHost    = "apinizer.fuzz.example"
	fzProject = "MyProject"
	fzGroup   = "PaymentAPIGroup"
)

func fzClient(t *testing.T, rt *fuzzcheck.Transport, project string) (*apiproxygroup.Client, error) {
	t.Helper()
	return apiproxygroup.NewClient(project,
		apiproxygroup.WithEndpoint("https://"+fzHost),
		apiproxygroup.WithHTTPClient(&http.Client{Transport: rt}),
		apiproxygroup.WithToken("YOUR_TOKEN"))
}

func fzInput(env string) apiproxygroup.GroupInput {
	return apiproxygroup.GroupInput{Name: fzGroup, Description: "Updated Payment API Group", EnvironmentName: env,
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v2/payment"}, Methods: []apiproxygroup.Method{apiproxygroup.MethodGet}}}
}

// fzCheckResult checks a call that saves or deploys: with a body that
// decodes as an envelope, a result, alone or with a *DeploymentError;
// otherwise an *Error matching ErrMalformedResponse.
func fzCheckResult(t *testing.T, call string, res *apiproxygroup.Result, err error, envOK, saved bool, body []byte) {
	t.Helper()
	if !envOK || res == nil {
		fuzzcheck.CheckDecoded(t, call, res != nil, err, envOK, body)
		return
	}
	if (res.Group != nil) != saved {
		t.Fatalf("%s: Group = %v", call, res.Group)
	}
	if err == nil {
		if res.Deployment.Failed() {
			t.Fatalf("%s: a failed deployment without an error", call)
		}
		return
	}
	var de *apiproxygroup.DeploymentError
	if !errors.As(err, &de) || !errors.Is(err, apiproxygroup.ErrDeployment) || de.Saved != saved {
		t.Fatalf("%s: a result with %v (%T)", call, err, err)
	}
	fuzzcheck.CheckLine(t, call+": Error()", err.Error())
	if len(de.Failures) != len(res.Deployment.Failures()) {
		t.Fatalf("%s: %d failures, the result has %d", call, len(de.Failures), len(res.Deployment.Failures()))
	}
}

// fzCheckNotFound accepts a value, or an *Error matching ErrNotFound when
// the decoded list lacks what was asked for.
func fzCheckNotFound(t *testing.T, call string, gotValue bool, err error, decodes bool, body []byte) {
	t.Helper()
	if decodes && err != nil && !gotValue {
		var e *apiproxygroup.Error
		if !errors.As(err, &e) || !errors.Is(err, apiproxygroup.ErrNotFound) {
			t.Fatalf("%s: %v (%T) for a body that decodes", call, err, err)
		}
		fuzzcheck.CheckLine(t, call+": Error()", e.Error())
		return
	}
	fuzzcheck.CheckDecoded(t, call, gotValue, err, decodes, body)
}

// FuzzDecodeResponses decodes arbitrary 200 bodies as the answer to every
// call: the envelope and deployment outcome (Create, Update, Deploy,
// Undeploy), the group list (Get, List), the environments and the deploy
// history. A failure envelope must fail every call, as the pipeline says.
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range []string{
		`{"success": true}`,
		`{"success": true, "deploymentResult": {"success": true, "responseTime": 150, "detailList": [{"envName": "production", "podName": "worker-abc123", "podIp": "10.0.0.1", "success": true, "responseTime": 150}]}}`,
		`{"success":true,"deploymentResult":{"success":false,"responseTime":300,"detailList":[{"envName":"production","success":false,"detailList":[{"envName":"production","podName":"worker-def456","podIp":"10.0.0.2","success":false,"detail":"Connection\nrefused"}]}],"firstFromApiResultList":{"envName":"production","podName":"worker-ghi789","success":false,"detail":"Timeout"}}}`,
		`{"status":"FAILURE","resultMessage":"Deployment failed on 1 pod","deploymentResult":{"success":false,"detailList":[{"envName":"production","podName":"p1","success":false}]}}`,
		`{"status":"FAILURE","resultMessage":"API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"}`,
		`{"success":false,"error":"bad_request","error_description":"name value can not be empty!"}`,
		`{"status":"failure","deploymentResult":{"success":true}}`,
		`{"status":"SUCCESS","resultList":[{"name":"PaymentAPIGroup","description":"Payment API Group","clientRoute":{"relativePathList":["/api/v1/payment"],"methodList":["GET","POST"],"hostList":["*.example.com"],"headerList":[{"name":"X-API-Version","value":"v1"}],"bufferRequest":true,"bufferResponse":false}}],"resultCount":1}`,
		`{"success":true,"resultList":[{"id":"5f1","name":"PaymentAPIGroup","relativePath":"/payment","relativePathEnabled":true,"directAccessToApiProxiesDisabled":true,"applySettingsToApiProxies":true}]}`,
		`{"status":"SUCCESS","resultList":[{"name":"production","environmentName":"production","type":"PRODUCTION","status":"PUBLISHED","accessUrl":"https://gw.example.com","deployed":true,"redeployRequired":false}]}`,
		`{"status":"SUCCESS","resultList":[{"revision":1,"username":"admin","date":"2026-03-01T10:00:00Z","description":"Deployed by APIOPS Api","environment":"production","deploy":true,"persistent":false},{"revision":2,"date":"2026-03-01 10:00:00"}]}`,
		`{"resultList":[null,{}],"deploymentResult":null}`,
		`{"resultList":{}}`, `{"status":7}`, `{"deploymentResult":[]}`, ` `, ``, `[]`, `null`, `{`, "\xff",
	} {
		f.Add([]byte(b), "req-123")
	}
	f.Add([]byte(`{"resultList":1}`), "rid\twith tab \x80")
	f.Fuzz(func(t *testing.T, body []byte, rid string) {
		ctx := context.Background()
		_, c := fuzzcheck.DecodeClient(t, body, rid, func(rt *fuzzcheck.Transport) (*apiproxygroup.Client, error) { return fzClient(t, rt, fzProject) })

		// The pipeline fails a failure envelope (without a deployment
		// outcome) in a 200 before any call sees it.
		if fis := apierror.FailureInSuccess(apierror.Apinizer, http.StatusOK, http.Header{}, body); fis != nil {
			check := func(call string, gotValue bool, err error) {
				var e *apiproxygroup.Error
				if gotValue || !errors.As(err, &e) || !errors.Is(err, apiproxygroup.ErrInvalidRequest) || e.StatusCode != http.StatusOK {
					t.Fatalf("%s: %v (%T) for the failure envelope %q", call, err, err, body)
				}
				fuzzcheck.CheckLine(t, call+": Error()", e.Error())
			}
			res, err := c.Update(ctx, fzInput(""))
			check("Update", res != nil, err)
			g, err := c.Get(ctx, fzGroup)
			check("Get", g != nil, err)
			check("Delete", false, c.Delete(ctx, fzGroup))
			envs, err := c.Environments(ctx, fzGroup)
			check("Environments", envs != nil, err)
			return
		}

		envOK := len(bytes.TrimSpace(body)) == 0 || fuzzcheck.Object[gen.Envelope](body)
		listOK := fuzzcheck.Object[gen.APIProxyGroupListEnvelope](body)
		envListOK := fuzzcheck.Object[gen.EnvironmentListEnvelope](body)
		histOK := fuzzcheck.Object[gen.DeployHistoryListEnvelope](body)

		res, err := c.Create(ctx, fzInput("production"))
		fzCheckResult(t, "Create", res, err, envOK, true, body)
		res, err = c.Update(ctx, fzInput(""))
		fzCheckResult(t, "Update", res, err, envOK, true, body)
		res, err = c.Deploy(ctx, fzGroup, "production", &apiproxygroup.DeployOptions{Description: "d", Persistent: true})
		fzCheckResult(t, "Deploy", res, err, envOK, false, body)
		res, err = c.Undeploy(ctx, fzGroup, "production", nil)
		fzCheckResult(t, "Undeploy", res, err, envOK, false, body)

		g, err := c.Get(ctx, fzGroup)
		fzCheckNotFound(t, "Get", g != nil, err, listOK, body)
		if g != nil && g.Name != fzGroup {
			t.Fatalf("Get returned %q", g.Name)
		}
		for g, err := range c.List(ctx, nil) {
			if (g == nil) == (err == nil) {
				t.Fatalf("List yielded %v, %v", g, err)
			}
			if err != nil {
				fuzzcheck.CheckDecoded(t, "List", false, err, listOK, body)
			}
		}
		envs, err := c.Environments(ctx, fzGroup)
		fuzzcheck.CheckDecoded(t, "Environments", envs != nil, err, envListOK, body)
		hist, err := c.DeployHistory(ctx, fzGroup)
		fuzzcheck.CheckDecoded(t, "DeployHistory", hist != nil, err, histOK, body)
		rec, err := c.DeployHistoryRecord(ctx, fzGroup, 1)
		fzCheckNotFound(t, "DeployHistoryRecord", rec != nil, err, histOK, body)

		for call, err := range map[string]error{
			"Delete":              c.Delete(ctx, fzGroup),
			"AddProxy":            c.AddProxy(ctx, fzGroup, "orders"),
			"RemoveProxy":         c.RemoveProxy(ctx, fzGroup, "orders"),
			"DeleteDeployHistory": c.DeleteDeployHistory(ctx, fzGroup, 1),
		} {
			if err != nil {
				t.Fatalf("%s: a 200 without a failure envelope is success: %v", call, err)
			}
		}
	})
}

// FuzzValidation drives every call with arbitrary names, paths, methods,
// hosts, headers and revisions.
func FuzzValidation(f *testing.F) {
	f.Add(fzProject, fzGroup, "orders", "production", "Updated Payment API Group", "/api/v2/payment", "GET", "*.example.com", "X-API-Version", "v1", int32(1))
	f.Add("My Project", "..", ".", "", "", "/", "get", "", " ", "", int32(-1))
	f.Add("p/q", "a/b", "x\\y", "env\r\nX-Injected: 1", "d\x00", "api/v1", "ALL", "host\n", "X-A\r\nB", "v\r\n", int32(0))
	f.Add("p", "Payment API", "pr%2Fxy", "staging?x#y", "", "//", "TRACE", "example.*", "h", "", int32(2147483647))
	f.Add(fzProject, "\xff", "\xfe", "é", "\xff", "/\xff", "PATCH", "\xff", "\xff", "\xff", int32(3))
	f.Fuzz(func(t *testing.T, project, name, proxy, env, description, relPath, method, host, headerName, headerValue string, revision int32) {
		ctx := context.Background()
		rt := &fuzzcheck.Transport{Body: []byte(`{}`)}
		c := fuzzcheck.ValidationClient(t, rt, func() (*apiproxygroup.Client, error) { return fzClient(t, rt, project) }, func() { project = fzProject })
		groups := []string{"apiops", "projects", project, "apiProxyGroups", ""}
		group := func(rest ...string) []string {
			return append([]string{"apiops", "projects", project, "apiProxyGroups", name}, append(rest, "")...)
		}

		_, err := c.Get(ctx, name)
		fuzzcheck.Outcome(t, "Get", rt, err, apiproxygroup.ErrNotFound, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, groups...) })
		err = c.Delete(ctx, name)
		fuzzcheck.Outcome(t, "Delete", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group()...) })
		err = c.AddProxy(ctx, name, proxy)
		fuzzcheck.Outcome(t, "AddProxy", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("apiProxies", proxy)...) })
		err = c.RemoveProxy(ctx, name, proxy)
		fuzzcheck.Outcome(t, "RemoveProxy", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("apiProxies", proxy)...) })
		_, err = c.Deploy(ctx, name, env, &apiproxygroup.DeployOptions{Description: description})
		fuzzcheck.Outcome(t, "Deploy", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("environments", env)...) })
		_, err = c.Undeploy(ctx, name, env, nil)
		fuzzcheck.Outcome(t, "Undeploy", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("environments", env)...) })
		_, err = c.Environments(ctx, name)
		fuzzcheck.Outcome(t, "Environments", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("environments")...) })
		_, err = c.DeployHistory(ctx, name)
		fuzzcheck.Outcome(t, "DeployHistory", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("deploy-histories")...) })
		rev := strconv.Itoa(int(revision))
		_, err = c.DeployHistoryRecord(ctx, name, revision)
		fuzzcheck.Outcome(t, "DeployHistoryRecord", rt, err, apiproxygroup.ErrNotFound, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, group("deploy-histories", rev)...)
		})
		err = c.DeleteDeployHistory(ctx, name, revision)
		fuzzcheck.Outcome(t, "DeleteDeployHistory", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, group("deploy-histories", rev)...) })

		in := apiproxygroup.GroupInput{Name: name, Description: description, EnvironmentName: env, ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths: []string{relPath}, Methods: []apiproxygroup.Method{apiproxygroup.Method(method)},
			Hosts: []string{host}, Headers: []apiproxygroup.Header{{Name: headerName, Value: headerValue}},
		}}
		checkSave := func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, groups...)
			var b struct {
				Name        string `json:"name"`
				ClientRoute struct {
					RelativePathList []string `json:"relativePathList"`
				} `json:"clientRoute"`
			}
			if err := json.Unmarshal(r.Body, &b); err != nil {
				t.Fatalf("body %q: %v", r.Body, err)
			}
			if b.Name != name || name == "" || strings.ContainsFunc(name, unicode.IsSpace) || strings.ContainsAny(name, "/\\") {
				t.Fatalf("sent the name %q for %q", b.Name, name)
			}
			if len(relPath) < apiproxygroup.MinRelativePathLen || relPath[0] != '/' {
				t.Fatalf("sent the relative path %q", relPath)
			}
			if !apiproxygroup.Method(method).Valid() || strings.TrimSpace(headerName) == "" || host == "" {
				t.Fatalf("sent the method %q, header %q, host %q", method, headerName, host)
			}
		}
		_, err = c.Create(ctx, in)
		fuzzcheck.Outcome(t, "Create", rt, err, nil, checkSave)
		_, err = c.Update(ctx, in)
		fuzzcheck.Outcome(t, "Update", rt, err, nil, checkSave)
	})
}
