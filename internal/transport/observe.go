package transport

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"golang.org/x/time/rate"
)

// Per-call options, hooks and the rate limit are designed here, once, for
// every service: the pipeline checks a call's options before anything is
// sent, hands hooks redacted copies of what goes over the wire, and waits
// for the client's limiter before each attempt.

// refusedCallHeaders are the headers a call may not set with WithHeader:
// credentials, and the headers the pipeline or the signer set itself.
var refusedCallHeaders = map[string]bool{
	"Authorization": true, "Proxy-Authorization": true, "X-Auth-Token": true, "X-Security-Token": true,
	"Cookie": true, "Host": true, "User-Agent": true, "Content-Length": true, "Content-Type": true,
	"Transfer-Encoding": true, "X-Sdk-Date": true, "X-Project-Id": true,
}

// validateCallOptions refuses options that must not be sent, naming each.
func validateCallOptions(op string, co *apimgmt.CallOptions) error {
	var v apierror.Validator
	for k, vs := range co.Header {
		field := "header " + k
		switch {
		case !validHeaderName(k):
			v.Add(field, "is not a valid header name")
		case refusedCallHeaders[http.CanonicalHeaderKey(k)]:
			v.Add(field, "is set by the client itself (credentials and framing headers cannot be set per call)")
		}
		for _, val := range vs {
			if strings.ContainsAny(val, "\r\n\x00") {
				v.Add(field, "value holds a line break or a NUL")
				break
			}
		}
	}
	if r := co.Retry; r != nil && (r.MaxAttempts < 0 || r.BaseDelay < 0 || r.MaxDelay < 0 || r.MaxRetryAfter < 0) {
		v.Add("retry", "has negative attempts or delays")
	}
	if co.Timeout < 0 {
		v.Add("timeout", "is negative")
	}
	return v.Err(op)
}

// validHeaderName reports whether k is an RFC 9110 token.
func validHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// observed is the state of one call that has hooks or options.
type observed struct {
	ctx     context.Context // what the Call hooks returned
	hooks   []apimgmt.Hooks
	attempt bool              // some hook has an Attempt function
	keep    bool              // keep the last response (capture or hooks)
	last    *apimgmt.Response // the response of the last attempt, if any
}

// startAttempt runs the Attempt hooks for attempt n of req.
func (o *observed) startAttempt(op *Op, n int, waited time.Duration, req *http.Request, red *lazyRedactor) []func(*apimgmt.Response, error) {
	if !o.attempt {
		return nil
	}
	a := &apimgmt.Attempt{Op: op.Name, Number: n, RateLimitWait: waited, Request: redactedRequest(o.ctx, req, red.get())}
	var ends []func(*apimgmt.Response, error)
	for _, h := range o.hooks {
		if h.Attempt != nil {
			if end := h.Attempt(o.ctx, a); end != nil {
				ends = append(ends, end)
			}
		}
	}
	return ends
}

// endAll calls the end functions in reverse order.
func endAll(ends []func(*apimgmt.Response, error), r *apimgmt.Response, e *apierror.Error) {
	var err error
	if e != nil {
		err = e
	}
	for i := len(ends) - 1; i >= 0; i-- {
		ends[i](r, err)
	}
}

// redactedRequest returns a copy of req for a hook: method, redacted URL,
// redacted headers, no body.
func redactedRequest(ctx context.Context, req *http.Request, r *apierror.Redactor) *http.Request {
	c := &http.Request{
		Method:     req.Method,
		URL:        RedactURL(req.URL, r),
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     RedactHeader(req.Header, r),
		Host:       req.Host,
	}
	if c.Host == "" {
		c.Host = req.URL.Host
	}
	c.ContentLength = req.ContentLength
	return c.WithContext(ctx)
}

// Redacted is what replaces a credential in what hooks and logs see.
const Redacted = "REDACTED"

// redactedHeaders are replaced whole: credentials and cookies.
var redactedHeaders = map[string]bool{
	"Authorization": true, "Proxy-Authorization": true, "X-Auth-Token": true, "X-Security-Token": true,
	"Cookie": true, "Set-Cookie": true, "X-Subject-Token": true,
}

// RedactHeader returns a copy of h with credential and cookie headers
// replaced by "REDACTED" and r's secrets redacted from the others.
func RedactHeader(h http.Header, r *apierror.Redactor) http.Header {
	c := make(http.Header, len(h))
	for k, vs := range h {
		nv := make([]string, len(vs))
		for i, v := range vs {
			if redactedHeaders[http.CanonicalHeaderKey(k)] {
				nv[i] = Redacted
			} else {
				nv[i] = r.String(v)
			}
		}
		c[k] = nv
	}
	return c
}

// secretQueryKeys are query parameters whose values are credentials (in
// lower case): signatures of presigned URLs, tokens, keys and passwords.
var secretQueryKeys = map[string]bool{
	"signature": true, "sig": true, "x-amz-signature": true, "x-goog-signature": true,
	"x-amz-security-token": true, "x-amz-credential": true, "x-goog-credential": true,
	"token": true, "access_token": true, "id_token": true, "refresh_token": true,
	"key": true, "api_key": true, "apikey": true, "password": true, "client_secret": true, "secret": true,
}

// RedactURL returns a copy of u without user info, with the values of
// secret query parameters (and any value holding one of r's secrets)
// replaced by "REDACTED".
func RedactURL(u *url.URL, r *apierror.Redactor) *url.URL {
	c := *u
	if c.User != nil {
		c.User = url.UserPassword(Redacted, Redacted)
	}
	if c.RawQuery != "" {
		q, err := url.ParseQuery(c.RawQuery)
		if err != nil {
			c.RawQuery = Redacted
		} else {
			for k, vs := range q {
				for i, v := range vs {
					if secretQueryKeys[strings.ToLower(k)] || r.String(v) != v {
						vs[i] = Redacted
					}
				}
			}
			c.RawQuery = q.Encode()
		}
	}
	c.Fragment, c.RawFragment = "", ""
	return &c
}

// responseInfo describes resp for hooks and WithCaptureResponse.
func responseInfo(resp *http.Response, rid string, r *apierror.Redactor) *apimgmt.Response {
	return &apimgmt.Response{
		StatusCode: resp.StatusCode,
		Header:     RedactHeader(resp.Header, r),
		RequestID:  apierror.CleanText(r.String(rid), apierror.MaxRequestIDBytes),
	}
}

// waitLimit waits for the client's rate limiter under the call's context.
// A wait the context's deadline cannot cover fails at once as a timeout.
func waitLimit(ctx context.Context, l *rate.Limiter) *apierror.Error {
	err := l.Wait(ctx)
	if err == nil {
		return nil
	}
	e := &apierror.Error{Err: err}
	if ctxErr := ctx.Err(); ctxErr != nil {
		e.Message = "waiting for the client's rate limit: " + ctxErr.Error()
		contextEnded(e, ctxErr)
		return e
	}
	e.Message = "waiting for the client's rate limit would pass the call's deadline"
	e.Err = errors.Join(err, context.DeadlineExceeded)
	apierror.AddKind(e, apierror.ErrTimeout)
	return e
}
