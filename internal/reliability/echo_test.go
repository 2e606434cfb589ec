package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
)

// echoServer stands for a server or proxy that echoes the request it got
// (method, URL with its query, every header, the body) into its error
// answers: in every text field of the body's shape, in Google's details, in
// the X-Request-Id header. With tokenOK, it grants the Apinizer token
// request instead of echoing it.
type echoServer struct {
	srv     *httptest.Server
	shape   string
	status  int
	tokenOK bool

	mu   sync.Mutex
	seen []*http.Request
	body [][]byte
}

// echoShapes are the error bodies the echo takes: each vendor's dialect, a
// generic {code, message}, plain text and HTML, an Apinizer FAILURE
// envelope in a 200, and a 200 that is not JSON.
var echoShapes = []string{"huawei", "apinizer", "apinizer envelope", "google", "generic", "text", "html", "failure in 200", "malformed 200"}

func newEchoServer(t *testing.T, shape string, tokenOK bool) *echoServer {
	t.Helper()
	e := &echoServer{shape: shape, status: http.StatusServiceUnavailable, tokenOK: tokenOK}
	e.srv = httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *echoServer) serve(w http.ResponseWriter, r *http.Request) {
	body := make([]byte, 0, 512)
	buf := make([]byte, 512)
	for {
		n, err := r.Body.Read(buf)
		body = append(body, buf[:n]...)
		if err != nil {
			break
		}
	}
	e.mu.Lock()
	e.seen = append(e.seen, r.Clone(context.Background()))
	e.body = append(e.body, body)
	e.mu.Unlock()
	if e.tokenOK && strings.HasSuffix(r.URL.Path, "/auth/token") {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprint(w, `{"access_token":"reliability-granted-token-5d1e","token_type":"bearer","expires_in":3600}`)
		return
	}

	// The whole request, as a proxy's debug page would show it.
	var dump strings.Builder
	fmt.Fprintf(&dump, "%s %s %s\n", r.Method, r.URL.RequestURI(), r.Proto)
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	var oneLine []string
	for _, k := range names {
		for _, v := range r.Header[k] {
			fmt.Fprintf(&dump, "%s: %s\n", k, v)
			oneLine = append(oneLine, k+"="+v)
		}
	}
	dump.WriteString("\n")
	dump.Write(body)
	d := dump.String()
	q, _ := json.Marshal(d)
	s := string(q)
	w.Header().Set("X-Request-Id", strings.Join(oneLine, "; "))

	status := e.status
	var out string
	switch e.shape {
	case "huawei":
		out = `{"error_code":` + s + `,"error_msg":` + s + `,"request_id":` + s + `}`
	case "apinizer":
		out = `{"error":` + s + `,"error_description":` + s + `}`
	case "apinizer envelope":
		out = `{"status":"FAILURE","resultMessage":` + s + `,"message":` + s + `}`
	case "google":
		out = `{"error":{"code":503,"message":` + s + `,"status":` + s + `,"details":[` +
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":` + s + `,"domain":` + s + `,"metadata":{"request":` + s + `}},` +
			`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":` + s + `,"servingData":` + s + `},` +
			`{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":` + s + `}]}}`
	case "generic":
		out = `{"code":` + s + `,"message":` + s + `}`
	case "text":
		w.Header().Set("Content-Type", "text/plain")
		out = strings.ReplaceAll(d, "\n", " ")
	case "html":
		w.Header().Set("Content-Type", "text/html")
		out = "<html><head><title>" + strings.ReplaceAll(d, "\n", " ") + "</title></head><body><pre>" + d + "</pre></body></html>"
	case "failure in 200":
		status = http.StatusOK
		out = `{"status":"FAILURE","resultMessage":` + s + `,"error":` + s + `,"error_description":` + s + `}`
	case "malformed 200":
		status = http.StatusOK
		out = "not JSON: " + strings.ReplaceAll(d, "\n", " ")
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = fmt.Fprint(w, out)
}

// secrets returns every credential the server saw: the values of the
// credential headers whole and in parts (bearer token, AK/SK access key
// and signature), the token request form's secrets, plus the configured
// values given.
func (e *echoServer) secrets(configured ...string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := slices.Clone(configured)
	for i, r := range e.seen {
		for _, h := range []string{"Authorization", "X-Auth-Token", "X-Security-Token"} {
			for _, v := range r.Header.Values(h) {
				s = append(s, v)
				if tok, ok := strings.CutPrefix(v, "Bearer "); ok {
					s = append(s, tok)
				}
				for _, p := range strings.Split(v, ",") {
					if _, val, ok := strings.Cut(strings.TrimSpace(p), "="); ok && !strings.Contains(p, "SignedHeaders") {
						s = append(s, val)
					}
				}
			}
		}
		if form, err := url.ParseQuery(string(e.body[i])); err == nil {
			s = append(s, form["client_secret"]...)
			s = append(s, form["password"]...)
		}
	}
	s = slices.DeleteFunc(s, func(v string) bool { return len(v) < 8 })
	slices.Sort(s)
	return slices.Compact(s)
}

// fieldTexts returns every piece of server text kept by the *Errors in
// err's chain.
func fieldTexts(err error) []string {
	var out []string
	for e := range chain(err) {
		ae, ok := e.(*apierror.Error)
		if !ok {
			continue
		}
		out = append(out, ae.Message, ae.Code, ae.Status, ae.Domain, ae.RequestID, string(ae.Body))
		for _, d := range ae.Details {
			out = append(out, d.Type, string(d.Raw))
		}
	}
	return out
}

// TestEchoedCredentialsAreRedacted: a server or proxy that echoes the
// request into its error answer (every header, the body, the query) makes
// no credential show in the error (Error(), %v %+v %#v %s %q, its chain,
// Message, Code, Status, Domain, RequestID, Body, Details) or in the debug
// log, for every service, every credential kind and every shape of error
// answer; for the Apinizer password grant, both when the token endpoint
// itself echoes and when the call does.
func TestEchoedCredentialsAreRedacted(t *testing.T) {
	var calls atomic.Int32
	configured := []string{"RELIABILITYAK0000000", "reliability-sk", "reliability-sts", "reliability-iam-token",
		"reliability-iam-token-func", "reliability-personal-token", "reliability-password", "reliability-oauth-token-source",
		"reliability-access-token", "reliability-granted-token-5d1e"}
	for _, svc := range serviceNames {
		kinds := credentialOptions(&calls)[svc]
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, kind := range names {
			tokenModes := []bool{false}
			if kind == "password" {
				tokenModes = []bool{false, true}
			}
			for _, tokenOK := range tokenModes {
				for _, shape := range echoShapes {
					if shape == "failure in 200" && svc != svcAPIProxyGroup {
						continue // a success elsewhere
					}
					name := svc + "/" + kind + "/" + shape
					if kind == "password" && !tokenOK {
						name = svc + "/" + kind + " (token endpoint echoes)/" + shape
					}
					t.Run(name, func(t *testing.T) {
						echo := newEchoServer(t, shape, tokenOK)
						logs := &logBuffer{}
						opts := append(slices.Clone(kinds[kind]), clientopt.WithLogger(logger(logs)))
						call, err := newClient(svc, echo.srv.URL, echo.srv.Client(), opts...)
						require.NoError(t, err)
						err = call(context.Background())
						require.Error(t, err, "the echo is an error answer")
						secrets := echo.secrets(configured...)
						require.NotEmpty(t, secrets)
						all := append(texts(nil, err, nil, logs.String()), fieldTexts(err)...)
						assert.Empty(t, sightings(secrets, all))
						if joined := strings.Join(all, "\n"); strings.Contains(joined, "client_secret=") || strings.Contains(joined, "Authorization") {
							assert.Contains(t, joined, apierror.Redacted, "a credential of the echo was kept, redacted")
						}
					})
				}
			}
		}
	}
}
