package apimgmt

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
// chosen from the HTTP status and, where the vendor says more, its error
// code. Every service package returns these same values (its ErrNotFound
// and the others are the same variables), so errors.Is works across
// packages.
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
	// ErrDeployment: a change was saved but deploying it failed somewhere
	// (only apiproxygroup deploys; see its DeploymentError).
	ErrDeployment = errors.New("apimgmt: deployment failed")
)

// Error is the error every service package returns for a call that reached
// the network and failed: an error response, a failure envelope in a
// success response, a response that could not be decoded, or a transport
// failure after all attempts. Reach it with errors.As:
//
//	var e *apimgmt.Error
//	if errors.As(err, &e) { log.Print(e.StatusCode, e.Code, e.RequestID) }
//
// Its text never contains credentials, header values or query strings.
// Every text an Error returned by the SDK keeps from a server (Message,
// Code, Status, Domain, RequestID, Body, Details, and the text of Err) was
// made safe before the SDK returned or logged it: the credentials the
// request carried are redacted, control and bidi characters are gone, and
// each is bounded (a message to 4 KiB, a request ID and a code to 256
// bytes, the body copy to 4 KiB, at most 16 details of 4 KiB each).
// Error prints those texts as stored.
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
	// Details holds Google's error details, one raw JSON object each.
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
	// Body is a copy of the start of the response body (at most 4 KiB),
	// with credentials redacted and control, format and separator
	// characters replaced by spaces (a JSON body stays JSON).
	Body []byte
	// Err is the underlying cause, when there is one (a network error, a
	// context error, a JSON error).
	Err error
	// Kinds are the sentinels (ErrNotFound, ...) this error matches with
	// errors.Is, in the order the SDK found them. It is a field rather than
	// hidden state so that a test double can build an *Error that behaves
	// like one the SDK returns.
	Kinds []error
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
		msg = e.Err.Error()
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

// Is reports whether target is one of the sentinels in Kinds.
func (e *Error) Is(target error) bool {
	for _, k := range e.Kinds {
		if k == target {
			return true
		}
	}
	return false
}

// Format implements fmt.Formatter: %v, %+v and %s print the same safe text
// as Error, %q quotes it, and %#v prints the fields (GoString).
func (e *Error) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'q':
		fmt.Fprintf(f, "%q", e.Error())
	case verb == 'v' && f.Flag('#'):
		_, _ = f.Write([]byte(e.GoString()))
	default:
		_, _ = f.Write([]byte(e.Error()))
	}
}

// GoString prints the fields of e as Go syntax, for %#v. Body and each
// detail's Raw are shown by their length only: they are copies of what the
// server sent, and a debugging print should not spill them into a log.
// The cause is shown by its text and the sentinels by theirs.
func (e *Error) GoString() string {
	if e == nil {
		return "(*apimgmt.Error)(nil)"
	}
	var b strings.Builder
	str := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s:%q, ", name, v)
		}
	}
	b.WriteString("&apimgmt.Error{")
	str("Op", e.Op)
	str("Method", e.Method)
	str("Path", e.Path)
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, "StatusCode:%d, ", e.StatusCode)
	}
	str("Code", e.Code)
	str("Status", e.Status)
	str("Message", e.Message)
	str("Domain", e.Domain)
	if len(e.Details) > 0 {
		b.WriteString("Details:[]apimgmt.Detail{")
		for i, d := range e.Details {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "{Type:%q, Raw:<%d bytes>}", d.Type, len(d.Raw))
		}
		b.WriteString("}, ")
	}
	str("RequestID", e.RequestID)
	if e.Attempts != 0 {
		fmt.Fprintf(&b, "Attempts:%d, ", e.Attempts)
	}
	if e.Retryable {
		b.WriteString("Retryable:true, ")
	}
	if e.RetryAfter != 0 {
		fmt.Fprintf(&b, "RetryAfter:%s, ", e.RetryAfter)
	}
	if e.Body != nil {
		fmt.Fprintf(&b, "Body:<%d bytes>, ", len(e.Body))
	}
	if e.Err != nil {
		fmt.Fprintf(&b, "Err:%q, ", e.Err.Error())
	}
	if len(e.Kinds) > 0 {
		b.WriteString("Kinds:[")
		for i, k := range e.Kinds {
			if i > 0 {
				b.WriteString(" ")
			}
			if k == nil {
				b.WriteString("nil")
				continue
			}
			fmt.Fprintf(&b, "%q", k.Error())
		}
		b.WriteString("], ")
	}
	return strings.TrimSuffix(b.String(), ", ") + "}"
}

// FieldError is one rejected input field.
type FieldError struct {
	// Field is the field's name as the vendor spells it on the wire, with a
	// path for nested fields ("clientRoute.relativePathList[0]").
	Field string
	// Problem says what is wrong, in a short sentence fragment.
	Problem string
}

// ValidationError reports input that was rejected before anything was
// sent. It lists every bad field, not only the first. It matches
// ErrValidation with errors.Is.
type ValidationError struct {
	// Op names the operation, for example "apigroup.Update".
	Op string
	// Fields lists every rejected field.
	Fields []FieldError
}

// Error lists the operation and every bad field.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteByte(' ')
		b.WriteString(f.Problem)
	}
	return b.String()
}

// Is makes a *ValidationError match ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }
