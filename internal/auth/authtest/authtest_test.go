package authtest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	*testing.T
	failed []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}
func (r *recorder) FailNow() { r.failed = append(r.failed, "FailNow") }

func signed(t *testing.T, body string) authtest.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPatch, "https://appstream.cn-north-4.myhuaweicloud.com/v1/p1/app-groups/g%201?b=2&a=1", nil)
	require.NoError(t, err)
	c, err := auth.NewHuaweiAKSK("AK", "SK", "p1", "", func() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) })
	require.NoError(t, err)
	require.NoError(t, c.Apply(context.Background(), req, []byte(body)))
	return authtest.Request{Method: req.Method, Path: req.URL.Path, RawQuery: req.URL.RawQuery, Host: req.URL.Host, Header: req.Header, Body: []byte(body)}
}

func TestVerifyHuaweiAcceptsAValidSignature(t *testing.T) {
	r := &recorder{T: t}
	authtest.VerifyHuawei(r, signed(t, `{"name":"x"}`), "AK", "SK")
	assert.Empty(t, r.failed)
}

func TestVerifyHuaweiRejectsTampering(t *testing.T) {
	for name, mutate := range map[string]func(*authtest.Request){
		"body":   func(q *authtest.Request) { q.Body = []byte(`{"name":"y"}`) },
		"path":   func(q *authtest.Request) { q.Path += "x" },
		"query":  func(q *authtest.Request) { q.RawQuery = "a=1" },
		"host":   func(q *authtest.Request) { q.Host = "evil.example.com" },
		"method": func(q *authtest.Request) { q.Method = http.MethodPut },
	} {
		t.Run(name, func(t *testing.T) {
			q := signed(t, `{"name":"x"}`)
			mutate(&q)
			r := &recorder{T: t}
			authtest.VerifyHuawei(r, q, "AK", "SK")
			assert.NotEmpty(t, r.failed)
		})
	}
	r := &recorder{T: t}
	authtest.VerifyHuawei(r, signed(t, ""), "AK", "other-secret")
	assert.NotEmpty(t, r.failed, "wrong secret key")
}
