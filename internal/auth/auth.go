// Package auth attaches credentials to requests: Huawei Cloud AK/SK signing
// (SDK-HMAC-SHA256) and IAM tokens (X-Auth-Token), and bearer tokens for
// Apinizer and Google. Credentials are applied by the request pipeline on
// every attempt, never by a RoundTripper, so they are recomputed for each
// retry and never follow a redirect.
package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Credentials add authentication to one attempt of a request. body holds the
// exact bytes that will be sent (nil for no body). Implementations must be
// safe for concurrent use.
type Credentials interface {
	Apply(ctx context.Context, req *http.Request, body []byte) error
}

// Invalidator is implemented by credentials that cache a token. After a 401,
// the pipeline calls Invalidate and sends the request once more, so that a
// token revoked or expired early is replaced.
type Invalidator interface {
	Invalidate()
}

// ErrEmptyToken is returned when a token function yields an empty token.
var ErrEmptyToken = errors.New("auth: empty token")

// TokenFunc returns a token for a request. It may cache and refresh.
type TokenFunc func(ctx context.Context) (string, error)

// HeaderToken puts a token in a header, with an optional scheme prefix:
// Authorization: Bearer <token>, or X-Auth-Token: <token>.
type HeaderToken struct {
	// Header is the canonical header name.
	Header string
	// Prefix is written before the token, for example "Bearer ".
	Prefix string
	// Token yields the token.
	Token TokenFunc
	// OnInvalidate, when set, is called after a 401 (see Invalidator).
	OnInvalidate func()

	// last is the header value of the last token, reused while the token
	// stays the same (net/http only reads header values), so that a cached
	// token costs no allocation per request.
	last atomic.Pointer[tokenHeader]
}

type tokenHeader struct {
	tok string
	hdr []string
}

// Apply sets the header.
func (h *HeaderToken) Apply(ctx context.Context, req *http.Request, _ []byte) error {
	tok, err := h.Token(ctx)
	if err != nil {
		return err
	}
	if last := h.last.Load(); last != nil && last.tok == tok {
		req.Header[h.Header] = last.hdr
		return nil
	}
	if tok == "" {
		return ErrEmptyToken
	}
	if strings.ContainsAny(tok, "\r\n") {
		return errors.New("auth: token contains a line break")
	}
	th := &tokenHeader{tok: tok, hdr: []string{h.Prefix + tok}}
	h.last.Store(th)
	req.Header[h.Header] = th.hdr
	return nil
}

// Invalidate forwards to OnInvalidate.
func (h *HeaderToken) Invalidate() {
	if h.OnInvalidate != nil {
		h.OnInvalidate()
	}
}

// StaticToken returns a TokenFunc that always yields tok.
func StaticToken(tok string) TokenFunc {
	return func(context.Context) (string, error) { return tok, nil }
}

// Bearer returns credentials that send Authorization: Bearer <token>.
func Bearer(tok TokenFunc) *HeaderToken {
	return &HeaderToken{Header: "Authorization", Prefix: "Bearer ", Token: tok}
}

// XAuthToken returns credentials that send a Huawei IAM token in X-Auth-Token.
// projectID, when set, is also sent as X-Project-Id.
func XAuthToken(tok TokenFunc, projectID string) Credentials {
	h := &HeaderToken{Header: "X-Auth-Token", Token: tok}
	if projectID == "" {
		return h
	}
	return &withProject{inner: h, projectID: projectID}
}

type withProject struct {
	inner     Credentials
	projectID string
}

func (w *withProject) Apply(ctx context.Context, req *http.Request, body []byte) error {
	req.Header["X-Project-Id"] = []string{w.projectID}
	return w.inner.Apply(ctx, req, body)
}

// CachedToken caches the result of fetch until Invalidate is called. It is
// for tokens without a known lifetime (a Huawei IAM token fetched by a user
// function); tokens with an expiry use golang.org/x/oauth2 instead.
type CachedToken struct {
	fetch TokenFunc
	mu    sync.Mutex
	tok   string
}

// NewCachedToken wraps fetch in a cache.
func NewCachedToken(fetch TokenFunc) *CachedToken { return &CachedToken{fetch: fetch} }

// Token returns the cached token, fetching it when there is none.
func (c *CachedToken) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != "" {
		return c.tok, nil
	}
	tok, err := c.fetch(ctx)
	if err != nil {
		return "", err
	}
	c.tok = tok
	return tok, nil
}

// Invalidate drops the cached token.
func (c *CachedToken) Invalidate() {
	c.mu.Lock()
	c.tok = ""
	c.mu.Unlock()
}
