package apiproxygroup

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Client manages the API Proxy Groups of one Apinizer project. It is safe for
// concurrent use; create one per project and reuse it.
type Client struct {
	gen     *gen.Client
	project string
	manager string
	pipe    *transport.Pipeline // issue 15: Close
}

// NewClient returns a client for the API Proxy Groups of the project
// projectName (case-sensitive). It needs the Apinizer Manager URL
// (WithEndpoint, for example "https://demo.apinizer.com"; the client adds
// the /apiops prefix, and a URL that already ends in /apiops is accepted) and
// credentials (WithToken, WithPassword, WithTokenSource or
// WithEnvCredentials). Nothing is sent until the first call.
func NewClient(projectName string, opts ...Option) (*Client, error) {
	const op = "apiproxygroup.NewClient"
	var v apierror.Validator
	v.PathSegment("projectName", projectName)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	s, err := clientopt.Apply(opts)
	if err != nil {
		return nil, fmt.Errorf("apiproxygroup: %w", err)
	}
	if s.Endpoint == "" {
		return nil, errors.New("apiproxygroup: no Manager URL: set WithEndpoint (for example https://demo.apinizer.com)")
	}
	base, err := s.BaseURL(nil)
	if err != nil {
		return nil, fmt.Errorf("apiproxygroup: %w", err)
	}
	if strings.HasSuffix(base, "/apiops/") {
		base = strings.TrimSuffix(base, "apiops/")
	}
	creds, err := buildCredentials(s, base)
	if err != nil {
		return nil, fmt.Errorf("apiproxygroup: %w", err)
	}
	pipe := s.Pipeline(apierror.Apinizer, creds)
	g, err := gen.NewClient(base, gen.WithHTTPClient(pipe))
	if err != nil {
		return nil, fmt.Errorf("apiproxygroup: %w", err)
	}
	return &Client{gen: g, project: projectName, manager: base, pipe: pipe}, nil
}

// ProjectName returns the project the client manages (the projectName
// path parameter).
func (c *Client) ProjectName() string { return c.project }

// BaseURL returns the Manager URL the client sends to (with a trailing
// slash; every request path starts with apiops/).
func (c *Client) BaseURL() string { return c.manager }

// tokenURL is the token endpoint under a Manager URL.
func tokenURL(base string) string {
	u, _ := url.Parse(base) // base was checked by Settings.BaseURL
	return u.JoinPath("apiops", "auth", "token").String()
}

// pipelineDoer lets an *http.Client (the one golang.org/x/oauth2 uses for
// the token endpoint) send through a Pipeline: no redirects, the SDK's
// timeouts, size limit, logging, retries and error decoding.
type pipelineDoer struct{ p *transport.Pipeline }

func (d pipelineDoer) RoundTrip(req *http.Request) (*http.Response, error) { return d.p.Do(req) }

// Operations, with whether each is safe to repeat. A deploy (or an update
// that deploys) is not repeated after an ambiguous failure: every deploy
// rolls the group out to every gateway pod again and writes a new
// deploy-history revision, and a first attempt that timed out may still be
// rolling out. Adding and removing a member proxy are documented as
// idempotent. The operations that decode their answer's envelope check it
// for a failure in the same decode (EnvelopeOp, transport.EnvelopeFailure);
// for the others the pipeline does.
var (
	ops = transport.Service("apiproxygroup")

	opCreate        = ops.EnvelopeOp("Create", transport.NotIdempotent)
	opGet           = ops.EnvelopeOp("Get", transport.Idempotent)
	opList          = ops.EnvelopeOp("List", transport.Idempotent)
	opUpdate        = ops.EnvelopeOp("Update", transport.Idempotent)
	opUpdateDeploy  = ops.EnvelopeOp("Update", transport.NotIdempotent)
	opDelete        = ops.Op("Delete", transport.Idempotent)
	opDeploy        = ops.EnvelopeOp("Deploy", transport.NotIdempotent)
	opUndeploy      = ops.EnvelopeOp("Undeploy", transport.NotIdempotent)
	opEnvironments  = ops.EnvelopeOp("Environments", transport.Idempotent)
	opAddProxy      = ops.Op("AddProxy", transport.Idempotent)
	opRemoveProxy   = ops.Op("RemoveProxy", transport.Idempotent)
	opHistory       = ops.EnvelopeOp("DeployHistory", transport.Idempotent)
	opHistoryRecord = ops.EnvelopeOp("DeployHistoryRecord", transport.Idempotent)
	opDeleteHistory = ops.Op("DeleteDeployHistory", transport.Idempotent)
	// The token request only obtains a token: safe to repeat.
	opToken = ops.Op("Token", transport.Idempotent)
)
