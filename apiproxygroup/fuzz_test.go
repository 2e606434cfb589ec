package apiproxygroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
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

func fzClient(t *testing.T, rt *fzTransport, project string) (*apiproxygroup.Client, error) {
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
		fzCheckDecoded(t, call, res != nil, err, envOK, body)
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
	fzCheckLine(t, call+": Error()", err.Error())
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
		fzCheckLine(t, call+": Error()", e.Error())
		return
	}
	fzCheckDecoded(t, call, gotValue, err, decodes, body)
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
		rt := &fzTransport{body: body, rid: fzHeaderValue(rid)}
		c, err := fzClient(t, rt, fzProject)
		if err != nil {
			t.Fatal(err)
		}

		// The pipeline fails a failure envelope (without a deployment
		// outcome) in a 200 before any call sees it.
		if fis := apierror.FailureInSuccess(apierror.Apinizer, http.StatusOK, http.Header{}, body); fis != nil {
			check := func(call string, gotValue bool, err error) {
				var e *apiproxygroup.Error
				if gotValue || !errors.As(err, &e) || !errors.Is(err, apiproxygroup.ErrInvalidRequest) || e.StatusCode != http.StatusOK {
					t.Fatalf("%s: %v (%T) for the failure envelope %q", call, err, err, body)
				}
				fzCheckLine(t, call+": Error()", e.Error())
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

		envOK := len(bytes.TrimSpace(body)) == 0 || json.Unmarshal(body, new(gen.Envelope)) == nil
		listOK := json.Unmarshal(body, new(gen.APIProxyGroupListEnvelope)) == nil
		envListOK := json.Unmarshal(body, new(gen.EnvironmentListEnvelope)) == nil
		histOK := json.Unmarshal(body, new(gen.DeployHistoryListEnvelope)) == nil

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
		for g, err := range c.List(ctx) {
			if (g == nil) == (err == nil) {
				t.Fatalf("List yielded %v, %v", g, err)
			}
			if err != nil {
				fzCheckDecoded(t, "List", false, err, listOK, body)
			}
		}
		envs, err := c.Environments(ctx, fzGroup)
		fzCheckDecoded(t, "Environments", envs != nil, err, envListOK, body)
		hist, err := c.DeployHistory(ctx, fzGroup)
		fzCheckDecoded(t, "DeployHistory", hist != nil, err, histOK, body)
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
		rt := &fzTransport{body: []byte(`{}`)}
		c, err := fzClient(t, rt, project)
		if err != nil {
			if len(rt.reqs) != 0 {
				t.Fatal("NewClient sent a request")
			}
			project = fzProject
			if c, err = fzClient(t, rt, project); err != nil {
				t.Fatal(err)
			}
		}
		groups := []string{"apiops", "projects", project, "apiProxyGroups", ""}
		group := func(rest ...string) []string {
			return append([]string{"apiops", "projects", project, "apiProxyGroups", name}, append(rest, "")...)
		}

		_, err = c.Get(ctx, name)
		fzOutcome(t, "Get", rt, err, apiproxygroup.ErrNotFound, func(r fzRequest) { fzCheckRequest(t, r, groups...) })
		err = c.Delete(ctx, name)
		fzOutcome(t, "Delete", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group()...) })
		err = c.AddProxy(ctx, name, proxy)
		fzOutcome(t, "AddProxy", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("apiProxies", proxy)...) })
		err = c.RemoveProxy(ctx, name, proxy)
		fzOutcome(t, "RemoveProxy", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("apiProxies", proxy)...) })
		_, err = c.Deploy(ctx, name, env, &apiproxygroup.DeployOptions{Description: description})
		fzOutcome(t, "Deploy", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("environments", env)...) })
		_, err = c.Undeploy(ctx, name, env, nil)
		fzOutcome(t, "Undeploy", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("environments", env)...) })
		_, err = c.Environments(ctx, name)
		fzOutcome(t, "Environments", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("environments")...) })
		_, err = c.DeployHistory(ctx, name)
		fzOutcome(t, "DeployHistory", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("deploy-histories")...) })
		rev := strconv.Itoa(int(revision))
		_, err = c.DeployHistoryRecord(ctx, name, revision)
		fzOutcome(t, "DeployHistoryRecord", rt, err, apiproxygroup.ErrNotFound, func(r fzRequest) {
			fzCheckRequest(t, r, group("deploy-histories", rev)...)
		})
		err = c.DeleteDeployHistory(ctx, name, revision)
		fzOutcome(t, "DeleteDeployHistory", rt, err, nil, func(r fzRequest) { fzCheckRequest(t, r, group("deploy-histories", rev)...) })

		in := apiproxygroup.GroupInput{Name: name, Description: description, EnvironmentName: env, ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths: []string{relPath}, Methods: []apiproxygroup.Method{apiproxygroup.Method(method)},
			Hosts: []string{host}, Headers: []apiproxygroup.Header{{Name: headerName, Value: headerValue}},
		}}
		checkSave := func(r fzRequest) {
			fzCheckRequest(t, r, groups...)
			var b struct {
				Name        string `json:"name"`
				ClientRoute struct {
					RelativePathList []string `json:"relativePathList"`
				} `json:"clientRoute"`
			}
			if err := json.Unmarshal(r.body, &b); err != nil {
				t.Fatalf("body %q: %v", r.body, err)
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
		fzOutcome(t, "Create", rt, err, nil, checkSave)
		_, err = c.Update(ctx, in)
		fzOutcome(t, "Update", rt, err, nil, checkSave)
	})
}

// fzOutcome checks one call: rejected input sent nothing and says which
// field; accepted input sent exactly one request, which check inspects. A
// call that was sent may fail only with okErr.
func fzOutcome(t *testing.T, call string, rt *fzTransport, err, okErr error, check func(fzRequest)) {
	t.Helper()
	sent := rt.reqs
	rt.reqs = nil
	if errors.Is(err, apiproxygroup.ErrValidation) {
		var ve *apiproxygroup.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) == 0 {
			t.Fatalf("%s: %v is not a *ValidationError naming a field", call, err)
		}
		if len(sent) != 0 {
			t.Fatalf("%s: rejected (%v) but sent %d requests", call, err, len(sent))
		}
		return
	}
	if err != nil && (okErr == nil || !errors.Is(err, okErr)) {
		t.Fatalf("%s: %v", call, err)
	}
	if len(sent) != 1 {
		t.Fatalf("%s: sent %d requests", call, len(sent))
	}
	check(sent[0])
}

// fzTransport answers every request with 200 and the same body, in memory,
// and records what was sent.
type fzTransport struct {
	body []byte
	rid  string
	reqs []fzRequest
}

type fzRequest struct {
	req  *http.Request
	body []byte
}

func (rt *fzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	rt.reqs = append(rt.reqs, fzRequest{req, b})
	h := http.Header{"Content-Type": {"application/json"}}
	if rt.rid != "" {
		h.Set("X-Request-Id", rt.rid)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(rt.body)), ContentLength: int64(len(rt.body)), Request: req,
	}, nil
}

// fzHeaderValue keeps what net/http lets through in a response header
// value: visible ASCII, space, tab and bytes 0x80-0xFF, trimmed.
func fzHeaderValue(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), " \t")
}

// fzCheckLine fails unless s is one non-empty line of valid UTF-8 without
// control characters.
func fzCheckLine(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		t.Fatalf("%s is not one clean line: %q", what, s)
	}
}

// fzCheckDecoded checks the outcome of a call whose 200 body was fuzzed:
// a value and no error when the generated model decodes the body, and
// otherwise no value and an *Error matching ErrMalformedResponse.
func fzCheckDecoded(t *testing.T, call string, gotValue bool, err error, decodes bool, body []byte) {
	t.Helper()
	switch {
	case err == nil && !gotValue:
		t.Fatalf("%s: neither a value nor an error", call)
	case err != nil && gotValue:
		t.Fatalf("%s: both a value and %v", call, err)
	case err == nil && !decodes:
		t.Fatalf("%s: decoded a body the generated model rejects: %q", call, body)
	case err == nil:
		return
	}
	var e *apiproxygroup.Error
	if !errors.As(err, &e) || !errors.Is(err, apiproxygroup.ErrMalformedResponse) {
		t.Fatalf("%s: %v (%T) is not an *Error matching ErrMalformedResponse", call, err, err)
	}
	if decodes {
		t.Fatalf("%s: %v for a body the generated model decodes: %q", call, err, body)
	}
	if e.StatusCode != http.StatusOK || len(e.Body) > apierror.MaxBodyCopy {
		t.Fatalf("%s: status %d, %d body bytes kept", call, e.StatusCode, len(e.Body))
	}
	fzCheckLine(t, call+": Error()", e.Error())
}

// fzCheckRequest checks a request that validation let through: it went to
// the endpoint, its path is exactly the expected segments (each input in
// one segment, escaped; no '/', "." or ".." of its own; no control
// characters), its query is escaped, and no header holds CR or LF.
func fzCheckRequest(t *testing.T, r fzRequest, want ...string) {
	t.Helper()
	u := r.req.URL
	if u.Host != fzHost || r.req.Host != "" && r.req.Host != fzHost {
		t.Fatalf("request went to %q", u.Host)
	}
	esc := u.EscapedPath()
	for i := 0; i < len(esc); i++ {
		if c := esc[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("path %q holds the unescaped byte %q", esc, c)
		}
	}
	segs := strings.Split(strings.TrimPrefix(esc, "/"), "/")
	if !strings.HasPrefix(esc, "/") || len(segs) != len(want) {
		t.Fatalf("path %q, want the segments %q", esc, want)
	}
	for i, s := range segs {
		un, err := url.PathUnescape(s)
		if err != nil || un != want[i] || un == "." || un == ".." || strings.ContainsFunc(un, unicode.IsControl) {
			t.Fatalf("path %q: segment %d is %q (%v), want %q", esc, i, un, err, want[i])
		}
	}
	for i := 0; i < len(u.RawQuery); i++ {
		if c := u.RawQuery[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("query %q holds the unescaped byte %q", u.RawQuery, c)
		}
	}
	for k, vs := range r.req.Header {
		for _, v := range append(vs, k) {
			if strings.ContainsAny(v, "\r\n") {
				t.Fatalf("header %q: %q holds CR or LF", k, v)
			}
		}
	}
}
