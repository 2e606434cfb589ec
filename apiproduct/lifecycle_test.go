package apiproduct_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/oauth2"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// countingRT counts the requests that go through it.
type countingRT struct {
	n  atomic.Int32
	rt http.RoundTripper
}

func (c *countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.rt.RoundTrip(r)
}

// TestDefaultCredentialsNewTokenAfter401: ADC's own source caches its token;
// after a 401 the client must send the repeat with a genuinely new one, and
// the token requests go through the client's transport (WithTransport).
func TestDefaultCredentialsNewTokenAfter401(t *testing.T) {
	var tokenCalls atomic.Int32
	tokenSrv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := tokenCalls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"access_token":"adc-%d","token_type":"Bearer","expires_in":3600}`, n)
	})
	file := filepath.Join(t.TempDir(), "adc.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"type":"authorized_user","client_id":"cid","client_secret":"csecret",`+
		`"refresh_token":"refresh-1","token_uri":"`+tokenSrv.URL()+`"}`), 0o600))
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", file)

	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer adc-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		reply(http.StatusOK, seedProduct)(w, r)
	})
	rt := &countingRT{rt: http.DefaultTransport}
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithDefaultCredentials(),
		apiproduct.WithTransport(rt))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Get(context.Background(), "weather-premium")
	require.NoError(t, err)
	assert.EqualValues(t, 2, tokenCalls.Load(), "one token before the call, a new one after the 401")
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "Bearer adc-2", reqs[1].Header.Get("Authorization"))
	assert.EqualValues(t, 4, rt.n.Load(), "two token requests and two calls, all through WithTransport")
}

// TestTokenSourceNewTokenAfter401: a token source that fetches gets asked
// again after a 401.
func TestTokenSourceNewTokenAfter401(t *testing.T) {
	var fetches atomic.Int32
	ts := tokenFunc(func() (*oauth2.Token, error) {
		n := fetches.Add(1)
		return &oauth2.Token{AccessToken: fmt.Sprintf("ts-%d", n), Expiry: time.Now().Add(time.Hour)}, nil
	})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer ts-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		reply(http.StatusOK, seedProduct)(w, r)
	})
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithTokenSource(ts))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Get(context.Background(), "weather-premium")
	require.NoError(t, err)
	assert.EqualValues(t, 2, fetches.Load())
}

type tokenFunc func() (*oauth2.Token, error)

func (f tokenFunc) Token() (*oauth2.Token, error) { return f() }

// TestCancelDuringHungTokenSource: the call returns within 100 ms of its
// context ending although the token source hangs; once the source returns,
// no goroutine is left.
func TestCancelDuringHungTokenSource(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	release, started := make(chan struct{}), make(chan struct{}, 1)
	ts := tokenFunc(func() (*oauth2.Token, error) {
		started <- struct{}{}
		<-release
		return nil, io.EOF
	})
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint("https://apigee.example.com"), apiproduct.WithTokenSource(ts))
	require.NoError(t, err)
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.Get(ctx, "weather-premium"); done <- err }()
	<-started
	t0 := time.Now()
	cancel()
	err = <-done
	assert.Less(t, time.Since(t0), 100*time.Millisecond)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestClosedClient: calls after Close fail, and Close is idempotent.
func TestClosedClient(t *testing.T) {
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint("https://apigee.example.com"), apiproduct.WithToken("t"))
	require.NoError(t, err)
	require.NoError(t, c.Close())
	require.NoError(t, c.Close())
	_, err = c.Get(context.Background(), "x")
	assert.ErrorContains(t, err, "client is closed")
}
