// Package apiproducttest is an in-memory fake of the Google Apigee API product
// calls (organizations.apiproducts and their attributes), for testing code
// that uses package apiproduct without a Google Cloud project or a network.
//
// The fake is stateful: create, get, list (startKey/count paging in name
// order, the start key included in the page as Apigee does; expand;
// attribute and space filters), update (PUT replaces the whole product,
// keeping createdAt and setting lastModifiedAt), delete, move, and the
// attribute calls. It answers with Google's error bodies ({"error": {code,
// message, status, details}} with ErrorInfo and RequestInfo details), serves
// Google's HTML 404 page for a malformed path, checks every request's bearer
// token, and can inject faults: fail the next calls with a status and body,
// add latency, or drop the connection.
//
//	srv := apiproducttest.NewServer()
//	defer srv.Close()
//	client, err := srv.NewClient() // apiproduct.NewClient(srv.Organization, srv.ClientOptions()...)
package apiproducttest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// Fixed identities the fake accepts.
const (
	// Organization is the one Apigee organization the fake hosts.
	Organization = "fake-org"
	// Token is the OAuth 2.0 access token the fake accepts.
	Token = "fake-access-token"
)

// HTMLNotFound is the body of Google's generic HTML 404 page, which the fake
// serves for a path that is not an API path (an empty segment, for example).
const HTMLNotFound = `<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <title>Error 404 (Not Found)!!1</title>
  <p><b>404.</b> <ins>That’s an error.</ins>
  <p>The requested URL <code>/v1/organizations//apiproducts</code> was not found on this server.  <ins>That’s all we know.</ins>
`

// Fault replaces the fake's answer to requests; see Server.FailNext.
type Fault = fake.Fault

// Request is a request the fake received.
type Request = fake.Request

// Server is a fake Apigee endpoint on a loopback address.
type Server struct {
	*fake.Server
	// Organization is the organization the fake hosts (the constant
	// Organization).
	Organization string

	mu       sync.Mutex
	products map[string]product
	now      func() time.Time
}

// product is a stored product: its JSON object, member by member, so that
// fields the SDK does not know survive as they would on the real service.
type product map[string]json.RawMessage

// NewServer starts a fake with no products. Close it when done.
func NewServer() *Server {
	s := &Server{Organization: Organization, products: map[string]product{}, now: time.Now}
	s.Server = fake.NewServer(http.HandlerFunc(s.handle), fake.GoogleAuthenticator(Token), fake.WriteGoogleError)
	return s
}

// ClientOptions returns the options that point an apiproduct.Client at the
// fake with its access token and fast retries.
func (s *Server) ClientOptions() []apiproduct.Option {
	return []apiproduct.Option{
		apiproduct.WithEndpoint(s.URL()),
		apiproduct.WithToken(Token),
		apiproduct.WithRetry(apiproduct.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}),
	}
}

// NewClient returns an apiproduct.Client for the fake's organization, with
// ClientOptions followed by opts.
func (s *Server) NewClient(opts ...apiproduct.Option) (*apiproduct.Client, error) {
	return apiproduct.NewClient(s.Organization, append(s.ClientOptions(), opts...)...)
}

// AddProduct stores a product with the given internal and display names.
func (s *Server) AddProduct(name, displayName string) {
	raw, _ := json.Marshal(map[string]any{"name": name, "displayName": displayName, "approvalType": "auto"})
	_ = s.AddProductJSON(string(raw))
}

// AddProductJSON stores a product given as its JSON object, replacing any
// product of the same name. createdAt and lastModifiedAt are set when absent.
func (s *Server) AddProductJSON(object string) error {
	var p product
	if err := json.Unmarshal([]byte(object), &p); err != nil {
		return err
	}
	name := p.str("name")
	if name == "" {
		return fmt.Errorf("apiproducttest: product without a name")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.millis()
	if _, ok := p["createdAt"]; !ok {
		p.set("createdAt", now)
	}
	if _, ok := p["lastModifiedAt"]; !ok {
		p.set("lastModifiedAt", now)
	}
	s.products[name] = p
	return nil
}

// ProductJSON returns the stored JSON object of a product.
func (s *Server) ProductJSON(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.products[name]
	if !ok {
		return "", false
	}
	b, _ := json.Marshal(p)
	return string(b), true
}

// ProductCount returns how many products the fake holds.
func (s *Server) ProductCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.products)
}

// SetClock replaces the fake's clock, which stamps createdAt and
// lastModifiedAt.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	s.now = now
	s.mu.Unlock()
}

func (s *Server) millis() string { return strconv.FormatInt(s.now().UnixMilli(), 10) }

func (p product) str(key string) string {
	var v string
	_ = json.Unmarshal(p[key], &v)
	return v
}

func (p product) set(key string, v any) {
	b, _ := json.Marshal(v)
	p[key] = b
}

func (p product) attributes() []attribute {
	var as []attribute
	_ = json.Unmarshal(p["attributes"], &as)
	return as
}

type attribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// handle routes /v1/organizations/{org}/apiproducts[/{name}[:move|/attributes[/{attr}]]].
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	// The decoded path: names cannot contain a slash, so an escaped one
	// (%2F) may split a segment; such a path finds nothing.
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/organizations/")
	if !ok {
		htmlNotFound(w)
		return
	}
	segs := strings.Split(rest, "/")
	if slices.Contains(segs, "") {
		htmlNotFound(w)
		return
	}
	if len(segs) < 2 || segs[1] != "apiproducts" || len(segs) > 5 || (len(segs) >= 4 && segs[3] != "attributes") {
		htmlNotFound(w)
		return
	}
	if segs[0] != s.Organization {
		fake.WriteGoogleStatus(w, http.StatusForbidden, "PERMISSION_DENIED",
			fmt.Sprintf("Permission denied on resource organization %q (or it may not exist).", segs[0]),
			fake.GoogleErrorInfo("IAM_PERMISSION_DENIED", "apigee.googleapis.com", nil), fake.GoogleRequestInfo())
		return
	}
	body, _ := io.ReadAll(r.Body)
	if len(segs) == 2 {
		s.collection(w, r, body)
		return
	}
	name, move := segs[2], false
	if n, ok := strings.CutSuffix(name, ":move"); ok && len(segs) == 3 && r.Method == http.MethodPost {
		name, move = n, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.products[name]
	if !ok {
		s.productNotFound(w, name)
		return
	}
	switch {
	case move:
		s.moveLocked(w, p, body)
	case len(segs) == 3:
		s.itemLocked(w, r, name, p, body)
	case len(segs) == 4:
		s.attributeListLocked(w, r, p, body)
	default:
		s.attributeLocked(w, r, name, segs[4], p, body)
	}
}

func htmlNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = io.WriteString(w, HTMLNotFound)
}

func methodNotAllowed(w http.ResponseWriter) {
	fake.WriteGoogleStatus(w, http.StatusMethodNotAllowed, "INVALID_ARGUMENT", "Method not allowed.", fake.GoogleRequestInfo())
}

func invalid(w http.ResponseWriter, msg string) {
	fake.WriteGoogleStatus(w, http.StatusBadRequest, "INVALID_ARGUMENT", msg, fake.GoogleRequestInfo())
}

func (s *Server) productNotFound(w http.ResponseWriter, name string) {
	fake.WriteGoogleStatus(w, http.StatusNotFound, "NOT_FOUND",
		fmt.Sprintf("resource organizations/%s/apiproducts/%s not found", s.Organization, name),
		fake.GoogleRequestInfo())
}

func (s *Server) collection(w http.ResponseWriter, r *http.Request, body []byte) {
	switch r.Method {
	case http.MethodGet:
		s.list(w, r)
	case http.MethodPost:
		s.create(w, body)
	default:
		methodNotAllowed(w)
	}
}

func (s *Server) itemLocked(w http.ResponseWriter, r *http.Request, name string, p product, body []byte) {
	switch r.Method {
	case http.MethodGet:
		fake.WriteJSON(w, http.StatusOK, p)
	case http.MethodPut:
		s.updateLocked(w, name, p, body)
	case http.MethodDelete:
		delete(s.products, name)
		fake.WriteJSON(w, http.StatusOK, p)
	default:
		methodNotAllowed(w)
	}
}

type opConfig struct {
	Operations []json.RawMessage `json:"operations"`
}

// decodeProduct checks a request body the way Apigee documents it.
func decodeProduct(w http.ResponseWriter, body []byte) (product, bool) {
	var p product
	if err := json.Unmarshal(body, &p); err != nil || p == nil {
		invalid(w, "Invalid JSON payload received.")
		return nil, false
	}
	var typed struct {
		APIResources   []string    `json:"apiResources"`
		Proxies        []string    `json:"proxies"`
		Attributes     []attribute `json:"attributes"`
		OperationGroup *struct {
			OperationConfigs []opConfig `json:"operationConfigs"`
		} `json:"operationGroup"`
		LLMOperationGroup     json.RawMessage `json:"llmOperationGroup"`
		PayloadOperationGroup json.RawMessage `json:"payloadOperationGroup"`
	}
	if err := json.Unmarshal(body, &typed); err != nil {
		invalid(w, "Invalid JSON payload received. "+err.Error())
		return nil, false
	}
	tooManyOps := typed.OperationGroup != nil &&
		slices.ContainsFunc(typed.OperationGroup.OperationConfigs, func(c opConfig) bool { return len(c.Operations) > 1 })
	switch {
	case len(typed.APIResources) > 0 && (typed.OperationGroup != nil || typed.LLMOperationGroup != nil):
		invalid(w, "apiResources cannot be specified for both the API product and operation group")
	case typed.PayloadOperationGroup != nil && (len(typed.Proxies) > 0 || len(typed.APIResources) > 0):
		invalid(w, "proxies and apiResources cannot be specified for both the API product and payload operation group")
	case len(typed.Attributes) > apiproduct.MaxAttributes:
		invalid(w, "a maximum of 18 attributes is allowed")
	case tooManyOps:
		invalid(w, "only one resource/method pair is allowed per operation config")
	default:
		return p, true
	}
	return nil, false
}

func validName(n string) bool {
	if n == "" || n == "." || n == ".." {
		return false
	}
	for _, r := range n {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("._-$ %", r)) {
			return false
		}
	}
	return true
}

func (s *Server) create(w http.ResponseWriter, body []byte) {
	p, ok := decodeProduct(w, body)
	if !ok {
		return
	}
	name := p.str("name")
	if !validName(name) {
		invalid(w, "invalid API product name "+strconv.Quote(name))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.products[name]; exists {
		fake.WriteGoogleStatus(w, http.StatusConflict, "ALREADY_EXISTS",
			fmt.Sprintf("resource organizations/%s/apiproducts/%s already exists", s.Organization, name),
			fake.GoogleRequestInfo())
		return
	}
	now := s.millis()
	p.set("createdAt", now)
	p.set("lastModifiedAt", now)
	s.products[name] = p
	fake.WriteJSON(w, http.StatusOK, p)
}

// updateLocked replaces the product (PUT): the body becomes the product,
// except for the name, which cannot change, and the response-only times,
// which the server keeps and sets.
func (s *Server) updateLocked(w http.ResponseWriter, name string, old product, body []byte) {
	p, ok := decodeProduct(w, body)
	if !ok {
		return
	}
	if n := p.str("name"); n != "" && n != name {
		invalid(w, "the internal name of an API product cannot be changed")
		return
	}
	p.set("name", name)
	p["createdAt"] = old["createdAt"]
	p.set("lastModifiedAt", s.millis())
	s.products[name] = p
	fake.WriteJSON(w, http.StatusOK, p)
}

func (s *Server) moveLocked(w http.ResponseWriter, p product, body []byte) {
	var req struct {
		Space string `json:"space"`
	}
	if json.Unmarshal(body, &req) != nil {
		invalid(w, "Invalid JSON payload received.")
		return
	}
	if req.Space == "" {
		delete(p, "space")
	} else {
		p.set("space", req.Space)
	}
	p.set("lastModifiedAt", s.millis())
	fake.WriteJSON(w, http.StatusOK, p)
}

// list pages in name order: startKey is the first name of the page,
// included, and count its size (at most 1000).
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	count, err := fake.IntParam(q.Get("count"), 1000)
	if err != nil || count < 1 {
		invalid(w, "Invalid value at 'count' ("+strconv.Quote(q.Get("count"))+")")
		return
	}
	count = min(count, 1000)
	expand := q.Get("expand") == "true"
	start, attrName, attrValue, space := q.Get("startKey"), q.Get("attributename"), q.Get("attributevalue"), q.Get("space")
	if space != "" && attrName != "" {
		invalid(w, "space cannot be combined with attributename and attributevalue")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.products))
	for n := range s.products {
		names = append(names, n)
	}
	slices.Sort(names)
	page := []product{}
	for _, n := range names {
		if len(page) == count {
			break
		}
		p := s.products[n]
		if n < start || (space != "" && p.str("space") != space) || !matchAttribute(p, attrName, attrValue) {
			continue
		}
		if expand {
			page = append(page, p)
		} else {
			page = append(page, product{"name": p["name"]})
		}
	}
	out := map[string]any{}
	if len(page) > 0 {
		out["apiProduct"] = page
	}
	fake.WriteJSON(w, http.StatusOK, out)
}

func matchAttribute(p product, name, value string) bool {
	if name == "" {
		return true
	}
	for _, a := range p.attributes() {
		if a.Name == name && (value == "" || a.Value == value) {
			return true
		}
	}
	return false
}

// attributeListLocked serves the replace-all (POST) and list (GET) calls.
func (s *Server) attributeListLocked(w http.ResponseWriter, r *http.Request, p product, body []byte) {
	switch r.Method {
	case http.MethodGet:
		writeAttributes(w, p.attributes())
	case http.MethodPost:
		var req struct {
			Attribute []attribute `json:"attribute"`
		}
		if json.Unmarshal(body, &req) != nil {
			invalid(w, "Invalid JSON payload received.")
			return
		}
		if len(req.Attribute) > apiproduct.MaxAttributes {
			invalid(w, "a maximum of 18 attributes is allowed")
			return
		}
		s.setAttributesLocked(p, req.Attribute)
		writeAttributes(w, req.Attribute)
	default:
		methodNotAllowed(w)
	}
}

func writeAttributes(w http.ResponseWriter, as []attribute) {
	out := map[string]any{}
	if len(as) > 0 {
		out["attribute"] = as
	}
	fake.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) setAttributesLocked(p product, as []attribute) {
	if len(as) == 0 {
		delete(p, "attributes")
	} else {
		p.set("attributes", as)
	}
	p.set("lastModifiedAt", s.millis())
}

// attributeLocked serves get (GET), update one (POST; the fake adds an attribute
// that does not exist yet) and delete (DELETE) of one attribute.
func (s *Server) attributeLocked(w http.ResponseWriter, r *http.Request, name, attr string, p product, body []byte) {
	as := p.attributes()
	i := slices.IndexFunc(as, func(a attribute) bool { return a.Name == attr })
	notFound := func() {
		fake.WriteGoogleStatus(w, http.StatusNotFound, "NOT_FOUND",
			fmt.Sprintf("resource organizations/%s/apiproducts/%s/attributes/%s not found", s.Organization, name, attr),
			fake.GoogleRequestInfo())
	}
	switch r.Method {
	case http.MethodGet:
		if i < 0 {
			notFound()
			return
		}
		fake.WriteJSON(w, http.StatusOK, as[i])
	case http.MethodPost:
		var a attribute
		if json.Unmarshal(body, &a) != nil {
			invalid(w, "Invalid JSON payload received.")
			return
		}
		a.Name = attr
		if i < 0 {
			if len(as) >= apiproduct.MaxAttributes {
				invalid(w, "a maximum of 18 attributes is allowed")
				return
			}
			as = append(as, a)
		} else {
			as[i] = a
		}
		s.setAttributesLocked(p, as)
		fake.WriteJSON(w, http.StatusOK, a)
	case http.MethodDelete:
		if i < 0 {
			notFound()
			return
		}
		gone := as[i]
		s.setAttributesLocked(p, slices.Delete(as, i, i+1))
		fake.WriteJSON(w, http.StatusOK, gone)
	default:
		methodNotAllowed(w)
	}
}
