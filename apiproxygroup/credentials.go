package apiproxygroup

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/auth/oauth2cred"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Environment variables read by WithEnvCredentials and by the examples.
const (
	// EnvURL holds the Apinizer Manager URL (read by the examples, not by
	// WithEnvCredentials).
	EnvURL = "APINIZER_URL"
	// EnvToken holds a Personal API Access Token.
	EnvToken = "APINIZER_TOKEN"
	// EnvUsername and EnvPassword hold an Apinizer user's credentials,
	// used when EnvToken is not set.
	EnvUsername = "APINIZER_USERNAME"
	EnvPassword = "APINIZER_PASSWORD"
)

// Token lifetimes for WithPassword and WithTokenSource.
//
// Apinizer documents expires_in of POST /apiops/auth/token as seconds (3600)
// but an older example shows 1656505346947, which reads as an expiry time in
// Unix milliseconds. The client accepts both: a value of at least 10^11
// (over 3,000 years as seconds) is taken as Unix milliseconds, any other
// positive value as seconds. Whatever the value says, a token is replaced
// after at most TokenMaxLifetime, and one whose expiry lies in the past on
// arrival (clocks that disagree) after TokenShortLifetime, so that a
// misread expiry can never keep an expired token in use. A 401 on a cached
// token also replaces it, and the call is sent once more.
const (
	TokenMaxLifetime   = time.Hour
	TokenShortLifetime = time.Minute
	// epochMillis is the smallest expires_in taken as Unix milliseconds.
	epochMillis = 100_000_000_000
)

// WithToken authenticates with a Personal API Access Token (Manager UI: My
// Profile > Personal API Access Tokens), sent as Authorization: Bearer.
func WithToken(token string) Option {
	return func(s *clientopt.Settings) {
		switch {
		case token == "":
			s.Fail("WithToken: empty token")
		case strings.ContainsAny(token, "\r\n"):
			s.Fail("WithToken: line break in token")
		default:
			// A fixed token cannot be refreshed, so it does not offer
			// auth.Invalidator: a 401 is returned at once, not retried.
			s.Credentials = auth.Fixed(auth.Bearer(auth.StaticToken(token)))
		}
	}
}

// WithPassword authenticates as an Apinizer user. The client exchanges the
// username and password for a token at POST /apiops/auth/token (the OAuth2
// client-credentials grant, form-encoded, through the same transport as every
// other call), caches the token, replaces it before it expires (see
// TokenMaxLifetime), and after a 401 replaces it and sends the call once
// more. The password is never logged or printed.
func WithPassword(username, password string) Option {
	return func(s *clientopt.Settings) {
		if username == "" || password == "" {
			s.Fail("WithPassword: username and password are both required")
			return
		}
		s.Credentials = &pendingCredentials{username: username, password: password}
	}
}

// WithTokenSource authenticates with tokens from src, which the client asks
// for a token whenever it needs a new one: on first use, before the cached
// one expires (after at most TokenMaxLifetime) and after a 401. src should
// fetch a new token on each call; one that caches (oauth2.ReuseTokenSource)
// defeats the refresh after a 401.
func WithTokenSource(src oauth2.TokenSource) Option {
	return func(s *clientopt.Settings) {
		if src == nil {
			s.Fail("WithTokenSource: nil token source")
			return
		}
		s.Credentials = &pendingCredentials{src: src}
	}
}

// WithEnvCredentials reads credentials from the environment: a Personal API
// Access Token from APINIZER_TOKEN, or else a username and password from
// APINIZER_USERNAME and APINIZER_PASSWORD (as WithPassword).
func WithEnvCredentials() Option {
	return func(s *clientopt.Settings) {
		if tok := os.Getenv(EnvToken); tok != "" {
			WithToken(tok)(s)
			return
		}
		user, pass := os.Getenv(EnvUsername), os.Getenv(EnvPassword)
		if user == "" || pass == "" {
			s.Fail("WithEnvCredentials: set %s, or %s and %s", EnvToken, EnvUsername, EnvPassword)
			return
		}
		WithPassword(user, pass)(s)
	}
}

// pendingCredentials are credentials that NewClient completes once the
// Manager URL and the transport settings are known.
type pendingCredentials struct {
	username, password string
	src                oauth2.TokenSource
}

var errPending = errors.New("apiproxygroup: credentials used outside NewClient")

func (*pendingCredentials) Apply(context.Context, *http.Request, []byte) error { return errPending }

// String keeps the username and password out of any formatted output.
func (*pendingCredentials) String() string { return "apiproxygroup.credentials{redacted}" }

// GoString is String for %#v.
func (p *pendingCredentials) GoString() string { return p.String() }

// buildCredentials returns the credentials the options configured.
func buildCredentials(s *clientopt.Settings, base string) (auth.Credentials, error) {
	switch c := s.Credentials.(type) {
	case nil:
		return nil, errors.New("no credentials: set WithToken, WithPassword, WithTokenSource or WithEnvCredentials")
	case *pendingCredentials:
		opts := oauth2cred.Options{Expiry: tokenExpiry, MaxLifetime: TokenMaxLifetime, Now: s.Hooks.Now}
		if c.src != nil {
			return oauth2cred.New(c.src, opts), nil
		}
		return oauth2cred.NewFunc(passwordTokens(s, base, c.username, c.password), opts), nil
	default:
		return c, nil
	}
}

// passwordTokens returns a function that fetches a new token with the
// client-credentials grant. Its requests go through a pipeline of their own
// (no credentials to attach, the same HTTP client and settings), reached by
// golang.org/x/oauth2 through the oauth2.HTTPClient context key.
func passwordTokens(s *clientopt.Settings, base, username, password string) func(context.Context) (*oauth2.Token, error) {
	cfg := &clientcredentials.Config{
		ClientID:     username,
		ClientSecret: password,
		TokenURL:     tokenURL(base),
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	hc := &http.Client{Transport: pipelineDoer{s.Pipeline(apierror.Apinizer, nil)}}
	return func(ctx context.Context) (*oauth2.Token, error) {
		ctx = context.WithValue(transport.WithOp(ctx, opToken), oauth2.HTTPClient, hc)
		tok, err := cfg.Token(ctx)
		if err != nil {
			return nil, tokenError(err, password)
		}
		return tok, nil
	}
}

// tokenError turns a failed token request into an *Error that says so. Its
// StatusCode is 0 (the call itself got no answer), so a rejected password
// is not sent a second time by the retry after a 401; Err holds the token
// request's own error, with its status. The pipeline has already redacted
// the form's password from an error answer; a 2xx that golang.org/x/oauth2
// refused is decoded here with the password redacted as well.
func tokenError(err error, password string) error {
	var ae *apierror.Error
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &re) && re.Response != nil:
		// A 2xx that carries an OAuth error or no access token.
		ae = apierror.FromResponseRedacted(apierror.Apinizer, re.Response.StatusCode, re.Response.Header, re.Body, apierror.NewRedactor(password))
		apierror.AddKind(ae, apierror.ErrUnauthorized)
	case strings.HasPrefix(err.Error(), "oauth2: "):
		// The pipeline fails every answer but a 2xx, so this is a 2xx
		// from which golang.org/x/oauth2 could read no token (not JSON, or
		// no access_token): a malformed answer, not only a refusal.
		e := &apierror.Error{Message: "token request failed: the answer holds no token", Err: err}
		apierror.Sanitize(e, apierror.NewRedactor(password))
		apierror.AddKind(e, apierror.ErrUnauthorized)
		apierror.AddKind(e, apierror.ErrMalformedResponse)
		return e
	default:
		return err
	}
	e := &apierror.Error{Code: ae.Code, Status: ae.Status, RequestID: ae.RequestID, Err: ae, Message: "token request failed"}
	if ae.StatusCode != 0 {
		e.Message += " with HTTP " + strconv.Itoa(ae.StatusCode)
	}
	if ae.Message != "" {
		e.Message += ": " + ae.Message
	}
	for _, k := range ae.Kinds {
		apierror.AddKind(e, k)
	}
	apierror.Sanitize(e, apierror.NewRedactor(password))
	return e
}

// tokenExpiry reads expires_in as seconds or as Unix milliseconds (see
// TokenMaxLifetime). The zero time means unknown.
func tokenExpiry(tok *oauth2.Token, fetchedAt time.Time) time.Time {
	v, ok := expiresIn(tok.Extra("expires_in"))
	switch {
	case !ok || v <= 0:
		return time.Time{}
	case v >= epochMillis:
		exp := time.UnixMilli(v).UTC()
		if !exp.After(fetchedAt) {
			return fetchedAt.Add(TokenShortLifetime)
		}
		return exp
	case v > int64(TokenMaxLifetime/time.Second):
		return fetchedAt.Add(TokenMaxLifetime)
	default:
		return fetchedAt.Add(time.Duration(v) * time.Second)
	}
}

// expiresIn reads a raw expires_in value: a JSON number, or a string of
// digits (as some servers send it).
func expiresIn(raw any) (int64, bool) {
	switch v := raw.(type) {
	case float64:
		if v != v || v > 1<<62 || v < -(1<<62) {
			return 0, false
		}
		return int64(v), true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n, err == nil
	}
	return 0, false
}
