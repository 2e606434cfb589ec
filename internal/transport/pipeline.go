// Package transport is the request pipeline shared by every apimgmt-go
// service. A *Pipeline is the HttpRequestDoer given to each generated client:
// for every call it rewinds the body, attaches credentials (recomputed per
// attempt), sends without following redirects, reads the body under a size
// limit, classifies the response with the vendor's error dialect, and retries
// what is safe to retry with full-jitter backoff, Retry-After and a retry
// budget. Success responses come back with their body in memory.
package transport

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/apimgmt/apimgmt-go/internal/version"
	"golang.org/x/time/rate"
)

// DefaultMaxResponseBytes bounds a response body.
const DefaultMaxResponseBytes = 16 << 20

// Config configures a Pipeline.
type Config struct {
	// Dialect is the vendor's error dialect.
	Dialect apierror.Dialect
	// HTTPClient sends the requests, one http.Client.Do per attempt; nil
	// means SharedHTTPClient(). A user's client is copied and made not to
	// follow redirects; its transport, Timeout (per attempt) and cookie jar
	// are kept.
	HTTPClient *http.Client
	// Credentials are attached to every attempt; nil sends none.
	Credentials auth.Credentials
	// Retry is the retry policy; its zero fields take the defaults.
	Retry retry.Policy
	// Logger, when set, receives one record per attempt at debug level
	// (method, path, status, attempt, duration, request ID) and one per
	// retry at info level (the same, the delay, the cause and the
	// message). Never credentials, and bodies only with WireLog (redacted);
	// server text is sanitized as in an error (apierror.Error.Sanitize).
	Logger *slog.Logger
	// UserAgent is appended to "apimgmt-go/<version>".
	UserAgent string
	// MaxResponseBytes bounds a response body; 0 means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// AllowInsecureHTTP permits credentials over plain http:// to hosts
	// other than loopback addresses.
	AllowInsecureHTTP bool
	// Hooks replace the clock, the sleep and the jitter source (tests).
	Hooks Hooks
	// CallHooks observe every call and attempt (apimgmt.Hooks); the hooks
	// of a call (apimgmt.WithCallHooks) run after them.
	CallHooks []apimgmt.Hooks
	// Limiter, when set, is waited for before every attempt, under the
	// call's context, before credentials are applied.
	Limiter *rate.Limiter
	// WireLog logs every request and response at debug level through
	// Logger (slog.Default() when Logger is nil): request and status
	// lines, headers and bodies cut to WireLogBodyBytes (0 means
	// DefaultWireLogBodyBytes), every credential redacted.
	WireLog bool
	// WireLogBodyBytes bounds a body in a wire log record.
	WireLogBodyBytes int
	// CloseIdle, when set, is called once by Close: it closes the idle
	// connections of a transport the client owns. It is nil for the shared
	// client and for a user's client, whose connections are not the
	// client's to close.
	CloseIdle func()
}

// ErrClosed is matched by the error of a call on a closed client.
var ErrClosed = errors.New("client is closed")

// Hooks let tests control time and randomness.
type Hooks struct {
	// Now returns the current time (Retry-After dates, durations).
	Now func() time.Time
	// Sleep waits d or until ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a uniform number in [0, 1) for jitter.
	Rand func() float64
	// OnRetry, when set, is called before each backoff wait.
	OnRetry func(op string, attempt int, delay time.Duration, cause error)
}

// Pipeline sends requests for one client. It is safe for concurrent use.
type Pipeline struct {
	dialect  apierror.Dialect
	client   *http.Client // never follows redirects
	creds    auth.Credentials
	policy   retry.Policy
	budget   *retry.Budget
	log      *slog.Logger
	ua       []string
	maxBytes int64
	insecure bool
	hooks    Hooks
	observe  []apimgmt.Hooks
	limiter  *rate.Limiter
	wire     bool
	wireMax  int

	closeIdle func()
	closed    atomic.Bool
	closeOnce sync.Once
}

// Close makes later calls fail with ErrClosed and closes the idle
// connections of a transport the client owns (Config.CloseIdle). Calls in
// flight finish. It is idempotent and returns nil.
func (p *Pipeline) Close() error {
	p.closed.Store(true)
	p.closeOnce.Do(func() {
		if p.closeIdle != nil {
			p.closeIdle()
		}
	})
	return nil
}

// New returns a Pipeline for cfg.
func New(cfg Config) *Pipeline {
	p := &Pipeline{
		dialect:  cfg.Dialect,
		creds:    cfg.Credentials,
		policy:   retry.WithDefaults(cfg.Retry),
		log:      cfg.Logger,
		maxBytes: cfg.MaxResponseBytes,
		insecure: cfg.AllowInsecureHTTP,
		hooks:    cfg.Hooks,
		observe:  cfg.CallHooks,
		limiter:  cfg.Limiter,
		wire:     cfg.WireLog,
		wireMax:  cfg.WireLogBodyBytes,

		closeIdle: cfg.CloseIdle,
	}
	if p.wire && p.log == nil {
		p.log = slog.Default()
	}
	if p.wireMax <= 0 {
		p.wireMax = DefaultWireLogBodyBytes
	}
	p.budget = retry.NewBudget(p.policy.Budget)
	if cfg.HTTPClient == nil {
		p.client = SharedHTTPClient()
	} else {
		p.client = withoutRedirects(cfg.HTTPClient)
	}
	ua := "apimgmt-go/" + version.Version
	if cfg.UserAgent != "" {
		ua += " " + cfg.UserAgent
	}
	p.ua = []string{ua}
	if p.maxBytes <= 0 {
		p.maxBytes = DefaultMaxResponseBytes
	}
	if p.hooks.Now == nil {
		p.hooks.Now = time.Now
	}
	if p.hooks.Sleep == nil {
		p.hooks.Sleep = sleep
	}
	if p.hooks.Rand == nil {
		p.hooks.Rand = rand.Float64
	}
	return p
}

// Budget returns the client's retry budget (nil when switched off).
func (p *Pipeline) Budget() *retry.Budget { return p.budget }

// Do sends req, retrying as the policy allows. It returns a response only
// for a success; every failure is an *apierror.Error. The response body is
// already in memory and need not be closed.
//
// Do takes over req, as http.Client.Do does: it reads the body once and
// replays it per attempt, and sets User-Agent, Accept, the credential
// headers, Body, GetBody and ContentLength on it. The generated clients build
// a fresh request for every call.
//
// The call's options (WithOp) are checked before anything is sent and apply
// to this call only; hooks (Config.CallHooks and the call's own) see
// redacted copies. A call without either takes the path it always took.
func (p *Pipeline) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	op := opFor(req)
	co := callOptionsPtr(ctx)
	if co == nil && len(p.observe) == 0 {
		resp, e, _ := p.do(ctx, op, req, p.policy, nil)
		if e != nil {
			return nil, e
		}
		return resp, nil
	}
	return p.doObserved(ctx, op, req, co)
}

// doObserved is Do for a call with options or hooks: it checks the
// options, applies them to this call only, and runs the hooks.
func (p *Pipeline) doObserved(ctx context.Context, op *Op, req *http.Request, co *apimgmt.CallOptions) (*http.Response, error) {
	if co == nil {
		co = &apimgmt.CallOptions{}
	}
	if err := validateCallOptions(op.Name, co); err != nil {
		return nil, err
	}
	policy := p.policy
	if co.Retry != nil {
		policy = retry.WithDefaults(*co.Retry)
	}
	if co.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, co.Timeout)
		defer cancel()
		req = req.WithContext(ctx)
	}
	for k, vs := range co.Header {
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	hooks := p.observe
	if len(co.Hooks) > 0 {
		hooks = append(append([]apimgmt.Hooks(nil), p.observe...), co.Hooks...)
	}
	obs := &observed{ctx: ctx, hooks: hooks, keep: co.Response != nil || len(hooks) > 0}
	var ends []func(*apimgmt.Response, error)
	for _, h := range hooks {
		if h.Call != nil {
			c, end := h.Call(obs.ctx, op.Name)
			if c != nil {
				obs.ctx = c
			}
			if end != nil {
				ends = append(ends, end)
			}
		}
		obs.attempt = obs.attempt || h.Attempt != nil
	}
	resp, e, attempts := p.do(ctx, op, req, policy, obs)
	last := obs.last
	if last != nil {
		last.Attempts = attempts
		if co.Response != nil {
			*co.Response = *last
		}
	}
	if e != nil {
		endAll(ends, nil, e)
		return nil, e
	}
	endAll(ends, last, nil)
	return resp, nil
}

// do sends req with policy and returns the success response, or the error
// and the number of attempts made. obs is nil for a call without options
// or hooks.
func (p *Pipeline) do(ctx context.Context, op *Op, req *http.Request, policy retry.Policy, obs *observed) (*http.Response, *apierror.Error, int) {
	fail := func(e *apierror.Error, attempts int) (*http.Response, *apierror.Error, int) {
		e.Op, e.Method, e.Path, e.Attempts = op.Name, req.Method, req.URL.Path, attempts
		return nil, e, attempts
	}
	if p.closed.Load() {
		return fail(&apierror.Error{Message: "client is closed", Err: ErrClosed}, 0)
	}
	if err := p.checkScheme(req.URL); err != nil {
		return fail(err, 0)
	}
	body, err := drainBody(req)
	if err != nil {
		return fail(&apierror.Error{Message: "reading request body", Err: err}, 0)
	}
	if body != nil {
		req.GetBody = func() (io.ReadCloser, error) { return sendBody(body), nil }
		req.ContentLength = int64(len(body))
	}
	req.Header["User-Agent"] = p.ua
	if _, ok := req.Header["Accept"]; !ok {
		req.Header["Accept"] = acceptJSON
	}

	maxAttempts := policy.MaxAttempts
	refreshed := false
	taken := 0
	for attempt := 1; ; attempt++ {
		resp, e := p.attempt(ctx, op, req, body, attempt, obs)
		if e == nil {
			if attempt == 1 {
				p.budget.Refund(retry.SuccessRefund)
			} else {
				p.budget.Refund(taken)
			}
			return resp, nil, attempt
		}
		// A 401 on a cached token: refresh once and send once more.
		if e.StatusCode == http.StatusUnauthorized && !refreshed {
			if inv, ok := p.creds.(auth.Invalidator); ok {
				inv.Invalidate()
				refreshed = true
				maxAttempts++
				continue
			}
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			contextEnded(e, ctxErr)
			return fail(e, attempt)
		}
		if !e.Retryable || attempt >= maxAttempts {
			return fail(e, attempt)
		}
		if !op.Idempotent && !neverSent(e.Err) {
			return fail(e, attempt)
		}
		if e.RetryAfter > policy.MaxRetryAfter {
			return fail(e, attempt)
		}
		cost := retry.RetryCost
		if errors.Is(e, apierror.ErrTimeout) {
			cost = retry.TimeoutCost
		}
		if !p.budget.Take(cost) {
			return fail(e, attempt)
		}
		taken += cost
		delay := max(retry.Backoff(policy, attempt, p.hooks.Rand()), e.RetryAfter)
		p.logRetry(ctx, op, req, attempt, delay, e)
		if p.hooks.OnRetry != nil {
			p.hooks.OnRetry(op.Name, attempt, delay, e)
		}
		if err := p.hooks.Sleep(ctx, delay); err != nil {
			contextEnded(e, err)
			return fail(e, attempt)
		}
	}
}

var acceptJSON = []string{"application/json"}

// attempt sends one attempt and returns the success response, or the error
// with Retryable set. Every error is sanitized (apierror.Error.Sanitize)
// with the credentials this attempt carried before it is logged or
// returned.
func (p *Pipeline) attempt(ctx context.Context, op *Op, req *http.Request, body []byte, n int, obs *observed) (*http.Response, *apierror.Error) {
	if body != nil {
		req.Body = sendBody(body)
	}
	var waited time.Duration
	if p.limiter != nil {
		start := p.hooks.Now()
		if e := waitLimit(ctx, p.limiter); e != nil {
			return nil, e
		}
		waited = p.hooks.Now().Sub(start)
	}
	if p.creds != nil {
		if err := p.creds.Apply(ctx, req, body); err != nil {
			return nil, credentialError(err)
		}
	}
	red := &lazyRedactor{req: req, body: body}
	if p.wire {
		p.logWireRequest(ctx, op, n, req, body, red.get())
	}
	if obs == nil {
		return p.send(ctx, op, req, n, red, nil)
	}
	obs.last = nil
	ends := obs.startAttempt(op, n, waited, req, red)
	resp, e := p.send(ctx, op, req, n, red, obs)
	endAll(ends, obs.last, e)
	return resp, e
}

// send sends one attempt whose credentials are applied.
func (p *Pipeline) send(ctx context.Context, op *Op, req *http.Request, n int, red *lazyRedactor, obs *observed) (*http.Response, *apierror.Error) {
	var start time.Time // for the attempt's log record only
	if p.log != nil {
		start = p.hooks.Now()
	}
	resp, err := p.client.Do(req)
	if err != nil {
		e := networkError(ctx, err)
		apierror.Sanitize(e, red.get())
		p.logAttempt(ctx, op, req, n, 0, start, "", red)
		return nil, e
	}
	data, err := readBody(resp, p.maxBytes)
	rid := resp.Header.Get("X-Request-Id")
	if obs != nil && obs.keep {
		obs.last = responseInfo(resp, rid, red.get())
	}
	if p.wire {
		p.logWireResponse(ctx, op, n, resp, data, red.get())
	}
	p.logAttempt(ctx, op, req, n, resp.StatusCode, start, rid, red)
	if err != nil {
		var e *apierror.Error
		if errors.Is(err, apierror.ErrResponseTooLarge) {
			e = &apierror.Error{Message: "response body exceeds the client's limit"}
			apierror.AddKind(e, apierror.ErrResponseTooLarge)
		} else {
			e = networkError(ctx, err)
			e.Message = "reading response body: " + e.Message
		}
		e.StatusCode, e.RequestID = resp.StatusCode, rid
		apierror.Sanitize(e, red.get())
		return nil, e
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if !op.Envelope {
			if e := successFailure(p.dialect, resp, data, red.get); e != nil {
				return nil, e
			}
		}
		resp.Body = genrt.NewBody(data)
		resp.ContentLength = int64(len(data))
		return resp, nil
	}
	e := apierror.FromResponseRedacted(p.dialect, resp.StatusCode, resp.Header, data, red.get())
	e.Retryable = retry.RetryableStatus(resp.StatusCode) || (e.Is(apierror.ErrThrottled) && resp.StatusCode < 500)
	if ra := apierror.ParseRetryAfter(resp.Header.Get("Retry-After"), p.hooks.Now()); ra > e.RetryAfter {
		e.RetryAfter = ra
	}
	return nil, e
}

func (p *Pipeline) checkScheme(u *url.URL) *apierror.Error {
	if u.Scheme == "https" || p.creds == nil || p.insecure {
		return nil
	}
	if u.Scheme == "http" && isLoopback(u.Hostname()) {
		return nil
	}
	e := &apierror.Error{Message: "credentials are only sent over https (or plain http to a loopback address); the scheme is " + u.Scheme}
	apierror.AddKind(e, apierror.ErrInsecureTransport)
	return e
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func credentialError(err error) *apierror.Error {
	var ae *apierror.Error
	if errors.As(err, &ae) {
		// One token fetch may fail many calls at once: each gets its own
		// copy to fill in.
		return apierror.Clone(ae)
	}
	e := &apierror.Error{Message: "obtaining credentials failed", Err: err}
	var d auth.Describer
	if errors.As(err, &d) {
		// The SDK's own credential errors say why, without a secret.
		e.Message += ": " + d.Describe()
	}
	apierror.AddKind(e, apierror.ErrUnauthorized)
	return e
}

// networkError classifies a failure of client.Do or of reading the body.
func networkError(ctx context.Context, err error) *apierror.Error {
	e := &apierror.Error{Err: err}
	if ctxErr := ctx.Err(); ctxErr != nil {
		e.Message = ctxErr.Error()
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			apierror.AddKind(e, apierror.ErrTimeout)
		}
		return e
	}
	e.Message = safeNetMessage(err)
	apierror.AddKind(e, apierror.ErrNetwork)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		apierror.AddKind(e, apierror.ErrTimeout)
	}
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e.Retryable = false // an unknown host stays unknown
	case tlsFailure(err):
		e.Retryable = false
	default:
		e.Retryable = true
	}
	return e
}

// safeNetMessage describes a network error without its URL (which could
// carry a query string) by unwrapping *url.Error.
func safeNetMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// neverSent reports whether a transport error certainly happened before the
// request reached the server: the connection could not be opened.
func neverSent(err error) bool {
	var opErr *net.OpError
	return err != nil && errors.As(err, &opErr) && opErr.Op == "dial"
}

// contextEnded records on e that the call's context ended (err is its
// error): the cause keeps e's own and a deadline matches ErrTimeout.
func contextEnded(e *apierror.Error, err error) {
	if !errors.Is(e.Err, err) {
		e.Err = joinErr(e.Err, err)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		apierror.AddKind(e, apierror.ErrTimeout)
	}
}

func joinErr(a, b error) error {
	if a == nil {
		return b
	}
	return errors.Join(a, b)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// logAttempt logs one attempt at debug level. The request ID, server
// text, is redacted and cleaned as in an error.
func (p *Pipeline) logAttempt(ctx context.Context, op *Op, req *http.Request, n, status int, start time.Time, rid string, red *lazyRedactor) {
	if p.log == nil || !p.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("op", op.Name), slog.String("method", req.Method), slog.String("path", req.URL.Path),
		slog.Int("status", status), slog.Int("attempt", n),
		slog.Duration("duration", p.hooks.Now().Sub(start)),
	}
	if rid != "" {
		attrs = append(attrs, slog.String("request_id", apierror.CleanText(red.get().String(rid), apierror.MaxRequestIDBytes)))
	}
	p.log.LogAttrs(ctx, slog.LevelDebug, "apimgmt: attempt", attrs...)
}

// logRetry logs a retry at info level with its cause: the status and the
// vendor's code and status, or for a failure without a response the kinds
// of the error (network, timeout), and the (sanitized) message and request
// ID.
func (p *Pipeline) logRetry(ctx context.Context, op *Op, req *http.Request, n int, delay time.Duration, e *apierror.Error) {
	if p.log == nil || !p.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{
		slog.String("op", op.Name), slog.String("method", req.Method), slog.String("path", req.URL.Path),
		slog.Int("status", e.StatusCode), slog.Int("attempt", n), slog.Duration("delay", delay),
		slog.String("cause", retryCause(e)),
	}
	if e.Message != "" {
		attrs = append(attrs, slog.String("message", e.Message))
	}
	if e.RequestID != "" {
		attrs = append(attrs, slog.String("request_id", e.RequestID))
	}
	p.log.LogAttrs(ctx, slog.LevelInfo, "apimgmt: retrying", attrs...)
}

// retryCause names why an attempt failed, never empty: "HTTP 503" with
// the vendor's status and code, or the kinds of a failure without a
// response ("network error", "timeout").
func retryCause(e *apierror.Error) string {
	var parts []string
	if e.StatusCode != 0 {
		parts = append(parts, "HTTP "+strconv.Itoa(e.StatusCode))
	}
	if e.Status != "" && e.Status != e.Code {
		parts = append(parts, e.Status)
	}
	if e.Code != "" {
		parts = append(parts, e.Code)
	}
	if e.StatusCode == 0 {
		for _, k := range e.Kinds {
			parts = append(parts, strings.TrimPrefix(k.Error(), "apimgmt: "))
		}
	}
	if len(parts) == 0 {
		return "unknown failure"
	}
	return strings.Join(parts, " ")
}
