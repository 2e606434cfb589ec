// Package apierror defines the one error type that every apimgmt-go service
// returns for a failed call, the sentinel errors it matches, the client-side
// validation error, and decoders for each vendor's error dialect.
//
// The public service packages re-export these names as aliases, so an error
// from any package can be inspected with errors.As(err, &e) where e is a
// *apigroup.Error (or *appgroup.Error, ...: they are the same type).
package apierror

import (
	"net/http"

	"github.com/apimgmt/apimgmt-go"
)

// The sentinels are the root package's values, so errors.Is works across
// every package of the SDK.
var (
	ErrNotFound           = apimgmt.ErrNotFound
	ErrUnauthorized       = apimgmt.ErrUnauthorized
	ErrForbidden          = apimgmt.ErrForbidden
	ErrConflict           = apimgmt.ErrConflict
	ErrPreconditionFailed = apimgmt.ErrPreconditionFailed
	ErrThrottled          = apimgmt.ErrThrottled
	ErrInvalidRequest     = apimgmt.ErrInvalidRequest
	ErrServerError        = apimgmt.ErrServerError
	ErrTimeout            = apimgmt.ErrTimeout
	ErrRedirect           = apimgmt.ErrRedirect
	ErrNetwork            = apimgmt.ErrNetwork
	ErrResponseTooLarge   = apimgmt.ErrResponseTooLarge
	ErrMalformedResponse  = apimgmt.ErrMalformedResponse
	ErrInsecureTransport  = apimgmt.ErrInsecureTransport
	ErrValidation         = apimgmt.ErrValidation
	ErrDeployment         = apimgmt.ErrDeployment
)

// MaxBodyCopy is how many bytes of a response body an *Error keeps (see
// Error.Body).
const MaxBodyCopy = 4 << 10

// Error is the root package's error type (see apimgmt.Error).
type Error = apimgmt.Error

// Detail is one entry of Google's error details (see apimgmt.Detail).
type Detail = apimgmt.Detail

// AddKind makes e match the sentinel k with errors.Is (it appends k to
// e.Kinds once; a nil k is ignored).
func AddKind(e *Error, k error) {
	if k == nil || e.Is(k) {
		return
	}
	e.Kinds = append(e.Kinds, k)
}

// Clone returns a copy of e that can be changed without changing e: an
// error shared by several calls (one token fetch for many) is cloned
// before each call fills in its own operation and attempts.
func Clone(e *Error) *Error {
	cp := *e
	cp.Kinds = append([]error(nil), e.Kinds...)
	cp.Details = append([]Detail(nil), e.Details...)
	return &cp
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
