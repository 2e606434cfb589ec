package interop

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// Apinizer publishes no SDK. Its fake is driven instead with the curl
// requests of the vendor's "Update API Proxy Group" page (the project's
// seed documents 000 and 001), kept verbatim in testdata/apinizer, and
// answers with the responses the page documents, also kept there.

// curlCommand matches the page's curl examples: one method, one quoted
// URL, -H headers and a single-quoted -d body. Inside single quotes the
// shell takes every byte literally, and the double-quoted URL and headers
// hold no $, `, \ or ", so the captured text is exactly what curl sends.
var curlCommand = regexp.MustCompile(`(?s)^curl -X ([A-Z]+) \\\n\s+"([^"$` + "`" + `\\]*)" \\\n((?:\s+-H "[^"$` + "`" + `\\]*" \\\n)*)\s+-d '([^']*)'\n$`)

var curlHeader = regexp.MustCompile(`-H "([^"]*)"`)

// seedRequest is one curl example: what curl puts on the wire.
type seedRequest struct {
	Method, URL string
	Header      [][2]string
	Body        []byte
}

func readCurl(t *testing.T, file string) seedRequest {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := curlCommand.FindSubmatch(text)
	if m == nil {
		t.Fatalf("%s is not a curl command of the expected form", file)
	}
	req := seedRequest{Method: string(m[1]), URL: string(m[2]), Body: m[4]}
	for _, h := range curlHeader.FindAllSubmatch(m[3], -1) {
		k, v, found := strings.Cut(string(h[1]), ": ")
		if !found {
			t.Fatalf("%s: header %q", file, h[1])
		}
		req.Header = append(req.Header, [2]string{k, v})
	}
	return req
}

// send replays req against the fake: the same method, path, headers and
// body bytes, with the page's placeholder token replaced by the fake's.
// It returns the status and body of the answer.
func send(t *testing.T, srv *apiproxygrouptest.Server, req seedRequest) (int, []byte) {
	t.Helper()
	path, found := strings.CutPrefix(req.URL, "https://demo.apinizer.com")
	if !found {
		t.Fatalf("seed URL %q is not on demo.apinizer.com", req.URL)
	}
	r, err := http.NewRequest(req.Method, srv.URL()+path, bytes.NewReader(req.Body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("User-Agent", "curl/8.5.0") // what curl adds by itself
	r.Header.Set("Accept", "*/*")
	for _, h := range req.Header {
		r.Header.Set(h[0], strings.Replace(h[1], "Bearer YOUR_TOKEN", "Bearer "+apiproxygrouptest.Token, 1))
	}
	resp, err := srv.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}

	// The fake received the seed's bytes.
	got := srv.LastRequest()
	if got.Method != req.Method || got.RawPath != path || got.RawQuery != "" || !bytes.Equal(got.Body, req.Body) {
		t.Errorf("the fake received %s %s?%s with body %q; the seed sends %s %s with body %q",
			got.Method, got.RawPath, got.RawQuery, got.Body, req.Method, path, req.Body)
	}
	for _, h := range req.Header {
		if h[0] != "Authorization" && got.Header.Get(h[0]) != h[1] {
			t.Errorf("the fake received %s: %q, the seed sends %q", h[0], got.Header.Get(h[0]), h[1])
		}
	}
	return resp.StatusCode, body
}

// sameJSON checks that body is the documented JSON in file.
func sameJSON(t *testing.T, what string, body []byte, file string) {
	t.Helper()
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%s: the fake answered %q: %v", what, body, err)
	}
	if err := json.Unmarshal(doc, &want); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the fake answered\n%s\nthe vendor documents (%s)\n%s", what, body, file, doc)
	}
}

// TestApinizerSeedCurlRequests replays the vendor page's two curl examples
// (update, and update and deploy) against apiproxygrouptest in the
// envelope the page documents, and checks the documented answers: the two
// successes and the two documented 400 errors.
func TestApinizerSeedCurlRequests(t *testing.T) {
	update := readCurl(t, "testdata/apinizer/update.curl")
	deploy := readCurl(t, "testdata/apinizer/update-and-deploy.curl")
	if update.Method != http.MethodPut || deploy.Method != http.MethodPut || len(update.Header) != 2 {
		t.Fatalf("seed requests: %+v %+v", update, deploy)
	}

	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.SetEnvelope(apiproxygrouptest.EnvelopeSuccess)
	// The page's deployment result shows one pod of "production".
	srv.AddEnvironment("production", "PRODUCTION", apiproxygrouptest.Pod{Name: "worker-abc123", IP: "10.0.0.1"})

	// Updating a group that does not exist is the first documented error.
	status, body := send(t, srv, update)
	if status != http.StatusBadRequest {
		t.Errorf("update of a missing group: status %d", status)
	}
	sameJSON(t, "update of a missing group", body, "testdata/apinizer/error-group-not-found.json")

	srv.AddGroup(apiproxygroup.GroupInput{Name: "PaymentAPIGroup", Description: "Payment API Group", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v1/payment"}}})
	status, body = send(t, srv, update)
	if status != http.StatusOK {
		t.Errorf("update: status %d", status)
	}
	sameJSON(t, "update", body, "testdata/apinizer/update.response.json")
	g, found := srv.Group("PaymentAPIGroup")
	methods := []apiproxygroup.Method{apiproxygroup.Method("GET"), apiproxygroup.Method("POST"), apiproxygroup.Method("PUT"), apiproxygroup.Method("DELETE")}
	if !found || g.Description != "Updated Payment API Group" || !reflect.DeepEqual(g.ClientRoute.RelativePaths, []string{"/api/v2/payment"}) ||
		!reflect.DeepEqual(g.ClientRoute.Methods, methods) || !*g.ClientRoute.BufferRequest || !*g.ClientRoute.BufferResponse || len(g.Deployed) != 0 {
		t.Errorf("after the update the fake holds %+v", g)
	}

	status, body = send(t, srv, deploy)
	if status != http.StatusOK {
		t.Errorf("update and deploy: status %d", status)
	}
	sameJSON(t, "update and deploy", body, "testdata/apinizer/update-and-deploy.response.json")
	if g, _ := srv.Group("PaymentAPIGroup"); !reflect.DeepEqual(g.Deployed, []string{"production"}) {
		t.Errorf("after update and deploy the group is deployed to %v", g.Deployed)
	}

	// The second documented error names environment "staging": the same
	// request with that environment.
	staging := deploy
	staging.Body = bytes.Replace(deploy.Body, []byte(`"environmentName": "production"`), []byte(`"environmentName": "staging"`), 1)
	status, body = send(t, srv, staging)
	if status != http.StatusBadRequest {
		t.Errorf("update and deploy to staging: status %d", status)
	}
	sameJSON(t, "update and deploy to staging", body, "testdata/apinizer/error-environment-not-found.json")
}
