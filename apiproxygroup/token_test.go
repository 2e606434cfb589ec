package apiproxygroup_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

var t0 = time.Date(2026, 8, 20, 9, 0, 0, 0, time.UTC)

// clock is a settable clock shared by the client and the fake.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// passwordClient returns a fake whose clock is clk and a client of it that
// logs in with the username and password, on the same clock.
func passwordClient(t *testing.T, clk *clock) (*apiproxygrouptest.Server, *apiproxygroup.Client) {
	t.Helper()
	srv := apiproxygrouptest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetNow(clk.Now)
	c, err := apiproxygroup.NewClient(srv.Project, append(srv.PasswordOptions(), apiproxygroup.WithClock(clk.Now))...)
	require.NoError(t, err)
	return srv, c
}

func listErr(c *apiproxygroup.Client) error {
	for _, err := range c.List(context.Background(), nil) {
		if err != nil {
			return err
		}
	}
	return nil
}

// paths lists "METHOD path" of the requests since n.
func paths(srv *apiproxygrouptest.Server, n int) []string {
	var out []string
	for _, r := range srv.Requests()[n:] {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

const (
	listPath  = "GET /apiops/projects/MyProject/apiProxyGroups/"
	tokenPath = "POST /apiops/auth/token"
)

func TestTokenFetchedCachedAndRefreshedAfterExpiry(t *testing.T) {
	clk := &clock{now: t0}
	srv, c := passwordClient(t, clk)

	require.NoError(t, listErr(c))
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	tr := reqs[0]
	assert.Equal(t, tokenPath, tr.Method+" "+tr.Path)
	assert.Equal(t, "application/x-www-form-urlencoded", tr.Header.Get("Content-Type"))
	assert.Empty(t, tr.Header.Get("Authorization"), "the token endpoint gets no credentials header")
	form, err := url.ParseQuery(string(tr.Body))
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {apiproxygrouptest.Username},
		"client_secret": {apiproxygrouptest.Password},
	}, form)
	assert.Equal(t, "Bearer fake-issued-token-1", reqs[1].Header.Get("Authorization"))

	// Cached.
	clk.Set(t0.Add(59 * time.Minute))
	require.NoError(t, listErr(c))
	assert.Equal(t, 1, srv.TokensIssued())

	// Replaced shortly before expires_in (3600 s) runs out.
	clk.Set(t0.Add(59*time.Minute + 55*time.Second))
	n := len(srv.Requests())
	require.NoError(t, listErr(c))
	assert.Equal(t, []string{tokenPath, listPath}, paths(srv, n))
	assert.Equal(t, "Bearer fake-issued-token-2", srv.LastRequest().Header.Get("Authorization"))
}

func TestTokenRefreshedAndCallRetriedOnceAfter401(t *testing.T) {
	clk := &clock{now: t0}
	srv, c := passwordClient(t, clk)
	require.NoError(t, listErr(c))

	srv.ExpireTokens() // revoked early: the client still thinks it valid
	n := len(srv.Requests())
	require.NoError(t, listErr(c))
	assert.Equal(t, []string{listPath, tokenPath, listPath}, paths(srv, n))
	assert.Equal(t, 2, srv.TokensIssued())

	// A server that keeps answering 401: one refresh, one retry, then the
	// error.
	srv.FailNext(5, apiproxygrouptest.Fault{
		Status: http.StatusUnauthorized,
		Body:   []byte(`{"status":"FAILURE","resultMessage":"Token was expired!"}`),
		Match:  func(r *http.Request) bool { return r.URL.Path != "/apiops/auth/token" },
	})
	n = len(srv.Requests())
	err := listErr(c)
	var e *apiproxygroup.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, "Token was expired!", e.Message)
	assert.Equal(t, 2, e.Attempts)
	assert.Equal(t, []string{listPath, tokenPath, listPath}, paths(srv, n))
	srv.ClearFaults()
}

// A fixed token cannot be refreshed: a 401 is returned at once.
func TestFixedTokenIsNotRetriedAfter401(t *testing.T) {
	srv, rec := server(t, []int{401}, `{"error":"unauthorized_client","error_description":"Token is not valid!"}`)
	err := listErr(newClient(t, srv.URL))
	assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized)
	assert.Len(t, rec.all(), 1)
}

func TestExpiresInAsEpochMillis(t *testing.T) {
	clk := &clock{now: t0}
	srv, c := passwordClient(t, clk)
	// Two hours as an expiry time in Unix milliseconds: used for at most
	// TokenMaxLifetime.
	srv.SetTokenExpiry(2*time.Hour, apiproxygrouptest.ExpiresInEpochMillis)
	require.NoError(t, listErr(c))
	clk.Set(t0.Add(apiproxygroup.TokenMaxLifetime - 11*time.Second))
	require.NoError(t, listErr(c))
	assert.Equal(t, 1, srv.TokensIssued())
	clk.Set(t0.Add(apiproxygroup.TokenMaxLifetime))
	require.NoError(t, listErr(c))
	assert.Equal(t, 2, srv.TokensIssued())

	// Ten minutes as Unix milliseconds: honoured.
	srv.SetTokenExpiry(10*time.Minute, apiproxygrouptest.ExpiresInEpochMillis)
	c2, err := apiproxygroup.NewClient(srv.Project, append(srv.PasswordOptions(), apiproxygroup.WithClock(clk.Now))...)
	require.NoError(t, err)
	start := clk.Now()
	require.NoError(t, listErr(c2))
	clk.Set(start.Add(9*time.Minute + 49*time.Second))
	require.NoError(t, listErr(c2))
	assert.Equal(t, 3, srv.TokensIssued())
	clk.Set(start.Add(9*time.Minute + 51*time.Second))
	require.NoError(t, listErr(c2))
	assert.Equal(t, 4, srv.TokensIssued())
}

// The server's clock is two hours behind the client's, so an epoch-ms
// expiry is already past on arrival: the token is used, briefly.
func TestExpiresInInThePast(t *testing.T) {
	clientClock := &clock{now: t0.Add(2 * time.Hour)}
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.SetNow(func() time.Time { return t0 })
	srv.SetTokenExpiry(time.Hour, apiproxygrouptest.ExpiresInEpochMillis)
	c, err := apiproxygroup.NewClient(srv.Project, append(srv.PasswordOptions(), apiproxygroup.WithClock(clientClock.Now))...)
	require.NoError(t, err)
	require.NoError(t, listErr(c))
	require.NoError(t, listErr(c))
	assert.Equal(t, 1, srv.TokensIssued())
	clientClock.Set(t0.Add(2*time.Hour + apiproxygroup.TokenShortLifetime))
	require.NoError(t, listErr(c))
	assert.Equal(t, 2, srv.TokensIssued())
}

func TestTokenExpiry(t *testing.T) {
	tok := func(v any) *oauth2.Token {
		return (&oauth2.Token{AccessToken: "x"}).WithExtra(map[string]any{"expires_in": v})
	}
	cases := []struct {
		raw  any
		want time.Time
	}{
		{float64(3600), t0.Add(time.Hour)},
		{float64(60), t0.Add(time.Minute)},
		{"120", t0.Add(2 * time.Minute)},
		{float64(7 * 24 * 3600), t0.Add(apiproxygroup.TokenMaxLifetime)}, // a week in seconds: bounded
		{float64(99_999_999_999), t0.Add(apiproxygroup.TokenMaxLifetime)},
		{float64(t0.Add(30 * time.Minute).UnixMilli()), t0.Add(30 * time.Minute)},
		{float64(1656505346947), t0.Add(apiproxygroup.TokenShortLifetime)}, // the legacy example: past
		{float64(0), time.Time{}},
		{float64(-5), time.Time{}},
		{"soon", time.Time{}},
		{nil, time.Time{}},
		{true, time.Time{}},
		{float64(1e300), time.Time{}},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, apiproxygroup.TokenExpiry(tok(tc.raw), t0), "%v", tc.raw)
	}
}

func TestBadPasswordIsTriedOnce(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	const secret = "wrong-password-value"
	c, err := apiproxygroup.NewClient(srv.Project, apiproxygroup.WithEndpoint(srv.URL()), apiproxygroup.WithPassword(apiproxygrouptest.Username, secret))
	require.NoError(t, err)
	err = listErr(c)
	var e *apiproxygroup.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized)
	assert.Equal(t, "unauthorized_client", e.Code)
	assert.Equal(t, "token request failed with HTTP 401: Bad credentials", e.Message)
	assert.Equal(t, "apiproxygroup.List", e.Op)
	var inner *apiproxygroup.Error
	require.ErrorAs(t, e.Err, &inner)
	assert.Equal(t, 401, inner.StatusCode)
	assert.Equal(t, "/apiops/auth/token", inner.Path)
	assert.Equal(t, []string{tokenPath}, paths(srv, 0), "a rejected password is sent once, and the call never")
	for _, s := range []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err), fmt.Sprintf("%+v %#v", c, c)} {
		assert.NotContains(t, s, secret)
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	// A transient failure of the token endpoint is retried.
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.FailNext(1, apiproxygrouptest.Fault{Status: 503, Body: []byte(`{"error":"server_error","error_description":"busy"}`)})
	c, err := apiproxygroup.NewClient(srv.Project, srv.PasswordOptions()...)
	require.NoError(t, err)
	require.NoError(t, listErr(c))
	assert.Equal(t, []string{tokenPath, tokenPath, listPath}, paths(srv, 0))

	// A 200 without a token, or with an OAuth error, fails as unauthorized.
	for _, body := range []string{`{"token_type":"Bearer"}`, `{"error":"invalid_client","error_description":"Account is locked"}`, `not json`} {
		srv.FailNext(1, apiproxygrouptest.Fault{Status: 200, Body: []byte(body)})
		c, err := apiproxygroup.NewClient(srv.Project, srv.PasswordOptions()...)
		require.NoError(t, err)
		err = listErr(c)
		assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized, body)
		var e *apiproxygroup.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 0, e.StatusCode, body)
	}
}

func TestTokenFetchedOnceForConcurrentCalls(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.SetLatency(5 * time.Millisecond)
	c, err := apiproxygroup.NewClient(srv.Project, srv.PasswordOptions()...)
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = listErr(c)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, 1, srv.TokensIssued())
}

type countingSource struct{ n atomic.Int32 }

func (s *countingSource) Token() (*oauth2.Token, error) {
	n := s.n.Add(1)
	if n == 3 {
		return nil, errors.New("source unavailable")
	}
	return &oauth2.Token{AccessToken: apiproxygrouptest.Token}, nil
}

func TestWithTokenSource(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	src := &countingSource{}
	c, err := apiproxygroup.NewClient(srv.Project, apiproxygroup.WithEndpoint(srv.URL()), apiproxygroup.WithTokenSource(src))
	require.NoError(t, err)
	require.NoError(t, listErr(c))
	require.NoError(t, listErr(c))
	assert.EqualValues(t, 1, src.n.Load(), "cached")
	srv.FailNext(1, apiproxygrouptest.Fault{Status: 401, Body: []byte(`{"status":"FAILURE","resultMessage":"Token is not valid!"}`)})
	require.NoError(t, listErr(c))
	assert.EqualValues(t, 2, src.n.Load(), "asked again after a 401")

	srv.FailNext(1, apiproxygrouptest.Fault{Status: 401, Body: []byte(`{"status":"FAILURE","resultMessage":"Token is not valid!"}`)})
	err = listErr(c)
	assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized)
	assert.ErrorContains(t, err, "obtaining credentials failed")
}

// Credentials never travel over plain http to a host that is not a loopback
// address: not even to the token endpoint.
func TestPasswordNeverSentOverPlainHTTP(t *testing.T) {
	var sent atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		sent.Add(1)
		return nil, errors.New("must not be called")
	})}
	c, err := apiproxygroup.NewClient("MyProject", apiproxygroup.WithEndpoint("http://apinizer.example.com"),
		apiproxygroup.WithPassword("u", "p"), apiproxygroup.WithHTTPClient(hc))
	require.NoError(t, err)
	assert.ErrorIs(t, listErr(c), apiproxygroup.ErrInsecureTransport)
	assert.Zero(t, sent.Load())
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestLogsCarryNoSecrets(t *testing.T) {
	clk := &clock{now: t0}
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.SetNow(clk.Now)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := apiproxygroup.NewClient(srv.Project, append(srv.PasswordOptions(), apiproxygroup.WithLogger(logger), apiproxygroup.WithClock(clk.Now))...)
	require.NoError(t, err)
	srv.FailNext(1, apiproxygrouptest.Fault{Status: 503})
	require.NoError(t, listErr(c))
	assert.Contains(t, buf.String(), "apiproxygroup.Token")
	assert.Contains(t, buf.String(), "apiproxygroup.List")
	assert.NotContains(t, buf.String(), apiproxygrouptest.Password)
	assert.NotContains(t, buf.String(), "fake-issued-token")
}
