package apierror

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func assertKinds(t *testing.T, e error, want ...error) {
	t.Helper()
	all := []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict, ErrPreconditionFailed,
		ErrThrottled, ErrInvalidRequest, ErrServerError, ErrTimeout, ErrRedirect, ErrNetwork,
		ErrResponseTooLarge, ErrMalformedResponse, ErrInsecureTransport, ErrValidation, ErrDeployment}
	for _, k := range all {
		expected := false
		for _, w := range want {
			if w == k {
				expected = true
			}
		}
		assert.Equal(t, expected, errors.Is(e, k), "errors.Is(%v): %v", k, e)
	}
}

func TestDialectString(t *testing.T) {
	assert.Equal(t, "huawei", Huawei.String())
	assert.Equal(t, "apinizer", Apinizer.String())
	assert.Equal(t, "google", Google.String())
	assert.Equal(t, "unknown", Dialect(0).String())
	assert.Equal(t, "unknown", Dialect(99).String())
}

func TestHuaweiDocumentedErrors(t *testing.T) {
	cases := []struct {
		status int
		code   string
		msg    string
		kinds  []error
	}{
		{400, "APIG.2012", "Invalid parameter value,parameterName:name. Please refer to the support documentation", []error{ErrInvalidRequest}},
		{401, "APIG.1002", "Incorrect token or token resolution failed", []error{ErrUnauthorized}},
		{403, "APIG.1005", "No permissions to request this method", []error{ErrForbidden}},
		{404, "APIG.3001", "API group 73c58022f20d495aa18885d718647f09 does not exist", []error{ErrNotFound}},
		{500, "APIG.9999", "System error", []error{ErrServerError}},
		// Codes more specific than the status.
		{400, "APIG.3001", "API group does not exist", []error{ErrInvalidRequest, ErrNotFound}},
		{401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail", []error{ErrUnauthorized}},
		{429, "APIGW.0308", "The throttling threshold has been reached", []error{ErrThrottled}},
		{400, "APIGW.0308", "throttled", []error{ErrThrottled, ErrInvalidRequest}},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			body := `{"error_code":"` + c.code + `","error_msg":"` + c.msg + `"}`
			e := FromResponse(Huawei, c.status, hdr("X-Request-Id", "req-123"), []byte(body))
			require.NotNil(t, e)
			assert.Equal(t, c.status, e.StatusCode)
			assert.Equal(t, c.code, e.Code)
			assert.Equal(t, c.msg, e.Message)
			assert.Equal(t, "req-123", e.RequestID)
			assert.Empty(t, e.Status)
			assert.Equal(t, body, string(e.Body))
			assertKinds(t, e, c.kinds...)
		})
	}
}

func TestHuaweiRequestID(t *testing.T) {
	body := []byte(`{"error_code":"APIG.3001","error_msg":"gone","request_id":"body-rid"}`)
	e := FromResponse(Huawei, 404, nil, body)
	assert.Equal(t, "body-rid", e.RequestID, "request_id from the body when there is no header")

	e = FromResponse(Huawei, 404, hdr("X-Request-Id", "hdr-rid"), body)
	assert.Equal(t, "hdr-rid", e.RequestID, "the header wins")

	// Only the error_msg (no code) is still Huawei.
	e = FromResponse(Huawei, 500, nil, []byte(`{"error_msg":"boom"}`))
	assert.Equal(t, "boom", e.Message)
	assert.Empty(t, e.Code)
	assertKinds(t, e, ErrServerError)
}

func TestGenericCodeMessage(t *testing.T) {
	// Huawei IAM and some gateways: {"code": "APIG.1002", "message": "..."}.
	e := FromResponse(Huawei, 400, nil, []byte(`{"code":"APIG.1002","message":"token expired"}`))
	assert.Equal(t, "APIG.1002", e.Code)
	assert.Equal(t, "token expired", e.Message)
	assertKinds(t, e, ErrInvalidRequest, ErrUnauthorized)

	// A numeric code is kept as its text; the Huawei table is not consulted
	// for other dialects.
	e = FromResponse(Google, 503, nil, []byte(`{"code":503,"message":"backend unavailable"}`))
	assert.Equal(t, "503", e.Code)
	assert.Equal(t, "backend unavailable", e.Message)
	assertKinds(t, e, ErrServerError)

	e = FromResponse(Apinizer, 400, nil, []byte(`{"code":"APIG.1002","message":"m"}`))
	assertKinds(t, e, ErrInvalidRequest)

	// A null code is no code.
	e = FromResponse(Huawei, 500, nil, []byte(`{"code":null,"message":"m"}`))
	assert.Empty(t, e.Code)
	assert.Equal(t, "m", e.Message)
}

func TestApinizerErrors(t *testing.T) {
	t.Run("group not found or no privilege", func(t *testing.T) {
		body := `{"error":"bad_request","error_description":"API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!"}`
		e := FromResponse(Apinizer, 400, nil, []byte(body))
		assert.Equal(t, 400, e.StatusCode)
		assert.Equal(t, "bad_request", e.Code)
		assert.Equal(t, "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!", e.Message)
		assertKinds(t, e, ErrInvalidRequest, ErrNotFound, ErrForbidden)
	})
	t.Run("environment not found", func(t *testing.T) {
		e := FromResponse(Apinizer, 400, nil, []byte(`{"error":"bad_request","error_description":"Environment (staging) is not found!"}`))
		assert.Equal(t, "Environment (staging) is not found!", e.Message)
		assertKinds(t, e, ErrInvalidRequest, ErrNotFound)
	})
	t.Run("codes", func(t *testing.T) {
		cases := map[string][]error{
			"not_found":              {ErrNotFound},
			"FORBIDDEN":              {ErrForbidden},
			"conflict":               {ErrConflict},
			"duplicate_name":         {ErrConflict},
			"unauthorized_client":    {ErrUnauthorized},
			"invalid_token":          {ErrUnauthorized},
			"token_expired":          {ErrUnauthorized},
			"validation_failed":      {ErrInvalidRequest},
			"invalid_parameter":      {ErrInvalidRequest},
			"unsupported_grant_type": {ErrInvalidRequest},
			"internal_error":         {ErrServerError},
			"server_error":           {ErrServerError},
			"something_else":         nil,
		}
		for code, kinds := range cases {
			// Status 200 maps to no sentinel, so only the code speaks.
			e := FromResponse(Apinizer, 200, nil, []byte(`{"error":"`+code+`","error_description":"x"}`))
			assert.Equal(t, code, e.Code)
			assertKinds(t, e, kinds...)
		}
	})
	t.Run("messages", func(t *testing.T) {
		for msg, kinds := range map[string][]error{
			"Proxy does not exist":                       {ErrNotFound},
			"You have no Permission":                     {ErrForbidden},
			"Name already exists":                        {ErrConflict},
			"An API proxy with this name ALREADY EXISTS": {ErrConflict},
			"nothing special":                            nil,
		} {
			e := FromResponse(Apinizer, 200, nil, []byte(`{"error":"x","error_description":"`+msg+`"}`))
			assertKinds(t, e, kinds...)
		}
	})
	t.Run("envelope with 400", func(t *testing.T) {
		e := FromResponse(Apinizer, 400, nil, []byte(`{"status":"FAILURE","resultMessage":"Proxy (orders) is not found!"}`))
		assert.Equal(t, "FAILURE", e.Status)
		assert.Equal(t, "Proxy (orders) is not found!", e.Message)
		assert.Empty(t, e.Code)
		assertKinds(t, e, ErrInvalidRequest, ErrNotFound)
	})
	t.Run("envelope without message", func(t *testing.T) {
		e := FromResponse(Apinizer, 500, nil, []byte(`{"status":"failure"}`))
		assert.Equal(t, "failure", e.Status)
		assertKinds(t, e, ErrServerError)
	})
	t.Run("envelope SUCCESS without message is not decoded", func(t *testing.T) {
		e := FromResponse(Apinizer, 500, nil, []byte(`{"status":"SUCCESS"}`))
		assert.Empty(t, e.Status)
		assert.Equal(t, `{"status":"SUCCESS"}`, e.Message, "falls back to the first line of text")
	})
}

func TestFailureInSuccess(t *testing.T) {
	h := hdr("X-Request-Id", "rid-9")
	t.Run("FAILURE envelope", func(t *testing.T) {
		body := []byte(`{"status":"FAILURE","resultMessage":"API Proxy (orders) is not found!"}`)
		e := FailureInSuccess(Apinizer, 200, h, body)
		require.NotNil(t, e)
		assert.Equal(t, 200, e.StatusCode)
		assert.Equal(t, "FAILURE", e.Status)
		assert.Equal(t, "API Proxy (orders) is not found!", e.Message)
		assert.Equal(t, "rid-9", e.RequestID)
		assert.Equal(t, body, e.Body)
		assert.False(t, e.Retryable)
		assertKinds(t, e, ErrInvalidRequest, ErrNotFound)
	})
	t.Run("lower-case failure status", func(t *testing.T) {
		e := FailureInSuccess(Apinizer, 200, nil, []byte(`{"status":"failure","resultMessage":"bad"}`))
		require.NotNil(t, e)
		assert.Equal(t, "bad", e.Message)
	})
	t.Run("success false", func(t *testing.T) {
		e := FailureInSuccess(Apinizer, 200, nil, []byte(`{"success":false,"error":"conflict","error_description":"Name already exists"}`))
		require.NotNil(t, e)
		assert.Equal(t, "conflict", e.Code)
		assert.Equal(t, "Name already exists", e.Message)
		assertKinds(t, e, ErrInvalidRequest, ErrConflict)

		e = FailureInSuccess(Apinizer, 200, nil, []byte(`{"success":false}`))
		require.NotNil(t, e)
		assertKinds(t, e, ErrInvalidRequest)
	})
	t.Run("success false with a null deployment result", func(t *testing.T) {
		e := FailureInSuccess(Apinizer, 200, nil, []byte(`{"success":false,"deploymentResult":null}`))
		assert.NotNil(t, e, "a null deployment result is no deployment result")
	})
	t.Run("not failures", func(t *testing.T) {
		for _, body := range []string{
			`{"success":false,"deploymentResult":{"success":false,"deploymentResultDetailList":[]}}`,
			`{"success":true}`,
			`{"status":"SUCCESS"}`,
			`{"status":"SUCCESS","resultList":[{"enabled":false}]}`,
			`{"name":"x","enabled":false}`,
			`[{"enabled":false}]`,
			`not json false`,
			`{"status":"FAILURE"`, // truncated
			``,
		} {
			assert.Nil(t, FailureInSuccess(Apinizer, 200, nil, []byte(body)), body)
		}
	})
	t.Run("other dialects never", func(t *testing.T) {
		body := []byte(`{"status":"FAILURE","resultMessage":"x","success":false}`)
		assert.Nil(t, FailureInSuccess(Huawei, 200, nil, body))
		assert.Nil(t, FailureInSuccess(Google, 200, nil, body))
	})
	t.Run("message is cleaned and body bounded", func(t *testing.T) {
		long := strings.Repeat("a", 2*MaxBodyCopy)
		body := []byte(`{"status":"FAILURE","resultMessage":"line1\r\nline2\u0007","pad":"` + long + `"}`)
		e := FailureInSuccess(Apinizer, 200, nil, body)
		require.NotNil(t, e)
		assert.Equal(t, "line1 line2", e.Message)
		assert.Len(t, e.Body, MaxBodyCopy)
	})
}

const googleBody = `{"error":{"code":404,"message":"generic::not_found: resource organizations/acme/apiproducts/gold not found","status":"NOT_FOUND","details":[` +
	`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"X","domain":"apigee.googleapis.com","metadata":{"k":"v"}},` +
	`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"rid"},` +
	`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}`

func TestGoogleError(t *testing.T) {
	e := FromResponse(Google, 404, hdr("X-Request-Id", "hdr"), []byte(googleBody))
	assert.Equal(t, 404, e.StatusCode)
	assert.Equal(t, "NOT_FOUND", e.Status)
	assert.Equal(t, "X", e.Code)
	assert.Equal(t, "apigee.googleapis.com", e.Domain)
	assert.Equal(t, "rid", e.RequestID, "RequestInfo wins over the header")
	assert.Equal(t, 7*time.Second, e.RetryAfter)
	assert.Equal(t, "generic::not_found: resource organizations/acme/apiproducts/gold not found", e.Message)
	require.Len(t, e.Details, 3)
	assert.Equal(t, "type.googleapis.com/google.rpc.ErrorInfo", e.Details[0].Type)
	assert.JSONEq(t, `{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"X","domain":"apigee.googleapis.com","metadata":{"k":"v"}}`, string(e.Details[0].Raw))
	assert.Equal(t, "type.googleapis.com/google.rpc.RequestInfo", e.Details[1].Type)
	assert.Equal(t, "type.googleapis.com/google.rpc.RetryInfo", e.Details[2].Type)
	assertKinds(t, e, ErrNotFound)
}

func TestGoogleStatusAsGiven(t *testing.T) {
	body := `{"error":{"code":400,"message":"Precondition check failed.","status":"FAILED_PRECONDITION"}}`
	e := FromResponse(Google, 400, nil, []byte(body))
	assert.Equal(t, "FAILED_PRECONDITION", e.Status)
	assert.Empty(t, e.Code)
	assertKinds(t, e, ErrPreconditionFailed, ErrInvalidRequest)

	// Status disagreeing with the HTTP code is kept as given.
	e = FromResponse(Google, 500, nil, []byte(`{"error":{"code":404,"message":"m","status":"NOT_FOUND"}}`))
	assert.Equal(t, "NOT_FOUND", e.Status)
	assertKinds(t, e, ErrNotFound, ErrServerError)
}

func TestGoogleStatusKinds(t *testing.T) {
	cases := map[string]error{
		"NOT_FOUND":           ErrNotFound,
		"ALREADY_EXISTS":      ErrConflict,
		"ABORTED":             ErrConflict,
		"PERMISSION_DENIED":   ErrForbidden,
		"UNAUTHENTICATED":     ErrUnauthorized,
		"RESOURCE_EXHAUSTED":  ErrThrottled,
		"INVALID_ARGUMENT":    ErrInvalidRequest,
		"OUT_OF_RANGE":        ErrInvalidRequest,
		"FAILED_PRECONDITION": ErrPreconditionFailed,
		"DEADLINE_EXCEEDED":   ErrTimeout,
		"UNAVAILABLE":         ErrServerError,
		"INTERNAL":            ErrServerError,
		"UNKNOWN":             ErrServerError,
		"DATA_LOSS":           ErrServerError,
		"CANCELLED":           nil,
		"":                    nil,
	}
	for st, k := range cases {
		e := FromResponse(Google, 200, nil, []byte(`{"error":{"code":1,"message":"m","status":"`+st+`"}}`))
		if k == nil {
			assertKinds(t, e)
		} else {
			assertKinds(t, e, k)
		}
		assert.Equal(t, st, e.Status)
	}
}

func TestGoogleDetailsEdgeCases(t *testing.T) {
	body := `{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[` +
		`"not an object",` +
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"bogus"},` +
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"-3s"},` +
		`{"@type":"type.googleapis.com/google.rpc.RequestInfo"},` +
		`{"@type":"type.googleapis.com/google.rpc.Help"}]}}`
	e := FromResponse(Google, 429, hdr("X-Request-Id", "h"), []byte(body))
	assert.Zero(t, e.RetryAfter)
	assert.Equal(t, "h", e.RequestID, "an empty RequestInfo keeps the header")
	assert.Len(t, e.Details, 4, "undecodable details are skipped")
	assertKinds(t, e, ErrThrottled)

	// A Google error whose code is not a number does not decode as Google.
	e = FromResponse(Google, 500, nil, []byte(`{"error":{"code":"x","message":"m"}}`))
	assert.Empty(t, e.Status)
	assertKinds(t, e, ErrServerError)
}

func TestNonJSONBodies(t *testing.T) {
	t.Run("HTML title", func(t *testing.T) {
		body := "<!DOCTYPE html>\n<html><head><TITLE>404 Not Found</TITLE></head><body><h1>Not Found</h1></body></html>"
		e := FromResponse(Google, 404, hdr("Content-Type", "text/html; charset=UTF-8"), []byte(body))
		assert.Equal(t, "404 Not Found", e.Message)
		assertKinds(t, e, ErrNotFound)
	})
	t.Run("HTML title with breaks", func(t *testing.T) {
		e := FromResponse(Huawei, 502, nil, []byte("<html><title>\n 502 Bad\r\nGateway </title></html>"))
		assert.Equal(t, "502 Bad Gateway", e.Message)
	})
	t.Run("HTML without title", func(t *testing.T) {
		e := FromResponse(Huawei, 502, hdr("Content-Type", "text/html"), []byte("<html><body>bad gateway</body></html>"))
		assert.Equal(t, "non-JSON (HTML) error body", e.Message)
		e = FromResponse(Huawei, 502, nil, []byte("<html><title>unterminated"))
		assert.Equal(t, "non-JSON (HTML) error body", e.Message)
	})
	t.Run("HTML with invalid UTF-8 before the title", func(t *testing.T) {
		body := "<" + strings.Repeat("\xff", 20) + "<title>Down</title>"
		var e *Error
		require.NotPanics(t, func() { e = FromResponse(Huawei, 503, nil, []byte(body)) })
		assert.Equal(t, "Down", e.Message)

		body = "<html>\u0130\u0130\u0130\u0130<title>Kapalı \u0130</title>"
		require.NotPanics(t, func() { e = FromResponse(Huawei, 503, nil, []byte(body)) })
		assert.Equal(t, "Kapalı \u0130", e.Message)
	})
	t.Run("plain text first line", func(t *testing.T) {
		e := FromResponse(Apinizer, 503, hdr("Content-Type", "text/plain"), []byte("  upstream connect error\r\nreset reason: overflow"))
		assert.Equal(t, "upstream connect error", e.Message)
		assertKinds(t, e, ErrServerError)
	})
	t.Run("empty body", func(t *testing.T) {
		e := FromResponse(Huawei, 404, nil, nil)
		assert.Empty(t, e.Message)
		assert.Nil(t, e.Body)
		assertKinds(t, e, ErrNotFound)
		assert.Equal(t, "HTTP 404 - Not Found", e.Error())

		e = FromResponse(Huawei, 500, nil, []byte("  \n "))
		assert.Empty(t, e.Message)
	})
	t.Run("truncated JSON", func(t *testing.T) {
		body := `{"error_code":"APIG.3001","error_msg":"API group does not ex`
		e := FromResponse(Huawei, 404, nil, []byte(body))
		assert.Empty(t, e.Code)
		assert.Equal(t, body, e.Message)
		assertKinds(t, e, ErrNotFound)
	})
	t.Run("JSON that is no error shape", func(t *testing.T) {
		e := FromResponse(Huawei, 400, nil, []byte(`{"foo":"bar"}`))
		assert.Empty(t, e.Code)
		assert.Equal(t, `{"foo":"bar"}`, e.Message)
		e = FromResponse(Huawei, 400, nil, []byte(`["a"]`))
		assert.Equal(t, `["a"]`, e.Message)
	})
	t.Run("non-UTF-8", func(t *testing.T) {
		e := FromResponse(Huawei, 500, nil, []byte("bad \xff\xfe bytes"))
		assert.True(t, utf8.ValidString(e.Message))
		assert.Equal(t, "bad \uFFFD bytes", e.Message)

		e = FromResponse(Huawei, 500, nil, []byte(`{"error_code":"APIG.9999","error_msg":"bad `+"\xff"+` byte"}`))
		assert.True(t, utf8.ValidString(e.Message), "%q", e.Message)
		assert.Equal(t, "APIG.9999", e.Code)
	})
	t.Run("control characters stripped", func(t *testing.T) {
		e := FromResponse(Huawei, 400, nil, []byte(`{"error_code":"APIG.2012","error_msg":"line1\r\nX-Injected: yes\t\u0000\u001b[31mred\u0085"}`))
		assert.Equal(t, "line1 X-Injected: yes [31mred", e.Message)
		assert.NotContains(t, e.Error(), "\n")
		assert.NotContains(t, e.Error(), "\r")
		assert.NotContains(t, e.Error(), "\x1b")
	})
	t.Run("long message bounded", func(t *testing.T) {
		e := FromResponse(Huawei, 400, nil, []byte(`{"error_code":"X","error_msg":"`+strings.Repeat("é", 3000)+`"}`))
		assert.LessOrEqual(t, len(e.Message), MaxMessageBytes)
		assert.Greater(t, len(e.Message), MaxMessageBytes-8)
		assert.True(t, strings.HasSuffix(e.Message, "…"))
		assert.True(t, utf8.ValidString(e.Message))

		e = FromResponse(Huawei, 400, nil, []byte(strings.Repeat("x", 10000)))
		assert.Equal(t, MaxMessageBytes, len(e.Message))
	})
	t.Run("body copy bounded", func(t *testing.T) {
		body := []byte(strings.Repeat("y", MaxBodyCopy*3))
		e := FromResponse(Huawei, 500, nil, body)
		assert.Len(t, e.Body, MaxBodyCopy)
		body[0] = 'z'
		assert.Equal(t, byte('y'), e.Body[0], "Body is a copy")

		small := []byte(`{"error_code":"A","error_msg":"b"}`)
		e = FromResponse(Huawei, 500, nil, small)
		assert.Equal(t, small, e.Body)
	})
}

func TestClean(t *testing.T) {
	assert.Equal(t, "", Clean(""))
	assert.Equal(t, "a b", Clean("  a \n\n b  "))
	assert.Equal(t, "ok", Clean("ok"))
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"   ", 0},
		{"3", 3 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"0", 0},
		{"-5", 0},
		{"1.5", 0},
		{"soon", 0},
		{"9223372036854775807", time.Duration(1<<63 - 1)},
		{"9223372037", time.Duration(1<<63 - 1)},
		{"9223372036", 9223372036 * time.Second},
		{"99999999999999999999999", time.Duration(1<<63 - 1)}, // beyond int64: the longest wait, never none
		{"+99999999999999999999999", time.Duration(1<<63 - 1)},
		{"-99999999999999999999999", 0},
		{"Fri, 31 Dec 9999 23:59:59 GMT", time.Duration(1<<63 - 1)},
		{"Wed, 01 May 2024 12:00:30 GMT", 30 * time.Second},
		{"Wednesday, 01-May-24 12:01:00 GMT", time.Minute},
		{"Wed May  1 12:00:10 2024", 10 * time.Second},
		{"Wed, 01 May 2024 11:59:00 GMT", 0},
		{"Wed, 01 May 2024 12:00:00 GMT", 0},
		{"Wed, 01 May 2024 12:00:00 CEST", 0},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, ParseRetryAfter(c.in, now), "%q", c.in)
	}
	assert.Greater(t, ParseRetryAfter("9223372037", now), time.Duration(0), "no overflow into a negative wait")
}

func TestParseRetryDelay(t *testing.T) {
	maxD := time.Duration(1<<63 - 1)
	for in, want := range map[string]time.Duration{
		"7s": 7 * time.Second, "1.5s": 1500 * time.Millisecond, "0s": 0, "-3s": 0, "": 0, "soon": 0, "s": 0,
		"99999999999999999999s": maxD, "99999999999999999999.25s": maxD, "9223372037s": maxD,
		"1e300s": 0, "infs": 0, "NaNs": 0, "0x10s": 0, "-99999999999999999999s": 0,
	} {
		assert.Equal(t, want, parseRetryDelay(in), "%q", in)
	}
}

func TestExportedClean(t *testing.T) {
	assert.Equal(t, "pod-1: crash loop", Clean("pod-1:\r\n crash\tloop\x00"))
	assert.Equal(t, "", Clean(""))
	assert.Equal(t, "\uFFFD", Clean("\xff"))
	assert.Equal(t, MaxMessageBytes, len(Clean(strings.Repeat("a", MaxMessageBytes+1))))
	assert.Equal(t, strings.Repeat("a", MaxMessageBytes), Clean(strings.Repeat("a", MaxMessageBytes)))
}

func TestApinizerTokenMessages(t *testing.T) {
	for msg, unauthorized := range map[string]bool{
		"Token was expired!":          true,
		"Token is not valid!":         true,
		"Token can not be validated!": true,
		"Empty Key! Client must be authenticated to access this resource": true,
		"Token issued":                        false,
		"The token of the proxy is not valid": false,
		"API Key expired":                     false,
	} {
		e := FromResponse(Apinizer, 400, nil, []byte(`{"error":"x","error_description":"`+msg+`"}`))
		assert.Equal(t, unauthorized, errors.Is(e, ErrUnauthorized), msg)
		assert.True(t, errors.Is(e, ErrInvalidRequest), msg)
	}
	e := FromResponse(Apinizer, 200, nil, []byte(`{"status":"FAILURE","resultMessage":"Proxy was already created"}`))
	assertKinds(t, e, ErrConflict)
}

func TestFailureEnvelopeWithDeploymentResult(t *testing.T) {
	// A failed deployment inside a saved change is the service's to report,
	// in either envelope.
	for _, body := range []string{
		`{"status":"FAILURE","resultMessage":"deploy failed","deploymentResult":{"success":false}}`,
		`{"success":false,"deploymentResult":{"success":false}}`,
	} {
		assert.Nil(t, FailureInSuccess(Apinizer, 200, nil, []byte(body)), body)
	}
	for _, body := range []string{
		`{"status":"FAILURE","resultMessage":"x","deploymentResult":null}`,
		`{"success":false,"deploymentResult":null}`,
	} {
		assert.NotNil(t, FailureInSuccess(Apinizer, 200, nil, []byte(body)), body)
	}
}
