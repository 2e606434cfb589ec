package apiproduct

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync/atomic"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/auth/oauth2cred"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
)

// Scope is the OAuth 2.0 scope every Apigee API method needs.
const Scope = "https://www.googleapis.com/auth/cloud-platform"

// WithTokenSource authenticates every request with an access token from ts,
// sent as Authorization: Bearer <token>. Tokens are cached until shortly
// before they expire. After a 401 the cached token is dropped and ts is
// asked again, once; a ts that caches tokens itself (an
// oauth2.ReuseTokenSource) may hand back the same token, so prefer one that
// fetches. The token must carry the cloud-platform scope (Scope).
//
// The token is attached by the client's request pipeline, after the check
// that refuses to send credentials over plain http to a host that is not a
// loopback address, so a misconfigured endpoint never even causes a token
// fetch.
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(s *clientopt.Settings) {
		if ts == nil {
			s.Fail("WithTokenSource: nil token source")
			return
		}
		s.Credentials = oauth2cred.New(ts, oauth2cred.Options{})
	}
}

// WithToken authenticates every request with a fixed OAuth 2.0 access
// token (for example the output of `gcloud auth print-access-token`). The
// token is not refreshed: when it expires, calls fail with ErrUnauthorized
// (and are not sent again).
func WithToken(token string) Option {
	return func(s *clientopt.Settings) {
		switch {
		case token == "":
			s.Fail("WithToken: empty token")
			return
		case strings.ContainsAny(token, "\r\n"):
			s.Fail("WithToken: line break in token")
			return
		}
		s.Credentials = auth.Fixed(auth.Bearer(auth.StaticToken(token)))
	}
}

// EnvCredentials is the environment variable WithEnvCredentials reads: the
// path of a Google credentials file (a service account key, or any file
// Application Default Credentials accepts).
const EnvCredentials = "GOOGLE_APPLICATION_CREDENTIALS"

// WithEnvCredentials authenticates with the Google credentials the
// environment names: the file in GOOGLE_APPLICATION_CREDENTIALS, for the
// cloud-platform scope, as every package's WithEnvCredentials takes its
// vendor's credentials from the environment. Unlike
// WithDefaultCredentials it never falls back to gcloud's file or the
// metadata server: when the variable is not set, NewClient fails and says
// so. The file is read when NewClient applies the option.
func WithEnvCredentials() Option {
	return func(s *clientopt.Settings) {
		if os.Getenv(EnvCredentials) == "" {
			s.Fail("WithEnvCredentials: %s is not set", EnvCredentials)
			return
		}
		// With the variable set, Application Default Credentials read
		// that file and nothing else.
		useDefault(s)
	}
}

// WithDefaultCredentials authenticates with Google Application Default
// Credentials for the cloud-platform scope: the file named by
// GOOGLE_APPLICATION_CREDENTIALS, else gcloud's
// application_default_credentials.json, else the metadata server on Google
// Cloud. It is the whole chain, where WithEnvCredentials is only its first
// link. The lookup runs when NewClient applies the options (never at import
// time), with the context given by WithDefaultCredentialsContext (its values,
// not its cancellation, are kept for later token requests); when no
// credentials are found, NewClient fails with an error that says so.
//
// Token requests go through the client's HTTP client (WithHTTPClient,
// WithTLSConfig, WithTransport, or the SDK's shared one), so a custom CA, a
// proxy or an instrumented transport applies to them too (the metadata
// server path on Google Cloud uses the metadata package's own client). After
// a 401 the token source is built again from the same credentials, so the
// single repeat carries a genuinely new token rather than the cached one.
func WithDefaultCredentials() Option {
	return func(s *clientopt.Settings) { useDefault(s) }
}

// useDefault makes s look Application Default Credentials up once the HTTP
// client is known.
func useDefault(s *clientopt.Settings) {
	s.Credentials = adcPending{}
	s.Creds.Finish = append(s.Creds.Finish, buildDefaultCredentials)
}

// WithDefaultCredentialsContext sets the context with which
// WithDefaultCredentials looks the credentials up. Its values are kept for
// the token requests that follow; its cancellation is not (token requests
// have their own timeout, and each call honours its own context).
func WithDefaultCredentialsContext(ctx context.Context) Option {
	return func(s *clientopt.Settings) {
		if ctx == nil {
			s.Fail("WithDefaultCredentialsContext: nil context")
			return
		}
		s.Creds.Finish = append([]func(*clientopt.Settings){func(s *clientopt.Settings) {
			s.Creds.LookupContext = ctx
		}}, s.Creds.Finish...)
	}
}

// adcPending marks that WithDefaultCredentials was the last credential
// option; the credentials are built once the HTTP client is known.
type adcPending struct{ auth.Credentials }

func buildDefaultCredentials(s *clientopt.Settings) {
	if _, ok := s.Credentials.(adcPending); !ok {
		return // a later credential option replaced it
	}
	base := s.Creds.LookupContext
	if base == nil {
		base = context.Background()
	}
	ctx := context.WithValue(context.WithoutCancel(base), oauth2.HTTPClient, s.Client())
	creds, err := google.FindDefaultCredentials(ctx, Scope)
	if err != nil {
		s.Credentials = nil
		s.Fail("WithDefaultCredentials: no Application Default Credentials: %w", err)
		return
	}
	var src atomic.Pointer[oauth2.TokenSource]
	src.Store(&creds.TokenSource)
	rebuild := func() {
		// ADC's sources cache their token and cannot be told to drop it:
		// a new source starts with an empty cache.
		if len(creds.JSON) > 0 {
			// The file ADC already accepted, read again as its own type.
			var head struct {
				Type string `json:"type"`
			}
			if json.Unmarshal(creds.JSON, &head) == nil {
				if c, err := google.CredentialsFromJSONWithType(ctx, creds.JSON, google.CredentialsType(head.Type), Scope); err == nil {
					src.Store(&c.TokenSource)
				}
			}
			return
		}
		ts := google.ComputeTokenSource("", Scope)
		src.Store(&ts)
	}
	s.Credentials = oauth2cred.NewFunc(func(context.Context) (*oauth2.Token, error) {
		return (*src.Load()).Token()
	}, oauth2cred.Options{OnInvalidate: rebuild, Now: s.Hooks.Now})
}
