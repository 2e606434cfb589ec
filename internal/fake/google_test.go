package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoogleAuthenticator(t *testing.T) {
	check := GoogleAuthenticator("tok")
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	assert.EqualError(t, check(r, nil), GoogleMissingCredentials)
	r.Header.Set("Authorization", "Basic tok")
	assert.EqualError(t, check(r, nil), GoogleInvalidCredentials)
	r.Header.Set("Authorization", "Bearer other")
	assert.EqualError(t, check(r, nil), GoogleInvalidCredentials)
	r.Header.Set("Authorization", "Bearer tok")
	assert.NoError(t, check(r, nil))
	assert.Error(t, GoogleAuthenticator("")(r, nil), "an empty token accepts nothing")
}

func TestWriteGoogleError(t *testing.T) {
	decode := func(w *httptest.ResponseRecorder) (int, map[string]any) {
		var body struct {
			Error map[string]any `json:"error"`
		}
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
		return w.Code, body.Error
	}
	reason := func(e map[string]any) any {
		for _, d := range e["details"].([]any) {
			if m := d.(map[string]any); m["@type"] == "type.googleapis.com/google.rpc.ErrorInfo" {
				return m["reason"]
			}
		}
		return nil
	}

	w := httptest.NewRecorder()
	WriteGoogleError(w, http.StatusUnauthorized, "", GoogleMissingCredentials)
	code, e := decode(w)
	assert.Equal(t, 401, code)
	assert.Equal(t, "UNAUTHENTICATED", e["status"])
	assert.Equal(t, "CREDENTIALS_MISSING", reason(e))

	w = httptest.NewRecorder()
	WriteGoogleError(w, http.StatusUnauthorized, "", GoogleInvalidCredentials)
	_, e = decode(w)
	assert.Equal(t, "ACCESS_TOKEN_TYPE_UNSUPPORTED", reason(e))

	w = httptest.NewRecorder()
	WriteGoogleError(w, http.StatusNotFound, "", "gone")
	_, e = decode(w)
	assert.Nil(t, reason(e))
	assert.Len(t, e["details"], 1, "a RequestInfo only")

	w = httptest.NewRecorder()
	WriteGoogleStatus(w, http.StatusBadRequest, "FAILED_PRECONDITION", "no agent")
	code, e = decode(w)
	assert.Equal(t, 400, code)
	assert.Equal(t, "FAILED_PRECONDITION", e["status"])
	assert.NotContains(t, e, "details")

	body := GoogleErrorBody(429, "RESOURCE_EXHAUSTED", "slow down", GoogleRetryInfo(1500*time.Millisecond), GoogleErrorInfo("R", "d", map[string]string{"k": "v"}))
	raw, _ := json.Marshal(body)
	assert.JSONEq(t, `{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"slow down","details":[`+
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},`+
		`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","domain":"d","metadata":{"k":"v"}}]}}`, string(raw))
}

func TestGoogleStatusName(t *testing.T) {
	for status, want := range map[int]string{
		400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
		409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 501: "UNIMPLEMENTED",
		503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED", 502: "INTERNAL", 418: "UNKNOWN",
	} {
		assert.Equal(t, want, GoogleStatusName(status), status)
	}
}
