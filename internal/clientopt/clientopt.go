// Package clientopt holds the settings and functional options shared by every
// apimgmt-go service client. Each public package re-exports the options it
// supports under the same names (see options.gen.go in each package), so
// WithHTTPClient, WithRetry, WithLogger and the rest mean the same everywhere.
package clientopt

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/apimgmt/apimgmt-go/internal/transport"
	"golang.org/x/time/rate"
)

// Option configures a client.
type Option func(*Settings)

// Settings is what the options build. Service packages read it in NewClient.
type Settings struct {
	// Endpoint is an explicit base URL, overriding any region.
	Endpoint string
	// Region is a cloud region ID, from which a service derives its host.
	Region string
	// Transport settings.
	HTTPClient        *http.Client
	Retry             retry.Policy
	Logger            *slog.Logger
	UserAgent         string
	MaxResponseBytes  int64
	AllowInsecureHTTP bool
	Hooks             transport.Hooks
	CallHooks         []apimgmt.Hooks
	Limiter           *rate.Limiter
	WireLog           bool
	WireLogBodyBytes  int

	// Credentials set directly by a service-specific option.
	Credentials auth.Credentials

	// Huawei credentials.
	AccessKey, SecretKey, ProjectID, SecurityToken string
	HuaweiToken                                    auth.TokenFunc

	// --- credential chain and lifecycle settings (issue 15; see creds.go) ---
	Creds CredsSettings
	// --- end of issue 15 settings ---

	errs []error
}

// Apply runs opts over a fresh Settings and returns the first problem any
// option found.
func Apply(opts []Option) (*Settings, error) {
	s := &Settings{}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.resolveHTTPClient() // issue 15: shared, private-TLS or user client
	if len(s.errs) > 0 {
		return nil, errors.Join(s.errs...)
	}
	for _, f := range s.Creds.Finish {
		f(s)
	}
	if len(s.errs) > 0 {
		return nil, errors.Join(s.errs...)
	}
	return s, nil
}

// Fail records a configuration problem; NewClient returns it.
func (s *Settings) Fail(format string, args ...any) {
	s.errs = append(s.errs, fmt.Errorf(format, args...))
}

// Pipeline builds the request pipeline for these settings.
func (s *Settings) Pipeline(d apierror.Dialect, creds auth.Credentials) *transport.Pipeline {
	return transport.New(transport.Config{
		Dialect:           d,
		HTTPClient:        s.Client(),
		Credentials:       creds,
		Retry:             s.Retry,
		Logger:            s.Logger,
		UserAgent:         s.UserAgent,
		MaxResponseBytes:  s.MaxResponseBytes,
		AllowInsecureHTTP: s.AllowInsecureHTTP,
		Hooks:             s.Hooks,
		CallHooks:         s.CallHooks,
		Limiter:           s.Limiter,
		WireLog:           s.WireLog,
		WireLogBodyBytes:  s.WireLogBodyBytes,
		CloseIdle:         s.Creds.closeIdle,
	})
}

// BaseURL returns the endpoint to use: the explicit endpoint when set,
// otherwise fromRegion(region). It checks the URL's form: an absolute http or
// https URL with a host, and without user info, a query or a fragment (not
// even an empty "?" or "#").
func (s *Settings) BaseURL(fromRegion func(region string) string) (string, error) {
	base := s.Endpoint
	if base == "" {
		if s.Region == "" {
			return "", errors.New("no endpoint: set a region (WithRegion) or an endpoint (WithEndpoint)")
		}
		if !validRegion(s.Region) {
			return "", fmt.Errorf("region %q is not a region ID (letters, digits and hyphens)", s.Region)
		}
		base = fromRegion(s.Region)
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("endpoint %q is not an absolute http(s) URL", safeEndpoint(u, err))
	}
	// The raw string is checked too: url.Parse keeps no trace of an empty
	// fragment ("https://host/#"), and an empty query ("https://host/?")
	// shows only as ForceQuery. Either would end up in front of every
	// request path, which then addresses another resource.
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(base, "?#") || u.User != nil {
		return "", fmt.Errorf("endpoint %q must not carry user info, a query or a fragment", safeEndpoint(u, err))
	}
	return strings.TrimRight(base, "/") + "/", nil
}

// safeEndpoint shows an endpoint in an error without what could be a
// credential: user info, a query and a fragment are left out, and an
// endpoint that does not parse is not shown.
func safeEndpoint(u *url.URL, err error) string {
	if err != nil {
		return "(unparsable)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}).String()
}

func validRegion(r string) bool {
	for _, c := range r {
		if !(c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return r != ""
}

// HuaweiCredentials returns the Huawei credentials the options configured
// (AK/SK signing, an IAM token, a provider, an IAM password), or when there
// are none, the credential chain's (see HuaweiChain). It fails when the
// project ID is missing.
func (s *Settings) HuaweiCredentials() (auth.Credentials, string, error) {
	return s.huaweiCredentials()
}

// WithEndpoint sets the base URL explicitly.
func WithEndpoint(endpoint string) Option {
	return func(s *Settings) { s.Endpoint = endpoint }
}

// WithRegion sets the region.
func WithRegion(region string) Option {
	return func(s *Settings) { s.Region = region }
}

// WithHTTPClient sets the HTTP client.
func WithHTTPClient(c *http.Client) Option {
	return func(s *Settings) {
		if c == nil {
			s.Fail("WithHTTPClient: nil client")
		}
		s.HTTPClient = c
	}
}

// WithRetry sets the retry policy.
func WithRetry(p retry.Policy) Option {
	return func(s *Settings) {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0 {
			s.Fail("WithRetry: negative attempts or delays")
		}
		s.Retry = p
	}
}

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option {
	return func(s *Settings) { s.Logger = l }
}

// WithUserAgent sets the User-Agent suffix.
func WithUserAgent(ua string) Option {
	return func(s *Settings) {
		if strings.ContainsAny(ua, "\r\n") {
			s.Fail("WithUserAgent: line break in user agent")
			return
		}
		s.UserAgent = ua
	}
}

// WithMaxResponseBytes bounds response bodies.
func WithMaxResponseBytes(n int64) Option {
	return func(s *Settings) {
		if n <= 0 {
			s.Fail("WithMaxResponseBytes: limit must be positive")
		}
		s.MaxResponseBytes = n
	}
}

// WithInsecureHTTP allows credentials over plain http to any host.
func WithInsecureHTTP() Option {
	return func(s *Settings) { s.AllowInsecureHTTP = true }
}

// WithHooks replaces the clock, sleep and jitter (tests only; not exported
// by the service packages).
func WithHooks(h transport.Hooks) Option {
	return func(s *Settings) { s.Hooks = h }
}

// WithAKSK sets Huawei access key and secret key.
func WithAKSK(accessKey, secretKey string) Option {
	return func(s *Settings) {
		if accessKey == "" || secretKey == "" {
			s.Fail("WithAKSK: access key and secret key are both required")
		}
		s.AccessKey, s.SecretKey = accessKey, secretKey
	}
}

// WithProjectID sets the Huawei project ID.
func WithProjectID(id string) Option {
	return func(s *Settings) { s.ProjectID = id }
}

// WithSecurityToken sets the security token of temporary AK/SK credentials.
func WithSecurityToken(tok string) Option {
	return func(s *Settings) { s.SecurityToken = tok }
}

// WithToken sets a static Huawei IAM token.
func WithToken(tok string) Option {
	return func(s *Settings) {
		if tok == "" {
			s.Fail("WithToken: empty token")
		}
		s.HuaweiToken = auth.StaticToken(tok)
	}
}

// WithTokenFunc sets a function that returns the IAM token.
func WithTokenFunc(fn func(ctx context.Context) (string, error)) Option {
	return func(s *Settings) {
		if fn == nil {
			s.Fail("WithTokenFunc: nil function")
			return
		}
		s.HuaweiToken = fn
	}
}

// Huawei environment variables, as the vendor's own tools name them.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
)

// WithEnvCredentials reads Huawei credentials from the environment.
func WithEnvCredentials() Option {
	return func(s *Settings) {
		ak, sk := os.Getenv(EnvAccessKey), os.Getenv(EnvSecretKey)
		if ak == "" || sk == "" {
			s.Fail("WithEnvCredentials: %s and %s must both be set", EnvAccessKey, EnvSecretKey)
			return
		}
		s.AccessKey, s.SecretKey = ak, sk
		if v := os.Getenv(EnvProjectID); v != "" && s.ProjectID == "" {
			s.ProjectID = v
		}
		if v := os.Getenv(EnvSecurityToken); v != "" {
			s.SecurityToken = v
		}
	}
}

// WithCallHooks adds hooks that observe every call of the client (the
// service packages' WithHooks).
func WithCallHooks(h apimgmt.Hooks) Option {
	return func(s *Settings) { s.CallHooks = append(s.CallHooks, h) }
}

// WithRateLimit limits the client to r attempts a second with bursts of
// burst, with a limiter of its own.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(s *Settings) {
		if r <= 0 || burst <= 0 {
			s.Fail("WithRateLimit: rate and burst must be positive")
			return
		}
		s.Limiter = rate.NewLimiter(r, burst)
	}
}

// WithRateLimiter makes the client wait for l before every attempt; l may
// be shared with other clients.
func WithRateLimiter(l *rate.Limiter) Option {
	return func(s *Settings) {
		if l == nil {
			s.Fail("WithRateLimiter: nil limiter")
			return
		}
		s.Limiter = l
	}
}

// WithWireLog turns the wire log on, bodies cut to maxBodyBytes (0 means
// the default bound).
func WithWireLog(maxBodyBytes int) Option {
	return func(s *Settings) {
		if maxBodyBytes < 0 {
			s.Fail("WithWireLog: negative body bound")
			return
		}
		s.WireLog, s.WireLogBodyBytes = true, maxBodyBytes
	}
}
