// Package apierror defines the one error type that every apimgmt-go service
// returns for a failed call, the sentinel errors it matches, the client-side
// validation error, and decoders for each vendor's error dialect.
//
// The public service packages re-export these names as aliases, so an error
// from any package can be inspected with errors.As(err, &e) where e is a
// *apigroup.Error (or *appgroup.Error, ...: they are the same type).
package apierror

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. An *Error matches one or more of them with errors.Is,
// chosen from the HTTP status and, where the vendor says more, its error code.
var (
	// ErrNotFound: the resource does not exist (HTTP 404, or a vendor code or
	// message that says so).
	ErrNotFound = errors.New("apimgmt: not found")
	// ErrUnauthorized: the credentials were missing, invalid or expired (401).
	ErrUnauthorized = errors.New("apimgmt: unauthorized")
	// ErrForbidden: the credentials are valid but lack permission (403).
	ErrForbidden = errors.New("apimgmt: forbidden")
	// ErrConflict: the request conflicts with the resource's state (409),
	// for example a name that already exists.
	ErrConflict = errors.New("apimgmt: conflict")
	// ErrPreconditionFailed: the server refused because a precondition does
	// not hold (412, or Google's FAILED_PRECONDITION).
	ErrPreconditionFailed = errors.New("apimgmt: precondition failed")
	// ErrThrottled: the server is limiting the request rate (429, or a
	// vendor throttling code).
	ErrThrottled = errors.New("apimgmt: throttled")
	// ErrInvalidRequest: the server rejected the request as malformed
	// (400, 405, 413, 422, or Google's INVALID_ARGUMENT).
	ErrInvalidRequest = errors.New("apimgmt: invalid request")
	// ErrServerError: the server failed (5xx).
	ErrServerError = errors.New("apimgmt: server error")
	// ErrTimeout: the request timed out (408, or a transport timeout).
	ErrTimeout = errors.New("apimgmt: timeout")
	// ErrRedirect: the server answered with a redirect (3xx). Redirects are
	// never followed, so credentials never travel to another location.
	ErrRedirect = errors.New("apimgmt: redirect not followed")
	// ErrNetwork: the request failed in the network before a complete
	// response arrived (connection refused or reset, DNS failure, ...).
	ErrNetwork = errors.New("apimgmt: network error")
	// ErrResponseTooLarge: the response body exceeded the client's limit.
	ErrResponseTooLarge = errors.New("apimgmt: response body too large")
	// ErrMalformedResponse: a success response could not be decoded.
	ErrMalformedResponse = errors.New("apimgmt: malformed response")
	// ErrInsecureTransport: credentials would have been sent over plain HTTP
	// to a host that is not a loopback address.
	ErrInsecureTransport = errors.New("apimgmt: refusing to send credentials over plain http")
	// ErrValidation: the input was rejected before anything was sent. The
	// error is a *ValidationError naming every bad field.
	ErrValidation = errors.New("apimgmt: invalid input")
	// ErrDeployment: a change was saved but deploying it failed somewhere.
	ErrDeployment = errors.New("apimgmt: deployment failed")
)

// MaxBodyCopy is how many bytes of a response body an *Error keeps (see
// Error.Body).
const MaxBodyCopy = 4 << 10

// Error is the error returned for a call that reached the network and failed:
// an error response, a failure envelope in a success response, a response
// that could not be decoded, or a transport failure after all attempts.
//
// Its text never contains credentials, header values or query strings.
// Every text it keeps from a server (Message, Code, Status, Domain,
// RequestID, Body, Details, and the text of Err) has been through Sanitize
// before the pipeline returns or logs it: the credentials the request
// carried are redacted, control and bidi characters are gone, and each is
// bounded (MaxMessageBytes, MaxRequestIDBytes, MaxNameBytes, MaxBodyCopy,
// MaxDetails and MaxDetailBytes).
type Error struct {
	// Op names the operation, for example "apigroup.Update".
	Op string
	// Method and Path are the request's HTTP method and URL path (never the
	// query string).
	Method string
	Path   string
	// StatusCode is the HTTP status of the last response, or 0 when no
	// response arrived.
	StatusCode int
	// Code is the vendor's error code: Huawei's error_code (APIG.3001),
	// Apinizer's error (bad_request), Google's ErrorInfo reason.
	Code string
	// Status is Google's canonical status name (NOT_FOUND, ...) exactly as
	// the server sent it, or Apinizer's envelope status (FAILURE).
	Status string
	// Message is the vendor's error message, or a description of the failure.
	Message string
	// Domain is Google's ErrorInfo domain, when given.
	Domain string
	// Details holds Google's error details, one raw JSON object each (at
	// most MaxDetails, each at most MaxDetailBytes, sanitized as Body).
	Details []Detail
	// RequestID is the server's request identifier (Huawei's X-Request-Id
	// header, Google's RequestInfo), for support tickets.
	RequestID string
	// Attempts is how many times the request was sent.
	Attempts int
	// Retryable reports whether the failure was of a kind that is retried
	// for operations safe to repeat. It is true even when retries were
	// exhausted or switched off.
	Retryable bool
	// RetryAfter is the delay the server asked for (Retry-After or Google's
	// RetryInfo), or 0.
	RetryAfter time.Duration
	// Body is a copy of at most MaxBodyCopy bytes of the response body,
	// with credentials redacted and control, format and separator
	// characters replaced by spaces (a JSON body stays JSON).
	Body []byte
	// Err is the underlying cause, when there is one (a network error, a
	// context error, a JSON error).
	Err error

	kinds []error
}

// Detail is one entry of Google's error details: its type URL and the raw
// JSON object.
type Detail struct {
	// Type is the "@type" URL, for example
	// "type.googleapis.com/google.rpc.ErrorInfo".
	Type string
	// Raw is the whole JSON object.
	Raw []byte
}

// Error returns a one-line description: operation, method and path, status,
// vendor code and message, request ID and attempt count.
func (e *Error) Error() string {
	var b strings.Builder
	b.Grow(128)
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		b.WriteString("HTTP ")
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteByte(' ')
	}
	if e.Status != "" && e.Status != e.Code {
		b.WriteString(e.Status)
		b.WriteByte(' ')
	}
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteByte(' ')
	}
	msg := e.Message
	if msg == "" && e.Err != nil {
		msg = CleanText(e.Err.Error(), MaxMessageBytes)
	}
	if msg == "" && e.StatusCode != 0 {
		msg = http.StatusText(e.StatusCode)
	}
	if msg != "" {
		if e.StatusCode != 0 || e.Code != "" || e.Status != "" {
			b.WriteString("- ")
		}
		b.WriteString(msg)
	}
	// A call that ended because its context did says so, even when the
	// last response carried a vendor message.
	for _, ce := range []error{context.Canceled, context.DeadlineExceeded} {
		if e.Err != nil && errors.Is(e.Err, ce) && !strings.Contains(msg, ce.Error()) {
			b.WriteString("; ")
			b.WriteString(ce.Error())
		}
	}
	var extra []string
	if e.RequestID != "" {
		extra = append(extra, "request id "+e.RequestID)
	}
	if e.Attempts > 1 {
		extra = append(extra, strconv.Itoa(e.Attempts)+" attempts")
	}
	if len(extra) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(extra, ", "))
		b.WriteByte(')')
	}
	return strings.TrimRight(b.String(), " ")
}

// Unwrap returns the underlying cause, so errors.Is(err, context.Canceled)
// and errors.As(err, &netErr) see through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is one of the sentinels this error matches.
func (e *Error) Is(target error) bool {
	for _, k := range e.kinds {
		if k == target {
			return true
		}
	}
	return false
}

// AddKind makes e match the sentinel k with errors.Is.
func (e *Error) AddKind(k error) {
	if k == nil || e.Is(k) {
		return
	}
	e.kinds = append(e.kinds, k)
}

// Kinds returns the sentinels e matches, in the order they were added.
func (e *Error) Kinds() []error { return append([]error(nil), e.kinds...) }

// Clone returns a copy of e that can be changed without changing e: an
// error shared by several calls (one token fetch for many) is cloned
// before each call fills in its own operation and attempts.
func (e *Error) Clone() *Error {
	cp := *e
	cp.kinds = append([]error(nil), e.kinds...)
	return &cp
}

// Format implements fmt.Formatter so that %v, %+v, %#v and %s print the
// same safe text as Error (and %q quotes it), never a field-by-field dump.
func (e *Error) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", e.Error())
	default:
		_, _ = f.Write([]byte(e.Error()))
	}
}

// KindForStatus returns the sentinel for an HTTP status, or nil for a status
// that maps to none.
func KindForStatus(status int) error {
	switch {
	case status == http.StatusNotFound || status == http.StatusGone:
		return ErrNotFound
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusPreconditionFailed:
		return ErrPreconditionFailed
	case status == http.StatusTooManyRequests:
		return ErrThrottled
	case status == http.StatusRequestTimeout:
		return ErrTimeout
	case status >= 300 && status < 400:
		return ErrRedirect
	case status >= 400 && status < 500:
		return ErrInvalidRequest
	case status >= 500:
		return ErrServerError
	}
	return nil
}
