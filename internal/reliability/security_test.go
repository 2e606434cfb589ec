package reliability_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// TestRedirectsAreNeverFollowed: a 3xx to the same host or another one,
// for a read, a create and (Apinizer) the token request, is returned as
// ErrRedirect, even by a client built on an *http.Client that follows every
// redirect. Nothing reaches the other host, and the fake sees only the one
// original request: no request carrying a credential follows the redirect.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	for _, svc := range serviceNames {
		names := []string{reads[svc], "Create"}
		if svc == svcAPIProxyGroup {
			names = append(names, "Token (WithPassword, then List)")
		}
		for _, name := range names {
			o := findOp(t, svc, name)
			for _, code := range []int{301, 302, 303, 307, 308} {
				for _, elsewhere := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/%d/elsewhere=%v", o, code, elsewhere), func(t *testing.T) {
						followAll := func(*http.Request, []*http.Request) error { return nil }
						hc := &http.Client{Transport: &http.Transport{}, CheckRedirect: followAll}
						defer hc.CloseIdleConnections()
						h, err := newHarness(svc, config{httpClient: hc, other: true, password: o.password})
						require.NoError(t, err)
						defer h.close()
						ctx := context.Background()
						require.NoError(t, o.setup(ctx, h))
						h.settle()
						hc.CloseIdleConnections()
						loc := "/moved"
						if elsewhere {
							loc = h.other.URL() + "/moved"
						}
						h.fake.FailNext(1, fake.Fault{Status: code, Header: http.Header{"Location": {loc}}})

						_, err = o.call(ctx, h)
						assert.ErrorIs(t, err, apierror.ErrRedirect)
						if e := opError(err, o.opName()); assert.NotNil(t, e) {
							assert.Equal(t, code, e.StatusCode)
							assert.Equal(t, 1, e.Attempts)
						}
						assert.Len(t, h.fake.Requests(), 1, "only the original request")
						assert.Empty(t, h.other.Requests(), "nothing reaches the other host")
						assert.NotNil(t, hc.CheckRedirect, "the caller's client is left as it was")
					})
				}
			}
		}
	}
}

// countingSource is an OAuth2 token source that counts its calls.
type countingSource struct {
	n   atomic.Int32
	tok string
}

func (s *countingSource) Token() (*oauth2.Token, error) {
	s.n.Add(1)
	return &oauth2.Token{AccessToken: s.tok, Expiry: time.Now().Add(time.Hour)}, nil
}

// newClient builds svc's client for endpoint with opts (credentials among
// them) and hc, and a read call on it.
func newClient(svc, endpoint string, hc *http.Client, opts ...clientopt.Option) (func(context.Context) error, error) {
	opts = append([]clientopt.Option{clientopt.WithEndpoint(endpoint), clientopt.WithHTTPClient(hc),
		clientopt.WithRetry(policy)}, opts...)
	switch svc {
	case svcAPIGroup:
		c, err := apigroup.NewClient(apigrouptest.InstanceID, opts...)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { _, err := c.Get(ctx, "group-1"); return err }, nil
	case svcAppGroup:
		c, err := appgroup.NewClient(opts...)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { _, err := c.Get(ctx, "group-1"); return err }, nil
	case svcAPIProxyGroup:
		c, err := apiproxygroup.NewClient(apiproxygrouptest.Project, opts...)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { _, err := collect(c.List(ctx, nil)); return err }, nil
	}
	c, err := apiproduct.NewClient(apiproducttest.Organization, opts...)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { _, err := c.Get(ctx, product); return err }, nil
}

// credentialOptions are the ways each service can be given credentials;
// calls counts the calls of the token functions and sources.
func credentialOptions(calls *atomic.Int32) map[string]map[string][]clientopt.Option {
	tokenFunc := func(context.Context) (string, error) { calls.Add(1); return "reliability-iam-token-func", nil }
	src := &countingSource{tok: "reliability-oauth-token-source"}
	srcCalls := func() {} // src counts itself; folded into calls below
	_ = srcCalls
	huawei := func(project string) map[string][]clientopt.Option {
		return map[string][]clientopt.Option{
			"AK/SK":          {clientopt.WithAKSK("RELIABILITYAK0000000", "reliability-sk"), clientopt.WithProjectID(project)},
			"AK/SK+token":    {clientopt.WithAKSK("RELIABILITYAK0000000", "reliability-sk"), clientopt.WithSecurityToken("reliability-sts"), clientopt.WithProjectID(project)},
			"IAM token":      {clientopt.WithToken("reliability-iam-token"), clientopt.WithProjectID(project)},
			"IAM token func": {clientopt.WithTokenFunc(tokenFunc), clientopt.WithProjectID(project)},
		}
	}
	counted := oauth2TokenSourceFunc(func() (*oauth2.Token, error) { calls.Add(1); return src.Token() })
	return map[string]map[string][]clientopt.Option{
		svcAPIGroup: huawei(apigrouptest.ProjectID),
		svcAppGroup: huawei(appgrouptest.ProjectID),
		svcAPIProxyGroup: {
			"token":        {apiproxygroup.WithToken("reliability-personal-token")},
			"password":     {apiproxygroup.WithPassword("reliability-user", "reliability-password")},
			"token source": {apiproxygroup.WithTokenSource(counted)},
		},
		svcAPIProduct: {
			"access token": {apiproduct.WithToken("reliability-access-token")},
			"token source": {apiproduct.WithTokenSource(counted)},
		},
	}
}

type oauth2TokenSourceFunc func() (*oauth2.Token, error)

func (f oauth2TokenSourceFunc) Token() (*oauth2.Token, error) { return f() }

// TestNoCredentialsOverPlainHTTP: with any kind of credentials, a call to a
// plain http:// endpoint that is not a loopback address fails with
// ErrInsecureTransport before anything is dialled and before any token is
// fetched (the password is not sent to the token endpoint either).
// WithInsecureHTTP opts in.
func TestNoCredentialsOverPlainHTTP(t *testing.T) {
	endpoints := []string{"http://example.invalid", "http://10.1.2.3:8080", "http://localhost.example.com",
		"http://127.0.0.1.nip.io", "http://[fd00::1]:8080"}
	var calls atomic.Int32
	for svc, kinds := range credentialOptions(&calls) {
		for kind, creds := range kinds {
			for _, endpoint := range endpoints {
				t.Run(svc+"/"+kind+"/"+endpoint, func(t *testing.T) {
					calls.Store(0)
					d := &dialer{}
					d.refuse.Store(true)
					hc := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, Proxy: nil}}
					read, err := newClient(svc, endpoint, hc, creds...)
					require.NoError(t, err)
					err = read(context.Background())
					assert.ErrorIs(t, err, apierror.ErrInsecureTransport)
					var e *apierror.Error
					if assert.ErrorAs(t, err, &e) {
						assert.Equal(t, 0, e.Attempts, "nothing was sent")
					}
					assert.Zero(t, d.n.Load(), "nothing was dialled")
					assert.Zero(t, calls.Load(), "no token was fetched")

					// Opting in sends (here to a dialer that refuses).
					read, err = newClient(svc, endpoint, hc, append(creds, clientopt.WithInsecureHTTP())...)
					require.NoError(t, err)
					err = read(context.Background())
					assert.NotErrorIs(t, err, apierror.ErrInsecureTransport)
					assert.NotZero(t, d.n.Load(), "WithInsecureHTTP lets the request go")
				})
			}
		}
	}
}

// pathParam is one path parameter of one operation (or client): call sends
// the operation with the parameter set to v.
type pathParam struct {
	svc, name string
	call      func(ctx context.Context, h *harness, v string) error
}

// newAt builds a client for the harness's fake with opts after its own. A
// failure is a *refusedByNewClient.
func newAt[C any](h *harness, build func(opts ...clientopt.Option) (C, error), base []clientopt.Option, opts ...clientopt.Option) (C, error) {
	all := append(append([]clientopt.Option{}, base...), clientopt.WithHTTPClient(h.hc), clientopt.WithRetry(policy))
	c, err := build(append(all, opts...)...)
	if err != nil {
		return c, &refusedByNewClient{err}
	}
	return c, nil
}

// refusedByNewClient is a client constructor's refusal of an option or
// argument: with no client, nothing can be sent.
type refusedByNewClient struct{ err error }

func (r *refusedByNewClient) Error() string { return r.err.Error() }
func (r *refusedByNewClient) Unwrap() error { return r.err }

var pathParams = []pathParam{
	{svcAPIGroup, "NewClient instanceID", func(ctx context.Context, h *harness, v string) error {
		c, err := newAt(h, func(o ...clientopt.Option) (*apigroup.Client, error) { return apigroup.NewClient(v, o...) }, h.apigroupFake.ClientOptions())
		if err != nil {
			return err
		}
		_, err = c.ListPage(ctx, nil)
		return err
	}},
	{svcAPIGroup, "WithProjectID", func(ctx context.Context, h *harness, v string) error {
		c, err := newAt(h, func(o ...clientopt.Option) (*apigroup.Client, error) {
			return apigroup.NewClient(apigrouptest.InstanceID, o...)
		},
			h.apigroupFake.ClientOptions(), apigroup.WithProjectID(v))
		if err != nil {
			return err
		}
		_, err = c.ListPage(ctx, nil)
		return err
	}},
	{svcAPIGroup, "Get groupID", func(ctx context.Context, h *harness, v string) error { _, err := h.apigroup.Get(ctx, v); return err }},
	{svcAPIGroup, "Update groupID", func(ctx context.Context, h *harness, v string) error {
		_, err := h.apigroup.Update(ctx, v, apigroup.UpdateInput{Name: "group_x"})
		return err
	}},
	{svcAPIGroup, "Delete groupID", func(ctx context.Context, h *harness, v string) error { return h.apigroup.Delete(ctx, v) }},

	{svcAppGroup, "WithProjectID", func(ctx context.Context, h *harness, v string) error {
		c, err := newAt(h, appgroup.NewClient, h.appgroupFake.ClientOptions(), appgroup.WithProjectID(v))
		if err != nil {
			return err
		}
		_, err = c.ListPage(ctx, nil)
		return err
	}},
	{svcAppGroup, "Get groupID", func(ctx context.Context, h *harness, v string) error { _, err := h.appgroup.Get(ctx, v); return err }},
	{svcAppGroup, "Update groupID", func(ctx context.Context, h *harness, v string) error {
		_, err := h.appgroup.Update(ctx, v, appgroup.UpdateInput{Description: apimgmt.Ptr("x")})
		return err
	}},
	{svcAppGroup, "Delete groupID", func(ctx context.Context, h *harness, v string) error { return h.appgroup.Delete(ctx, v) }},

	{svcAPIProxyGroup, "NewClient projectName", func(ctx context.Context, h *harness, v string) error {
		c, err := newAt(h, func(o ...clientopt.Option) (*apiproxygroup.Client, error) { return apiproxygroup.NewClient(v, o...) }, h.proxyFake.ClientOptions())
		if err != nil {
			return err
		}
		_, err = collect(c.List(ctx, nil))
		return err
	}},
	{svcAPIProxyGroup, "Delete name", func(ctx context.Context, h *harness, v string) error { return h.proxy.Delete(ctx, v) }},
	{svcAPIProxyGroup, "AddProxy group", func(ctx context.Context, h *harness, v string) error { return h.proxy.AddProxy(ctx, v, "MyAPI") }},
	{svcAPIProxyGroup, "AddProxy proxy", func(ctx context.Context, h *harness, v string) error { return h.proxy.AddProxy(ctx, proxyGroup, v) }},
	{svcAPIProxyGroup, "RemoveProxy group", func(ctx context.Context, h *harness, v string) error {
		return h.proxy.RemoveProxy(ctx, v, "MyAPI")
	}},
	{svcAPIProxyGroup, "RemoveProxy proxy", func(ctx context.Context, h *harness, v string) error {
		return h.proxy.RemoveProxy(ctx, proxyGroup, v)
	}},
	{svcAPIProxyGroup, "Deploy group", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.Deploy(ctx, v, proxyEnv, nil)
		return err
	}},
	{svcAPIProxyGroup, "Deploy environment", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.Deploy(ctx, proxyGroup, v, nil)
		return err
	}},
	{svcAPIProxyGroup, "Undeploy group", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.Undeploy(ctx, v, proxyEnv, nil)
		return err
	}},
	{svcAPIProxyGroup, "Undeploy environment", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.Undeploy(ctx, proxyGroup, v, nil)
		return err
	}},
	{svcAPIProxyGroup, "Environments group", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.Environments(ctx, v)
		return err
	}},
	{svcAPIProxyGroup, "DeployHistory group", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.DeployHistory(ctx, v)
		return err
	}},
	{svcAPIProxyGroup, "DeployHistoryRecord group", func(ctx context.Context, h *harness, v string) error {
		_, err := h.proxy.DeployHistoryRecord(ctx, v, 1)
		return err
	}},
	{svcAPIProxyGroup, "DeleteDeployHistory group", func(ctx context.Context, h *harness, v string) error {
		return h.proxy.DeleteDeployHistory(ctx, v, 1)
	}},

	{svcAPIProduct, "NewClient org", func(ctx context.Context, h *harness, v string) error {
		c, err := newAt(h, func(o ...clientopt.Option) (*apiproduct.Client, error) { return apiproduct.NewClient(v, o...) }, h.productFake.ClientOptions())
		if err != nil {
			return err
		}
		_, err = c.Get(ctx, product)
		return err
	}},
	{svcAPIProduct, "Get name", func(ctx context.Context, h *harness, v string) error { _, err := h.product.Get(ctx, v); return err }},
	{svcAPIProduct, "Update name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.Update(ctx, &apiproduct.Product{Name: v})
		return err
	}},
	{svcAPIProduct, "Modify name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.Modify(ctx, v, func(*apiproduct.Product) error { return nil })
		return err
	}},
	{svcAPIProduct, "Delete name", func(ctx context.Context, h *harness, v string) error { return h.product.Delete(ctx, v) }},
	{svcAPIProduct, "Move name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.Move(ctx, v, "")
		return err
	}},
	{svcAPIProduct, "ReplaceAttributes product", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.ReplaceAttributes(ctx, v, nil)
		return err
	}},
	{svcAPIProduct, "ListAttributes product", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.ListAttributes(ctx, v)
		return err
	}},
	{svcAPIProduct, "GetAttribute product", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.GetAttribute(ctx, v, attribute)
		return err
	}},
	{svcAPIProduct, "GetAttribute name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.GetAttribute(ctx, product, v)
		return err
	}},
	{svcAPIProduct, "UpdateAttribute product", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.UpdateAttribute(ctx, v, attribute, "x")
		return err
	}},
	{svcAPIProduct, "UpdateAttribute name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.UpdateAttribute(ctx, product, v, "x")
		return err
	}},
	{svcAPIProduct, "DeleteAttribute product", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.DeleteAttribute(ctx, v, attribute)
		return err
	}},
	{svcAPIProduct, "DeleteAttribute name", func(ctx context.Context, h *harness, v string) error {
		_, err := h.product.DeleteAttribute(ctx, product, v)
		return err
	}},
}

// hostileSegments are path parameter values that would address another
// resource if sent as they are, or that need escaping.
var hostileSegments = []string{
	"", ".", "..", "/", "a/../b", "../other", "..%2f..", "%2e%2e", "%2E%2E", ".%2e", "%2F", "a%2Fb", `..\other`,
	"a?b=1", "a#frag", "a b", "%", "a;b", "\x00", "a\r\nX-Injected: 1",
}

// mustBeRejected are the values that no path parameter may accept.
var mustBeRejected = map[string]bool{"": true, ".": true, "..": true, "/": true, "a/../b": true, "../other": true, `..\other`: true,
	"\x00": true, "a\r\nX-Injected: 1": true}

// marker is the value a path parameter takes in a baseline request, to find
// its segment.
const marker = "PARAMMARKER"

// TestPathParametersCannotEscape sends every path parameter of every
// operation (and of every client constructor) each hostile value. The value
// is either rejected with ErrValidation before anything is sent, or it is
// escaped: the request's path has the same number of segments as with a
// plain value, and the parameter's segment decodes to exactly the value
// given, so the request stays on the resource it names.
func TestPathParametersCannotEscape(t *testing.T) {
	accepted, rejected := 0, 0
	for _, p := range pathParams {
		t.Run(p.svc+"/"+p.name, func(t *testing.T) {
			h, err := newHarness(p.svc, config{})
			require.NoError(t, err)
			defer h.close()
			ctx := context.Background()

			_ = p.call(ctx, h, marker)
			base := h.fake.Requests()
			require.NotEmpty(t, base, "the baseline request is sent")
			segs := strings.Split(base[0].Path, "/")
			at, suffix := -1, ""
			for i, s := range segs {
				if rest, ok := strings.CutPrefix(s, marker); ok {
					at, suffix = i, rest // Move's segment ends in ":move"
				}
			}
			require.NotEqual(t, -1, at, "%s holds the parameter", base[0].Path)

			for _, v := range hostileSegments {
				h.fake.ResetRequests()
				err := p.call(ctx, h, v)
				reqs := h.fake.Requests()
				if len(reqs) == 0 {
					rejected++
					var ctor *refusedByNewClient
					if !errors.As(err, &ctor) { // NewClient may refuse with a configuration error
						assert.ErrorIs(t, err, apierror.ErrValidation, "%q is rejected before anything is sent", v)
					}
					assert.Error(t, err, "%q", v)
					continue
				}
				accepted++
				assert.False(t, mustBeRejected[v], "%q must be rejected, but was sent as %s", v, reqs[0].RawPath)
				got := strings.Split(reqs[0].Path, "/")
				if assert.Len(t, got, len(segs), "%q changed the path's shape: %s", v, reqs[0].RawPath) {
					assert.Equal(t, v+suffix, got[at], "%q is sent as one segment: %s", v, reqs[0].RawPath)
				}
				raw := strings.Split(reqs[0].RawPath, "/")
				if len(raw) == len(segs) {
					assert.Equal(t, url.PathEscape(v)+suffix, raw[at], "%q is escaped on the wire", v)
				}
				for _, s := range got {
					assert.NotContains(t, []string{".", ".."}, s, "a dot segment in %s", reqs[0].Path)
				}
			}
		})
	}
	t.Logf("%d path parameters x %d values: %d rejected before sending, %d sent escaped on the same resource",
		len(pathParams), len(hostileSegments), rejected, accepted)
}

// TestApigeePercentNames: '%' is legal in an Apigee product name, so a
// product may be called "%2e%2e". The name goes on the wire escaped
// (%252e%252e), and the fake, which decodes the path like the real
// service, resolves it to that literal product, not to a parent path.
func TestApigeePercentNames(t *testing.T) {
	h, err := newHarness(svcAPIProduct, config{})
	require.NoError(t, err)
	defer h.close()
	ctx := context.Background()
	for _, name := range []string{"%2e%2e", "%2E%2E", "%2F", "50% off", "$ 100%"} {
		require.NoError(t, h.productFake.AddProductJSON(`{"name":"`+name+`","displayName":"odd"}`))
		h.fake.ResetRequests()
		p, err := h.product.Get(ctx, name)
		require.NoError(t, err, name)
		assert.Equal(t, name, p.Name)
		reqs := h.fake.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, "/v1/organizations/"+apiproducttest.Organization+"/apiproducts/"+url.PathEscape(name), reqs[0].RawPath)
		assert.Equal(t, "/v1/organizations/"+apiproducttest.Organization+"/apiproducts/"+name, reqs[0].Path)
	}
	assert.Contains(t, url.PathEscape("%2e%2e"), "%252e%252e")
}

// crlf is an input that would add a header if it reached one.
const crlf = "evil\r\nX-Injected: yes"

// crlfInput is one string input of the SDK set to crlf: an option, or a
// field of an operation's input. run builds what it needs against h's fake
// and makes one call.
type crlfInput struct {
	svc, name string
	run       func(ctx context.Context, h *harness) error
}

// withOpts builds h's service client with base options followed by opts and
// makes a read call.
func withOpts(base func(h *harness) []clientopt.Option, opts ...clientopt.Option) func(context.Context, *harness) error {
	return func(ctx context.Context, h *harness) error {
		read, err := newClient(h.svc, h.fake.URL(), h.hc, append(base(h), opts...)...)
		if err != nil {
			return err
		}
		return read(ctx)
	}
}

func huaweiProject(h *harness) []clientopt.Option {
	if h.svc == svcAPIGroup {
		return []clientopt.Option{clientopt.WithProjectID(apigrouptest.ProjectID)}
	}
	return []clientopt.Option{clientopt.WithProjectID(appgrouptest.ProjectID)}
}

func huaweiAKSK(h *harness) []clientopt.Option {
	if h.svc == svcAPIGroup {
		return []clientopt.Option{clientopt.WithAKSK(apigrouptest.AccessKey, apigrouptest.SecretKey), clientopt.WithProjectID(apigrouptest.ProjectID)}
	}
	return []clientopt.Option{clientopt.WithAKSK(appgrouptest.AccessKey, appgrouptest.SecretKey), clientopt.WithProjectID(appgrouptest.ProjectID)}
}

func fakeCreds(h *harness) []clientopt.Option {
	switch h.svc {
	case svcAPIGroup, svcAppGroup:
		return huaweiAKSK(h)
	case svcAPIProxyGroup:
		return []clientopt.Option{apiproxygroup.WithToken(apiproxygrouptest.Token)}
	}
	return []clientopt.Option{apiproduct.WithToken(apiproducttest.Token)}
}

func nothing(*harness) []clientopt.Option { return nil }

func crlfInputs() []crlfInput {
	in := []crlfInput{}
	for _, svc := range serviceNames {
		in = append(in,
			crlfInput{svc, "WithUserAgent", withOpts(fakeCreds, clientopt.WithUserAgent(crlf))},
			crlfInput{svc, "WithEndpoint", func(ctx context.Context, h *harness) error {
				read, err := newClient(h.svc, h.fake.URL()+"/"+crlf, h.hc, fakeCreds(h)...)
				if err != nil {
					return err
				}
				return read(ctx)
			}},
		)
	}
	for _, svc := range []string{svcAPIGroup, svcAppGroup} {
		in = append(in,
			crlfInput{svc, "WithAKSK access key", withOpts(huaweiProject, clientopt.WithAKSK(crlf, "secret"))},
			crlfInput{svc, "WithAKSK secret key", withOpts(huaweiProject, clientopt.WithAKSK("AKAKAKAKAKAKAKAKAKAK", crlf))},
			crlfInput{svc, "WithSecurityToken", withOpts(huaweiAKSK, clientopt.WithSecurityToken(crlf))},
			crlfInput{svc, "WithProjectID", withOpts(nothing, clientopt.WithToken("tok"), clientopt.WithProjectID(crlf))},
			crlfInput{svc, "WithToken", withOpts(huaweiProject, clientopt.WithToken(crlf))},
			crlfInput{svc, "WithTokenFunc", withOpts(huaweiProject,
				clientopt.WithTokenFunc(func(context.Context) (string, error) { return crlf, nil }))},
		)
	}
	crlfSource := oauth2TokenSourceFunc(func() (*oauth2.Token, error) { return &oauth2.Token{AccessToken: crlf}, nil })
	in = append(in,
		crlfInput{svcAPIProxyGroup, "WithToken", withOpts(nothing, apiproxygroup.WithToken(crlf))},
		crlfInput{svcAPIProxyGroup, "WithPassword username", withOpts(nothing, apiproxygroup.WithPassword(crlf, apiproxygrouptest.Password))},
		crlfInput{svcAPIProxyGroup, "WithPassword password", withOpts(nothing, apiproxygroup.WithPassword(apiproxygrouptest.Username, crlf))},
		crlfInput{svcAPIProxyGroup, "WithTokenSource", withOpts(nothing, apiproxygroup.WithTokenSource(crlfSource))},
		crlfInput{svcAPIProduct, "WithToken", withOpts(nothing, apiproduct.WithToken(crlf))},
		crlfInput{svcAPIProduct, "WithTokenSource", withOpts(nothing, apiproduct.WithTokenSource(crlfSource))},

		crlfInput{svcAPIGroup, "Create name", func(ctx context.Context, h *harness) error {
			_, err := h.apigroup.Create(ctx, apigroup.CreateInput{Name: crlf})
			return err
		}},
		crlfInput{svcAPIGroup, "Create remark", func(ctx context.Context, h *harness) error {
			_, err := h.apigroup.Create(ctx, apigroup.CreateInput{Name: "group_crlf", Remark: crlf})
			return err
		}},
		crlfInput{svcAPIGroup, "Update remark", func(ctx context.Context, h *harness) error {
			_, err := h.apigroup.Update(ctx, h.apigroupFake.AddGroup("group_crlf", ""), apigroup.UpdateInput{Name: "group_crlf", Remark: apimgmt.Ptr(crlf)})
			return err
		}},
		crlfInput{svcAPIGroup, "List name filter", func(ctx context.Context, h *harness) error {
			_, err := h.apigroup.ListPage(ctx, &apigroup.ListOptions{Name: crlf})
			return err
		}},
		crlfInput{svcAppGroup, "Create name", func(ctx context.Context, h *harness) error {
			_, err := h.appgroup.Create(ctx, appgroup.CreateInput{Name: crlf})
			return err
		}},
		crlfInput{svcAppGroup, "Create description", func(ctx context.Context, h *harness) error {
			_, err := h.appgroup.Create(ctx, appgroup.CreateInput{Name: "crlf", Description: crlf})
			return err
		}},
		crlfInput{svcAppGroup, "Update description", func(ctx context.Context, h *harness) error {
			_, err := h.appgroup.Update(ctx, h.appgroupFake.AddGroup(appgroup.CreateInput{Name: "crlf"}), appgroup.UpdateInput{Description: apimgmt.Ptr(crlf)})
			return err
		}},
		crlfInput{svcAppGroup, "CheckName name", func(ctx context.Context, h *harness) error {
			_, err := h.appgroup.CheckName(ctx, crlf)
			return err
		}},
		crlfInput{svcAppGroup, "List name filter", func(ctx context.Context, h *harness) error {
			_, err := h.appgroup.ListPage(ctx, &appgroup.ListOptions{Name: crlf})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create name", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: crlf, ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x"}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create description", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "crlf", Description: crlf,
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x"}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create relative path", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "crlf", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/" + crlf}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create host", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "crlf",
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x"}, Hosts: []string{crlf}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create route header name", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "crlf",
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x"}, Headers: []apiproxygroup.Header{{Name: crlf}}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Create route header value", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "crlf",
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x"}, Headers: []apiproxygroup.Header{{Name: "X-Route", Value: crlf}}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Update environment name", func(ctx context.Context, h *harness) error {
			h.proxyFake.AddGroup(proxyGroup, "", "/orders")
			_, err := h.proxy.Update(ctx, apiproxygroup.GroupInput{Name: proxyGroup, EnvironmentName: crlf,
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Get name", func(ctx context.Context, h *harness) error {
			_, err := h.proxy.Get(ctx, crlf)
			return err
		}},
		crlfInput{svcAPIProxyGroup, "Deploy description", func(ctx context.Context, h *harness) error {
			h.proxyFake.AddGroup(proxyGroup, "", "/orders")
			_, err := h.proxy.Deploy(ctx, proxyGroup, proxyEnv, &apiproxygroup.DeployOptions{Description: crlf})
			return err
		}},
		crlfInput{svcAPIProduct, "Create display name and description", func(ctx context.Context, h *harness) error {
			_, err := h.product.Create(ctx, &apiproduct.Product{Name: "crlf", DisplayName: crlf, Description: crlf})
			return err
		}},
		crlfInput{svcAPIProduct, "Create name", func(ctx context.Context, h *harness) error {
			_, err := h.product.Create(ctx, &apiproduct.Product{Name: crlf})
			return err
		}},
		crlfInput{svcAPIProduct, "UpdateAttribute value", func(ctx context.Context, h *harness) error {
			if err := addProduct(ctx, h); err != nil {
				return err
			}
			_, err := h.product.UpdateAttribute(ctx, product, attribute, crlf)
			return err
		}},
		crlfInput{svcAPIProduct, "Move space", func(ctx context.Context, h *harness) error {
			if err := addProduct(ctx, h); err != nil {
				return err
			}
			_, err := h.product.Move(ctx, product, crlf)
			return err
		}},
		crlfInput{svcAPIProduct, "List attribute filter", func(ctx context.Context, h *harness) error {
			_, err := collect(h.product.List(ctx, &apiproduct.ListOptions{AttributeName: "a", AttributeValue: crlf}))
			return err
		}},
		crlfInput{svcAPIProduct, "List start key", func(ctx context.Context, h *harness) error {
			_, err := collect(h.product.List(ctx, &apiproduct.ListOptions{StartKey: crlf}))
			return err
		}},
	)
	return in
}

// TestCRLFNeverReachesAHeader sets every string input of the SDK (options,
// credentials, path parameters are in TestPathParametersCannotEscape, body
// and query fields) to a value with CR LF and a header after it. Either the
// input is rejected before anything is sent (by NewClient, by validation,
// or when the credential is applied; never by net/http refusing a header,
// which would show as a network error), or it travels in a body or a query
// string, escaped, and no header of any request holds it.
func TestCRLFNeverReachesAHeader(t *testing.T) {
	refused, carried := 0, 0
	for _, in := range crlfInputs() {
		t.Run(in.svc+"/"+in.name, func(t *testing.T) {
			h, err := newHarness(in.svc, config{})
			require.NoError(t, err)
			defer h.close()
			err = in.run(context.Background(), h)
			reqs := h.fake.Requests()
			if err != nil && len(reqs) == 0 {
				refused++
				assert.NotErrorIs(t, err, apierror.ErrNetwork, "refused by net/http, not by the SDK: %v", err)
				return
			}
			carried++
			for _, r := range reqs {
				for k, vs := range r.Header {
					assert.NotEqual(t, "X-Injected", k)
					for _, v := range vs {
						assert.NotContains(t, v, "X-Injected", "header %s", k)
						assert.False(t, strings.ContainsAny(v, "\r\n"), "header %s: %q", k, v)
					}
				}
				assert.False(t, bytes.Contains(r.Body, []byte("\r\n")), "the body carries the input escaped: %q", r.Body)
				assert.NotContains(t, r.RawQuery, "\r")
			}
			if err != nil {
				var e *apierror.Error
				assert.True(t, errors.As(err, &e), "a typed error: %v", err)
			}
		})
	}
	t.Logf("%d string inputs with CR LF: %d refused before sending, %d carried escaped in a body or query", refused+carried, refused, carried)
}

// TestConfigurationErrorsHideCredentials: NewClient's errors for a bad
// endpoint or incomplete credentials never show a credential given to it,
// nor one in the endpoint's user info or query string.
func TestConfigurationErrorsHideCredentials(t *testing.T) {
	const secret = "SECRET-zq9w"
	endpoints := []string{
		"ftp://user:" + secret + "@example.com",
		"https://" + secret + "@example.com",
		"https://user:" + secret + "@example.com/",
		"https://example.com/?key=" + secret,
		"https://example.com/#" + secret,
		"example.com/?token=" + secret,
		"https://user:" + secret + "@exa mple.com/",
	}
	creds := map[string][][]clientopt.Option{
		svcAPIGroup: {
			{clientopt.WithAKSK("AK"+secret, "SK"+secret), clientopt.WithProjectID("p1")},
			{clientopt.WithAKSK("AK"+secret, "")},
			{clientopt.WithAKSK("AK"+secret, "SK"+secret)}, // no project
			{clientopt.WithToken(secret)},
			{clientopt.WithAKSK("AK"+secret, "SK"+secret), clientopt.WithSecurityToken(secret + "\n")},
		},
		svcAPIProxyGroup: {
			{apiproxygroup.WithToken(secret)},
			{apiproxygroup.WithPassword("", secret)},
			{apiproxygroup.WithToken(secret + "\r\n")},
		},
		svcAPIProduct: {
			{apiproduct.WithToken(secret)},
			{apiproduct.WithToken(secret + "\n")},
		},
	}
	creds[svcAppGroup] = creds[svcAPIGroup]
	n := 0
	for svc, sets := range creds {
		for _, set := range sets {
			for _, endpoint := range append(endpoints, "https://example.com") {
				opts := append([]clientopt.Option{clientopt.WithEndpoint(endpoint)}, set...)
				var err error
				switch svc {
				case svcAPIGroup:
					_, err = apigroup.NewClient("inst", opts...)
				case svcAppGroup:
					_, err = appgroup.NewClient(opts...)
				case svcAPIProxyGroup:
					_, err = apiproxygroup.NewClient("proj", opts...)
				case svcAPIProduct:
					_, err = apiproduct.NewClient("org", opts...)
				}
				if err == nil {
					continue
				}
				n++
				for _, s := range texts(nil, err, nil, "") {
					assert.NotContains(t, s, secret, "%s with endpoint %q", svc, endpoint)
				}
			}
		}
	}
	t.Logf("%d configuration errors, none showing a credential", n)
}
