// Package apigrouptest is an in-memory fake of the Huawei Cloud APIG API
// group calls, for testing code that uses package apigroup without a cloud
// account or a network.
//
// The fake is stateful (create, show, list with offset/limit and filters,
// update, delete, name check), answers with the vendor's error bodies and codes
// (APIG.2012, APIG.1002, APIG.3001, APIG.3201, ...), checks every request's
// AK/SK signature or IAM token, and can inject faults: fail the next calls
// with a status, add latency, or drop the connection.
//
// It has the API every fake of this module has (see the root package apimgmt):
// NewServer, ClientOptions, NewClient, AddGroup, SetClock, FailNext with a
// Fault, Requests. A Fault's Op aims it at one operation, named after the
// apigroup.Client method that sends it: "Create", "Get", "List", "Update",
// "Delete" and "CheckName".
//
//	srv := apigrouptest.NewServer()
//	defer srv.Close()
//	client, err := srv.NewClient() // apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
package apigrouptest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/fake/fakeopt"
)

// Fixed identities the fake accepts.
const (
	AccessKey = "FAKEACCESSKEY0000000"
	SecretKey = "fake-secret-key-do-not-use"
	ProjectID = "0123456789abcdef0123456789abcdef"
	Token     = "fake-iam-token"
	// InstanceID is the one gateway instance the fake hosts.
	InstanceID = "fake-instance-1"
)

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

// Server is a fake APIG endpoint on a loopback address.
type Server struct {
	*fake.Server
	// InstanceID is the instance the fake hosts (the constant InstanceID).
	InstanceID string

	mu     sync.Mutex
	groups fake.Store[*group]
	now    func() time.Time
}

type group struct {
	ID, Name, Remark         string
	Status                   int32
	SLDomain                 string
	SLDomains                []string
	RegisterTime, UpdateTime time.Time
	Domains                  []map[string]any
}

// wireTime writes a time as the fake answers it: RFC 3339 in UTC, with the
// fractional seconds when there are any. The vendor's own SDK parses that
// (its layouts are RFC 3339 ones); the documentation's example
// "2020-07-31T06:55:55Z.866474185Z" is a form it cannot parse, so the fake
// never writes it.
func wireTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// NewServer starts a fake with no groups. Close it when done.
func NewServer() *Server {
	s := &Server{InstanceID: InstanceID, now: time.Now}
	creds := fake.HuaweiCredentials{AccessKey: AccessKey, SecretKey: SecretKey, ProjectID: ProjectID, Token: Token}
	s.Server = fake.NewServer(http.HandlerFunc(s.handle), fake.HuaweiAuthenticator(creds), writeAuthError)
	s.Server.SetOperations(operation)
	return s
}

// operation names the apigroup.Client method that sends r, for Fault.Op
// and for the fake's own routing.
func operation(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v2/"+ProjectID+"/apigw/instances/")
	if !ok {
		return ""
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 2 || parts[1] != "api-groups" || len(parts) > 3 {
		return ""
	}
	switch {
	case len(parts) == 3 && parts[2] == "check" && r.Method == http.MethodPost:
		return "CheckName"
	case len(parts) == 2 && r.Method == http.MethodPost:
		return "Create"
	case len(parts) == 2 && r.Method == http.MethodGet:
		return "List"
	case len(parts) == 3 && r.Method == http.MethodGet:
		return "Get"
	case len(parts) == 3 && r.Method == http.MethodPut:
		return "Update"
	case len(parts) == 3 && r.Method == http.MethodDelete:
		return "Delete"
	}
	return ""
}

// ClientOptions returns the options that point an apigroup.Client at the
// fake with AK/SK credentials and fast retries.
func (s *Server) ClientOptions() []apigroup.Option {
	return fakeopt.Huawei(s.URL(), fake.HuaweiCredentials{AccessKey: AccessKey, SecretKey: SecretKey, ProjectID: ProjectID})
}

// NewClient returns an apigroup.Client for the fake's instance, with
// ClientOptions followed by opts.
func (s *Server) NewClient(opts ...apigroup.Option) (*apigroup.Client, error) {
	return apigroup.NewClient(s.InstanceID, append(s.ClientOptions(), opts...)...)
}

// AddGroup stores a group directly, without the checks of the API, and
// returns it as Get would.
func (s *Server) AddGroup(in apigroup.CreateInput) *apigroup.Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.public(s.addLocked(in.Name, in.Remark))
}

// Group returns the stored group with the given ID, as Get would return it.
func (s *Server) Group(id string) (*apigroup.Group, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(id)
	if !ok {
		return nil, false
	}
	return s.public(g), true
}

// public returns g as the client decodes it. s.mu is held.
func (s *Server) public(g *group) *apigroup.Group {
	var out apigroup.Group
	if err := fake.Convert(s.view(g), &out); err != nil {
		panic("apigrouptest: " + err.Error())
	}
	return &out
}

// SetClock sets the fake's clock, which stamps register_time and
// update_time (time.Now by default).
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// BindDomain binds an independent domain name, with its certificates, to
// the group groupID, as the console would; the fake then answers it in the
// group's url_domains with the vendor's wire types (ssl_infos[].type an
// integer, 1 for a certificate of this instance and 2 for a global one). It
// reports false when there is no such group.
func (s *Server) BindDomain(groupID string, d apigroup.URLDomain) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(groupID)
	if !ok {
		return false
	}
	infos := make([]map[string]any, 0, len(d.SSLInfos))
	for _, c := range d.SSLInfos {
		infos = append(infos, map[string]any{
			"ssl_id": c.SSLID, "ssl_name": c.SSLName, "algorithm_type": string(c.AlgorithmType),
			"type": int32(c.Type), "is_has_trusted_root_ca": c.HasTrustedRootCA,
		})
	}
	g.Domains = append(g.Domains, map[string]any{
		"id": d.ID, "domain": d.Domain, "cname_status": int32(d.CNAMEStatus),
		"ssl_id": d.SSLID, "ssl_name": d.SSLName, "min_ssl_version": string(d.MinSSLVersion),
		"verified_client_certificate_enabled": d.VerifiedClientCertificateEnabled,
		"is_has_trusted_root_ca":              d.HasTrustedRootCA,
		"ingress_http_port":                   d.IngressHTTPPort, "ingress_https_port": d.IngressHTTPSPort,
		"ssl_infos": infos,
	})
	return true
}

func domains(d []map[string]any) []map[string]any {
	if d == nil {
		return []map[string]any{}
	}
	return d
}

// GroupCount returns how many groups the fake holds.
func (s *Server) GroupCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.groups.Len()
}

func writeAuthError(w http.ResponseWriter, status int, code, msg string) {
	if code == "" {
		code = "APIG.1002"
		if strings.HasPrefix(msg, "verify aksk") {
			code = "APIGW.0301"
		}
	}
	fake.WriteHuaweiError(w, status, code, msg)
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	prefix := "/v2/" + ProjectID + "/apigw/instances/"
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		fake.WriteHuaweiError(w, http.StatusNotFound, "APIG.0101", "The API does not exist or has not been published in the environment.")
		return
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 2 || parts[1] != "api-groups" || len(parts) > 3 {
		fake.WriteHuaweiError(w, http.StatusNotFound, "APIG.0101", "The API does not exist or has not been published in the environment.")
		return
	}
	if parts[0] != s.InstanceID {
		fake.WriteHuaweiError(w, http.StatusNotFound, "APIG.3030", "The instance does not exist;id:"+parts[0])
		return
	}
	body, _ := io.ReadAll(r.Body)
	id := ""
	if len(parts) == 3 {
		id = parts[2]
	}
	switch operation(r) {
	case "CheckName":
		s.check(w, body)
	case "Create":
		s.create(w, body)
	case "List":
		s.list(w, r)
	case "Get":
		s.show(w, id)
	case "Update":
		s.update(w, id, body)
	case "Delete":
		s.delete(w, id)
	default:
		fake.WriteHuaweiError(w, http.StatusMethodNotAllowed, "APIG.0101", "The API request method does not exist.")
	}
}

type input struct {
	Name   *string `json:"name"`
	Remark *string `json:"remark"`
}

func badParam(w http.ResponseWriter, name string) {
	fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.2012",
		"Invalid parameter value,parameterName:"+name+". Please refer to the support documentation")
}

func (s *Server) validate(w http.ResponseWriter, body []byte) (input, bool) {
	var in input
	if !fake.DecodeJSON(body, &in) {
		fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.2011", "Invalid parameter value,parameterName:body")
		return in, false
	}
	if in.Name == nil || !validName(*in.Name) {
		badParam(w, "name")
		return in, false
	}
	if in.Remark != nil && utf8.RuneCountInString(*in.Remark) > 1000 {
		badParam(w, "remark")
		return in, false
	}
	return in, true
}

func validName(n string) bool {
	c := utf8.RuneCountInString(n)
	if c < 3 || c > 255 {
		return false
	}
	for i, r := range n {
		ok := r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.Is(unicode.Han, r)
		if !ok && (i == 0 || !strings.ContainsRune("-_./():（）：、", r)) {
			return false
		}
	}
	return true
}

func (s *Server) create(w http.ResponseWriter, body []byte) {
	in, ok := s.validate(w, body)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nameTakenLocked(*in.Name, "") {
		fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.3201", "The API group name already exists")
		return
	}
	g := s.addLocked(*in.Name, deref(in.Remark))
	fake.WriteJSON(w, http.StatusCreated, s.view(g))
}

// check answers CheckApiGroupsV2: 204 for a free name, 400 APIG.3201 for a
// taken one, 400 APIG.2012 for a missing group_name.
func (s *Server) check(w http.ResponseWriter, body []byte) {
	var in struct {
		GroupName *string `json:"group_name"`
		RomaAppID *string `json:"roma_app_id"`
	}
	if !fake.DecodeJSON(body, &in) {
		fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.2011", "Invalid parameter value,parameterName:body")
		return
	}
	if in.GroupName == nil || *in.GroupName == "" {
		badParam(w, "group_name")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nameTakenLocked(*in.GroupName, "") {
		fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.3201", "The API group name already exists")
		return
	}
	w.Header().Set("X-Request-Id", "fake-request-id")
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) addLocked(name, remark string) *group {
	var b [16]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	ts := s.now().UTC()
	g := &group{
		ID: id, Name: name, Remark: remark, Status: 1,
		SLDomain:     id + ".apic.example.com",
		SLDomains:    []string{id + ".apic.example.com", id + ".apic.example.cn"},
		RegisterTime: ts, UpdateTime: ts,
	}
	s.groups.Put(id, g)
	return g
}

func (s *Server) nameTakenLocked(name, exceptID string) bool {
	return s.groups.Any(func(id string, g *group) bool { return g.Name == name && id != exceptID })
}

func (s *Server) view(g *group) map[string]any {
	return map[string]any{
		"id": g.ID, "name": g.Name, "remark": g.Remark, "status": g.Status,
		"sl_domain": g.SLDomain, "sl_domains": g.SLDomains,
		"register_time": wireTime(g.RegisterTime), "update_time": wireTime(g.UpdateTime),
		"on_sell_status": 2, "is_default": 2, "sl_domain_access_enabled": true,
		"url_domains": domains(g.Domains), "version": "V1",
	}
}

func notFound(w http.ResponseWriter, id string) {
	fake.WriteHuaweiError(w, http.StatusNotFound, "APIG.3001", "API group "+id+" does not exist")
}

func (s *Server) show(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(id)
	if !ok {
		notFound(w, id)
		return
	}
	fake.WriteJSON(w, http.StatusOK, s.view(g))
}

func (s *Server) update(w http.ResponseWriter, id string, body []byte) {
	in, ok := s.validate(w, body)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(id)
	if !ok {
		notFound(w, id)
		return
	}
	if s.nameTakenLocked(*in.Name, id) {
		fake.WriteHuaweiError(w, http.StatusBadRequest, "APIG.3201", "The API group name already exists")
		return
	}
	g.Name = *in.Name
	if in.Remark != nil {
		g.Remark = *in.Remark
	}
	g.UpdateTime = s.now().UTC()
	fake.WriteJSON(w, http.StatusOK, s.view(g))
}

func (s *Server) delete(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.groups.Delete(id) {
		notFound(w, id)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := fake.IntParam(q.Get("offset"), 0)
	if err != nil {
		badParam(w, "offset")
		return
	}
	limit, err := fake.IntParam(q.Get("limit"), 20)
	if err != nil {
		badParam(w, "limit")
		return
	}
	offset = max(offset, 0)
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 500)
	name, id, precise := q.Get("name"), q.Get("id"), q.Get("precise_search")
	s.mu.Lock()
	defer s.mu.Unlock()
	match := s.groups.Filter(func(_ string, g *group) bool {
		return (id == "" || g.ID == id) &&
			(name == "" || (precise == "name" && g.Name == name) || (precise != "name" && strings.Contains(g.Name, name)))
	})
	page := []map[string]any{}
	for _, g := range fake.Window(match, offset, limit) {
		page = append(page, s.view(g))
	}
	fake.WriteJSON(w, http.StatusOK, map[string]any{"total": len(match), "size": len(page), "groups": page})
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
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
