package reliability_test

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// The four services.
const (
	svcAPIGroup      = "apigroup"
	svcAppGroup      = "appgroup"
	svcAPIProxyGroup = "apiproxygroup"
	svcAPIProduct    = "apiproduct"
)

var serviceNames = []string{svcAPIGroup, svcAppGroup, svcAPIProxyGroup, svcAPIProduct}

// policy is the retry policy of the clients under test: the default three
// attempts, budget and Retry-After cap, with millisecond backoff. The
// pipeline's sleep is replaced (see sleeper), so backoff waits are recorded,
// not slept.
var policy = retry.Policy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}

// jitter is the pipeline's random number, fixed so that waits are exact.
const jitter = 0.5

// maxAttempts is policy's number of attempts.
var maxAttempts = retry.WithDefaults(policy).MaxAttempts

// backoff is the wait before retry n (1 for the first).
func backoff(n int) time.Duration { return retry.Backoff(retry.WithDefaults(policy), n, jitter) }

// maxBytes is the response size limit of the clients under test.
const maxBytes = 32 << 10

// apigroupSecurityToken is the temporary-credential token the apigroup
// client signs with, on top of the fake's AK/SK: one more credential that
// must never show.
const apigroupSecurityToken = "reliability-SECURITY-TOKEN-7f3a9c0e"

// config says how a harness builds its client.
type config struct {
	// password makes the apiproxygroup client log in with a username and
	// password at the token endpoint instead of a fixed token.
	password bool
	// retry replaces policy.
	retry *retry.Policy
	// httpClient replaces the harness's own HTTP client.
	httpClient *http.Client
	// other starts a second server, for redirects to another host.
	other bool
	// defaultLimit leaves the client's response size limit at
	// transport.DefaultMaxResponseBytes instead of maxBytes.
	defaultLimit bool
}

// sleeper is the pipeline's Sleep hook: it records every backoff wait and
// returns at once. With cancel set, a wait cancels the call's context first
// (a cancellation during a backoff wait).
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	cancel context.CancelFunc
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		// As a real wait does, end when ctx ends: the caller's context, or
		// a token fetch's own context, which is cancelled when its last
		// caller leaves (shortly after, from another goroutine).
		t := time.NewTimer(5 * time.Second)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
	return ctx.Err()
}

func (s *sleeper) Delays() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.delays)
}

func (s *sleeper) reset(cancel context.CancelFunc) {
	s.mu.Lock()
	s.delays, s.cancel = nil, cancel
	s.mu.Unlock()
}

// logBuffer collects every log line of a client.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) Reset() {
	l.mu.Lock()
	l.b.Reset()
	l.mu.Unlock()
}

// logger returns a logger that writes every record, debug included, to w.
func logger(w *logBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// dialer opens the HTTP client's connections and counts them. With refuse
// set, every dial fails as one to a closed port does (the error net.Dial
// returns), without depending on a port staying free.
type dialer struct {
	n      atomic.Int64
	refuse atomic.Bool
	d      net.Dialer
}

func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.n.Add(1)
	if d.refuse.Load() {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	}
	return d.d.DialContext(ctx, network, addr)
}

// firstRequest routes the next request through a transport of its own
// (with the short timeout a slow fault needs) and every other request through
// the harness's transport, so that the retry after the timeout is not held
// to it: on a loaded machine that retry may well take longer. It records
// what the first request met, to tell whether the case tested what it
// meant to.
type firstRequest struct {
	normal http.RoundTripper

	mu   sync.Mutex
	next http.RoundTripper
	// arrived is set by the fault when the request reaches the fake.
	arrived atomic.Bool
	// arrivedInTime: the request reached the fake before the client gave
	// up on it; answered: its response headers arrived.
	arrivedInTime, answered bool
}

func (f *firstRequest) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	rt := f.next
	f.next = nil
	f.mu.Unlock()
	if rt == nil {
		return f.normal.RoundTrip(req)
	}
	resp, err := rt.RoundTrip(req)
	f.mu.Lock()
	f.arrivedInTime, f.answered = f.arrived.Load(), err == nil
	f.mu.Unlock()
	return resp, err
}

// via sends the next request through rt.
func (f *firstRequest) via(rt http.RoundTripper) {
	f.mu.Lock()
	f.next = rt
	f.mu.Unlock()
}

// met returns what the first request met.
func (f *firstRequest) met() (arrivedInTime, answered bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.arrivedInTime, f.answered
}

// roundTripFunc is a RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// slowHeaders sends the next request through a transport that waits at
// most d for response headers.
func (h *harness) slowHeaders(d time.Duration) {
	tr := &http.Transport{DialContext: h.dial.DialContext, ResponseHeaderTimeout: d}
	h.closers = append(h.closers, tr.CloseIdleConnections)
	h.first.via(tr)
}

// attemptTimeout sends the next request through an *http.Client whose
// Timeout, d, bounds the whole exchange, body included.
func (h *harness) attemptTimeout(d time.Duration) {
	c := &http.Client{Transport: h.tr, Timeout: d,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	h.first.via(roundTripFunc(func(r *http.Request) (*http.Response, error) { return c.Do(r.Clone(r.Context())) }))
}

// arrive is a fault's OnRequest: it notes that the request reached the fake.
func (h *harness) arrive(*http.Request) { h.first.arrived.Store(true) }

// harness is one service's fake and a client for it, built with the test
// hooks: a fixed clock, recorded backoff waits, a fixed jitter, a logger
// that keeps every line, and an HTTP client whose connections it counts.
type harness struct {
	svc  string
	fake *fake.Server
	// other is a second server, the target of redirects to another host.
	other *fake.Server

	apigroupFake *apigrouptest.Server
	appgroupFake *appgrouptest.Server
	proxyFake    *apiproxygrouptest.Server
	productFake  *apiproducttest.Server

	apigroup *apigroup.Client
	appgroup *appgroup.Client
	proxy    *apiproxygroup.Client
	product  *apiproduct.Client

	tr    *http.Transport
	first *firstRequest
	hc    *http.Client
	dial  *dialer
	sleep *sleeper
	logs  *logBuffer
	now   time.Time

	// ref is the resource an operation addresses, made by its setup.
	ref string
	// seen are the credential values sent during setup.
	seen []string
	// closers close what the faults opened.
	closers []func()
}

// newHarness starts svc's fake and builds a client for it.
func newHarness(svc string, cfg config) (*harness, error) {
	h := &harness{svc: svc, dial: &dialer{}, sleep: &sleeper{}, logs: &logBuffer{}, now: time.Now().Truncate(time.Second)}
	switch svc {
	case svcAPIGroup:
		h.apigroupFake = apigrouptest.NewServer()
		h.fake = h.apigroupFake.Server
	case svcAppGroup:
		h.appgroupFake = appgrouptest.NewServer()
		h.fake = h.appgroupFake.Server
	case svcAPIProxyGroup:
		h.proxyFake = apiproxygrouptest.NewServer()
		h.fake = h.proxyFake.Server
	case svcAPIProduct:
		h.productFake = apiproducttest.NewServer()
		h.fake = h.productFake.Server
	default:
		return nil, fmt.Errorf("unknown service %q", svc)
	}
	if cfg.other {
		h.other = fake.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			fake.WriteJSON(w, http.StatusOK, map[string]string{"id": "elsewhere"})
		}), nil, nil)
	}
	h.tr = &http.Transport{DialContext: h.dial.DialContext, MaxIdleConnsPerHost: 64}
	h.first = &firstRequest{normal: h.tr}
	h.hc = &http.Client{Transport: h.first}
	if cfg.httpClient != nil {
		h.hc = cfg.httpClient
	}
	pol := policy
	if cfg.retry != nil {
		pol = *cfg.retry
	}
	opts := []clientopt.Option{
		clientopt.WithRetry(pol),
		clientopt.WithHooks(transport.Hooks{
			Now:   func() time.Time { return h.now },
			Sleep: h.sleep.Sleep,
			Rand:  func() float64 { return jitter },
		}),
		clientopt.WithHTTPClient(h.hc),
		clientopt.WithLogger(logger(h.logs)),
	}
	if !cfg.defaultLimit {
		opts = append(opts, clientopt.WithMaxResponseBytes(maxBytes))
	}
	var err error
	switch svc {
	case svcAPIGroup:
		base := append(h.apigroupFake.ClientOptions(), apigroup.WithSecurityToken(apigroupSecurityToken))
		h.apigroup, err = apigroup.NewClient(h.apigroupFake.InstanceID, append(base, opts...)...)
	case svcAppGroup:
		// The IAM token (X-Auth-Token) rather than AK/SK, so that both
		// Huawei credential kinds go through the matrix.
		base := []appgroup.Option{
			appgroup.WithEndpoint(h.fake.URL()),
			appgroup.WithProjectID(appgrouptest.ProjectID),
			appgroup.WithToken(appgrouptest.Token),
		}
		h.appgroup, err = appgroup.NewClient(append(base, opts...)...)
	case svcAPIProxyGroup:
		base := h.proxyFake.ClientOptions()
		if cfg.password {
			base = h.proxyFake.PasswordOptions()
		}
		h.proxy, err = apiproxygroup.NewClient(h.proxyFake.Project, append(base, opts...)...)
	case svcAPIProduct:
		h.product, err = h.productFake.NewClient(opts...)
	}
	if err != nil {
		h.close()
		return nil, err
	}
	return h, nil
}

// client returns the service client.
func (h *harness) client() any {
	switch h.svc {
	case svcAPIGroup:
		return h.apigroup
	case svcAppGroup:
		return h.appgroup
	case svcAPIProxyGroup:
		return h.proxy
	}
	return h.product
}

// settle ends the setup: it keeps the credentials setup sent, closes the
// client's idle connections (so the operation under test opens a fresh one,
// and net/http cannot transparently resend it on a reused connection) and
// forgets what setup sent, waited and logged.
func (h *harness) settle() {
	h.seen = append(h.seen, sentCredentials(h.fake.Requests())...)
	h.tr.CloseIdleConnections()
	h.fake.ResetRequests()
	h.sleep.reset(nil)
	h.logs.Reset()
}

// close closes the client's connections and the servers.
func (h *harness) close() {
	if h.tr != nil {
		h.tr.CloseIdleConnections()
	}
	for _, c := range h.closers {
		c()
	}
	if h.other != nil {
		h.other.Close()
	}
	h.fake.Close()
}

// credentials returns every credential value of the harness: the fixed ones
// the client was configured with and every one it sent.
func (h *harness) credentials() []string {
	var s []string
	switch h.svc {
	case svcAPIGroup:
		s = []string{apigrouptest.AccessKey, apigrouptest.SecretKey, apigroupSecurityToken}
	case svcAppGroup:
		s = []string{appgrouptest.Token}
	case svcAPIProxyGroup:
		s = []string{apiproxygrouptest.Token, apiproxygrouptest.Password}
	case svcAPIProduct:
		s = []string{apiproducttest.Token}
	}
	s = append(s, h.seen...)
	s = append(s, sentCredentials(h.fake.Requests())...)
	slices.Sort(s)
	return slices.Compact(s)
}

// sentCredentials returns the credential values in requests: X-Auth-Token
// and X-Security-Token, the token of a bearer Authorization, the signature
// of a Huawei one (its access key is checked on its own), any other
// Authorization value whole, and the client secret of an OAuth2 password
// grant.
func sentCredentials(reqs []fake.Request) []string {
	var s []string
	for _, r := range reqs {
		s = append(s, r.Header.Values("X-Auth-Token")...)
		s = append(s, r.Header.Values("X-Security-Token")...)
		for _, v := range r.Header.Values("Authorization") {
			if tok, ok := strings.CutPrefix(v, "Bearer "); ok {
				s = append(s, tok)
			} else if _, sig, ok := strings.Cut(v, "Signature="); ok {
				s = append(s, sig)
			} else {
				s = append(s, v)
			}
		}
		if form, err := url.ParseQuery(string(r.Body)); err == nil && form.Get("client_secret") != "" {
			s = append(s, form.Get("client_secret"))
		}
	}
	s = slices.DeleteFunc(s, func(v string) bool { return len(v) < 8 })
	slices.Sort(s)
	return slices.Compact(s)
}

// texts returns everything a caller could print about a call: the error's
// text and that of every error it wraps, the error and the value formatted
// with %v, %+v, %#v, %s and %q, the client formatted the same ways, and the
// log.
func texts(value any, err error, client any, logs string) []string {
	out := []string{logs}
	for _, v := range []any{value, err, client} {
		if v == nil {
			continue
		}
		out = append(out, fmt.Sprintf("%v|%+v|%#v", v, v, v))
		if _, ok := v.(error); ok {
			out = append(out, fmt.Sprintf("%s|%q", v, v))
		}
	}
	for e := range chain(err) {
		out = append(out, e.Error())
	}
	return out
}

// chain yields err and every error it wraps, depth first.
func chain(err error) iter.Seq[error] {
	return func(yield func(error) bool) {
		var walk func(error) bool
		walk = func(e error) bool {
			if e == nil {
				return true
			}
			if !yield(e) {
				return false
			}
			switch u := e.(type) {
			case interface{ Unwrap() error }:
				return walk(u.Unwrap())
			case interface{ Unwrap() []error }:
				for _, x := range u.Unwrap() {
					if !walk(x) {
						return false
					}
				}
			}
			return true
		}
		walk(err)
	}
}

// hexRun matches a run of hex digits that could hold a Huawei signature.
var hexRun = regexp.MustCompile(`[0-9a-f]{64,}`)

// sightings returns a description of every credential found in texts; the
// credential itself is masked. Signatures (thousands in a busy test) are
// looked up in one pass over the texts.
func sightings(creds, texts []string) []string {
	var found []string
	report := func(c, t string, i int) {
		context := t[max(0, i-60):i]
		for _, other := range creds {
			context = strings.ReplaceAll(context, other, "***")
		}
		found = append(found, fmt.Sprintf("credential %s… after %q", c[:4], context))
	}
	sigs := map[string]bool{}
	for _, c := range creds {
		if len(c) == 64 && hexRun.MatchString(c) {
			sigs[c] = true
			continue
		}
		for _, t := range texts {
			if i := strings.Index(t, c); i >= 0 {
				report(c, t, i)
			}
		}
	}
	for _, t := range texts {
		for _, loc := range hexRun.FindAllStringIndex(t, -1) {
			for i := loc[0]; i+64 <= loc[1]; i++ {
				if c := t[i : i+64]; sigs[c] {
					report(c, t, i)
				}
			}
		}
	}
	return found
}

// opError returns the *apierror.Error for the operation named op in err's
// chain (a token request's error sits inside the error of the call that
// needed the token), or the first *apierror.Error when none is named op.
func opError(err error, op string) *apierror.Error {
	var first *apierror.Error
	for e := range chain(err) {
		if ae, ok := e.(*apierror.Error); ok {
			if ae.Op == op {
				return ae
			}
			if first == nil {
				first = ae
			}
		}
	}
	return first
}

// collect ranges over a list iterator.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// errBody is the vendor's error body for an injected status.
func errBody(svc string, status int) []byte {
	msg := fmt.Sprintf("injected HTTP %d", status)
	switch svc {
	case svcAPIGroup, svcAppGroup:
		code := "APIG.9999"
		if status == http.StatusTooManyRequests {
			code = "APIGW.0308"
		}
		return fmt.Appendf(nil, `{"error_code":%q,"error_msg":%q}`, code, msg)
	case svcAPIProxyGroup:
		return fmt.Appendf(nil, `{"status":"FAILURE","resultMessage":%q}`, msg)
	}
	return fmt.Appendf(nil, `{"error":{"code":%d,"message":%q,"status":%q}}`, status, msg, fake.GoogleStatusName(status))
}
