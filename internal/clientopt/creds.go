package clientopt

// Credential chain, IAM password, credentials providers, TLS and lifecycle
// settings (issue 15), kept apart from the other options.

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// CredsSettings are the settings of the options in this file.
type CredsSettings struct {
	// Provider supplies Huawei keys (WithCredentialsProvider).
	Provider auth.HuaweiProvider
	// IAM password credentials (WithIAMPassword).
	IAMUser, IAMPassword, IAMDomain string
	// IAMEndpoint overrides the IAM endpoint (WithIAMEndpoint).
	IAMEndpoint string
	// TLSConfig and Transport (WithTLSConfig, WithTransport).
	TLSConfig *tls.Config
	Transport http.RoundTripper
	// Getenv reads the environment for the chain (tests); nil means
	// os.Getenv.
	Getenv func(string) string
	// ReadProfile reads the profile file (set by the Huawei services).
	ReadProfile auth.HuaweiProfileReader
	// MetadataURL overrides the metadata service (tests).
	MetadataURL string
	// LookupContext is the context of an Application Default Credentials
	// lookup (apiproduct.WithDefaultCredentialsContext).
	LookupContext context.Context
	// Finish runs at the end of Apply, when every option has been applied
	// and the HTTP client is known (for credentials that fetch tokens
	// through it).
	Finish []func(*Settings)

	client    *http.Client
	closeIdle func()
}

func (c *CredsSettings) getenv(k string) string {
	if c.Getenv != nil {
		return c.Getenv(k)
	}
	return os.Getenv(k)
}

// resolveHTTPClient checks the HTTP options and builds a private client
// around WithTransport's round tripper or with WithTLSConfig's
// configuration (whose idle connections Close closes).
func (s *Settings) resolveHTTPClient() {
	c := &s.Creds
	switch {
	case s.HTTPClient != nil && (c.TLSConfig != nil || c.Transport != nil):
		s.Fail("WithHTTPClient cannot be combined with WithTLSConfig or WithTransport")
	case c.TLSConfig != nil && c.Transport != nil:
		s.Fail("WithTLSConfig cannot be combined with WithTransport (set the TLS configuration on the transport)")
	case s.HTTPClient != nil:
	case c.TLSConfig != nil:
		hc, t := transport.NewTLSHTTPClient(c.TLSConfig)
		c.client, c.closeIdle = hc, t.CloseIdleConnections
	case c.Transport != nil:
		c.client = transport.NewRoundTripperClient(c.Transport)
	}
}

// Client returns the HTTP client that sends the client's requests (and its
// token requests): the user's, the private one resolveHTTPClient built, or
// the process-wide shared one.
func (s *Settings) Client() *http.Client {
	switch {
	case s.HTTPClient != nil:
		return s.HTTPClient
	case s.Creds.client != nil:
		return s.Creds.client
	}
	return transport.SharedHTTPClient()
}

// WithTLSConfig gives the client a transport of its own with the SDK's
// settings (timeouts, pool, HTTP/2, proxy from the environment) and conf as
// its TLS configuration: custom root CAs, client certificates, a higher
// minimum version. TLS 1.2 stays the minimum.
func WithTLSConfig(conf *tls.Config) Option {
	return func(s *Settings) {
		if conf == nil {
			s.Fail("WithTLSConfig: nil configuration")
			return
		}
		s.Creds.TLSConfig = conf
	}
}

// WithTransport sends requests through rt, under the SDK's per-attempt
// timeout and redirect policy. rt is the caller's: Close does not close its
// connections.
func WithTransport(rt http.RoundTripper) Option {
	return func(s *Settings) {
		if rt == nil {
			s.Fail("WithTransport: nil round tripper")
			return
		}
		s.Creds.Transport = rt
	}
}

// WithCredentialsProvider signs requests with Huawei keys from p.
func WithCredentialsProvider(p auth.HuaweiProvider) Option {
	return func(s *Settings) {
		if p == nil {
			s.Fail("WithCredentialsProvider: nil provider")
			return
		}
		s.Creds.Provider = p
	}
}

// WithIAMPassword authenticates with IAM user tokens obtained by password.
func WithIAMPassword(user, password, domain string) Option {
	return func(s *Settings) {
		if user == "" || password == "" || domain == "" {
			s.Fail("WithIAMPassword: user, password and domain are all required")
			return
		}
		s.Creds.IAMUser, s.Creds.IAMPassword, s.Creds.IAMDomain = user, password, domain
	}
}

// WithIAMEndpoint sets the IAM endpoint for WithIAMPassword.
func WithIAMEndpoint(endpoint string) Option {
	return func(s *Settings) { s.Creds.IAMEndpoint = endpoint }
}

// WithProfileReader sets how the chain reads the profile file. The Huawei
// services pass huaweiprofile.Read.
func WithProfileReader(r auth.HuaweiProfileReader) Option {
	return func(s *Settings) { s.Creds.ReadProfile = r }
}

// WithChainHooks redirects the credential chain's environment and metadata
// service (tests only; not exported by the service packages).
func WithChainHooks(getenv func(string) string, metadataURL string) Option {
	return func(s *Settings) { s.Creds.Getenv, s.Creds.MetadataURL = getenv, metadataURL }
}

// huaweiRegionFromEnv sets the region from HUAWEICLOUD_SDK_REGION when
// neither WithRegion nor WithEndpoint set one.
func (s *Settings) huaweiRegionFromEnv() {
	if s.Region == "" && s.Endpoint == "" {
		s.Region = s.Creds.getenv(auth.EnvHuaweiRegion)
	}
}

// huaweiCredentials picks, in order: explicit credentials (a service
// option, AK/SK, an IAM token function, a provider, an IAM password), then
// the chain: environment, profile file, metadata service.
func (s *Settings) huaweiCredentials() (auth.Credentials, string, error) {
	c := &s.Creds
	projectID := s.ProjectID
	if projectID == "" {
		projectID = c.getenv(auth.EnvHuaweiProjectID)
	}
	var chainKeys *auth.HuaweiKeys
	var chainProvider auth.HuaweiProvider
	explicit := s.Credentials != nil || s.AccessKey != "" || s.SecretKey != "" || s.HuaweiToken != nil ||
		c.Provider != nil || c.IAMUser != ""
	if !explicit {
		k, p := auth.ResolveHuaweiChain(c.getenv, c.ReadProfile, c.MetadataURL, nil)
		if p == nil {
			chainKeys = &k
			if projectID == "" {
				projectID = k.ProjectID
			}
		} else {
			chainProvider = p
		}
	}
	if projectID == "" {
		return nil, "", errors.New("no project ID: set WithProjectID or HUAWEICLOUD_SDK_PROJECT_ID (or project_id in the profile file)")
	}
	switch {
	case s.Credentials != nil:
		return s.Credentials, projectID, nil
	case s.AccessKey != "" || s.SecretKey != "":
		cr, err := auth.NewHuaweiAKSK(s.AccessKey, s.SecretKey, projectID, s.SecurityToken, s.Hooks.Now)
		if err != nil {
			return nil, "", err
		}
		return cr, projectID, nil
	case s.HuaweiToken != nil:
		return auth.XAuthToken(s.HuaweiToken, projectID), projectID, nil
	case c.Provider != nil:
		return auth.NewHuaweiProviderCredentials(c.Provider, projectID, s.Hooks.Now), projectID, nil
	case c.IAMUser != "":
		cr, err := s.iamCredentials(projectID)
		return cr, projectID, err
	case chainKeys != nil:
		cr, err := auth.NewHuaweiAKSK(chainKeys.AccessKey, chainKeys.SecretKey, projectID, chainKeys.SecurityToken, s.Hooks.Now)
		if err != nil {
			return nil, "", err
		}
		return cr, projectID, nil
	}
	return auth.NewHuaweiProviderCredentials(chainProvider, projectID, s.Hooks.Now), projectID, nil
}

// iamCredentials builds the IAM password credentials: the endpoint is
// WithIAMEndpoint, else HUAWEICLOUD_SDK_IAM_ENDPOINT, else the region's.
func (s *Settings) iamCredentials(projectID string) (auth.Credentials, error) {
	c := &s.Creds
	override := c.IAMEndpoint
	if override == "" {
		override = c.getenv(auth.EnvHuaweiIAMEndpoint)
	}
	if override == "" && s.Region == "" {
		return nil, errors.New("WithIAMPassword: no IAM endpoint: set WithRegion, WithIAMEndpoint or HUAWEICLOUD_SDK_IAM_ENDPOINT")
	}
	ep := auth.IAMEndpoint(override, s.Region)
	u, err := url.Parse(ep)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New("WithIAMPassword: the IAM endpoint is not an absolute http(s) URL")
	}
	if u.Scheme == "http" && !s.AllowInsecureHTTP && !loopbackHost(u.Hostname()) {
		return nil, errors.New("WithIAMPassword: the IAM endpoint must use https (or set WithInsecureHTTP)")
	}
	p := &auth.IAMPassword{
		Endpoint: ep, User: c.IAMUser, Password: c.IAMPassword, Domain: c.IAMDomain,
		ProjectID: projectID, Client: s.Client(),
	}
	return auth.NewIAMTokenCredentials(p.Fetch, projectID, s.Hooks.Now), nil
}

func loopbackHost(h string) bool {
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1"
}
