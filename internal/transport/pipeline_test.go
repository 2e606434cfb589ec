package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/apimgmt/apimgmt-go/internal/version"
)

func asAPIError(t *testing.T, err error) *apierror.Error {
	t.Helper()
	require.Error(t, err)
	var e *apierror.Error
	require.True(t, errors.As(err, &e), "%T %v", err, err)
	return e
}

func TestSuccess(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 200, `{"id":"g1","name":"orders"}`, "X-Request-Id", "rid-1")
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	require.True(t, p.Budget().Take(10))
	before := p.Budget().Tokens()

	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/v2/groups/g1", nil))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "rid-1", resp.Header.Get("X-Request-Id"))
	assert.Equal(t, `{"id":"g1","name":"orders"}`, string(Bytes(resp)))
	assert.Equal(t, int64(len(`{"id":"g1","name":"orders"}`)), resp.ContentLength)
	// The body can be read again and closing it is harmless.
	assert.Equal(t, `{"id":"g1","name":"orders"}`, string(Bytes(resp)))
	require.NoError(t, resp.Body.Close())

	var v struct{ ID, Name string }
	require.NoError(t, DecodeJSON("svc.Get", resp, &v))
	assert.Equal(t, "g1", v.ID)
	assert.Equal(t, "orders", v.Name)

	assert.Empty(t, sl.Delays())
	assert.Equal(t, 1, srv.Count())
	assert.Equal(t, before+retry.SuccessRefund, p.Budget().Tokens(), "a first-attempt success refunds")
}

func TestRetry503Then200(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 503, `{"error_code":"APIG.9999","error_msg":"busy"}`)
			return
		}
		reply(w, 200, `{"ok":true}`)
	})
	p, sl, rr := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Equal(t, `{"ok":true}`, string(Bytes(resp)))
	assert.Equal(t, 2, srv.Count())
	// Default base 200 ms, jitter 0.5: 100 ms.
	assert.Equal(t, []time.Duration{100 * time.Millisecond}, sl.Delays())
	calls := rr.Calls()
	require.Len(t, calls, 1)
	assert.Equal(t, "svc.Get", calls[0].op)
	assert.Equal(t, 1, calls[0].attempt)
	assert.Equal(t, 100*time.Millisecond, calls[0].delay)
	assert.ErrorIs(t, calls[0].cause, apierror.ErrServerError)
	assert.Equal(t, retry.DefaultBudget, p.Budget().Tokens(), "the retry's tokens are refunded on success")
}

func TestRetryAfterHonoured(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "Retry-After", "3")
			return
		}
		reply(w, 200, `{}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	d := sl.Delays()
	require.Len(t, d, 1)
	assert.GreaterOrEqual(t, d[0], 3*time.Second)
	assert.Equal(t, 3*time.Second, d[0])
}

func TestRetryAfterHTTPDate(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 503, ``, "Retry-After", t0.Add(5*time.Second).Format(http.TimeFormat))
			return
		}
		reply(w, 200, `{}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{5 * time.Second}, sl.Delays(), "relative to the injected clock")
}

func TestRetryAfterTooLong(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"slow down"}`, "Retry-After", "120")
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 120*time.Second, e.RetryAfter)
	assert.Equal(t, 1, e.Attempts)
	assert.True(t, e.Retryable)
	assert.ErrorIs(t, err, apierror.ErrThrottled)
	assert.Empty(t, sl.Delays())
	assert.Equal(t, 1, srv.Count())

	// A higher MaxRetryAfter accepts it.
	p2, sl2, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{MaxRetryAfter: 5 * time.Minute, MaxAttempts: 2}})
	_, err = p2.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	assert.Equal(t, 2, asAPIError(t, err).Attempts)
	assert.Equal(t, []time.Duration{120 * time.Second}, sl2.Delays())
}

func TestGoogleRetryInfo(t *testing.T) {
	body := `{"error":{"code":503,"message":"try later","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}`
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 503, body, "Retry-After", "2") // the larger of the two wins
			return
		}
		reply(w, 200, `{}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Google, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{7 * time.Second}, sl.Delays())
}

func TestExhaustedAttempts(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 503, `{"error_code":"APIG.9999","error_msg":"System error"}`, "X-Request-Id", "rid-x")
	})
	p, sl, rr := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/v2/groups?secret=1", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 3, e.Attempts)
	assert.True(t, e.Retryable)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, "APIG.9999", e.Code)
	assert.Equal(t, "rid-x", e.RequestID)
	assert.Equal(t, "svc.Get", e.Op)
	assert.Equal(t, http.MethodGet, e.Method)
	assert.Equal(t, "/v2/groups", e.Path)
	assert.ErrorIs(t, err, apierror.ErrServerError)
	assert.Equal(t, "svc.Get: GET /v2/groups: HTTP 503 APIG.9999 - System error (request id rid-x, 3 attempts)", err.Error())
	assert.NotContains(t, err.Error(), "secret")
	assert.Equal(t, 3, srv.Count())
	assert.Equal(t, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}, sl.Delays(), "the envelope doubles")
	assert.Len(t, rr.Calls(), 2)
	assert.Equal(t, retry.DefaultBudget-2*retry.RetryCost, p.Budget().Tokens())
}

func TestMaxAttemptsOne(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, ``) })
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{MaxAttempts: 1}})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 1, e.Attempts)
	assert.True(t, e.Retryable, "retryable in kind even when retries are off")
	assert.Equal(t, 1, srv.Count())
	assert.Empty(t, sl.Delays())
}

func TestNotRetryableStatus(t *testing.T) {
	for _, status := range []int{400, 403, 404, 409, 412, 501} {
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, status, `{}`) })
		p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		e := asAPIError(t, err)
		assert.False(t, e.Retryable, "%d", status)
		assert.Equal(t, 1, e.Attempts)
		assert.Equal(t, 1, srv.Count())
		assert.Empty(t, sl.Delays())
	}
}

func TestThrottledCodeOn4xxIsRetried(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 400, `{"error_code":"APIGW.0308","error_msg":"throttled"}`)
			return
		}
		reply(w, 200, `{}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Len(t, sl.Delays(), 1)
}

func TestNonIdempotentNotRetriedOn503(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, ``) })
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), createOp, http.MethodPost, srv.URL+"/x", strings.NewReader(`{"name":"a"}`)))
	e := asAPIError(t, err)
	assert.Equal(t, 1, e.Attempts)
	assert.True(t, e.Retryable)
	assert.Equal(t, "svc.Create", e.Op)
	assert.Equal(t, 1, srv.Count())
	assert.Empty(t, sl.Delays())
}

func TestNonIdempotentNotRetriedAfterResetMidResponse(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		cutConnection(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n", `{"id":`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), createOp, http.MethodPost, srv.URL+"/x", strings.NewReader(`{}`)))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrNetwork)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
	assert.True(t, e.Retryable)
	assert.True(t, strings.HasPrefix(e.Message, "reading response body: "), e.Message)
	assert.Equal(t, 1, srv.Count())
	assert.Empty(t, sl.Delays())
}

func TestIdempotentRetriedAfterResetMidResponse(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		switch n {
		case 1:
			cutConnection(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n", `{"id":`)
		case 2: // chunked, cut before the last chunk
			cutConnection(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "6\r\n{\"id\":\r\n")
		default:
			reply(w, 200, `{"id":"g1"}`)
		}
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Equal(t, `{"id":"g1"}`, string(Bytes(resp)))
	assert.Equal(t, 3, srv.Count())
	assert.Len(t, sl.Delays(), 2)
}

func TestNonIdempotentRetriedWhenConnectionRefused(t *testing.T) {
	addr := closedAddr(t)
	t.Run("always refused", func(t *testing.T) {
		p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei})
		_, err := p.Do(newReq(t, context.Background(), createOp, http.MethodPost, "http://"+addr+"/x", strings.NewReader(`{}`)))
		e := asAPIError(t, err)
		assert.Equal(t, 3, e.Attempts, "a create is retried when the connection could not be opened")
		assert.Equal(t, 0, e.StatusCode)
		assert.True(t, e.Retryable)
		assert.ErrorIs(t, err, apierror.ErrNetwork)
		var opErr *net.OpError
		require.ErrorAs(t, err, &opErr)
		assert.Equal(t, "dial", opErr.Op)
		assert.Len(t, sl.Delays(), 2)
		assert.NotContains(t, e.Message, "http://", "no URL in the message")
	})
	t.Run("refused then accepted", func(t *testing.T) {
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 201, `{"id":"new"}`) })
		var dials atomic.Int32
		d := &net.Dialer{}
		tr := &http.Transport{DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			if dials.Add(1) == 1 {
				return d.DialContext(ctx, network, addr)
			}
			return d.DialContext(ctx, network, a)
		}}
		defer tr.CloseIdleConnections()
		p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: tr}})
		resp, err := p.Do(newReq(t, context.Background(), createOp, http.MethodPost, srv.URL+"/x", strings.NewReader(`{"name":"a"}`)))
		require.NoError(t, err)
		assert.Equal(t, 201, resp.StatusCode)
		require.Equal(t, 1, srv.Count(), "the server saw the create once")
		assert.Equal(t, `{"name":"a"}`, string(srv.Seen()[0].Body))
		assert.Len(t, sl.Delays(), 1)
	})
}

func TestUnknownHostNotRetried(t *testing.T) {
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}}
	}}
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: tr}})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, "https://nowhere.invalid/x", nil))
	e := asAPIError(t, err)
	assert.False(t, e.Retryable)
	assert.Equal(t, 1, e.Attempts)
	assert.ErrorIs(t, err, apierror.ErrNetwork)
	assert.Equal(t, int32(1), dials.Load())
	assert.Empty(t, sl.Delays())
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestNetworkTimeoutCostsMore(t *testing.T) {
	var n atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return nil, timeoutErr{}
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: -1, Request: r}, nil
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Google, HTTPClient: &http.Client{Transport: rt}, Retry: retry.Policy{Budget: 100}})
	var tokensDuringRetry int
	p.hooks.OnRetry = func(_ string, _ int, _ time.Duration, cause error) {
		assert.ErrorIs(t, cause, apierror.ErrTimeout)
		assert.ErrorIs(t, cause, apierror.ErrNetwork)
		tokensDuringRetry = p.Budget().Tokens()
	}
	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, "https://api.example.com/x", nil))
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(Bytes(resp)))
	assert.Equal(t, 100-retry.TimeoutCost, tokensDuringRetry)
	assert.Equal(t, 100, p.Budget().Tokens())
	assert.Len(t, sl.Delays(), 1)
}

func TestStatus408CostsTimeout(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 408, ``)
			return
		}
		reply(w, 200, `{}`)
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{Budget: 15}})
	var during int
	p.hooks.OnRetry = func(string, int, time.Duration, error) { during = p.Budget().Tokens() }
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Equal(t, 5, during)
	assert.Equal(t, 15, p.Budget().Tokens())
}

func TestBudgetExhaustionAndRecovery(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		if failing.Load() {
			reply(w, 503, ``)
			return
		}
		reply(w, 200, `{}`)
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{Budget: 5}})
	do := func() (*http.Response, error) {
		return p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	}

	_, err := do()
	assert.Equal(t, 2, asAPIError(t, err).Attempts, "one retry affordable")
	assert.Equal(t, 0, p.Budget().Tokens())

	_, err = do()
	e := asAPIError(t, err)
	assert.Equal(t, 1, e.Attempts, "budget empty: no retry")
	assert.True(t, e.Retryable)

	failing.Store(false)
	for range 5 {
		_, err = do()
		require.NoError(t, err)
	}
	assert.Equal(t, 5, p.Budget().Tokens())
	_, err = do()
	require.NoError(t, err)
	assert.Equal(t, 5, p.Budget().Tokens(), "never above capacity")

	failing.Store(true)
	_, err = do()
	assert.Equal(t, 2, asAPIError(t, err).Attempts, "recovered")
}

func TestBudgetOff(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, ``) })
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{Budget: -1, MaxAttempts: 4}})
	assert.Nil(t, p.Budget())
	for range 3 {
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		assert.Equal(t, 4, asAPIError(t, err).Attempts)
	}
	assert.Len(t, sl.Delays(), 9)
}

func TestCancelDuringBackoff(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 503, `{"error_code":"APIG.9999","error_msg":"down"}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sl.before = cancel
	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, apierror.ErrServerError)
	assert.NotErrorIs(t, err, apierror.ErrTimeout)
	assert.Equal(t, 503, e.StatusCode, "the last status is kept")
	assert.Equal(t, "APIG.9999", e.Code)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, srv.Count())
	assert.Len(t, sl.Delays(), 1)
}

func TestCancelDuringBackoffAfterNetworkError(t *testing.T) {
	addr := closedAddr(t)
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sl.before = cancel
	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, "http://"+addr+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, apierror.ErrNetwork)
	var opErr *net.OpError
	assert.ErrorAs(t, err, &opErr, "the network cause is kept")
	assert.Equal(t, 1, e.Attempts)
}

func TestDeadlineDuringBackoff(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, ``) })
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	sl.err = context.DeadlineExceeded // what the real sleep returns when the deadline passes
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, apierror.ErrTimeout)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
}

func TestContextDeadlineExceeded(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, apierror.ErrNetwork)
	assert.False(t, e.Retryable)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, context.DeadlineExceeded.Error(), e.Message)
	assert.Equal(t, 0, srv.Count())
	assert.Empty(t, sl.Delays())
}

func TestContextCanceledBeforeSend(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, srv.URL+"/x", nil))
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, apierror.ErrTimeout)
	assert.Equal(t, 0, srv.Count())
}

func TestContextEndsWhileResponseArrives(t *testing.T) {
	// The server answers 503, but the caller's context ends meanwhile: no
	// retry, and the context's error is reported with the status.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		cancel()
		return &http.Response{StatusCode: 503, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: rt}})
	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, "https://api.example.com/x", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, apierror.ErrServerError)
	assert.Empty(t, sl.Delays())
}

func TestBodyReplayedAndCredentialsPerAttempt(t *testing.T) {
	const body = `{"name":"orders","remark":"ünïcode"}`
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n < 3 {
			reply(w, 502, ``)
			return
		}
		reply(w, 200, `{}`)
	})
	for name, mk := range map[string]func() io.Reader{
		"known length":   func() io.Reader { return strings.NewReader(body) },
		"unknown length": func() io.Reader { return io.NopCloser(strings.NewReader(body)) },
		"Body":           func() io.Reader { return Body([]byte(body)) },
	} {
		t.Run(name, func(t *testing.T) {
			srv.mu.Lock()
			srv.seen = nil
			srv.mu.Unlock()
			creds := &fakeCreds{token: "tok"}
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
			_, err := p.Do(newReq(t, context.Background(), putOp, http.MethodPut, srv.URL+"/g/1", mk()))
			require.NoError(t, err)
			seen := srv.Seen()
			require.Len(t, seen, 3)
			for i, s := range seen {
				assert.Equal(t, body, string(s.Body), "attempt %d", i+1)
				assert.Equal(t, int64(len(body)), s.ContentLength, "attempt %d", i+1)
				assert.Equal(t, http.MethodPut, s.Method)
			}
			assert.Equal(t, "Bearer tok-1", seen[0].Header.Get("Authorization"))
			assert.Equal(t, "Bearer tok-2", seen[1].Header.Get("Authorization"))
			assert.Equal(t, "Bearer tok-3", seen[2].Header.Get("Authorization"))
			assert.Equal(t, 3, creds.Calls())
			for _, b := range creds.bodies {
				assert.Equal(t, body, string(b), "credentials see the exact body bytes")
			}
		})
	}
}

func TestNoBodyGivesCredentialsNil(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 204, ``) })
	creds := &fakeCreds{token: "t"}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
	resp, err := p.Do(newReq(t, context.Background(), &Op{Name: "svc.Delete", Idempotent: true}, http.MethodDelete, srv.URL+"/g/1", nil))
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
	assert.Empty(t, Bytes(resp))
	require.Len(t, creds.bodies, 1)
	assert.Nil(t, creds.bodies[0])
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestRequestBodyReadError(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})

	_, err := p.Do(newReq(t, context.Background(), putOp, http.MethodPut, srv.URL+"/x", failingReader{}))
	e := asAPIError(t, err)
	assert.Equal(t, "reading request body", e.Message)
	assert.EqualError(t, e.Err, "disk on fire")
	assert.Equal(t, 0, e.Attempts)

	short := newReq(t, context.Background(), putOp, http.MethodPut, srv.URL+"/x", io.NopCloser(strings.NewReader("abc")))
	short.ContentLength = 10
	_, err = p.Do(short)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, 0, srv.Count(), "nothing sent")
}

func TestUnauthorizedRefreshesOnce(t *testing.T) {
	t.Run("refresh then success", func(t *testing.T) {
		srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 1 {
				reply(w, 401, `{"error_code":"APIG.1002","error_msg":"token expired"}`)
				return
			}
			reply(w, 200, `{}`)
		})
		creds := &invalidatingCreds{fakeCreds: fakeCreds{token: "t"}}
		p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
		_, err := p.Do(newReq(t, context.Background(), createOp, http.MethodPost, srv.URL+"/x", strings.NewReader(`{}`)))
		require.NoError(t, err)
		assert.Equal(t, 1, creds.invalidated)
		assert.Equal(t, 2, creds.Calls())
		assert.Equal(t, 2, srv.Count())
		assert.Empty(t, sl.Delays(), "no backoff for a refresh")
	})
	t.Run("still unauthorized", func(t *testing.T) {
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
			reply(w, 401, `{"error_code":"APIG.1002","error_msg":"token expired"}`)
		})
		creds := &invalidatingCreds{fakeCreds: fakeCreds{token: "t"}}
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds, Retry: retry.Policy{MaxAttempts: 1}})
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		e := asAPIError(t, err)
		assert.ErrorIs(t, err, apierror.ErrUnauthorized)
		assert.Equal(t, 2, e.Attempts, "one extra attempt even with retries off")
		assert.Equal(t, 1, creds.invalidated)
		assert.Equal(t, 2, srv.Count())
	})
	t.Run("no invalidator", func(t *testing.T) {
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 401, ``) })
		creds := &fakeCreds{token: "t"}
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		assert.Equal(t, 1, asAPIError(t, err).Attempts)
		assert.Equal(t, 1, srv.Count())
	})
}

func TestCredentialErrors(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })

	creds := &fakeCreds{err: errors.New("token endpoint down")}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrUnauthorized)
	assert.Equal(t, "obtaining credentials failed", e.Message)
	assert.EqualError(t, e.Err, "token endpoint down")
	assert.False(t, e.Retryable)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, "svc.Get", e.Op)

	own := &apierror.Error{Message: "token exchange refused", StatusCode: 400}
	apierror.AddKind(own, apierror.ErrInvalidRequest)
	creds = &fakeCreds{err: own}
	p, _, _ = newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
	_, err = p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e = asAPIError(t, err)
	assert.NotSame(t, own, e, "a copy: one fetch's error may be shared by many calls")
	assert.Equal(t, own.Message, e.Message, "an *apierror.Error from the credentials keeps its content")
	assert.Equal(t, 400, e.StatusCode)
	assert.Empty(t, own.Op, "the shared error is not changed by the call")
	assert.ErrorIs(t, err, apierror.ErrInvalidRequest)
	assert.Equal(t, 0, srv.Count())
}

func TestRedirectRefused(t *testing.T) {
	other := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, "/elsewhere", http.StatusMovedPermanently)
		case "/other":
			http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
		default:
			reply(w, 200, `{}`)
		}
	})
	for _, client := range []*http.Client{nil, srv.Client()} {
		creds := &fakeCreds{token: "secret"}
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: client, Credentials: creds})
		for _, path := range []string{"/same", "/other"} {
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+path, nil))
			e := asAPIError(t, err)
			assert.ErrorIs(t, err, apierror.ErrRedirect, path)
			assert.False(t, e.Retryable)
			assert.Equal(t, 1, e.Attempts)
			assert.Contains(t, []int{301, 307}, e.StatusCode)
		}
	}
	assert.Equal(t, 0, other.Count(), "the other host never receives a request")
	for _, s := range srv.Seen() {
		assert.NotEqual(t, "/elsewhere", s.Path, "Location not followed")
	}
	assert.Len(t, srv.Seen(), 4)
}

func TestUserClientNotMutated(t *testing.T) {
	other := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	})
	user := srv.Client()
	require.Nil(t, user.CheckRedirect)
	userCopy := *user
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: user})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	assert.ErrorIs(t, err, apierror.ErrRedirect)
	assert.Nil(t, user.CheckRedirect, "the user's client is not mutated")
	assert.Same(t, userCopy.Transport, user.Transport)
	assert.NotSame(t, user, p.client)
	assert.Same(t, user.Transport, p.client.Transport, "the user's transport is used")
	assert.Equal(t, 0, other.Count())

	// The user's own client still follows redirects for the user.
	resp, err := user.Get(srv.URL + "/x")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, 1, other.Count())
}

func TestInsecureTransport(t *testing.T) {
	var sent atomic.Int32
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: 2, Request: r}, nil
	})
	client := &http.Client{Transport: rt}

	t.Run("refused", func(t *testing.T) {
		for _, u := range []string{"http://example.invalid/x?token=1", "http://10.0.0.1/x", "http://localhost.example.com/", "ftp://example.invalid/x"} {
			creds := &fakeCreds{token: "t"}
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: client, Credentials: creds})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, u, nil))
			e := asAPIError(t, err)
			assert.ErrorIs(t, err, apierror.ErrInsecureTransport, u)
			assert.Equal(t, 0, e.Attempts)
			assert.Equal(t, 0, creds.Calls(), "credentials never computed")
			assert.NotContains(t, err.Error(), "token=1")
		}
		assert.Equal(t, int32(0), sent.Load(), "nothing sent")
	})
	t.Run("allowed", func(t *testing.T) {
		cases := []struct {
			url      string
			creds    bool
			insecure bool
		}{
			{"http://127.0.0.1:8080/x", true, false},
			{"http://127.0.0.2/x", true, false},
			{"http://localhost:9/x", true, false},
			{"http://[::1]:9/x", true, false},
			{"http://example.invalid/x", true, true},
			{"http://example.invalid/x", false, false},
			{"https://example.invalid/x", true, false},
		}
		for _, c := range cases {
			cfg := Config{Dialect: apierror.Huawei, HTTPClient: client, AllowInsecureHTTP: c.insecure}
			if c.creds {
				cfg.Credentials = &fakeCreds{token: "t"}
			}
			p, _, _ := newTestPipeline(cfg)
			before := sent.Load()
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, c.url, nil))
			assert.NoError(t, err, c.url)
			assert.Equal(t, before+1, sent.Load(), c.url)
		}
	})
	t.Run("real loopback server", func(t *testing.T) {
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
		require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"))
		creds := &fakeCreds{token: "t"}
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds})
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		require.NoError(t, err)
		assert.Equal(t, "Bearer t-1", srv.Seen()[0].Header.Get("Authorization"))
	})
}

func TestResponseTooLarge(t *testing.T) {
	big := strings.Repeat("x", 100)
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cl":
			reply(w, 200, big, "Content-Length", "100", "X-Request-Id", "rid")
		case "/chunked":
			w.WriteHeader(200)
			_, _ = io.WriteString(w, big[:50])
			w.(http.Flusher).Flush()
			_, _ = io.WriteString(w, big[50:])
		case "/exact":
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			_, _ = io.WriteString(w, `"`+strings.Repeat("y", 8)+`"`)
		case "/error":
			w.WriteHeader(500)
			w.(http.Flusher).Flush()
			_, _ = io.WriteString(w, big)
		}
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), MaxResponseBytes: 10})
	for _, path := range []string{"/cl", "/chunked", "/error"} {
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+path, nil))
		e := asAPIError(t, err)
		assert.ErrorIs(t, err, apierror.ErrResponseTooLarge, path)
		assert.False(t, e.Retryable, path)
		assert.Equal(t, 1, e.Attempts, path)
		assert.Equal(t, "response body exceeds the client's limit", e.Message)
	}
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/cl", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, "rid", e.RequestID)
	assert.Empty(t, sl.Delays())

	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/exact", nil))
	require.NoError(t, err, "a body of exactly the limit is fine")
	assert.Len(t, Bytes(resp), 10)

	// The default limit is 16 MiB.
	assert.Equal(t, int64(DefaultMaxResponseBytes), New(Config{}).maxBytes)
	assert.Equal(t, int64(16<<20), New(Config{MaxResponseBytes: -5}).maxBytes)
}

func TestHeadResponseWithContentLength(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "1234")
		w.WriteHeader(200)
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Retry: retry.Policy{MaxAttempts: 1}})
	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodHead, srv.URL+"/x", nil))
	require.NoError(t, err, "a HEAD response has no body to read")
	assert.Equal(t, 200, resp.StatusCode)
	assert.Empty(t, Bytes(resp))
}

func TestApinizerFailureInSuccess(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, 200, `{"status":"FAILURE","resultMessage":"API Proxy (orders) is not found!"}`)
	})
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Apinizer, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/apiops/projects/p/apiProxies/orders/", nil))
	e := asAPIError(t, err)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, "FAILURE", e.Status)
	assert.Equal(t, "API Proxy (orders) is not found!", e.Message)
	assert.ErrorIs(t, err, apierror.ErrNotFound)
	assert.False(t, e.Retryable)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, srv.Count())
	assert.Empty(t, sl.Delays())

	// The same body is a plain success for another dialect.
	p2, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err = p2.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	assert.NoError(t, err)
}

func TestHeaders(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), UserAgent: "myapp/2.0"})
	req := newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil)
	req.Header.Set("User-Agent", "overridden")
	_, err := p.Do(req)
	require.NoError(t, err)
	req = newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil)
	req.Header.Set("Accept", "application/yaml")
	_, err = p.Do(req)
	require.NoError(t, err)

	p2, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err = p2.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)

	seen := srv.Seen()
	require.Len(t, seen, 3)
	assert.Equal(t, []string{"apimgmt-go/" + version.Version + " myapp/2.0"}, seen[0].Header.Values("User-Agent"))
	assert.Equal(t, "application/json", seen[0].Header.Get("Accept"))
	assert.Equal(t, "application/yaml", seen[1].Header.Get("Accept"), "an explicit Accept is kept")
	assert.Equal(t, "apimgmt-go/"+version.Version, seen[2].Header.Get("User-Agent"))
}

func TestLogging(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 503, `{"error_code":"APIG.9999","error_msg":"busy"}`, "X-Request-Id", "rid-1")
			return
		}
		reply(w, 200, `{}`, "X-Request-Id", "rid-2")
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	creds := &fakeCreds{token: "SUPERSECRET"}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: creds, Logger: logger})
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/v2/groups?access_token=QUERYSECRET&x=1", nil))
	require.NoError(t, err)
	require.Equal(t, "Bearer SUPERSECRET-1", srv.Seen()[0].Header.Get("Authorization"), "the secret was sent")

	out := buf.String()
	assert.NotContains(t, out, "SUPERSECRET")
	assert.NotContains(t, out, "QUERYSECRET")
	assert.NotContains(t, out, "access_token")
	assert.NotContains(t, out, "?")

	var recs []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		recs = append(recs, m)
	}
	require.Len(t, recs, 3, out)
	msgs := []any{recs[0]["msg"], recs[1]["msg"], recs[2]["msg"]}
	assert.Equal(t, []any{"apimgmt: attempt", "apimgmt: retrying", "apimgmt: attempt"}, msgs)
	for _, r := range recs {
		assert.Equal(t, "svc.Get", r["op"])
		assert.Equal(t, "GET", r["method"])
		assert.Equal(t, "/v2/groups", r["path"])
		assert.Contains(t, r, "status")
		assert.Contains(t, r, "attempt")
	}
	assert.Equal(t, float64(503), recs[0]["status"])
	assert.Equal(t, float64(1), recs[0]["attempt"])
	assert.Equal(t, "rid-1", recs[0]["request_id"])
	assert.Equal(t, "DEBUG", recs[0]["level"])
	assert.Contains(t, recs[0], "duration")
	assert.Equal(t, "INFO", recs[1]["level"])
	assert.Equal(t, float64(1), recs[1]["attempt"])
	assert.Equal(t, float64(100*time.Millisecond), recs[1]["delay"])
	assert.Equal(t, "HTTP 503 APIG.9999", recs[1]["cause"])
	assert.Equal(t, "busy", recs[1]["message"])
	assert.Equal(t, "rid-1", recs[1]["request_id"])
	assert.Equal(t, float64(200), recs[2]["status"])
	assert.Equal(t, float64(2), recs[2]["attempt"])
	assert.Equal(t, "rid-2", recs[2]["request_id"])
}

func TestLoggingNetworkErrorAndLevels(t *testing.T) {
	addr := closedAddr(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Logger: logger, Retry: retry.Policy{MaxAttempts: 1}})
	_, err := p.Do(newReq(t, context.Background(), nil, http.MethodGet, "http://"+addr+"/p?q=SECRET", nil))
	require.Error(t, err)
	assert.Contains(t, buf.String(), "status=0")
	assert.Contains(t, buf.String(), "op=GET")
	assert.NotContains(t, buf.String(), "SECRET")

	// Above the levels used: nothing is logged.
	buf.Reset()
	quiet := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			reply(w, 503, ``)
			return
		}
		reply(w, 200, `{}`)
	})
	p, _, _ = newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Logger: quiet})
	_, err = p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}

func TestOpForDefaults(t *testing.T) {
	for method, idem := range map[string]bool{
		http.MethodGet: true, http.MethodHead: true, http.MethodOptions: true, http.MethodPut: true, http.MethodDelete: true,
		http.MethodPost: false, http.MethodPatch: false,
	} {
		req := newReq(t, context.Background(), nil, method, "https://h/x", nil)
		op := opFor(req)
		assert.Equal(t, method, op.Name)
		assert.Equal(t, idem, op.Idempotent, method)
	}
	// An attached op wins; a nil op is ignored.
	req := newReq(t, context.Background(), createOp, http.MethodGet, "https://h/x", nil)
	assert.Same(t, createOp, opFor(req))
	req = newReq(t, WithOp(context.Background(), nil), nil, http.MethodPost, "https://h/x", nil)
	assert.Equal(t, &Op{Name: http.MethodPost}, opFor(req))
	assert.True(t, Idempotent)
	assert.False(t, NotIdempotent)
}

func TestDefaultOpRetryClass(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 503, ``) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	_, err := p.Do(newReq(t, context.Background(), nil, http.MethodPost, srv.URL+"/x", strings.NewReader("{}")))
	e := asAPIError(t, err)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, "POST", e.Op)
	_, err = p.Do(newReq(t, context.Background(), nil, http.MethodGet, srv.URL+"/x", nil))
	assert.Equal(t, 3, asAPIError(t, err).Attempts)
}

func TestTLSVerificationFailureNotRetried(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei}) // default client: the test CA is not trusted
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.False(t, e.Retryable, e.Message)
	assert.Equal(t, 1, e.Attempts)
	assert.ErrorIs(t, err, apierror.ErrNetwork)
	assert.Empty(t, sl.Delays())

	// With the server's client, https works (and credentials are allowed).
	p, _, _ = newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: &fakeCreds{token: "t"}})
	_, err = p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
}

func TestConcurrentUse(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n%3 == 0 {
			reply(w, 503, ``)
			return
		}
		reply(w, 200, `{"ok":true}`)
	})
	var buf syncBuffer
	p, _, _ := newTestPipeline(Config{
		Dialect: apierror.Huawei, HTTPClient: srv.Client(), Credentials: &invalidatingCreds{fakeCreds: fakeCreds{token: "t"}},
		Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Retry:  retry.Policy{MaxAttempts: 5, Budget: -1},
	})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			method, op, body := http.MethodGet, getOp, io.Reader(nil)
			if i%2 == 0 {
				method, op, body = http.MethodPut, putOp, strings.NewReader(`{"i":1}`)
			}
			resp, err := p.Do(newReq(t, context.Background(), op, method, srv.URL+"/x", body))
			if assert.NoError(t, err) {
				assert.Equal(t, `{"ok":true}`, string(Bytes(resp)))
			}
		}()
	}
	wg.Wait()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestNewHTTPClient(t *testing.T) {
	c := NewHTTPClient()
	assert.Equal(t, AttemptTimeout, c.Timeout)
	require.NotNil(t, c.CheckRedirect)
	assert.ErrorIs(t, c.CheckRedirect(nil, nil), http.ErrUseLastResponse)
	tr, ok := c.Transport.(*http.Transport)
	require.True(t, ok)
	assert.Equal(t, TLSHandshakeTimeout, tr.TLSHandshakeTimeout)
	assert.Equal(t, ResponseHeaderTimeout, tr.ResponseHeaderTimeout)
	assert.Equal(t, 64, tr.MaxIdleConnsPerHost)
	assert.NotNil(t, tr.DialContext)
	assert.NotNil(t, tr.Proxy)
	require.NotNil(t, tr.TLSClientConfig)
	assert.Equal(t, uint16(tls.VersionTLS12), tr.TLSClientConfig.MinVersion)
	assert.NotSame(t, c, NewHTTPClient(), "a fresh client each time")

	u := &http.Client{Timeout: time.Second}
	cp := withoutRedirects(u)
	assert.Nil(t, u.CheckRedirect)
	assert.Equal(t, time.Second, cp.Timeout)
	assert.ErrorIs(t, cp.CheckRedirect(nil, nil), http.ErrUseLastResponse)
}

func TestNewDefaults(t *testing.T) {
	p := New(Config{})
	assert.NotNil(t, p.client)
	assert.NotNil(t, p.hooks.Now)
	assert.NotNil(t, p.hooks.Sleep)
	assert.NotNil(t, p.hooks.Rand)
	r := p.hooks.Rand()
	assert.True(t, r >= 0 && r < 1)
	assert.Equal(t, retry.WithDefaults(retry.Policy{}), p.policy)
	assert.Equal(t, retry.DefaultBudget, p.Budget().Tokens())
	assert.Equal(t, []string{"apimgmt-go/" + version.Version}, p.ua)
}

func TestRealSleep(t *testing.T) {
	assert.NoError(t, sleep(context.Background(), 0))
	assert.NoError(t, sleep(context.Background(), -time.Second))
	assert.NoError(t, sleep(context.Background(), time.Nanosecond))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, sleep(ctx, 0), context.Canceled)
	done := make(chan error, 1)
	go func() { done <- sleep(ctx, time.Hour) }()
	assert.ErrorIs(t, <-done, context.Canceled, "returns when the context ends, not after the delay")
}

func TestHelpers(t *testing.T) {
	assert.Nil(t, joinErr(nil, nil))
	a, b := errors.New("a"), errors.New("b")
	assert.Same(t, b, joinErr(nil, b))
	j := joinErr(a, b)
	assert.ErrorIs(t, j, a)
	assert.ErrorIs(t, j, b)

	assert.False(t, neverSent(nil))
	assert.False(t, neverSent(io.EOF))
	assert.False(t, neverSent(&net.OpError{Op: "read"}))
	assert.True(t, neverSent(&net.OpError{Op: "dial"}))

	assert.True(t, isLoopback("localhost"))
	assert.True(t, isLoopback("127.0.0.1"))
	assert.True(t, isLoopback("::1"))
	assert.False(t, isLoopback("example.com"))
	assert.False(t, isLoopback("10.1.1.1"))
	assert.False(t, isLoopback(""))

	assert.False(t, tlsFailure(errors.New("x509: certificate signed by unknown authority")), "types, not text")
	assert.True(t, tlsFailure(&url.Error{Op: "Get", Err: x509.UnknownAuthorityError{}}))
	assert.True(t, tlsFailure(&net.OpError{Op: "remote error", Err: errors.New("tls: handshake failure")}))
	assert.False(t, tlsFailure(&net.OpError{Op: "dial", Err: errors.New("connection refused")}))
}

// A wait longer than MaxRetryAfter is never taken for no wait at all, even
// when it does not fit in an int64: the error comes back at once, with
// RetryAfter at the largest time.Duration.
func TestRetryAfterBeyondInt64(t *testing.T) {
	const huge = "99999999999999999999"
	maxD := time.Duration(math.MaxInt64)
	for _, tc := range []struct {
		name    string
		dialect apierror.Dialect
		status  int
		body    string
		header  string
		want    time.Duration
	}{
		{"seconds over int64", apierror.Huawei, 429, `{"error_code":"APIGW.0308","error_msg":"slow down"}`, huge, maxD},
		{"seconds over Duration", apierror.Huawei, 503, ``, "9223372036854775807", maxD},
		{"far-future date", apierror.Huawei, 503, ``, "Fri, 31 Dec 9999 23:59:59 GMT", maxD},
		{"RetryInfo over int64", apierror.Google, 503, `{"error":{"code":503,"message":"later","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"` + huge + `s"}]}}`, "", maxD},
		{"RetryInfo huge fraction", apierror.Google, 429, `{"error":{"code":429,"message":"later","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"` + huge + `.5s"}]}}`, "", maxD},
		{"RetryInfo long", apierror.Google, 503, `{"error":{"code":503,"message":"later","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}}`, "", time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				if tc.header != "" {
					reply(w, tc.status, tc.body, "Retry-After", tc.header)
					return
				}
				reply(w, tc.status, tc.body)
			})
			p, sl, _ := newTestPipeline(Config{Dialect: tc.dialect, HTTPClient: srv.Client(), Retry: retry.Policy{MaxAttempts: 3}})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
			e := asAPIError(t, err)
			assert.Equal(t, tc.want, e.RetryAfter)
			assert.Equal(t, 1, e.Attempts, "returned at once")
			assert.Empty(t, sl.Delays())
			assert.Equal(t, 1, srv.Count())
		})
	}
}
