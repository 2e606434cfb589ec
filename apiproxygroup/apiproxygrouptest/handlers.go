package apiproxygrouptest

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// responseTime is the response time the fake reports for every step, in
// milliseconds.
const responseTime = 150

func readBody(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}

// reply writes a success envelope carrying fields. s.mu is held.
func (s *Server) reply(w http.ResponseWriter, fields map[string]any) {
	if fields == nil {
		fields = map[string]any{}
	}
	if s.envelope == EnvelopeSuccess {
		fields["success"] = true
	} else {
		fields["status"] = "SUCCESS"
	}
	fake.WriteJSON(w, http.StatusOK, fields)
}

// fail writes the vendor's 400 error (or the same body with HTTP 200). s.mu
// is held.
func (s *Server) fail(w http.ResponseWriter, msg string) {
	status := http.StatusBadRequest
	if s.errors200 {
		status = http.StatusOK
	}
	if s.envelope == EnvelopeSuccess {
		body := map[string]any{"error": "bad_request", "error_description": msg}
		if s.errors200 {
			body["success"] = false
		}
		fake.WriteJSON(w, status, body)
		return
	}
	fake.WriteJSON(w, status, map[string]any{"status": "FAILURE", "resultMessage": msg})
}

func (s *Server) groupNotFound(w http.ResponseWriter, name string) {
	s.fail(w, "API Proxy Group ("+name+") is not found or user does not have privilege to access it!")
}

// groupLocked returns the named group, or answers not found.
func (s *Server) groupLocked(w http.ResponseWriter, name string) (*group, bool) {
	g, ok := s.groups[name]
	if !ok {
		s.groupNotFound(w, name)
	}
	return g, ok
}

func (s *Server) list(w http.ResponseWriter) {
	items := []map[string]any{}
	for _, name := range s.order {
		items = append(items, s.itemLocked(s.groups[name]))
	}
	s.reply(w, map[string]any{"resultList": items, "resultCount": len(items)})
}

// itemLocked returns g as the list answers it in the current envelope.
func (s *Server) itemLocked(g *group) map[string]any {
	item := map[string]any{"name": g.name, "description": g.description}
	if s.envelope == EnvelopeSuccess {
		item["id"] = g.id
	} else {
		item["clientRoute"] = g.route
	}
	return item
}

type groupBody struct {
	Name            *string `json:"name"`
	Description     *string `json:"description"`
	ClientRoute     *route  `json:"clientRoute"`
	EnvironmentName *string `json:"environmentName"`
}

// problem returns the server's message for an invalid body, or "".
func (b *groupBody) problem() string {
	switch {
	case b.Name == nil || *b.Name == "":
		return "name value can not be empty!"
	case b.ClientRoute == nil:
		return "clientRoute value can not be empty!"
	case len(b.ClientRoute.RelativePathList) == 0:
		return "clientRoute value needs at least one relativePath!"
	case b.ClientRoute.RelativePathList[0] == "":
		return "relativePath value in clientRoute object can not be empty!"
	}
	for _, m := range b.ClientRoute.MethodList {
		if !apiproxygroup.Method(m).Valid() {
			return "methodList value (" + m + ") is not valid!"
		}
	}
	return ""
}

func (s *Server) save(w http.ResponseWriter, create bool, body []byte) {
	var in groupBody
	if !fake.DecodeJSON(body, &in) {
		s.fail(w, "Request body is not valid!")
		return
	}
	if msg := in.problem(); msg != "" {
		s.fail(w, msg)
		return
	}
	name, env := *in.Name, deref(in.EnvironmentName)
	_, exists := s.groups[name]
	switch {
	case create && exists:
		s.fail(w, "ApiProxyGroup: ("+name+") is already created! If you want to udate it use update endpoint!")
		return
	case !create && !exists:
		s.groupNotFound(w, name)
		return
	}
	if _, ok := s.envs[env]; env != "" && !ok {
		s.fail(w, "Environment ("+env+") is not found!")
		return
	}
	g := s.putLocked(name, deref(in.Description), *in.ClientRoute)
	if env == "" {
		s.reply(w, nil)
		return
	}
	s.reply(w, map[string]any{"deploymentResult": s.deployLocked(g, env, true, "", false)})
}

// putLocked creates or replaces a group, keeping the members, deployments
// and history of one that exists (deployments then need redeploying).
func (s *Server) putLocked(name, description string, r route) *group {
	on := true
	if r.BufferRequest == nil {
		r.BufferRequest = &on
	}
	if r.BufferResponse == nil {
		r.BufferResponse = &on
	}
	g, ok := s.groups[name]
	if !ok {
		s.nextGroupID++
		g = &group{id: "apg-" + strconv.Itoa(s.nextGroupID), name: name, members: map[string]bool{}, deployments: map[string]*deployment{}}
		s.groups[name] = g
		s.order = append(s.order, name)
	}
	g.description, g.route = description, r
	for _, d := range g.deployments {
		d.redeployRequired = d.deployed
	}
	return g
}

func (s *Server) delete(w http.ResponseWriter, name string) {
	if _, ok := s.groupLocked(w, name); !ok {
		return
	}
	delete(s.groups, name)
	s.order = slices.DeleteFunc(s.order, func(n string) bool { return n == name })
	s.reply(w, nil)
}

// deployLocked deploys (or undeploys) g to env, failing on the pods chosen
// with FailDeployOn, records the history and returns the deploymentResult.
func (s *Server) deployLocked(g *group, env string, deploy bool, description string, persistent bool) map[string]any {
	e := s.envs[env]
	details := []map[string]any{}
	all := true
	for _, p := range e.pods {
		d := map[string]any{"envName": env, "podName": p.Name, "podIp": p.IP, "success": true, "responseTime": responseTime}
		if msg, failed := s.podFailures[env+"/"+p.Name]; failed {
			d["success"], d["detail"] = false, msg
			all = false
		}
		details = append(details, d)
	}
	st, ok := g.deployments[env]
	if !ok {
		st = &deployment{}
		g.deployments[env] = st
	}
	if all {
		st.deployed, st.redeployRequired = deploy, false
	}
	if description == "" {
		description = "Deployed by APIOPS Api"
		if !deploy {
			description = "Undeployed by APIOPS Api"
		}
	}
	g.revision++
	g.history = append(g.history, record{
		Revision: g.revision, Username: Username, Date: s.now().UTC().Format("2006-01-02T15:04:05Z"),
		Description: description, Environment: env, Deploy: deploy, Persistent: persistent,
	})
	return map[string]any{"success": all, "responseTime": responseTime, "detailList": details}
}

func (s *Server) deploy(w http.ResponseWriter, name, env string, deploy bool, body []byte) {
	g, ok := s.groupLocked(w, name)
	if !ok {
		return
	}
	if _, ok := s.envs[env]; !ok {
		s.fail(w, "Environment ("+env+") is not found or user does not have privilege to access it!")
		return
	}
	var opts struct {
		Description string `json:"description"`
		Persistent  bool   `json:"persistent"`
	}
	if len(bytes.TrimSpace(body)) > 0 && !fake.DecodeJSON(body, &opts) {
		s.fail(w, "Request body is not valid!")
		return
	}
	s.reply(w, map[string]any{"deploymentResult": s.deployLocked(g, env, deploy, opts.Description, opts.Persistent)})
}

func (s *Server) environments(w http.ResponseWriter, name string) {
	g, ok := s.groupLocked(w, name)
	if !ok {
		return
	}
	items := []map[string]any{}
	for _, env := range s.envOrder {
		d, ok := g.deployments[env]
		if !ok {
			continue
		}
		if s.envelope == EnvelopeSuccess {
			items = append(items, map[string]any{"environmentName": env, "deployed": d.deployed})
			continue
		}
		e := s.envs[env]
		items = append(items, map[string]any{
			"name": env, "type": e.typ, "accessUrl": e.accessURL,
			"deployed": d.deployed, "redeployRequired": d.redeployRequired,
		})
	}
	s.reply(w, map[string]any{"resultList": items, "resultCount": len(items)})
}

func (s *Server) member(w http.ResponseWriter, name, proxy string, add bool) {
	g, ok := s.groupLocked(w, name)
	if !ok {
		return
	}
	if !s.proxies[proxy] {
		s.fail(w, "ApiProxy ("+proxy+") is not found or user does not have privilege to access it!")
		return
	}
	if add {
		g.members[proxy] = true
	} else {
		delete(g.members, proxy)
	}
	s.reply(w, nil)
}

// revisionLocked finds a history record, or answers not found.
func (s *Server) revisionLocked(w http.ResponseWriter, g *group, rev string) (int, bool) {
	n, err := strconv.Atoi(rev)
	i := slices.IndexFunc(g.history, func(r record) bool { return err == nil && int(r.Revision) == n })
	if i < 0 {
		s.fail(w, "Deploy history with revision ("+rev+") is not found for ApiProxyGroup ("+g.name+")!")
		return 0, false
	}
	return i, true
}

func (s *Server) history(w http.ResponseWriter, name, rev string) {
	g, ok := s.groupLocked(w, name)
	if !ok {
		return
	}
	var items []record
	if rev == "" {
		items = slices.Clone(g.history)
		slices.Reverse(items) // newest first
	} else {
		i, ok := s.revisionLocked(w, g, rev)
		if !ok {
			return
		}
		items = []record{g.history[i]}
	}
	if items == nil {
		items = []record{}
	}
	s.reply(w, map[string]any{"resultList": items, "resultCount": len(items)})
}

func (s *Server) deleteHistory(w http.ResponseWriter, name, rev string) {
	g, ok := s.groupLocked(w, name)
	if !ok {
		return
	}
	i, ok := s.revisionLocked(w, g, rev)
	if !ok {
		return
	}
	g.history = slices.Delete(g.history, i, i+1)
	s.reply(w, map[string]any{"resultMessage": "Proxy Group deploy history record deleted successfully."})
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
