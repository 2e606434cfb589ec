package transport

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
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

// sender sends one attempt through a client that never follows redirects.
//
// For a client without a cookie jar it calls the client's RoundTripper
// itself. What http.Client.Do adds on top of its RoundTripper is redirect
// handling (this pipeline follows none, yet Do copies every request's
// headers in case it should), the cookie jar, and Timeout; the sender
// applies Timeout as a deadline on the attempt's context, and leaves a
// client with a jar to Do. Errors are wrapped in *url.Error, as Do wraps
// them.
type sender struct {
	client  *http.Client      // the client with redirects off
	rt      http.RoundTripper // client.Transport; nil means http.DefaultTransport at send time
	timeout time.Duration     // client.Timeout
	direct  bool              // send through rt, not client.Do
}

func newSender(c *http.Client) sender {
	return sender{client: c, rt: c.Transport, timeout: c.Timeout, direct: c.Jar == nil}
}

// noCancel is the done function of an attempt without a deadline of its own.
func noCancel() {}

// send sends req. done must be called once the response body has been
// read: it releases the attempt's deadline.
func (s *sender) send(req *http.Request) (resp *http.Response, done func(), err error) {
	if !s.direct {
		resp, err = s.client.Do(req)
		return resp, noCancel, err
	}
	done = noCancel
	if s.timeout > 0 {
		ctx, cancel := context.WithTimeoutCause(req.Context(), s.timeout, &attemptTimeout{s.timeout})
		req, done = req.WithContext(ctx), context.CancelFunc(cancel)
	}
	rt := s.rt
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err = rt.RoundTrip(req)
	if err == nil && resp == nil {
		err = fmt.Errorf("http: RoundTripper implementation (%T) returned a nil *Response with a nil error", rt)
	}
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		if at, ok := context.Cause(req.Context()).(*attemptTimeout); ok {
			err = at // this attempt's deadline, not the caller's, ended it
		}
		done()
		return nil, noCancel, &url.Error{Op: urlErrorOp(req.Method), URL: req.URL.String(), Err: err}
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	return resp, done, nil
}

func urlErrorOp(method string) string {
	if method == "" {
		return "Get"
	}
	return method[:1] + strings.ToLower(method[1:])
}

// attemptTimeout is the error of an attempt that outlived the HTTP client's
// Timeout. Like the error http.Client.Do returns then, it is a net.Error
// whose Timeout is true and it matches context.DeadlineExceeded.
type attemptTimeout struct{ d time.Duration }

func (e *attemptTimeout) Error() string {
	return "attempt exceeded the HTTP client's Timeout (" + e.d.String() + ")"
}

// Timeout reports true.
func (*attemptTimeout) Timeout() bool { return true }

// Temporary reports true, as for context.DeadlineExceeded.
func (*attemptTimeout) Temporary() bool { return true }

// Is matches context.DeadlineExceeded.
func (*attemptTimeout) Is(target error) bool { return target == context.DeadlineExceeded }
