package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
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
