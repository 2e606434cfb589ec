package clientopt

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

func TestApplyEmpty(t *testing.T) {
	s, err := Apply(nil)
	require.NoError(t, err)
	require.NotNil(t, s)
	assert.Equal(t, Settings{}, *s)

	s, err = Apply([]Option{nil, WithRegion("r1"), nil})
	require.NoError(t, err)
	assert.Equal(t, "r1", s.Region)
}

func TestOptionsSetFields(t *testing.T) {
	hc := &http.Client{}
	logger := slog.New(slog.DiscardHandler)
	pol := retry.Policy{MaxAttempts: 5, BaseDelay: time.Second, MaxDelay: 2 * time.Second, MaxRetryAfter: 3 * time.Second, Budget: -1}
	now := func() time.Time { return time.Unix(1, 0) }
	hooks := transport.Hooks{Now: now}
	tokFn := func(context.Context) (string, error) { return "dyn", nil }

	s, err := Apply([]Option{
		WithEndpoint("https://apig.example.com"),
		WithRegion("cn-north-4"),
		WithHTTPClient(hc),
		WithRetry(pol),
		WithLogger(logger),
		WithUserAgent("myapp/1.2"),
		WithMaxResponseBytes(1024),
		WithInsecureHTTP(),
		WithHooks(hooks),
		WithAKSK("AK", "SK"),
		WithProjectID("proj"),
		WithSecurityToken("sts"),
		WithTokenFunc(tokFn),
	})
	require.NoError(t, err)
	assert.Equal(t, "https://apig.example.com", s.Endpoint)
	assert.Equal(t, "cn-north-4", s.Region)
	assert.Same(t, hc, s.HTTPClient)
	assert.Equal(t, pol, s.Retry)
	assert.Same(t, logger, s.Logger)
	assert.Equal(t, "myapp/1.2", s.UserAgent)
	assert.Equal(t, int64(1024), s.MaxResponseBytes)
	assert.True(t, s.AllowInsecureHTTP)
	require.NotNil(t, s.Hooks.Now)
	assert.Equal(t, time.Unix(1, 0), s.Hooks.Now())
	assert.Equal(t, "AK", s.AccessKey)
	assert.Equal(t, "SK", s.SecretKey)
	assert.Equal(t, "proj", s.ProjectID)
	assert.Equal(t, "sts", s.SecurityToken)
	require.NotNil(t, s.HuaweiToken)
	tok, err := s.HuaweiToken(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "dyn", tok)

	s, err = Apply([]Option{WithToken("static")})
	require.NoError(t, err)
	tok, err = s.HuaweiToken(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "static", tok)
}

func TestOptionErrors(t *testing.T) {
	cases := []struct {
		name string
		opt  Option
		msg  string
	}{
		{"nil client", WithHTTPClient(nil), "WithHTTPClient: nil client"},
		{"negative attempts", WithRetry(retry.Policy{MaxAttempts: -1}), "WithRetry"},
		{"negative base", WithRetry(retry.Policy{BaseDelay: -time.Second}), "WithRetry"},
		{"negative max delay", WithRetry(retry.Policy{MaxDelay: -1}), "WithRetry"},
		{"negative max retry-after", WithRetry(retry.Policy{MaxRetryAfter: -1}), "WithRetry"},
		{"user agent LF", WithUserAgent("app\nX-Evil: 1"), "WithUserAgent"},
		{"user agent CR", WithUserAgent("app\r"), "WithUserAgent"},
		{"zero max bytes", WithMaxResponseBytes(0), "WithMaxResponseBytes"},
		{"negative max bytes", WithMaxResponseBytes(-1), "WithMaxResponseBytes"},
		{"empty AK", WithAKSK("", "sk"), "WithAKSK"},
		{"empty SK", WithAKSK("ak", ""), "WithAKSK"},
		{"empty token", WithToken(""), "WithToken: empty token"},
		{"nil token func", WithTokenFunc(nil), "WithTokenFunc: nil function"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Apply([]Option{c.opt})
			require.Error(t, err)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), c.msg)
		})
	}

	// A rejected user agent is not stored.
	s := &Settings{}
	WithUserAgent("a\nb")(s)
	assert.Empty(t, s.UserAgent)
	// A negative budget is valid: it switches the budget off.
	_, err := Apply([]Option{WithRetry(retry.Policy{Budget: -1})})
	assert.NoError(t, err)
}

func TestApplyJoinsErrors(t *testing.T) {
	_, err := Apply([]Option{WithHTTPClient(nil), WithRegion("ok"), WithUserAgent("x\n"), WithMaxResponseBytes(0)})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "WithHTTPClient")
	assert.Contains(t, msg, "WithUserAgent")
	assert.Contains(t, msg, "WithMaxResponseBytes")
	u, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "errors.Join result")
	assert.Len(t, u.Unwrap(), 3)

	_, err = Apply([]Option{func(st *Settings) { st.Fail("bad %s", "thing") }})
	require.Error(t, err)
	assert.Equal(t, "bad thing", err.Error())
}

func regionURL(r string) string { return "https://apig." + r + ".example.com/v2" }

func TestBaseURL(t *testing.T) {
	s := &Settings{Region: "cn-north-4"}
	u, err := s.BaseURL(regionURL)
	require.NoError(t, err)
	assert.Equal(t, "https://apig.cn-north-4.example.com/v2/", u)

	s = &Settings{Region: "cn-north-4", Endpoint: "https://custom.example.com:8443/base//"}
	u, err = s.BaseURL(func(string) string { t.Fatal("fromRegion must not be called"); return "" })
	require.NoError(t, err)
	assert.Equal(t, "https://custom.example.com:8443/base/", u, "explicit endpoint wins")

	s = &Settings{Endpoint: "http://127.0.0.1:9000"}
	u, err = s.BaseURL(regionURL)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9000/", u)

	// An explicit endpoint makes an odd region irrelevant.
	s = &Settings{Endpoint: "https://h", Region: "bad region"}
	_, err = s.BaseURL(regionURL)
	assert.NoError(t, err)
}

func TestBaseURLErrors(t *testing.T) {
	cases := []struct {
		name string
		s    Settings
		msg  string
	}{
		{"nothing", Settings{}, "no endpoint"},
		{"region with space", Settings{Region: "cn north"}, "not a region ID"},
		{"region with slash", Settings{Region: "evil.com/x"}, "not a region ID"},
		{"region with at", Settings{Region: "a@b"}, "not a region ID"},
		{"no scheme", Settings{Endpoint: "apig.example.com"}, "not an absolute http(s) URL"},
		{"ftp", Settings{Endpoint: "ftp://apig.example.com"}, "not an absolute http(s) URL"},
		{"no host", Settings{Endpoint: "https:///path"}, "not an absolute http(s) URL"},
		{"unparseable", Settings{Endpoint: "https://a b.com/%zz"}, "not an absolute http(s) URL"},
		{"query", Settings{Endpoint: "https://apig.example.com/?token=x"}, "must not carry user info, a query or a fragment"},
		{"fragment", Settings{Endpoint: "https://apig.example.com/#frag"}, "must not carry"},
		{"user info", Settings{Endpoint: "https://user:hunter2@apig.example.com/"}, "must not carry"},
		{"bad region URL", Settings{Region: "r1"}, "not an absolute http(s) URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, err := c.s.BaseURL(func(r string) string { return "//" + r })
			require.Error(t, err)
			assert.Empty(t, u)
			assert.Contains(t, err.Error(), c.msg)
			assert.NotContains(t, err.Error(), "hunter2", "passwords are redacted")
		})
	}
}

func TestValidRegion(t *testing.T) {
	assert.True(t, validRegion("cn-north-4"))
	assert.True(t, validRegion("AP-Southeast-1"))
	assert.False(t, validRegion(""))
	assert.False(t, validRegion("cn_north"))
	assert.False(t, validRegion("ü"))
}

func newReq(t *testing.T) *http.Request {
	req, err := http.NewRequest(http.MethodGet, "https://apig.example.com/v2/p/groups?x=1", nil)
	require.NoError(t, err)
	return req
}

func TestHuaweiCredentials(t *testing.T) {
	t.Run("missing project", func(t *testing.T) {
		s, err := Apply([]Option{WithAKSK("ak", "sk")})
		require.NoError(t, err)
		c, p, err := s.HuaweiCredentials()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "no project ID")
		assert.Nil(t, c)
		assert.Empty(t, p)
	})
	t.Run("no credentials: the chain, ending in the metadata service", func(t *testing.T) {
		noEnv := func(string) string { return "" }
		s, err := Apply([]Option{WithProjectID("p"), WithChainHooks(noEnv, "http://127.0.0.1:1")})
		require.NoError(t, err)
		c, _, err := s.HuaweiCredentials()
		require.NoError(t, err, "nothing is asked before the first call")
		_, ok := c.(*auth.HuaweiProviderCredentials)
		assert.True(t, ok, "%T", c)
	})
	t.Run("AK/SK", func(t *testing.T) {
		fixed := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		s, err := Apply([]Option{WithAKSK("AKID", "SECRET"), WithProjectID("proj"), WithSecurityToken("sts"),
			WithHooks(transport.Hooks{Now: func() time.Time { return fixed }})})
		require.NoError(t, err)
		c, p, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.Equal(t, "proj", p)
		_, ok := c.(*auth.HuaweiAKSK)
		require.True(t, ok, "%T", c)
		req := newReq(t)
		require.NoError(t, c.Apply(context.Background(), req, nil))
		assert.Equal(t, "20240102T030405Z", req.Header.Get("X-Sdk-Date"), "uses the hooks' clock")
		assert.Equal(t, "proj", req.Header.Get("X-Project-Id"))
		assert.Equal(t, "sts", req.Header.Get("X-Security-Token"))
		assert.True(t, strings.HasPrefix(req.Header.Get("Authorization"), "SDK-HMAC-SHA256 Access=AKID, "))
	})
	t.Run("AK/SK half set directly", func(t *testing.T) {
		s := &Settings{AccessKey: "ak", ProjectID: "p"}
		c, _, err := s.HuaweiCredentials()
		require.Error(t, err)
		assert.Nil(t, c)
	})
	t.Run("AK/SK wins over token", func(t *testing.T) {
		s, err := Apply([]Option{WithToken("tok"), WithAKSK("ak", "sk"), WithProjectID("p")})
		require.NoError(t, err)
		c, _, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.IsType(t, &auth.HuaweiAKSK{}, c)
	})
	t.Run("token", func(t *testing.T) {
		s, err := Apply([]Option{WithToken("iam-token"), WithProjectID("proj")})
		require.NoError(t, err)
		c, p, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.Equal(t, "proj", p)
		req := newReq(t)
		require.NoError(t, c.Apply(context.Background(), req, nil))
		assert.Equal(t, "iam-token", req.Header.Get("X-Auth-Token"))
		assert.Equal(t, "proj", req.Header.Get("X-Project-Id"))
		assert.Empty(t, req.Header.Get("Authorization"))
	})
	t.Run("token func error", func(t *testing.T) {
		boom := errors.New("boom")
		s, err := Apply([]Option{WithTokenFunc(func(context.Context) (string, error) { return "", boom }), WithProjectID("p")})
		require.NoError(t, err)
		c, _, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.ErrorIs(t, c.Apply(context.Background(), newReq(t), nil), boom)
	})
	t.Run("explicit credentials win", func(t *testing.T) {
		explicit := auth.Bearer(auth.StaticToken("b"))
		s, err := Apply([]Option{WithAKSK("ak", "sk"), WithToken("t"), WithProjectID("p"),
			func(s *Settings) { s.Credentials = explicit }})
		require.NoError(t, err)
		c, p, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.Same(t, explicit, c)
		assert.Equal(t, "p", p)
	})
	t.Run("explicit credentials still need a project", func(t *testing.T) {
		s := &Settings{Credentials: auth.Bearer(auth.StaticToken("b"))}
		_, _, err := s.HuaweiCredentials()
		assert.Error(t, err)
	})
}

func TestWithEnvCredentials(t *testing.T) {
	t.Run("all set", func(t *testing.T) {
		t.Setenv(EnvAccessKey, "env-ak")
		t.Setenv(EnvSecretKey, "env-sk")
		t.Setenv(EnvProjectID, "env-proj")
		t.Setenv(EnvSecurityToken, "env-sts")
		s, err := Apply([]Option{WithEnvCredentials()})
		require.NoError(t, err)
		assert.Equal(t, "env-ak", s.AccessKey)
		assert.Equal(t, "env-sk", s.SecretKey)
		assert.Equal(t, "env-proj", s.ProjectID)
		assert.Equal(t, "env-sts", s.SecurityToken)
		c, p, err := s.HuaweiCredentials()
		require.NoError(t, err)
		assert.Equal(t, "env-proj", p)
		assert.IsType(t, &auth.HuaweiAKSK{}, c)
	})
	t.Run("explicit project wins", func(t *testing.T) {
		t.Setenv(EnvAccessKey, "ak")
		t.Setenv(EnvSecretKey, "sk")
		t.Setenv(EnvProjectID, "env-proj")
		t.Setenv(EnvSecurityToken, "")
		s, err := Apply([]Option{WithProjectID("mine"), WithEnvCredentials()})
		require.NoError(t, err)
		assert.Equal(t, "mine", s.ProjectID)
		assert.Empty(t, s.SecurityToken)
	})
	t.Run("no project in env", func(t *testing.T) {
		t.Setenv(EnvAccessKey, "ak")
		t.Setenv(EnvSecretKey, "sk")
		t.Setenv(EnvProjectID, "")
		s, err := Apply([]Option{WithEnvCredentials()})
		require.NoError(t, err)
		_, _, err = s.HuaweiCredentials()
		require.Error(t, err)
		assert.Contains(t, err.Error(), EnvProjectID)
	})
	for _, missing := range []string{EnvAccessKey, EnvSecretKey} {
		t.Run("missing "+missing, func(t *testing.T) {
			t.Setenv(EnvAccessKey, "ak")
			t.Setenv(EnvSecretKey, "sk")
			t.Setenv(missing, "")
			s, err := Apply([]Option{WithEnvCredentials()})
			require.Error(t, err)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), EnvAccessKey)
			assert.Contains(t, err.Error(), EnvSecretKey)
		})
	}
}

func TestPipeline(t *testing.T) {
	var gotUA, gotAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAuth = r.Header.Get("User-Agent"), r.Header.Get("Authorization")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error_code":"APIG.3001","error_msg":"gone"}`))
	}))
	defer srv.Close()

	s, err := Apply([]Option{WithUserAgent("suffix/1"), WithRetry(retry.Policy{Budget: 9}), WithHTTPClient(srv.Client())})
	require.NoError(t, err)
	p := s.Pipeline(apierror.Huawei, auth.Bearer(auth.StaticToken("tok")))
	require.NotNil(t, p)
	assert.Equal(t, 9, p.Budget().Tokens())
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/g", nil)
	require.NoError(t, err)
	_, err = p.Do(req)
	require.Error(t, err)
	assert.ErrorIs(t, err, apierror.ErrNotFound)
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "APIG.3001", ae.Code, "the Huawei dialect is used")
	assert.Contains(t, gotUA, " suffix/1")
	assert.Equal(t, "Bearer tok", gotAuth)
}
