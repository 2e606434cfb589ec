package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/apimgmt/apimgmt-go/internal/auth"
)

// TestHuaweiAuthenticatorSignedHeaders signs requests the way the vendor's
// SDK does (SignedHeaders=user-agent;x-project-id;x-sdk-date, no host) and
// checks that the fake verifies exactly the listed headers: such a request
// passes, and a tampered or incomplete one fails.
func TestHuaweiAuthenticatorSignedHeaders(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	creds := HuaweiCredentials{AccessKey: "AK", SecretKey: "SK", ProjectID: "p1", Now: func() time.Time { return now }}
	check := HuaweiAuthenticator(creds)
	date := now.Format(auth.HuaweiDateLayout)
	body := []byte(`{"group_name":"g1"}`)

	// sign builds a request carrying every header in hdrs and signed over
	// the names listed in signed (sorted, lower-case).
	sign := func(hdrs map[string]string, signed ...string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://apig.example.com/v2/p1/apigw/instances/i1/api-groups/check?name=a%20b", nil)
		for k, v := range hdrs {
			r.Header.Set(k, v)
		}
		hs := make([]auth.SignedHeader, 0, len(signed))
		for _, n := range signed {
			v := hdrs[n]
			if n == "host" {
				v = r.Host
			}
			hs = append(hs, auth.SignedHeader{Name: n, Value: v})
		}
		r.Header.Set("Authorization", auth.HuaweiAuthorization("AK", []byte("SK"), r.Method, r.URL, hs, body, date))
		return r
	}
	vendor := map[string]string{"user-agent": "huaweicloud-usdk-go/3.0", "x-project-id": "p1", "x-sdk-date": date}

	r := sign(vendor, "user-agent", "x-project-id", "x-sdk-date")
	assert.NoError(t, check(r, body), "the vendor SDK's signed headers, without host")

	r = sign(vendor, "host", "user-agent", "x-project-id", "x-sdk-date")
	assert.NoError(t, check(r, body), "host signed as well")

	r = sign(vendor, "user-agent", "x-project-id", "x-sdk-date")
	r.Header.Set("User-Agent", "tampered")
	assert.Error(t, check(r, body), "a signed header changed after signing")

	r = sign(vendor, "user-agent", "x-project-id", "x-sdk-date")
	assert.Error(t, check(r, []byte(`{"group_name":"g2"}`)), "the body changed after signing")

	r = sign(vendor, "user-agent", "x-project-id", "x-sdk-date")
	r.Header.Del("User-Agent")
	assert.ErrorContains(t, check(r, body), "signed header user-agent is missing")

	r = sign(vendor, "user-agent", "x-project-id")
	assert.ErrorContains(t, check(r, body), "x-sdk-date must be signed")

	r = sign(map[string]string{"x-sdk-date": date, "x-empty": ""}, "x-empty", "x-sdk-date")
	r.Header.Set("X-Empty", "")
	assert.NoError(t, check(r, body), "a listed header that is present but empty is signed as empty")
}
