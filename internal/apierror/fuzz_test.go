package apierror

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets for the error-dialect decoders (issue #7). Each feeds an
// arbitrary status, Content-Type, X-Request-Id and body to a decoder and
// checks that the *Error it builds is safe to print: Error() is one
// non-empty line of valid UTF-8 without control or format characters, every
// server-supplied text is bounded, and Body is a bounded copy.

// fuzzStatus maps any int to a status net/http can deliver (three digits).
func fuzzStatus(n int) int {
	if n >= 100 && n <= 999 {
		return n
	}
	if n < 0 {
		n = -(n + 1)
	}
	return 100 + n%900
}

// fuzzHeaderValue keeps what net/http lets through in a response header
// value: visible ASCII, space, tab and obs-text (bytes 0x80-0xFF, which need
// not be UTF-8), without leading or trailing white space.
func fuzzHeaderValue(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), " \t")
}

func fuzzHeader(contentType, requestID string) http.Header {
	h := http.Header{}
	if v := fuzzHeaderValue(contentType); v != "" {
		h.Set("Content-Type", v)
	}
	if v := fuzzHeaderValue(requestID); v != "" {
		h.Set("X-Request-Id", v)
	}
	return h
}

// maxField bounds each server-supplied text of an *Error, in bytes.
const maxField = MaxMessageBytes

// checkSafeError checks the invariants every decoded *Error keeps.
func checkSafeError(t *testing.T, e *Error, status int, body []byte) {
	t.Helper()
	if e == nil {
		t.Fatal("nil *Error")
	}
	if e.StatusCode != status {
		t.Fatalf("StatusCode = %d, want %d", e.StatusCode, status)
	}
	s := e.Error()
	if s == "" {
		t.Fatal("Error() is empty")
	}
	if !utf8.ValidString(s) {
		t.Fatalf("Error() is not valid UTF-8: %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			t.Fatalf("Error() contains %U: %q", r, s)
		}
	}
	if got := fmt.Sprintf("%v", e); got != s {
		t.Fatalf("%%v = %q, Error() = %q", got, s)
	}
	if got := fmt.Sprintf("%+v", e); got != s {
		t.Fatalf("%%+v = %q, Error() = %q", got, s)
	}
	for name, f := range map[string]string{"Message": e.Message, "Code": e.Code, "Status": e.Status, "RequestID": e.RequestID, "Domain": e.Domain} {
		if n := len(f); n > maxField {
			t.Fatalf("%s has %d bytes, more than %d", name, n, maxField)
		}
		if !utf8.ValidString(f) {
			t.Fatalf("%s is not valid UTF-8: %q", name, f)
		}
	}
	if Clean(e.Message) != e.Message {
		t.Fatalf("Message is not clean: %q", e.Message)
	}
	if len(e.Body) > MaxBodyCopy {
		t.Fatalf("Body copy has %d bytes, more than MaxBodyCopy", len(e.Body))
	}
	if want := cleanBytes(body[:min(len(body), MaxBodyCopy)], MaxBodyCopy); !bytes.Equal(e.Body, want) {
		t.Fatalf("Body = %q, want the first %d bytes of the body, cleaned", e.Body, len(want))
	}
	if len(e.Body) > 0 && &e.Body[0] == &body[0] {
		t.Fatal("Body aliases the response body instead of copying it")
	}
	if e.RetryAfter < 0 {
		t.Fatalf("RetryAfter = %v", e.RetryAfter)
	}
	for _, k := range e.Kinds {
		if k == nil {
			t.Fatal("nil kind")
		}
	}
}

// checkFromResponse runs FromResponse for d and checks the result.
func checkFromResponse(t *testing.T, d Dialect, status int, contentType, requestID string, body []byte) {
	status = fuzzStatus(status)
	h := fuzzHeader(contentType, requestID)
	orig := bytes.Clone(body)
	e := FromResponse(d, status, h, body)
	checkSafeError(t, e, status, body)
	if k := KindForStatus(status); k != nil && !e.Is(k) {
		t.Fatalf("HTTP %d does not match %v", status, k)
	}
	if !bytes.Equal(body, orig) {
		t.Fatal("FromResponse changed the body")
	}
	// The same input decodes to the same error.
	if again := FromResponse(d, status, h, body); again.Error() != e.Error() {
		t.Fatalf("not deterministic: %q then %q", e.Error(), again.Error())
	}
}

// The vendors' documented error bodies and a few awkward shapes.
var fuzzCommonSeeds = []string{
	``,
	`{}`,
	`null`,
	`[]`,
	`"text"`,
	`{"code":null,"message":"m"}`,
	`{"code":["\n",1],"message":"m"}`,
	`{"foo":"bar"}`,
	"plain text\r\nsecond line",
	`<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>`,
	`<HTML><TITLE>` + "\u0130\u212a" + `</title>`,
	"\xff\xfe{\"error_code\":1}",
}

func addDialectSeeds(f *testing.F, seeds []string) {
	for _, b := range append(seeds, fuzzCommonSeeds...) {
		f.Add(400, "application/json", "req-123", []byte(b))
	}
	f.Add(404, "text/html; charset=utf-8", "", []byte(`<html><title>Not Found</title></html>`))
	f.Add(503, "", "rid\twith tab \x80", []byte(`{"error_msg":"boom"}`))
	f.Add(302, "text/plain", "", []byte("Found"))
	f.Add(200, "application/json", "", []byte(`{"status":"FAILURE"}`))
}

// FuzzFromResponseHuawei decodes arbitrary responses in the Huawei dialect.
func FuzzFromResponseHuawei(f *testing.F) {
	addDialectSeeds(f, []string{
		`{"error_code":"APIG.2012","error_msg":"Invalid parameter value,parameterName:name. Please refer to the support documentation"}`,
		`{"error_code":"APIG.1002","error_msg":"Incorrect token or token resolution failed"}`,
		`{"error_code":"APIG.3001","error_msg":"API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist","request_id":"body-rid"}`,
		`{"error_code":"APIG.3201","error_msg":"The API group name already exists"}`,
		`{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`,
		`{"error_code":"WKS.0001","error_msg":"line1\r\nX-Injected: yes\t\u0000\u001b[31mred\u0085"}`,
		`{"code":"APIG.1002","message":"token expired"}`,
		`{"error_code":"APIG.9999","error_msg":"bad ` + "\xff" + ` byte"}`,
		`{"error_code":"APIG.3001","error_msg":"API group does not ex`,
	})
	f.Fuzz(func(t *testing.T, status int, contentType, requestID string, body []byte) {
		checkFromResponse(t, Huawei, status, contentType, requestID, body)
	})
}

// FuzzFromResponseApinizer decodes arbitrary responses in the Apinizer
// dialect, and the same bodies as a 2xx through FailureInSuccess.
func FuzzFromResponseApinizer(f *testing.F) {
	addDialectSeeds(f, []string{
		`{"error":"bad_request","error_description":"API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"}`,
		`{"error":"unauthorized_client","error_description":"Token was expired!"}`,
		`{"status":"FAILURE","resultMessage":"Proxy (orders) is not found!"}`,
		`{"status":"failure","resultMessage":"bad"}`,
		`{"success":false,"error":"conflict","error_description":"Name already exists"}`,
		`{"success":false}`,
		`{"success":false,"deploymentResult":null}`,
		`{"status":"FAILURE","resultMessage":"Deployment failed","deploymentResult":{"success":false}}`,
		`{"status":"SUCCESS","resultList":[{"enabled":false}]}`,
		`{"success":false,"status":"\n\u202e"}`,
		`{"status":"FAILURE"`,
	})
	f.Fuzz(func(t *testing.T, status int, contentType, requestID string, body []byte) {
		checkFromResponse(t, Apinizer, status, contentType, requestID, body)

		// The same body as a success response.
		h := fuzzHeader(contentType, requestID)
		for _, ok := range []int{200, 200 + fuzzStatus(status)%100} {
			e := FailureInSuccess(Apinizer, ok, h, body)
			if e == nil {
				continue
			}
			checkSafeError(t, e, ok, body)
			if !e.Is(ErrInvalidRequest) {
				t.Fatalf("a failure envelope does not match ErrInvalidRequest: %v", e.Kinds)
			}
		}
		// Only Apinizer sends failure envelopes in a 2xx.
		for _, d := range []Dialect{Huawei, Google} {
			if e := FailureInSuccess(d, 200, h, body); e != nil {
				t.Fatalf("FailureInSuccess(%v) = %v", d, e)
			}
		}
	})
}

// FuzzFromResponseGoogle decodes arbitrary responses in the Google dialect.
func FuzzFromResponseGoogle(f *testing.F) {
	addDialectSeeds(f, []string{
		`{"error":{"code":404,"message":"generic::not_found: resource organizations/acme/apiproducts/gold not found","status":"NOT_FOUND","details":[` +
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"X","domain":"apigee.googleapis.com","metadata":{"k":"v"}},` +
			`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"rid"},` +
			`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}`,
		`{"error":{"code":400,"message":"Precondition check failed.","status":"FAILED_PRECONDITION"}}`,
		`{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"-3s"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"9223372036s"}]}}`,
		`{"error":{"code":"x","message":"m"}}`,
		`{"error":{"details":[1,"x",null,{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"a\nb","domain":"\u0000"}]}}`,
		`{"code":503,"message":"backend unavailable"}`,
	})
	f.Fuzz(func(t *testing.T, status int, contentType, requestID string, body []byte) {
		checkFromResponse(t, Google, status, contentType, requestID, body)
	})
}

// FuzzClean checks the message cleaner directly: valid UTF-8, one line,
// bounded, and idempotent.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "ok", "line1\r\nline2\u0007", "bad \xff byte", "\u202eevil\u200d", strings.Repeat("é", 300), "  a \t b  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) = %q: invalid UTF-8", s, c)
		}
		for _, r := range c {
			if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
				t.Fatalf("Clean(%q) = %q contains %U", s, c, r)
			}
		}
		if n := len(c); n > maxField {
			t.Fatalf("Clean(%q) has %d bytes", s, n)
		}
		if c != strings.TrimSpace(c) || strings.Contains(c, "  ") {
			t.Fatalf("Clean(%q) = %q: white space not collapsed", s, c)
		}
		if Clean(c) != c {
			t.Fatalf("Clean is not idempotent: %q then %q", c, Clean(c))
		}
	})
}

// FuzzParseRetryAfter checks that a Retry-After value never gives a
// negative delay, and that delay-seconds are read exactly.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-5", " 30 ", "9223372036854775807", "99999999999999999999", "1e3",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"} {
		f.Add(s, int64(1445412480))
	}
	f.Fuzz(func(t *testing.T, v string, nowUnix int64) {
		now := time.Unix(nowUnix%(1<<40), 0)
		d := ParseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q, %v) = %v", v, now, d)
		}
		if again := ParseRetryAfter(v, now); again != d {
			t.Fatalf("not deterministic: %v then %v", d, again)
		}
	})
}
