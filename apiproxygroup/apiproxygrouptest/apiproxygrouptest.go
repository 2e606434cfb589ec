// Package apiproxygrouptest is an in-memory fake of the Apinizer Management
// API's API Proxy Group calls and its token endpoint, for testing code that
// uses package apiproxygroup without an Apinizer installation.
//
// The fake is stateful: one project with groups, environments and their
// gateway pods, member API proxies, deployments and deploy history, and
// issued tokens with expiry on a clock you can set. It answers with the
// vendor's documented messages, in either documented envelope (SetEnvelope),
// can send its errors with HTTP 200 as some servers do, makes deployments
// fail on chosen pods (FailDeployOn), and can inject faults: fail the next
// calls with a status and body, add latency, or drop the connection.
//
// It has the API every fake of this module has (see the root package apimgmt):
// NewServer, ClientOptions, NewClient, AddGroup, SetClock, FailNext with a
// Fault, Requests. A Fault's Op aims it at one operation, named after the
// apiproxygroup.Client method that sends it: "Create", "List" (Get reads
// through the list), "Update", "Delete", "Environments", "Deploy",
// "Undeploy", "AddProxy", "RemoveProxy", "DeployHistory",
// "DeployHistoryRecord", "DeleteDeployHistory", and "Token" for the token
// endpoint.
//
//	srv := apiproxygrouptest.NewServer()
//	defer srv.Close()
//	client, err := srv.NewClient() // apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
package apiproxygrouptest

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/fake/fakeopt"
)

// Fixed identities the fake accepts.
const (
	// Project is the one project the fake hosts.
	Project = "MyProject"
	// Token is a Personal API Access Token the fake accepts; it never
	// expires.
	Token = "fake-personal-api-access-token"
	// Username and Password are the user the token endpoint accepts.
	Username = "apiops-user"
	Password = "fake-password-do-not-use"
	// DefaultTokenLifetime is the lifetime of an issued token.
	DefaultTokenLifetime = time.Hour
)

// Envelope selects which of the two documented response envelopes the fake
// speaks.
type Envelope int

const (
	// EnvelopeStatus is the newer envelope: {"status": "SUCCESS", ...} and
	// errors {"status": "FAILURE", "resultMessage": "..."}.
	EnvelopeStatus Envelope = iota
	// EnvelopeSuccess is the older envelope, as in the seed documents:
	// {"success": true, ...} and errors {"error": "bad_request",
	// "error_description": "..."}.
	EnvelopeSuccess
)

// ExpiresIn selects how the token endpoint writes expires_in.
type ExpiresIn int

const (
	// ExpiresInSeconds writes the lifetime in seconds (3600).
	ExpiresInSeconds ExpiresIn = iota
	// ExpiresInEpochMillis writes the expiry time in Unix milliseconds, as
	// a legacy example does (1656505346947).
	ExpiresInEpochMillis
)

// Pod is a gateway pod of an environment.
type Pod struct {
	// Name is the pod name and IP its address, as deployment results
	// report them.
	Name, IP string
}

// Fault replaces the fake's answer to requests (see Server.FailNext). It is
// defined once for the four fakes, in the root package apimgmt, where go doc shows
// its fields: Op (the operation to aim at, by the names in the package doc),
// Status, Body and Header (the answer instead of the real one), Drop (close
// the connection), Commit (carry the request out first: an ambiguous
// failure), Delay, Match, Reset, CutAfter, Trickle and OnRequest.
type Fault = apimgmt.Fault

// Request is a request the fake received (see Server.Requests): its Op,
// Method, Path, RawPath, RawQuery, Host, Header and Body. It is defined once,
// in the root package apimgmt.
type Request = apimgmt.FakeRequest

// GroupState is what the fake holds for a group.
type GroupState struct {
	// Name and Description are the group's.
	Name, Description string
	// ClientRoute is the route as last saved, with the server's defaults
	// applied (bufferRequest and bufferResponse true when not sent).
	ClientRoute apiproxygroup.ClientRoute
	// Members are the member API proxies, sorted.
	Members []string
	// Deployed are the environments the group is deployed to, sorted.
	Deployed []string
}

// Server is a fake Apinizer Manager on a loopback address.
type Server struct {
	*fake.Server
	// Project is the project the fake hosts (the constant Project).
	Project string

	mu          sync.Mutex
	envelope    Envelope
	errors200   bool
	now         func() time.Time
	tokenLife   time.Duration
	expiresIn   ExpiresIn
	tokens      map[string]time.Time
	issued      int
	groups      map[string]*group
	order       []string
	envs        map[string]*environment
	envOrder    []string
	proxies     map[string]bool
	podFailures map[string]string
	nextGroupID int
}

type group struct {
	id          string
	name        string
	description string
	route       route
	members     map[string]bool
	deployments map[string]*deployment
	history     []record
	revision    int32
}

type deployment struct {
	deployed, redeployRequired bool
}

type environment struct {
	name, typ, accessURL string
	pods                 []Pod
}

type record struct {
	Revision    int32  `json:"revision"`
	Username    string `json:"username"`
	Date        string `json:"date"`
	Description string `json:"description"`
	Environment string `json:"environment"`
	Deploy      bool   `json:"deploy"`
	Persistent  bool   `json:"persistent"`
}

type header struct {
	Name  string  `json:"name"`
	Value *string `json:"value,omitempty"`
}

type route struct {
	RelativePathList []string `json:"relativePathList"`
	MethodList       []string `json:"methodList"`
	HostList         []string `json:"hostList"`
	HeaderList       []header `json:"headerList"`
	BufferRequest    *bool    `json:"bufferRequest"`
	BufferResponse   *bool    `json:"bufferResponse"`
}

// NewServer starts a fake with no groups, the API proxies "MyAPI" and
// "OrdersAPI", and two environments: "production" (PRODUCTION, pods
// worker-abc123 at 10.0.0.1 and worker-def456 at 10.0.0.2) and
// "development" (TEST, pod worker-dev001 at 10.0.1.1). Close it when done.
func NewServer() *Server {
	s := &Server{
		Project:     Project,
		now:         time.Now,
		tokenLife:   DefaultTokenLifetime,
		tokens:      map[string]time.Time{},
		groups:      map[string]*group{},
		envs:        map[string]*environment{},
		proxies:     map[string]bool{"MyAPI": true, "OrdersAPI": true},
		podFailures: map[string]string{},
	}
	s.addEnvLocked("production", "PRODUCTION", Pod{"worker-abc123", "10.0.0.1"}, Pod{"worker-def456", "10.0.0.2"})
	s.addEnvLocked("development", "TEST", Pod{"worker-dev001", "10.0.1.1"})
	s.Server = fake.NewServer(http.HandlerFunc(s.handle), s.authenticate, s.writeAuthError)
	s.Server.SetOperations(operation)
	return s
}

// operation names the apiproxygroup.Client method that sends r, for
// Fault.Op. Get reads through the list, so its request is a "List".
func operation(r *http.Request) string {
	if r.URL.Path == "/apiops/auth/token" {
		return "Token"
	}
	parts, ok := groupPath(r)
	if !ok {
		return ""
	}
	return groupOperation(r.Method, parts[2:])
}

// groupPath splits the path of a group call, /apiops/projects/{project}/
// apiProxyGroups/..., into its unescaped segments; every documented path
// ends with a slash.
func groupPath(r *http.Request) ([]string, bool) {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/apiops/projects/")
	if !ok || !strings.HasSuffix(rest, "/") {
		return nil, false
	}
	var parts []string
	for _, p := range strings.Split(strings.TrimSuffix(rest, "/"), "/") {
		u, err := url.PathUnescape(p)
		if err != nil {
			return nil, false
		}
		parts = append(parts, u)
	}
	if len(parts) < 2 || parts[1] != "apiProxyGroups" {
		return nil, false
	}
	return parts, true
}

// groupOperation names the operation of a group call with the segments p
// after apiProxyGroups, or returns "".
func groupOperation(method string, p []string) string {
	get, post, put, del := method == http.MethodGet, method == http.MethodPost, method == http.MethodPut, method == http.MethodDelete
	switch {
	case len(p) == 0 && get:
		return "List"
	case len(p) == 0 && post:
		return "Create"
	case len(p) == 0 && put:
		return "Update"
	case len(p) == 1 && del:
		return "Delete"
	case len(p) == 2 && p[1] == "environments" && get:
		return "Environments"
	case len(p) == 3 && p[1] == "environments" && post:
		return "Deploy"
	case len(p) == 3 && p[1] == "environments" && del:
		return "Undeploy"
	case len(p) == 3 && p[1] == "apiProxies" && post:
		return "AddProxy"
	case len(p) == 3 && p[1] == "apiProxies" && del:
		return "RemoveProxy"
	case len(p) == 2 && p[1] == "deploy-histories" && get:
		return "DeployHistory"
	case len(p) == 3 && p[1] == "deploy-histories" && get:
		return "DeployHistoryRecord"
	case len(p) == 3 && p[1] == "deploy-histories" && del:
		return "DeleteDeployHistory"
	}
	return ""
}

// ClientOptions returns the options that point an apiproxygroup.Client at
// the fake with the Personal API Access Token and fast retries.
func (s *Server) ClientOptions() []apiproxygroup.Option {
	return fakeopt.Endpoint(s.URL(), apiproxygroup.WithToken(Token))
}

// PasswordOptions are ClientOptions with the username and password, so the
// client fetches its tokens from the fake's token endpoint.
func (s *Server) PasswordOptions() []apiproxygroup.Option {
	return fakeopt.Endpoint(s.URL(), apiproxygroup.WithPassword(Username, Password))
}

// SetEnvelope selects the response envelope (EnvelopeStatus by default).
func (s *Server) SetEnvelope(e Envelope) {
	s.mu.Lock()
	s.envelope = e
	s.mu.Unlock()
}

// SetErrorsWithHTTP200 makes the fake send its 400 errors with HTTP 200
// (the FAILURE status, or success false, then being the only sign).
func (s *Server) SetErrorsWithHTTP200(on bool) {
	s.mu.Lock()
	s.errors200 = on
	s.mu.Unlock()
}

// SetClock sets the fake's clock (token expiry, deploy history dates;
// time.Now by default).
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	s.now = now
	s.mu.Unlock()
}

// SetTokenExpiry sets the lifetime of the tokens issued from now on and how
// expires_in is written.
func (s *Server) SetTokenExpiry(lifetime time.Duration, format ExpiresIn) {
	s.mu.Lock()
	s.tokenLife, s.expiresIn = lifetime, format
	s.mu.Unlock()
}

// ExpireTokens makes every token issued so far expired, as if revoked: the
// next call with one gets 401 "Token was expired!".
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	for tok := range s.tokens {
		s.tokens[tok] = time.Time{}
	}
	s.mu.Unlock()
}

// TokensIssued returns how many tokens the token endpoint has issued.
func (s *Server) TokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issued
}

// AddEnvironment adds (or replaces) an environment with its gateway pods.
// typ is PRODUCTION, SANDBOX or TEST.
func (s *Server) AddEnvironment(name, typ string, pods ...Pod) {
	s.mu.Lock()
	s.addEnvLocked(name, typ, pods...)
	s.mu.Unlock()
}

func (s *Server) addEnvLocked(name, typ string, pods ...Pod) {
	if _, ok := s.envs[name]; !ok {
		s.envOrder = append(s.envOrder, name)
	}
	s.envs[name] = &environment{name: name, typ: typ, accessURL: "https://" + name + ".gateway.example.com", pods: pods}
}

// AddAPIProxy adds an API proxy that groups can take as a member.
func (s *Server) AddAPIProxy(name string) {
	s.mu.Lock()
	s.proxies[name] = true
	s.mu.Unlock()
}

// NewClient returns an apiproxygroup.Client for the fake's project, with
// ClientOptions followed by opts.
func (s *Server) NewClient(opts ...apiproxygroup.Option) (*apiproxygroup.Client, error) {
	return apiproxygroup.NewClient(s.Project, append(s.ClientOptions(), opts...)...)
}

// AddGroup stores a group directly, without the checks of the API (the
// server's defaults applied: buffering on when not set), and returns it as
// Get would. in.EnvironmentName is ignored: Deploy deploys.
func (s *Server) AddGroup(in apiproxygroup.GroupInput) *apiproxygroup.Group {
	var r route
	if err := fake.Convert(in.ClientRoute, &r); err != nil {
		panic("apiproxygrouptest: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out apiproxygroup.Group
	if err := fake.Convert(s.itemLocked(s.putLocked(in.Name, in.Description, r)), &out); err != nil {
		panic("apiproxygrouptest: " + err.Error())
	}
	return &out
}

// FailDeployOn makes every deploy and undeploy to env fail on the named pod
// with detail, until ClearDeployFailures. The other pods succeed.
func (s *Server) FailDeployOn(env, pod, detail string) {
	s.mu.Lock()
	s.podFailures[env+"/"+pod] = detail
	s.mu.Unlock()
}

// ClearDeployFailures makes deployments succeed everywhere again.
func (s *Server) ClearDeployFailures() {
	s.mu.Lock()
	clear(s.podFailures)
	s.mu.Unlock()
}

// Group returns what the fake holds for the named group.
func (s *Server) Group(name string) (GroupState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[name]
	if !ok {
		return GroupState{}, false
	}
	st := GroupState{Name: g.name, Description: g.description, ClientRoute: g.route.public()}
	for m := range g.members {
		st.Members = append(st.Members, m)
	}
	for env, d := range g.deployments {
		if d.deployed {
			st.Deployed = append(st.Deployed, env)
		}
	}
	slices.Sort(st.Members)
	slices.Sort(st.Deployed)
	return st, true
}

// GroupCount returns how many groups the fake holds.
func (s *Server) GroupCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.groups)
}

func (r route) public() apiproxygroup.ClientRoute {
	out := apiproxygroup.ClientRoute{
		RelativePaths:  r.RelativePathList,
		Hosts:          r.HostList,
		BufferRequest:  r.BufferRequest,
		BufferResponse: r.BufferResponse,
	}
	for _, m := range r.MethodList {
		out.Methods = append(out.Methods, apiproxygroup.Method(m))
	}
	for _, h := range r.HeaderList {
		v := ""
		if h.Value != nil {
			v = *h.Value
		}
		out.Headers = append(out.Headers, apiproxygroup.Header{Name: h.Name, Value: v})
	}
	return out
}

// authenticate accepts the Personal API Access Token or an issued token
// that has not expired. The token endpoint needs no token.
func (s *Server) authenticate(r *http.Request, _ []byte) error {
	if r.URL.Path == "/apiops/auth/token" {
		return nil
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return authError("Empty Key! Client must be authenticated to access this resource.")
	}
	if tok == Token {
		return nil
	}
	s.mu.Lock()
	exp, issued := s.tokens[tok]
	now := s.now()
	s.mu.Unlock()
	switch {
	case !issued:
		return authError("Token is not valid!")
	case !now.Before(exp):
		return authError("Token was expired!")
	}
	return nil
}

type authError string

func (e authError) Error() string { return string(e) }

func (s *Server) writeAuthError(w http.ResponseWriter, status int, _, msg string) {
	s.mu.Lock()
	env := s.envelope
	s.mu.Unlock()
	if env == EnvelopeSuccess {
		fake.WriteJSON(w, status, map[string]any{"error": "unauthorized_client", "error_description": msg})
		return
	}
	fake.WriteJSON(w, status, map[string]any{"status": "FAILURE", "resultMessage": msg})
}

// token serves POST /apiops/auth/token (form-encoded client credentials).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		fake.WriteJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_request", "error_description": "Request body must be form-encoded!"})
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		fake.WriteJSON(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type", "error_description": "GrantType value must be client_credentials!"})
		return
	}
	if r.PostForm.Get("client_id") != Username || r.PostForm.Get("client_secret") != Password {
		fake.WriteJSON(w, http.StatusUnauthorized, map[string]any{"error": "unauthorized_client", "error_description": "Bad credentials"})
		return
	}
	s.mu.Lock()
	s.issued++
	tok := "fake-issued-token-" + strconv.Itoa(s.issued)
	now := s.now()
	exp := now.Add(s.tokenLife)
	s.tokens[tok] = exp
	var expiresIn int64
	if s.expiresIn == ExpiresInEpochMillis {
		expiresIn = exp.UnixMilli()
	} else {
		expiresIn = int64(s.tokenLife / time.Second)
	}
	s.mu.Unlock()
	fake.WriteJSON(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": expiresIn})
}

// handle routes /apiops/... requests. Every documented path ends with a
// slash; the form without it is answered 404 with an empty body.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/apiops/auth/token" {
		s.token(w, r)
		return
	}
	parts, ok := groupPath(r)
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	body := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if parts[0] != s.Project {
		s.fail(w, "Project("+parts[0]+") was not found or user does not have privilege to access it!")
		return
	}
	s.route(w, r, parts[2:], body)
}

// route serves one group call. s.mu is held.
func (s *Server) route(w http.ResponseWriter, r *http.Request, p []string, body []byte) {
	switch groupOperation(r.Method, p) {
	case "List":
		s.list(w)
	case "Create", "Update":
		s.save(w, r.Method == http.MethodPost, body)
	case "Delete":
		s.delete(w, p[0])
	case "Environments":
		s.environments(w, p[0])
	case "Deploy", "Undeploy":
		s.deploy(w, p[0], p[2], r.Method == http.MethodPost, body)
	case "AddProxy", "RemoveProxy":
		s.member(w, p[0], p[2], r.Method == http.MethodPost)
	case "DeployHistory":
		s.history(w, p[0], "")
	case "DeployHistoryRecord":
		s.history(w, p[0], p[2])
	case "DeleteDeployHistory":
		s.deleteHistory(w, p[0], p[2])
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// URL returns the fake's base URL (http://127.0.0.1:port).
func (s *Server) URL() string { return s.Server.URL() }

// Close shuts the fake down and waits for its handlers; in a test,
// t.Cleanup(srv.Close).
func (s *Server) Close() { s.Server.Close() }

// FailNext replaces the fake's answer to the next n requests of the
// operation f.Op (any operation when f.Op is empty; see the package doc for
// the names) with f: a status and the vendor's error body, a dropped
// connection, a delay, and with f.Commit the failure of a change that took
// effect. A fault that does not match a request stays for the next one.
func (s *Server) FailNext(n int, f Fault) { s.Server.FailNext(n, f) }

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.Server.ClearFaults() }

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.Server.SetLatency(d) }

// Requests returns a copy of every request the fake received so far.
func (s *Server) Requests() []Request { return s.Server.Requests() }

// LastRequest returns the most recent request, or a zero Request.
func (s *Server) LastRequest() Request { return s.Server.LastRequest() }

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.Server.ResetRequests() }

// Client returns a plain HTTP client for the fake (no credentials).
func (s *Server) Client() *http.Client { return s.Server.Client() }

// OpenConnections returns how many client connections to the fake are open
// (new, active or idle).
func (s *Server) OpenConnections() int { return s.Server.OpenConnections() }

// AwaitOpenConnections waits until OpenConnections is n, and returns the
// count it last saw and ctx.Err() if ctx ends first; a test that closed its
// connections waits here instead of sleeping.
func (s *Server) AwaitOpenConnections(ctx context.Context, n int) (int, error) {
	return s.Server.AwaitOpenConnections(ctx, n)
}
