package transport

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// hookRec records what hooks saw, as text.
type hookRec struct {
	mu     sync.Mutex
	events []string
	seen   []string // every request and response the hooks saw, dumped
}

func (h *hookRec) add(ev string, dump ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, ev)
	h.seen = append(h.seen, dump...)
}

func (h *hookRec) hooks(name string) apimgmt.Hooks {
	return apimgmt.Hooks{
		Call: func(ctx context.Context, op string) (context.Context, func(*apimgmt.Response, error)) {
			h.add(name + " call " + op)
			return context.WithValue(ctx, hookKey(name), op), func(r *apimgmt.Response, err error) {
				h.add(fmt.Sprintf("%s end %s status=%d rid=%s attempts=%d err=%v", name, op, status(r), rid(r), attempts(r), err != nil), fmt.Sprint(r, err))
			}
		},
		Attempt: func(ctx context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
			h.add(fmt.Sprintf("%s attempt %s #%d ctx=%v", name, a.Op, a.Number, ctx.Value(hookKey(name))), fmt.Sprint(a.Request.Method, a.Request.URL, a.Request.Header))
			return func(r *apimgmt.Response, err error) {
				h.add(fmt.Sprintf("%s attempt-end #%d status=%d err=%v", name, a.Number, status(r), err != nil), fmt.Sprint(r, err))
			}
		},
	}
}

type hookKey string

func status(r *apimgmt.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}

func rid(r *apimgmt.Response) string {
	if r == nil {
		return ""
	}
	return r.RequestID
}

func attempts(r *apimgmt.Response) int {
	if r == nil {
		return 0
	}
	return r.Attempts
}

func TestHooksSeeEveryAttemptRedacted(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			reply(w, 503, `{"error_code":"APIG.9999","error_msg":"busy"}`, "X-Request-Id", "rid-1", "Set-Cookie", "s=cookie-secret")
			return
		}
		reply(w, 200, `{}`, "X-Request-Id", "rid-2", "Set-Cookie", "s=cookie-secret")
	})
	rec := &hookRec{}
	creds := &fakeCreds{token: "tok-secret"}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Credentials: creds, CallHooks: []apimgmt.Hooks{rec.hooks("client")}})
	ctx := WithOp(context.Background(), putOp, apimgmt.WithCallHooks(rec.hooks("call")))
	req := newReq(t, ctx, nil, "PUT", srv.URL+"/v1/groups?token=query-secret&limit=5", strings.NewReader(`{}`))
	_, err := p.Do(req)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"client call svc.Update",
		"call call svc.Update",
		"client attempt svc.Update #1 ctx=svc.Update",
		"call attempt svc.Update #1 ctx=svc.Update",
		"call attempt-end #1 status=503 err=true",
		"client attempt-end #1 status=503 err=true",
		"client attempt svc.Update #2 ctx=svc.Update",
		"call attempt svc.Update #2 ctx=svc.Update",
		"call attempt-end #2 status=200 err=false",
		"client attempt-end #2 status=200 err=false",
		"call end svc.Update status=200 rid=rid-2 attempts=2 err=false",
		"client end svc.Update status=200 rid=rid-2 attempts=2 err=false",
	}, rec.events)
	all := strings.Join(rec.seen, "\n")
	for _, secret := range []string{"tok-secret", "query-secret", "cookie-secret"} {
		assert.NotContains(t, all, secret)
	}
	assert.Contains(t, all, "REDACTED")
	assert.Contains(t, all, "limit=5")
	// The live request went out with its credentials.
	assert.Equal(t, "Bearer tok-secret-2", srv.Seen()[1].Header.Get("Authorization"))
}

func TestCallOptionsRefusedBeforeSending(t *testing.T) {
	for name, opt := range map[string]apimgmt.CallOption{
		"authorization":   apimgmt.WithHeader("Authorization", "Bearer x"),
		"x-auth-token":    apimgmt.WithHeader("x-auth-token", "x"),
		"security token":  apimgmt.WithHeader("X-Security-Token", "x"),
		"cookie":          apimgmt.WithHeader("Cookie", "a=b"),
		"proxy":           apimgmt.WithHeader("Proxy-Authorization", "x"),
		"sdk date":        apimgmt.WithHeader("X-Sdk-Date", "x"),
		"CRLF":            apimgmt.WithHeader("X-Trace", "a\r\nX-Evil: 1"),
		"LF":              apimgmt.WithHeader("X-Trace", "a\nb"),
		"bad name":        apimgmt.WithHeader("X Trace", "a"),
		"negative retry":  apimgmt.WithCallRetry(apimgmt.RetryPolicy{MaxAttempts: -1}),
		"negative timout": apimgmt.WithCallTimeout(-time.Second),
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 200, `{}`) })
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Credentials: &fakeCreds{token: "t"}})
			req := newReq(t, WithOp(context.Background(), getOp, opt), nil, "GET", srv.URL+"/x", nil)
			_, err := p.Do(req)
			var ve *apimgmt.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, apimgmt.ErrValidation)
			assert.Equal(t, "svc.Get", ve.Op)
			assert.Zero(t, srv.Count(), "nothing may be sent")
		})
	}
}

func TestCallOptionsApply(t *testing.T) {
	t.Run("header", func(t *testing.T) {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 200, `{}`) })
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei})
		req := newReq(t, WithOp(context.Background(), getOp, apimgmt.WithHeader("x-trace", "abc")), nil, "GET", srv.URL+"/x", nil)
		_, err := p.Do(req)
		require.NoError(t, err)
		assert.Equal(t, "abc", srv.Seen()[0].Header.Get("X-Trace"))
	})
	t.Run("retry", func(t *testing.T) {
		for _, max := range []int{1, 5} {
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 503, `{}`) })
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Retry: apimgmt.RetryPolicy{MaxAttempts: 3}})
			req := newReq(t, WithOp(context.Background(), getOp, apimgmt.WithCallRetry(apimgmt.RetryPolicy{MaxAttempts: max})), nil, "GET", srv.URL+"/x", nil)
			_, err := p.Do(req)
			require.Error(t, err)
			assert.Equal(t, max, srv.Count())
		}
	})
	t.Run("timeout", func(t *testing.T) {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done() // answers only when the client gives up
		})
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Retry: apimgmt.RetryPolicy{MaxAttempts: 1}})
		req := newReq(t, WithOp(context.Background(), getOp, apimgmt.WithCallTimeout(50*time.Millisecond)), nil, "GET", srv.URL+"/x", nil)
		start := time.Now()
		_, err := p.Do(req)
		assert.ErrorIs(t, err, apimgmt.ErrTimeout)
		assert.Less(t, time.Since(start), 5*time.Second)
	})
	t.Run("capture", func(t *testing.T) {
		srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				reply(w, 500, `{}`, "X-Request-Id", "rid-fail")
				return
			}
			reply(w, 201, `{}`, "X-Request-Id", "rid-ok", "Set-Cookie", "c=cookie-secret")
		})
		p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Credentials: &fakeCreds{token: "t"}})
		var got apimgmt.Response
		req := newReq(t, WithOp(context.Background(), getOp, apimgmt.WithCaptureResponse(&got)), nil, "GET", srv.URL+"/x", nil)
		_, err := p.Do(req)
		require.NoError(t, err)
		assert.Equal(t, 201, got.StatusCode)
		assert.Equal(t, "rid-ok", got.RequestID)
		assert.Equal(t, 2, got.Attempts)
		assert.Equal(t, []string{"REDACTED"}, got.Header["Set-Cookie"])

		// A failure that got a response is captured too.
		bad := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 404, `{}`, "X-Request-Id", "rid-404") })
		var failed apimgmt.Response
		req = newReq(t, WithOp(context.Background(), getOp, apimgmt.WithCaptureResponse(&failed)), nil, "GET", bad.URL+"/x", nil)
		_, err = p.Do(req)
		require.Error(t, err)
		assert.Equal(t, 404, failed.StatusCode)
		assert.Equal(t, "rid-404", failed.RequestID)
		assert.Equal(t, 1, failed.Attempts)
	})
}

// TestRateLimitHoldsBurstToRate runs in a synctest bubble: the clock is
// fake, so the waits take no real time.
func TestRateLimitHoldsBurstToRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var sent []time.Duration
		start := time.Now()
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			sent = append(sent, time.Since(start))
			mu.Unlock()
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})
		var waits []time.Duration
		h := apimgmt.Hooks{Attempt: func(_ context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
			waits = append(waits, a.RateLimitWait)
			return nil
		}}
		p := New(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: rt}, Limiter: rate.NewLimiter(10, 2), CallHooks: []apimgmt.Hooks{h}})
		for range 6 {
			req, _ := http.NewRequestWithContext(WithOp(context.Background(), getOp), "GET", "https://example.test/x", nil)
			_, err := p.Do(req)
			require.NoError(t, err)
		}
		ms := time.Millisecond
		assert.Equal(t, []time.Duration{0, 0, 100 * ms, 200 * ms, 300 * ms, 400 * ms}, sent)
		assert.Equal(t, []time.Duration{0, 0, 100 * ms, 100 * ms, 100 * ms, 100 * ms}, waits)
	})
}

func TestRateLimitStopsOnCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sends := 0
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sends++
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})
		p := New(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: rt}, Limiter: rate.NewLimiter(rate.Every(time.Hour), 1)})
		do := func(ctx context.Context) error {
			req, _ := http.NewRequestWithContext(WithOp(ctx, getOp), "GET", "https://example.test/x", nil)
			_, err := p.Do(req)
			return err
		}
		require.NoError(t, do(context.Background()))

		// Cancelled while waiting: returns at once, nothing sent.
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- do(ctx) }()
		synctest.Wait()
		cancel()
		err := <-done
		assert.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, time.Since(start))

		// A deadline the wait cannot meet fails at once as a timeout.
		ctx2, cancel2 := context.WithTimeout(context.Background(), time.Minute)
		defer cancel2()
		err = do(ctx2)
		assert.ErrorIs(t, err, apimgmt.ErrTimeout)
		assert.Zero(t, time.Since(start))
		assert.Equal(t, 1, sends)
	})
}

// TestWireLogRedactsEveryCredential logs requests of every credential kind
// and finds none of their secrets in the log.
func TestWireLogRedactsEveryCredential(t *testing.T) {
	aksk, err := auth.NewHuaweiAKSK("AK-ID-1234", "sk-secret-value", "proj", "sts-secret-token", nil)
	require.NoError(t, err)
	kinds := map[string]struct {
		creds   auth.Credentials
		secrets []string
	}{
		"huawei aksk":  {aksk, []string{"sk-secret-value", "sts-secret-token"}},
		"huawei token": {auth.XAuthToken(auth.StaticToken("iam-secret-token"), "proj"), []string{"iam-secret-token"}},
		"bearer":       {auth.Bearer(auth.StaticToken("bearer-secret-token")), []string{"bearer-secret-token"}},
	}
	for name, k := range kinds {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					reply(w, 503, `{"echo":"`+r.Header.Get("Authorization")+r.Header.Get("X-Auth-Token")+`"}`, "X-Request-Id", "rid-1")
					return
				}
				reply(w, 200, `{"access_token":"resp-access-secret","refresh_token":"resp-refresh-secret","nested":{"password":"resp-password-secret"},"name":"visible"}`,
					"Set-Cookie", "sid=cookie-secret")
			})
			var buf bytes.Buffer
			log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Credentials: k.creds, Logger: log, WireLog: true})
			req := newReq(t, context.Background(), putOp, "PUT", srv.URL+"/v1/x?sig=query-secret&page=2",
				strings.NewReader("grant_type=password&username=u&password=form-password-secret&client_secret=form-client-secret"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Cookie", "sid=req-cookie-secret")
			_, err := p.Do(req)
			require.NoError(t, err)
			out := buf.String()
			for _, s := range append(k.secrets, "query-secret", "form-password-secret", "form-client-secret", "req-cookie-secret",
				"resp-access-secret", "resp-refresh-secret", "resp-password-secret", "cookie-secret") {
				assert.NotContains(t, out, s)
			}
			if name == "huawei aksk" {
				sig := srv.Seen()[0].Header.Get("Authorization")
				_, after, _ := strings.Cut(sig, "Signature=")
				require.NotEmpty(t, after)
				assert.NotContains(t, out, after)
			}
			assert.Contains(t, out, "wire request")
			assert.Contains(t, out, "wire response")
			assert.Contains(t, out, "visible")
			assert.Contains(t, out, "page=2")
			assert.Contains(t, out, "retrying")
			assert.Contains(t, out, "HTTP 503")
			assert.Contains(t, out, "rid-1")
		})
	}
}

func TestWireLogBoundsBodies(t *testing.T) {
	big := `{"name":"` + strings.Repeat("x", 10000) + `"}`
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 200, big) })
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Logger: log, WireLog: true, WireLogBodyBytes: 100})
	_, err := p.Do(newReq(t, context.Background(), getOp, "GET", srv.URL+"/x", nil))
	require.NoError(t, err)
	assert.Less(t, buf.Len(), 2000)
	assert.Contains(t, buf.String(), "bytes in all")
}

// TestHooksCannotSteer: what a hook changes in its copy of the request is
// not sent.
func TestHooksCannotSteer(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) { reply(w, 200, `{}`) })
	h := apimgmt.Hooks{Attempt: func(ctx context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
		a.Request.Header.Set("Authorization", "Bearer hijacked")
		a.Request.Header.Set("X-Injected", "1")
		a.Request.URL.Path = "/elsewhere"
		a.Request.Method = "DELETE"
		return nil
	}}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, Credentials: &fakeCreds{token: "real"}, CallHooks: []apimgmt.Hooks{h}})
	_, err := p.Do(newReq(t, context.Background(), getOp, "GET", srv.URL+"/x", nil))
	require.NoError(t, err)
	got := srv.Seen()[0]
	assert.Equal(t, "GET", got.Method)
	assert.Equal(t, "/x", got.Path)
	assert.Equal(t, "Bearer real-1", got.Header.Get("Authorization"))
	assert.Empty(t, got.Header.Get("X-Injected"))
}
