package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"sync"
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

// NewTransport returns a new transport with the SDK's settings: connect,
// TLS and response-header timeouts, a connection pool sized for concurrent
// use (64 idle connections per host), TLS 1.2 or later, HTTP/2, and proxies
// from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, read once per
// process by net/http). Each transport has its own connection pool.
func NewTransport() *http.Transport {
	return &http.Transport{
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
}

// NewHTTPClient returns an HTTP client with a transport of its own
// (NewTransport), the whole-attempt timeout, and redirects never followed.
// Clients use SharedHTTPClient unless they need a transport of their own.
func NewHTTPClient() *http.Client {
	return newClient(NewTransport())
}

func newClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt, Timeout: AttemptTimeout, CheckRedirect: noRedirects}
}

// sharedClient is built on first use, never at import time.
var sharedClient = sync.OnceValue(NewHTTPClient)

// SharedHTTPClient returns the process-wide default client, like
// http.DefaultClient but with the SDK's transport (NewTransport): every
// client built without WithHTTPClient, WithTLSConfig or WithTransport uses
// it, so a thousand clients share one connection pool. Its connections are
// never closed by a client's Close.
func SharedHTTPClient() *http.Client { return sharedClient() }

// NewTLSHTTPClient returns a client with a transport of its own: the SDK's
// settings (NewTransport) with conf (cloned) as its TLS configuration; TLS
// 1.2 stays the minimum unless conf asks for more, and HTTP/2 stays on. The
// transport is returned too, so that its owner can close its connections.
func NewTLSHTTPClient(conf *tls.Config) (*http.Client, *http.Transport) {
	t := NewTransport()
	c := conf.Clone()
	if c.MinVersion < tls.VersionTLS12 {
		c.MinVersion = tls.VersionTLS12
	}
	t.TLSClientConfig = c
	return newClient(t), t
}

// NewRoundTripperClient returns a client that sends through rt with the
// SDK's whole-attempt timeout and redirect policy.
func NewRoundTripperClient(rt http.RoundTripper) *http.Client { return newClient(rt) }

// noRedirects makes the client return a 3xx response as it is, so that the
// pipeline turns it into an error and credentials never follow it.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// withoutRedirects returns a shallow copy of a user's client that never
// follows redirects; the user's client itself is left untouched. Its
// Transport, Timeout (per attempt: each attempt is one Do) and cookie jar
// are kept.
func withoutRedirects(c *http.Client) *http.Client {
	cp := *c
	cp.CheckRedirect = noRedirects
	return &cp
}

// tlsFailure reports whether err is a TLS failure that sending again will
// not cure: a certificate the client does not trust, a certificate for
// another host or otherwise invalid, a server that does not speak TLS, or a
// TLS alert (sent or received) ending the handshake. It looks at the types
// in err's chain, never at its text.
func tlsFailure(err error) bool {
	var (
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		roots   x509.SystemRootsError
		algo    x509.InsecureAlgorithmError
		crit    x509.UnhandledCriticalExtension
		record  tls.RecordHeaderError
		alert   tls.AlertError
		echErr  *tls.ECHRejectionError
		opErr   *net.OpError
	)
	switch {
	case errors.As(err, &verify), errors.As(err, &unknown), errors.As(err, &host),
		errors.As(err, &invalid), errors.As(err, &roots), errors.As(err, &algo),
		errors.As(err, &crit), errors.As(err, &record), errors.As(err, &alert),
		errors.As(err, &echErr):
		return true
	case errors.As(err, &opErr) && opErr.Op == "remote error":
		// crypto/tls reports an alert from the peer as a *net.OpError
		// with this Op (the alert's own type is unexported).
		return true
	}
	return false
}
