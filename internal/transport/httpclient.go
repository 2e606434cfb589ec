package transport

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// Timeouts of the default HTTP client.
const (
	DialTimeout           = 10 * time.Second
	TLSHandshakeTimeout   = 10 * time.Second
	ResponseHeaderTimeout = 60 * time.Second
	// AttemptTimeout bounds one whole attempt, body included.
	AttemptTimeout = 120 * time.Second
)

// NewHTTPClient returns the default HTTP client: connect, TLS, response-header
// and whole-attempt timeouts, a connection pool sized for concurrent use
// (64 idle connections per host), TLS 1.2 or later, proxies from the
// environment, and redirects never followed.
func NewHTTPClient() *http.Client {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: DialTimeout, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   TLSHandshakeTimeout,
		ResponseHeaderTimeout: ResponseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}
	return &http.Client{Transport: t, Timeout: AttemptTimeout, CheckRedirect: noRedirects}
}

// noRedirects makes the client return a 3xx response as it is, so that the
// pipeline turns it into an error and credentials never follow it.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// withoutRedirects returns a shallow copy of a user's client that never
// follows redirects; the user's client itself is left untouched.
func withoutRedirects(c *http.Client) *http.Client {
	cp := *c
	cp.CheckRedirect = noRedirects
	return &cp
}
