// Package appgrouptest is an in-memory fake of the Huawei Cloud Workspace
// Application Streaming application-group calls, for testing code that uses
// package appgroup without a cloud account or a network.
//
// The fake is stateful: it keeps application groups and application server
// groups, and implements create, show, list (offset, limit and every filter),
// update (PATCH: only the fields sent change), delete and batch delete (both
// succeed for groups that are already gone, as the vendor documents) and the
// name check. It enforces the documented rules: names of 1 to 64 letters,
// digits, Chinese characters, _ and -; unique names; a server group can be
// bound only while none is bound; batch deletes of 1 to 20 IDs.
//
// It answers with the vendor's error body {"error_code", "error_msg"} and the
// codes below, checks every request's AK/SK signature (SDK-HMAC-SHA256) or
// IAM token (failures are HTTP 401 with the API gateway's APIGW.0301), and
// can inject faults: FailNext (a status and body, a delay, a dropped
// connection, a failure after the change took effect), SetLatency, and the
// recorded Requests.
//
// It has the API every fake of this module has (see the root package apimgmt):
// NewServer, ClientOptions, NewClient, AddGroup, SetClock, FailNext with a
// Fault, Requests. A Fault's Op aims it at one operation, named after the
// appgroup.Client method that sends it: "Create", "Get", "List", "Update",
// "Delete", "BatchDelete", "CheckName" and "DisassociateServerGroup".
//
//	srv := appgrouptest.NewServer()
//	defer srv.Close()
//	client, err := srv.NewClient() // appgroup.NewClient(srv.ClientOptions()...)
package appgrouptest

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/fake/fakeopt"
)

// Fixed identities the fake accepts.
const (
	AccessKey = "FAKEWORKSPACEAK00000"
	SecretKey = "fake-workspace-secret-do-not-use"
	ProjectID = "a4da8115c9d8464ead3a38309130523f"
	Token     = "fake-workspace-iam-token"
	// ServerGroupID is an application server group the fake starts with
	// (the ID from the vendor's example request), so groups can be bound
	// without AddServerGroup.
	ServerGroupID = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
)

// ExampleUpdateResponse is the vendor's example response to "Modifying an
// Application Group", byte for byte, for tests that decode it.
const ExampleUpdateResponse = `{
  "id" : "575772274859184145",
  "name" : "Open Test for the API for Modifying an Application Group",
  "app_server_group_id" : "d75cce49-413a-4102-8cfa-c4328f5cac6f",
  "description" : "AAAA",
  "authorization_type" : "APP_GROUP",
  "tenant_id" : "a4da8115c9d8464ead3a38309130523f",
  "create_at" : "2023-06-06T14:14:02.246Z"
}`

// Error codes the fake answers with. The codes for 400, 403, 405, 409 and
// 500 are the examples in the vendor's API definitions; the vendor documents
// no code for a missing application group, so CodeNotFound is the fake's
// own choice in the same family.
const (
	CodeEmptyRequest     = "WKS.0001"     // 400: the request body is empty
	CodeInvalidParameter = "WKS.00211102" // 400: a parameter is invalid
	CodeConflict         = "WKS.00211103" // 409: the name is taken, or a server group is already bound
	CodeNotFound         = "WKS.00211104" // 404: no such application group or server group
	CodeForbidden        = "WKS.00081102" // 403: another project's resources
	CodeMethodNotAllowed = "WKS.00000405" // 405: no such method on the resource
	CodeInternalError    = "WKS.00211401" // 500: use FailNext to inject one
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

// Server is a fake Workspace endpoint on a loopback address.
type Server struct {
	*fake.Server

	mu           sync.Mutex
	groups       fake.Store[*group]
	serverGroups fake.Store[*serverGroup]
	nextID       uint64
	now          func() time.Time
}

type group struct {
	id, name, description, serverGroupID string
	authorizationType, appType           string
	createdAt                            time.Time
	appCount                             int32
}

type serverGroup struct {
	id, name, description, appType string
}

// NewServer starts a fake with no application groups and one application
// server group (ServerGroupID). Close it when done.
func NewServer() *Server {
	s := &Server{nextID: 575772274859184145, now: time.Now}
	s.serverGroups.Put(ServerGroupID, &serverGroup{ServerGroupID, "fake-server-group", "Servers of the fake", string(appgroup.AppTypeCommon)})
	s.Server = fake.NewServer(http.HandlerFunc(s.handle), fake.HuaweiAuthenticator(s.credentials()), fake.WriteHuaweiError)
	s.Server.SetOperations(operation)
	return s
}

// operation names the appgroup.Client method that sends r, for Fault.Op
// and for the fake's own routing.
func operation(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/"+ProjectID+"/app-groups")
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		return ""
	}
	sub := strings.TrimPrefix(rest, "/")
	item := sub != "" && !strings.Contains(sub, "/")
	switch {
	case sub == "" && r.Method == http.MethodPost:
		return "Create"
	case sub == "" && r.Method == http.MethodGet:
		return "List"
	case sub == "batch-delete" && r.Method == http.MethodPost:
		return "BatchDelete"
	case sub == "rules/validate" && r.Method == http.MethodPost:
		return "CheckName"
	case sub == "actions/disassociate-app-group" && r.Method == http.MethodPost:
		return "DisassociateServerGroup"
	case item && r.Method == http.MethodGet:
		return "Get"
	case item && r.Method == http.MethodPatch:
		return "Update"
	case item && r.Method == http.MethodDelete:
		return "Delete"
	}
	return ""
}

func (s *Server) credentials() fake.HuaweiCredentials {
	return fake.HuaweiCredentials{AccessKey: AccessKey, SecretKey: SecretKey, ProjectID: ProjectID, Token: Token}
}

// ClientOptions returns the options that point an appgroup.Client at the
// fake with AK/SK credentials, the fake's project and fast retries.
func (s *Server) ClientOptions() []appgroup.Option {
	return fakeopt.Huawei(s.URL(), s.credentials())
}

// AddServerGroup adds an application server group that groups can be bound
// to.
func (s *Server) AddServerGroup(id, name, description string, appType appgroup.AppType) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serverGroups.Put(id, &serverGroup{id, name, description, string(appType)})
}

// NewClient returns an appgroup.Client for the fake's project, with
// ClientOptions followed by opts.
func (s *Server) NewClient(opts ...appgroup.Option) (*appgroup.Client, error) {
	return appgroup.NewClient(append(s.ClientOptions(), opts...)...)
}

// AddGroup stores an application group directly, without the checks of the
// API, and returns it as Get would. An AppServerGroupID in in binds that
// server group (added first with AddServerGroup, or ServerGroupID).
func (s *Server) AddGroup(in appgroup.CreateInput) *appgroup.Group {
	s.mu.Lock()
	id := s.addLocked(createBody{Name: &in.Name, AppServerGroupID: &in.AppServerGroupID, Description: &in.Description,
		AuthorizationType: (*string)(&in.AuthorizationType), AppType: (*string)(&in.AppType)}).id
	s.mu.Unlock()
	g, _ := s.Group(id)
	return g
}

// SetClock sets the fake's clock, which stamps create_at (time.Now by
// default).
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Group returns the stored group with the given ID, as Get would return it.
func (s *Server) Group(id string) (*appgroup.Group, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(id)
	if !ok {
		return nil, false
	}
	v := s.detail(g)
	return &appgroup.Group{
		ID: v.ID, Name: v.Name, AppServerGroupID: v.AppServerGroupID, AppServerGroupName: v.AppServerGroupName,
		AppServerGroupDescription: v.AppServerGroupDescription, Description: v.Description,
		AuthorizationType: appgroup.AuthorizationType(v.AuthorizationType), TenantID: v.TenantID,
		AppType: appgroup.AppType(v.AppType), CreatedAt: g.createdAt, AppCount: v.AppCount,
	}, true
}

// GroupCount returns how many application groups the fake holds.
func (s *Server) GroupCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.groups.Len()
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	project, rest, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/v1/"), "/")
	if !ok || !strings.HasPrefix(r.URL.Path, "/v1/") || (rest != "app-groups" && !strings.HasPrefix(rest, "app-groups/")) {
		fake.WriteHuaweiError(w, http.StatusNotFound, CodeNotFound, "The requested resource does not exist.")
		return
	}
	if project != ProjectID {
		fake.WriteHuaweiError(w, http.StatusForbidden, CodeForbidden, "User does not have permission to access this resource.")
		return
	}
	body, _ := io.ReadAll(r.Body)
	sub := strings.TrimPrefix(strings.TrimPrefix(rest, "app-groups"), "/")
	switch operation(r) {
	case "Create":
		s.create(w, body)
	case "List":
		s.list(w, r)
	case "BatchDelete":
		s.batchDelete(w, body)
	case "CheckName":
		s.checkName(w, body)
	case "DisassociateServerGroup":
		s.disassociate(w, r)
	case "Get":
		s.show(w, sub)
	case "Update":
		s.update(w, sub, body)
	case "Delete":
		s.delete(w, sub)
	default:
		fake.WriteHuaweiError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"The method specified in the request is not allowed for this resource.")
	}
}

// wireGroup is an application group on the wire.
type wireGroup struct {
	ID                        string `json:"id"`
	Name                      string `json:"name"`
	AppServerGroupID          string `json:"app_server_group_id,omitempty"`
	AppServerGroupName        string `json:"app_server_group_name,omitempty"`
	Description               string `json:"description,omitempty"`
	AuthorizationType         string `json:"authorization_type,omitempty"`
	TenantID                  string `json:"tenant_id,omitempty"`
	AppType                   string `json:"app_type,omitempty"`
	CreateAt                  string `json:"create_at,omitempty"`
	AppCount                  int32  `json:"app_count"`
	AppServerGroupDescription string `json:"app_server_group_description,omitempty"`
}

// createBody is the body of create; update takes the first three fields.
type createBody struct {
	Name              *string `json:"name"`
	AppServerGroupID  *string `json:"app_server_group_id"`
	Description       *string `json:"description"`
	AuthorizationType *string `json:"authorization_type"`
	AppType           *string `json:"app_type"`
}

var validName = regexp.MustCompile(`^[\x{4E00}-\x{9FFF}A-Za-z0-9_-]{1,64}$`)

func invalid(w http.ResponseWriter, what string) {
	fake.WriteHuaweiError(w, http.StatusBadRequest, CodeInvalidParameter, "The parameter is invalid: "+what+".")
}

func conflict(w http.ResponseWriter, msg string) {
	fake.WriteHuaweiError(w, http.StatusConflict, CodeConflict, msg)
}

// decode reads a JSON body, answering 400 for an empty or malformed one.
func decode(w http.ResponseWriter, body []byte, v any) bool {
	if len(strings.TrimSpace(string(body))) == 0 {
		fake.WriteHuaweiError(w, http.StatusBadRequest, CodeEmptyRequest, "The request message input by the interface is empty.")
		return false
	}
	if !fake.DecodeJSON(body, v) {
		invalid(w, "the request body is not valid JSON")
		return false
	}
	return true
}

// disassociate answers DisassociateAppGroup: every group bound to the
// server group is unbound; 200 whether or not any was (the state asked for
// holds either way), 400 without server_group_id, 404 for a server group
// the fake does not know.
func (s *Server) disassociate(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("server_group_id")
	if id == "" {
		invalid(w, "server_group_id is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.serverGroups.Get(id); !ok {
		fake.WriteHuaweiError(w, http.StatusNotFound, CodeNotFound, "The server group does not exist.")
		return
	}
	for _, g := range s.groups.Filter(func(_ string, g *group) bool { return g.serverGroupID == id }) {
		g.serverGroupID = ""
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) create(w http.ResponseWriter, body []byte) {
	var in createBody
	if !decode(w, body, &in) {
		return
	}
	switch {
	case in.Name == nil || !validName.MatchString(*in.Name):
		invalid(w, "name")
		return
	case in.AuthorizationType != nil && *in.AuthorizationType != string(appgroup.AuthorizationAppGroup):
		invalid(w, "authorization_type (only APP_GROUP is supported)")
		return
	case in.AppType != nil && *in.AppType != string(appgroup.AppTypeCommon) && *in.AppType != string(appgroup.AppTypeSessionDesktop):
		invalid(w, "app_type")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nameTakenLocked(*in.Name, "") {
		conflict(w, "The application group name already exists.")
		return
	}
	if in.AppServerGroupID != nil && !s.serverGroupKnownLocked(*in.AppServerGroupID) {
		serverGroupNotFound(w, *in.AppServerGroupID)
		return
	}
	fake.WriteJSON(w, http.StatusOK, s.view(s.addLocked(in)))
}

func (s *Server) addLocked(in createBody) *group {
	id := strconv.FormatUint(s.nextID, 10)
	s.nextID++
	g := &group{
		id: id, name: convert.Val(in.Name), description: convert.Val(in.Description), serverGroupID: convert.Val(in.AppServerGroupID),
		authorizationType: convert.Val(in.AuthorizationType), appType: convert.Val(in.AppType),
		createdAt: s.now().UTC().Truncate(time.Millisecond),
	}
	if g.authorizationType == "" {
		g.authorizationType = string(appgroup.AuthorizationAppGroup)
	}
	s.bindLocked(g, g.serverGroupID)
	s.groups.Put(id, g)
	return g
}

// bindLocked binds the server group id (if any) to g, taking its
// application type when g has none.
func (s *Server) bindLocked(g *group, id string) {
	if sg, ok := s.serverGroups.Get(id); ok {
		g.serverGroupID = id
		if g.appType == "" {
			g.appType = sg.appType
		}
	}
}

// serverGroupKnownLocked reports whether id is empty or a known server group.
func (s *Server) serverGroupKnownLocked(id string) bool {
	_, ok := s.serverGroups.Get(id)
	return id == "" || ok
}

func (s *Server) nameTakenLocked(name, exceptID string) bool {
	return s.groups.Any(func(id string, g *group) bool { return g.name == name && id != exceptID })
}

func (s *Server) view(g *group) wireGroup {
	v := wireGroup{
		ID: g.id, Name: g.name, AppServerGroupID: g.serverGroupID, Description: g.description,
		AuthorizationType: g.authorizationType, TenantID: ProjectID, AppType: g.appType,
		CreateAt: g.createdAt.Format("2006-01-02T15:04:05.000Z"), AppCount: g.appCount,
	}
	if sg, ok := s.serverGroups.Get(g.serverGroupID); ok {
		v.AppServerGroupName = sg.name
	}
	return v
}

func (s *Server) detail(g *group) wireGroup {
	v := s.view(g)
	if sg, ok := s.serverGroups.Get(g.serverGroupID); ok {
		v.AppServerGroupDescription = sg.description
	}
	return v
}

func groupNotFound(w http.ResponseWriter, id string) {
	fake.WriteHuaweiError(w, http.StatusNotFound, CodeNotFound, "The application group "+id+" does not exist.")
}

func serverGroupNotFound(w http.ResponseWriter, id string) {
	fake.WriteHuaweiError(w, http.StatusNotFound, CodeNotFound, "The server group "+id+" does not exist.")
}

func (s *Server) show(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.groups.Get(id); ok {
		fake.WriteJSON(w, http.StatusOK, s.detail(g))
		return
	}
	groupNotFound(w, id)
}

func (s *Server) update(w http.ResponseWriter, id string, body []byte) {
	var in createBody
	if !decode(w, body, &in) {
		return
	}
	if in.Name != nil && !validName.MatchString(*in.Name) {
		invalid(w, "name")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups.Get(id)
	switch {
	case !ok:
		groupNotFound(w, id)
		return
	case in.Name != nil && s.nameTakenLocked(*in.Name, id):
		conflict(w, "The application group name already exists.")
		return
	case in.AppServerGroupID != nil && g.serverGroupID != "" && *in.AppServerGroupID != g.serverGroupID:
		conflict(w, "A server group is already bound to the application group and cannot be changed.")
		return
	case in.AppServerGroupID != nil && !s.serverGroupKnownLocked(*in.AppServerGroupID):
		serverGroupNotFound(w, *in.AppServerGroupID)
		return
	}
	if in.Name != nil {
		g.name = *in.Name
	}
	if in.Description != nil {
		g.description = *in.Description
	}
	if in.AppServerGroupID != nil {
		s.bindLocked(g, *in.AppServerGroupID)
	}
	fake.WriteJSON(w, http.StatusOK, s.view(g))
}

func (s *Server) delete(w http.ResponseWriter, id string) {
	s.mu.Lock()
	s.groups.Delete(id) // a group that is gone is not an error
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (s *Server) batchDelete(w http.ResponseWriter, body []byte) {
	var in struct {
		IDs []string `json:"ids"`
	}
	if !decode(w, body, &in) {
		return
	}
	if len(in.IDs) < 1 || len(in.IDs) > 20 {
		invalid(w, "ids (1 to 20 entries)")
		return
	}
	for _, id := range in.IDs {
		if id == "" || len(id) > 128 {
			invalid(w, "ids (each 1 to 128 characters)")
			return
		}
	}
	s.mu.Lock()
	for _, id := range in.IDs {
		s.groups.Delete(id)
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (s *Server) checkName(w http.ResponseWriter, body []byte) {
	var in struct {
		Name *string `json:"name"`
	}
	if !decode(w, body, &in) {
		return
	}
	if in.Name == nil || *in.Name == "" || len([]rune(*in.Name)) > 2048 {
		invalid(w, "name")
		return
	}
	type result struct {
		Result bool   `json:"result"`
		Rule   string `json:"validate_rule,omitempty"`
	}
	s.mu.Lock()
	taken := s.nameTakenLocked(*in.Name, "")
	s.mu.Unlock()
	switch {
	case !validName.MatchString(*in.Name):
		fake.WriteJSON(w, http.StatusOK, result{false, string(appgroup.RuleNaming)})
	case taken:
		fake.WriteJSON(w, http.StatusOK, result{false, string(appgroup.RuleDuplicate)})
	default:
		fake.WriteJSON(w, http.StatusOK, result{Result: true})
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := fake.IntParam(q.Get("limit"), 10)
	if err != nil || limit < 1 || limit > 100 {
		invalid(w, "limit")
		return
	}
	offset, err := fake.IntParam(q.Get("offset"), 0)
	if err != nil || offset < 0 {
		invalid(w, "offset")
		return
	}
	filters := map[string]func(*group) string{
		"app_server_group_id": func(g *group) string { return g.serverGroupID },
		"app_group_id":        func(g *group) string { return g.id },
		"name":                func(g *group) string { return g.name },
		"authorization_type":  func(g *group) string { return g.authorizationType },
		"app_type":            func(g *group) string { return g.appType },
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	match := s.groups.Filter(func(_ string, g *group) bool {
		for key, field := range filters {
			if want := q.Get(key); want != "" && field(g) != want {
				return false
			}
		}
		return true
	})
	items := []wireGroup{}
	for _, g := range fake.Window(match, offset, limit) {
		items = append(items, s.view(g))
	}
	fake.WriteJSON(w, http.StatusOK, map[string]any{"count": len(match), "items": items})
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
