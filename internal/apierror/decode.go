package apierror

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Dialect is a vendor's way of writing errors.
type Dialect int

const (
	// Huawei: {"error_code": "APIG.3001", "error_msg": "...", "request_id": "..."}.
	Huawei Dialect = iota + 1
	// Apinizer: {"error": "bad_request", "error_description": "..."}, or the
	// envelope {"status": "FAILURE", "resultMessage": "..."}, which can also
	// arrive with HTTP 200.
	Apinizer
	// Google: {"error": {"code": 404, "message": "...", "status":
	// "NOT_FOUND", "details": [...]}}.
	Google
)

// String returns the vendor's name.
func (d Dialect) String() string {
	switch d {
	case Huawei:
		return "huawei"
	case Apinizer:
		return "apinizer"
	case Google:
		return "google"
	}
	return "unknown"
}

// wireError is the union of every error shape the three vendors use, so that
// one decode understands a body even when a proxy in front of the service
// speaks another dialect.
type wireError struct {
	ErrorCode        string          `json:"error_code"`
	ErrorMsg         string          `json:"error_msg"`
	RequestID        string          `json:"request_id"`
	Code             json.RawMessage `json:"code"`
	Message          string          `json:"message"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	Status           json.RawMessage `json:"status"`
	ResultMessage    string          `json:"resultMessage"`
	Success          *bool           `json:"success"`
}

type googleStatus struct {
	Code    int               `json:"code"`
	Message string            `json:"message"`
	Status  string            `json:"status"`
	Details []json.RawMessage `json:"details"`
}

type googleDetail struct {
	Type       string `json:"@type"`
	Reason     string `json:"reason"`
	Domain     string `json:"domain"`
	RequestID  string `json:"requestId"`
	RetryDelay string `json:"retryDelay"`
}

// FromResponse builds the *Error for a response that is not a success. The
// body is the (possibly truncated) body read under the client's limit.
func FromResponse(d Dialect, status int, header http.Header, body []byte) *Error {
	return FromResponseRedacted(d, status, header, body, nil)
}

// FromResponseRedacted is FromResponse for a response to a request that
// carried credentials: r's secrets are replaced in the body and headers
// before they are read, and in every text taken from them (Sanitize).
func FromResponseRedacted(d Dialect, status int, header http.Header, body []byte, r *Redactor) *Error {
	body, header = r.Bytes(body), r.Header(header)
	e := &Error{StatusCode: status}
	e.RequestID = header.Get("X-Request-Id")
	if len(body) > 0 {
		n := min(len(body), MaxBodyCopy)
		e.Body = append([]byte(nil), body[:n]...)
	}
	if !decodeJSON(d, body, e) {
		e.Message = textMessage(header.Get("Content-Type"), body)
	}
	Sanitize(e, r)
	AddKind(e, KindForStatus(status))
	return e
}

// FailureInSuccess reports a failure envelope inside a 2xx response, which
// only Apinizer sends: {"status": "FAILURE", ...} or {"success": false},
// either without a deployment result (a failed deployment inside a saved
// change, in either envelope, is reported by the service package, which
// knows what was saved). It returns nil for a real success, and for a body
// that is not such an object (the service's decode judges that one).
func FailureInSuccess(d Dialect, status int, header http.Header, body []byte) *Error {
	if d != Apinizer {
		return nil
	}
	var w envelopeFailure
	if json.Unmarshal(body, &w) != nil {
		return nil
	}
	noDeployment := len(w.DeploymentResult) == 0 || string(w.DeploymentResult) == "null"
	failed := (strings.EqualFold(w.Status, "FAILURE") || (w.Success != nil && !*w.Success)) && noDeployment
	if !failed {
		return nil
	}
	e := &Error{StatusCode: status, Status: w.Status}
	e.RequestID = header.Get("X-Request-Id")
	e.Message = w.ResultMessage
	if e.Message == "" {
		e.Message = w.ErrorDescription
	}
	if s, ok := jsonString(w.Error); ok {
		e.Code = s
	}
	e.Body = append([]byte(nil), body[:min(len(body), MaxBodyCopy)]...)
	cleanFields(e)
	apinizerKinds(e)
	AddKind(e, ErrInvalidRequest)
	return e
}

// envelopeFailure holds the members of an Apinizer envelope that
// FailureInSuccess looks at; encoding/json skips the others.
type envelopeFailure struct {
	Status           string          `json:"status"`
	ResultMessage    string          `json:"resultMessage"`
	Success          *bool           `json:"success"`
	DeploymentResult json.RawMessage `json:"deploymentResult"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
}

// cleanFields makes every server-supplied text of e safe to print on one
// line, as Error() does: a code, status, domain or request ID taken from a
// body or header can hold control characters or invalid UTF-8 as well as a
// message can (see Sanitize).
func cleanFields(e *Error) { Sanitize(e, nil) }

func decodeJSON(d Dialect, body []byte, e *Error) bool {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	var w wireError
	if json.Unmarshal(trimmed, &w) != nil {
		return false
	}
	decoded := false
	// Google: "error" is an object.
	if len(w.Error) > 0 && w.Error[0] == '{' {
		var g googleStatus
		if json.Unmarshal(w.Error, &g) == nil {
			applyGoogle(&g, e)
			decoded = true
		}
	}
	// Huawei: error_code / error_msg.
	if !decoded && (w.ErrorCode != "" || w.ErrorMsg != "") {
		e.Code, e.Message = w.ErrorCode, w.ErrorMsg
		if w.RequestID != "" && e.RequestID == "" {
			e.RequestID = w.RequestID
		}
		huaweiKinds(e)
		decoded = true
	}
	// Apinizer (and OAuth): error / error_description.
	if s, ok := jsonString(w.Error); !decoded && ok {
		e.Code, e.Message = s, w.ErrorDescription
		apinizerKinds(e)
		decoded = true
	}
	// Apinizer envelope: status / resultMessage.
	if st, ok := jsonString(w.Status); !decoded && ok && (w.ResultMessage != "" || strings.EqualFold(st, "FAILURE")) {
		e.Status, e.Message = st, w.ResultMessage
		apinizerKinds(e)
		decoded = true
	}
	// Generic {code, message}.
	if !decoded && w.Message != "" {
		e.Message = w.Message
		if s, ok := jsonString(w.Code); ok {
			e.Code = s
		} else if len(w.Code) > 0 && w.Code[0] != 'n' {
			e.Code = string(w.Code)
		}
		if d == Huawei {
			huaweiKinds(e)
		}
		decoded = true
	}
	return decoded
}

func applyGoogle(g *googleStatus, e *Error) {
	e.Message, e.Status = g.Message, g.Status
	for _, raw := range g.Details {
		var dt googleDetail
		if json.Unmarshal(raw, &dt) != nil {
			continue
		}
		e.Details = append(e.Details, Detail{Type: dt.Type, Raw: append([]byte(nil), raw...)})
		switch {
		case strings.HasSuffix(dt.Type, "google.rpc.ErrorInfo"):
			e.Code, e.Domain = dt.Reason, dt.Domain
		case strings.HasSuffix(dt.Type, "google.rpc.RequestInfo"):
			if dt.RequestID != "" {
				e.RequestID = dt.RequestID
			}
		case strings.HasSuffix(dt.Type, "google.rpc.RetryInfo"):
			if d := parseRetryDelay(dt.RetryDelay); d > 0 {
				e.RetryAfter = d
			}
		}
	}
	AddKind(e, googleKind(g.Status))
}

func googleKind(status string) error {
	switch status {
	case "NOT_FOUND":
		return ErrNotFound
	case "ALREADY_EXISTS", "ABORTED":
		return ErrConflict
	case "PERMISSION_DENIED":
		return ErrForbidden
	case "UNAUTHENTICATED":
		return ErrUnauthorized
	case "RESOURCE_EXHAUSTED":
		return ErrThrottled
	case "INVALID_ARGUMENT", "OUT_OF_RANGE":
		return ErrInvalidRequest
	case "FAILED_PRECONDITION":
		return ErrPreconditionFailed
	case "DEADLINE_EXCEEDED":
		return ErrTimeout
	case "UNAVAILABLE", "INTERNAL", "UNKNOWN", "DATA_LOSS":
		return ErrServerError
	}
	return nil
}

// huaweiCodes maps the Huawei error codes whose meaning is more specific
// than their HTTP status.
var huaweiCodes = map[string]error{
	"APIG.1002":  ErrUnauthorized, // incorrect token or token resolution failed
	"APIG.1005":  ErrForbidden,    // no permission to request this method
	"APIG.3001":  ErrNotFound,     // API group does not exist
	"APIG.3201":  ErrConflict,     // API group name already exists (sent as HTTP 400)
	"APIGW.0301": ErrUnauthorized, // AK/SK signature verification failed or expired
	"APIGW.0308": ErrThrottled,    // gateway throttling threshold reached
}

func huaweiKinds(e *Error) {
	AddKind(e, huaweiCodes[e.Code])
}

// apinizerKinds maps Apinizer's error codes and its documented free-text
// messages: the vendor reports "not found" and "no permission" as HTTP 400.
func apinizerKinds(e *Error) {
	switch strings.ToLower(e.Code) {
	case "not_found":
		AddKind(e, ErrNotFound)
	case "forbidden":
		AddKind(e, ErrForbidden)
	case "conflict", "duplicate_name":
		AddKind(e, ErrConflict)
	case "unauthorized_client", "invalid_token", "token_expired":
		AddKind(e, ErrUnauthorized)
	case "validation_failed", "invalid_parameter", "bad_request", "unsupported_grant_type":
		AddKind(e, ErrInvalidRequest)
	case "internal_error", "server_error":
		AddKind(e, ErrServerError)
	}
	m := strings.ToLower(e.Message)
	if strings.Contains(m, "not found") || strings.Contains(m, "does not exist") {
		AddKind(e, ErrNotFound)
	}
	if strings.Contains(m, "privilege") || strings.Contains(m, "permission") {
		AddKind(e, ErrForbidden)
	}
	if strings.Contains(m, "already exist") || strings.Contains(m, "already created") {
		AddKind(e, ErrConflict)
	}
	if apinizerTokenMessage(m) {
		AddKind(e, ErrUnauthorized)
	}
}

// apinizerTokenMessage reports the documented 401 messages ("Token was
// expired!", "Token is not valid!", "Token can not be validated!", "Empty
// Key! Client must be authenticated ..."), so that they are recognised even
// when they arrive with another status.
func apinizerTokenMessage(m string) bool {
	if strings.Contains(m, "must be authenticated") {
		return true
	}
	return strings.HasPrefix(m, "token ") && (strings.Contains(m, "expired") ||
		strings.Contains(m, "not valid") || strings.Contains(m, "can not be validated"))
}

func jsonString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// textMessage makes a short message from a body that is not a JSON error:
// the title of an HTML page, or the first line of text.
func textMessage(contentType string, body []byte) string {
	s := string(bytes.TrimSpace(body))
	if s == "" {
		return ""
	}
	if strings.Contains(contentType, "html") || strings.HasPrefix(s, "<") {
		// asciiLower keeps byte offsets (strings.ToLower does not: it
		// rewrites invalid UTF-8 and some letters to longer encodings), so
		// indexes found in the lowered copy are valid in s.
		lower := asciiLower(s)
		if i := strings.Index(lower, "<title>"); i >= 0 {
			rest := s[i+len("<title>"):]
			if j := strings.Index(lower[i+len("<title>"):], "</title>"); j >= 0 {
				return rest[:j]
			}
		}
		return "non-JSON (HTML) error body"
	}
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

// asciiLower lowers the ASCII letters of s and leaves every other byte as it
// is, so the result has the same length and offsets as s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// maxDuration is the longest time.Duration: a wait the server asks for
// that does not fit in one is taken as this long, never as no wait.
const maxDuration = time.Duration(math.MaxInt64)

// ParseRetryAfter parses a Retry-After header: delay-seconds or an HTTP date,
// relative to now. It returns 0 for an absent, malformed or past value, and
// saturates at the largest time.Duration (about 292 years) for a value
// beyond it, even one that does not fit in an int64.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs <= 0 {
			return 0 // past, or a negative value out of range
		}
		if secs > int64(maxDuration/time.Second) {
			return maxDuration
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d // Sub saturates
		}
	}
	return 0
}

// parseRetryDelay parses RetryInfo's retryDelay, a google.protobuf.Duration
// in its JSON form ("7s", "1.5s"). It returns 0 for a malformed or negative
// value and saturates at the largest time.Duration for a value beyond it.
func parseRetryDelay(v string) time.Duration {
	if d, err := time.ParseDuration(v); err == nil {
		return max(d, 0)
	}
	// time.ParseDuration refuses a value beyond its range: read the
	// seconds as a float only to tell "too long" from "malformed".
	secs, ok := strings.CutSuffix(v, "s")
	if !ok || secs == "" || strings.ContainsAny(secs, "eEinfxXpP_") {
		return 0
	}
	if f, err := strconv.ParseFloat(secs, 64); (err == nil || errors.Is(err, strconv.ErrRange)) && f > 0 {
		return maxDuration
	}
	return 0
}
