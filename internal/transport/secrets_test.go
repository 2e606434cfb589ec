package transport

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

func TestRedactorForReadsWhatTheRequestCarried(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://h/token", strings.NewReader(""))
	req.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=AKAKAKAKAK, SignedHeaders=host;x-sdk-date, Signature=abcdef0123456789")
	req.Header.Set("X-Security-Token", "sts-token-value")
	req.Header.Set("X-Auth-Token", "iam-token-value")
	req.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("user:proxy-pass")))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	body := []byte("grant_type=client_credentials&client_id=user&client_secret=p%40ss+word&refresh_token=rt-value")
	r := redactorFor(req, body)
	text := "Access=AKAKAKAKAK sig abcdef0123456789 sts-token-value iam-token-value proxy-pass p@ss word p%40ss+word rt-value host;x-sdk-date user"
	got := r.String(text)
	for _, secret := range []string{"AKAKAKAKAK", "abcdef0123456789", "sts-token-value", "iam-token-value", "proxy-pass", "p@ss word", "p%40ss+word", "rt-value"} {
		assert.NotContains(t, got, secret)
	}
	assert.Contains(t, got, "host;x-sdk-date", "signed header names are not secret")
	assert.True(t, strings.HasSuffix(got, " user"), "a client ID is not secret: %q", got)

	bearer, _ := http.NewRequest(http.MethodGet, "https://h/x", nil)
	bearer.Header.Set("Authorization", "Bearer tok-abcdef")
	assert.Equal(t, "t="+apierror.Redacted+" "+apierror.Redacted, redactorFor(bearer, nil).String("t=tok-abcdef Bearer tok-abcdef"))

	plain, _ := http.NewRequest(http.MethodGet, "https://h/x", nil)
	assert.Nil(t, redactorFor(plain, nil), "nothing to redact")
	assert.Nil(t, redactorFor(nil, nil))

	// The body of a form is read back with GetBody when not given.
	form, _ := http.NewRequest(http.MethodPost, "https://h/x", strings.NewReader("password=from-get-body"))
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, apierror.Redacted, redactorFor(form, nil).String("from-get-body"))
}
