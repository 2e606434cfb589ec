package transport

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// t0 is the fake clock's time.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// sleeper records the waits the pipeline asks for and returns at once.
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	// before, when set, runs before the sleep returns (to cancel a context).
	before func()
	// err, when set, is returned instead of ctx.Err().
	err error
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	before, err := s.before, s.err
	s.mu.Unlock()
	if before != nil {
		before()
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

func (s *sleeper) Delays() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// retryRec records OnRetry calls.
type retryRec struct {
	mu    sync.Mutex
	calls []retryCall
}

type retryCall struct {
	op      string
	attempt int
	delay   time.Duration
	cause   error
}

func (r *retryRec) OnRetry(op string, attempt int, delay time.Duration, cause error) {
	r.mu.Lock()
	r.calls = append(r.calls, retryCall{op, attempt, delay, cause})
	r.mu.Unlock()
}

func (r *retryRec) Calls() []retryCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]retryCall(nil), r.calls...)
}

// testHooks returns hooks with a fixed clock, jitter 0.5 and a recording
// sleep.
func testHooks() (Hooks, *sleeper, *retryRec) {
	s := &sleeper{}
	r := &retryRec{}
	return Hooks{
		Now:     func() time.Time { return t0 },
		Sleep:   s.Sleep,
		Rand:    func() float64 { return 0.5 },
		OnRetry: r.OnRetry,
	}, s, r
}

// newTestPipeline builds a pipeline with test hooks; cfg.Hooks is replaced.
func newTestPipeline(cfg Config) (*Pipeline, *sleeper, *retryRec) {
	h, s, r := testHooks()
	cfg.Hooks = h
	return New(cfg), s, r
}

// fakeCreds records every Apply and sets Authorization and X-Auth-Token.
type fakeCreds struct {
	mu     sync.Mutex
	token  string
	calls  int
	bodies [][]byte
	err    error
}

func (c *fakeCreds) Apply(_ context.Context, req *http.Request, body []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.bodies = append(c.bodies, append([]byte(nil), body...))
	if c.err != nil {
		return c.err
	}
	tok := c.token + "-" + strconv.Itoa(c.calls)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-Auth-Token", tok)
	return nil
}

func (c *fakeCreds) Calls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

// invalidatingCreds is fakeCreds that also implements auth.Invalidator.
type invalidatingCreds struct {
	fakeCreds
	invalidated int
}

func (c *invalidatingCreds) Invalidate() {
	c.mu.Lock()
	c.invalidated++
	c.mu.Unlock()
}

// seenRequest is what a test server saw.
type seenRequest struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
	ContentLength          int64
}

// server is an httptest server whose handler answers request n (from 1)
// with respond(n, ...), recording every request.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	seen []seenRequest
}

func newServer(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server reading body: %v", err)
		}
		s.mu.Lock()
		s.seen = append(s.seen, seenRequest{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), b, r.ContentLength})
		n := len(s.seen)
		s.mu.Unlock()
		respond(n, w, r)
	}))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *server) Seen() []seenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seenRequest(nil), s.seen...)
}

func (s *server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// reply writes a status, headers and body.
func reply(w http.ResponseWriter, status int, body string, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.Header().Set(kv[i], kv[i+1])
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// cutConnection hijacks the connection, writes a response head promising
// more body than it sends, and closes the connection.
func cutConnection(t *testing.T, w http.ResponseWriter, head string, partial string) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer is not a Hijacker")
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_, _ = buf.WriteString(head + "\r\n" + partial)
	_ = buf.Flush()
	_ = conn.Close()
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// withOp returns a request for method and url carrying op.
func newReq(t *testing.T, ctx context.Context, op *Op, method, url string, body io.Reader) *http.Request {
	t.Helper()
	if op != nil {
		ctx = WithOp(ctx, op)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	require.NoError(t, err)
	return req
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

var (
	getOp    = &Op{Name: "svc.Get", Idempotent: true}
	putOp    = &Op{Name: "svc.Update", Idempotent: true}
	createOp = &Op{Name: "svc.Create", Idempotent: false}
)
