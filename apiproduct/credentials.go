package apiproduct

import (
	"context"
	"os"
	"strings"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/auth/oauth2cred"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/transport"
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
		findDefault(s, "WithEnvCredentials")
	}
}

// WithDefaultCredentials authenticates with Google Application Default
// Credentials for the cloud-platform scope: the file named by
// GOOGLE_APPLICATION_CREDENTIALS, else gcloud's
// application_default_credentials.json, else the metadata server on Google
// Cloud. It is the whole chain, where WithEnvCredentials is only its first
// link. The lookup runs when NewClient applies the option (never at import
// time); when no credentials are found, NewClient fails with an error that
// says so. Token requests go through an HTTP client with the SDK's connect,
// TLS and response timeouts.
func WithDefaultCredentials() Option {
	return func(s *clientopt.Settings) { findDefault(s, "WithDefaultCredentials") }
}

// findDefault sets s's credentials from Application Default Credentials.
func findDefault(s *clientopt.Settings, option string) {
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, transport.NewHTTPClient())
	creds, err := google.FindDefaultCredentials(ctx, Scope)
	if err != nil {
		s.Fail("%s: no Application Default Credentials: %w", option, err)
		return
	}
	s.Credentials = oauth2cred.New(creds.TokenSource, oauth2cred.Options{})
}
