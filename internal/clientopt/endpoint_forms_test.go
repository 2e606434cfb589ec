package clientopt_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/appgroup"
)

// refuseTransport fails the test if anything is sent.
type refuseTransport struct{ t *testing.T }

func (r refuseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("unexpected request: %s %s", req.Method, req.URL)
	return nil, http.ErrNotSupported
}

// newClients builds a client of every service with the endpoint, and returns
// NewClient's error for each.
func newClients(t *testing.T, endpoint string) map[string]error {
	hc := &http.Client{Transport: refuseTransport{t}}
	_, errAPIG := apigroup.NewClient("inst-1", apigroup.WithEndpoint(endpoint),
		apigroup.WithToken("iam"), apigroup.WithProjectID("proj-1"), apigroup.WithHTTPClient(hc))
	_, errApp := appgroup.NewClient(appgroup.WithEndpoint(endpoint),
		appgroup.WithToken("iam"), appgroup.WithProjectID("proj-1"), appgroup.WithHTTPClient(hc))
	_, errApinizer := apiproxygroup.NewClient("proj", apiproxygroup.WithEndpoint(endpoint),
		apiproxygroup.WithToken("tok"), apiproxygroup.WithHTTPClient(hc))
	_, errApigee := apiproduct.NewClient("org-1", apiproduct.WithEndpoint(endpoint),
		apiproduct.WithToken("tok"), apiproduct.WithHTTPClient(hc))
	return map[string]error{"apigroup": errAPIG, "appgroup": errApp, "apiproxygroup": errApinizer, "apiproduct": errApigee}
}

// An endpoint with a query or a fragment, even an empty one, or with user
// info, is refused by every NewClient with an error that says why: the
// generated clients would otherwise send every call to another path.
func TestNewClientRefusesEndpointQueryFragmentUserInfo(t *testing.T) {
	for _, endpoint := range []string{
		"https://host.example.com/?",
		"https://host.example.com?",
		"https://host.example.com/#",
		"https://host.example.com#",
		"https://host.example.com/?#",
		"https://host.example.com/base/?",
		"https://host.example.com/base#",
		"https://host.example.com/?a=b",
		"https://host.example.com/#frag",
		"https://@host.example.com/",
		"https://user@host.example.com/",
		"https://user:pass@host.example.com/",
		"https://:@host.example.com/",
	} {
		for svc, err := range newClients(t, endpoint) {
			require.Error(t, err, "%s %s", svc, endpoint)
			assert.Contains(t, err.Error(), "must not carry user info, a query or a fragment", "%s %s", svc, endpoint)
			assert.Contains(t, err.Error(), svc+":", "the error names the package")
			assert.NotContains(t, err.Error(), "pass", "%s %s", svc, endpoint)
		}
	}
	for svc, err := range newClients(t, "https://host.example.com/base/") {
		assert.NoError(t, err, svc)
	}
}
