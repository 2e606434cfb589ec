package fake

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Google's 401 messages, as its APIs send them.
const (
	GoogleMissingCredentials = "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
	GoogleInvalidCredentials = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
)

// GoogleAuthenticator accepts requests carrying Authorization: Bearer token.
// Its errors carry Google's 401 messages, which WriteGoogleError turns into
// the matching ErrorInfo reasons.
func GoogleAuthenticator(token string) Authenticator {
	return func(r *http.Request, _ []byte) error {
		h := r.Header.Get("Authorization")
		if h == "" {
			//lint:ignore ST1005 the fake answers with the vendor's own message text
			return errors.New(GoogleMissingCredentials)
		}
		if got, ok := strings.CutPrefix(h, "Bearer "); !ok || token == "" || got != token {
			//lint:ignore ST1005 the fake answers with the vendor's own message text
			return errors.New(GoogleInvalidCredentials)
		}
		return nil
	}
}

// GoogleStatusName returns the canonical status name Google sends with an
// HTTP status.
func GoogleStatusName(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "INVALID_ARGUMENT"
	case http.StatusUnauthorized:
		return "UNAUTHENTICATED"
	case http.StatusForbidden:
		return "PERMISSION_DENIED"
	case http.StatusNotFound:
		return "NOT_FOUND"
	case http.StatusConflict:
		return "ALREADY_EXISTS"
	case http.StatusTooManyRequests:
		return "RESOURCE_EXHAUSTED"
	case http.StatusNotImplemented:
		return "UNIMPLEMENTED"
	case http.StatusServiceUnavailable:
		return "UNAVAILABLE"
	case http.StatusGatewayTimeout:
		return "DEADLINE_EXCEEDED"
	}
	if status >= 500 {
		return "INTERNAL"
	}
	return "UNKNOWN"
}

var googleRequestSeq atomic.Int64

// GoogleRequestInfo returns a google.rpc.RequestInfo detail with a fresh
// request ID.
func GoogleRequestInfo() map[string]any {
	return map[string]any{
		"@type":     "type.googleapis.com/google.rpc.RequestInfo",
		"requestId": fmt.Sprintf("fake-%016x", googleRequestSeq.Add(1)),
	}
}

// GoogleErrorInfo returns a google.rpc.ErrorInfo detail.
func GoogleErrorInfo(reason, domain string, metadata map[string]string) map[string]any {
	d := map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason, "domain": domain}
	if len(metadata) > 0 {
		d["metadata"] = metadata
	}
	return d
}

// GoogleRetryInfo returns a google.rpc.RetryInfo detail asking for delay.
func GoogleRetryInfo(delay time.Duration) map[string]any {
	return map[string]any{
		"@type":      "type.googleapis.com/google.rpc.RetryInfo",
		"retryDelay": fmt.Sprintf("%gs", delay.Seconds()),
	}
}

// GoogleErrorBody returns Google's error body {"error": {"code", "message",
// "status", "details"}}; details are left out when there are none.
func GoogleErrorBody(code int, status, message string, details ...map[string]any) map[string]any {
	e := map[string]any{"code": code, "message": message, "status": status}
	if len(details) > 0 {
		e["details"] = details
	}
	return map[string]any{"error": e}
}

// WriteGoogleStatus writes Google's error body with an explicit canonical
// status, which need not be the one the HTTP status suggests (Apigee sends
// FAILED_PRECONDITION with 400, for example).
func WriteGoogleStatus(w http.ResponseWriter, code int, status, message string, details ...map[string]any) {
	WriteJSON(w, code, GoogleErrorBody(code, status, message, details...))
}

// WriteGoogleError is an ErrorWriter for Google fakes: the canonical status
// for the HTTP status, an ErrorInfo detail when reason is set (for a 401
// without a reason, the one matching Google's message), and a RequestInfo
// detail.
func WriteGoogleError(w http.ResponseWriter, status int, reason, message string) {
	if reason == "" && status == http.StatusUnauthorized {
		reason = "ACCESS_TOKEN_TYPE_UNSUPPORTED"
		if message == GoogleMissingCredentials {
			reason = "CREDENTIALS_MISSING"
		}
	}
	var details []map[string]any
	if reason != "" {
		details = append(details, GoogleErrorInfo(reason, "googleapis.com", nil))
	}
	details = append(details, GoogleRequestInfo())
	WriteGoogleStatus(w, status, GoogleStatusName(status), message, details...)
}
