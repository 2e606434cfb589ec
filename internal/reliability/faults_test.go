package reliability_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// want is the expected outcome of one operation under one fault.
type want struct {
	ok bool
	// requests is how many requests the fake receives during the call.
	requests int
	// The operation's *Error: its attempt count, sentinels (errors.Is),
	// HTTP status and the delay the server asked for.
	attempts int
	is       []error
	// op is the Op of that error, when not the operation's own.
	op         string
	status     int
	retryAfter time.Duration
	// delays are the backoff waits the pipeline asked for.
	delays []time.Duration
}

// faultRow is one fault, with the outcome it must have on any operation.
type faultRow struct {
	name string
	// only names the one service the fault belongs to ("" for all).
	only string
	// slow marks faults that wait for real timeouts.
	slow bool
	// valid, when set, tells whether the fault met the request as meant
	// (a timing precondition); a case for which it did not is run again.
	valid func(h *harness) bool
	cfg   config
	// inject arms the fault after setup; cancel cancels the call.
	inject func(h *harness, cancel context.CancelFunc)
	want   func(o *opRow) want
	// check, when set, checks more of the outcome.
	check func(t *testing.T, out *outcome)
}

// always is a fault count no call uses up.
const always = 100

// waits returns the backoff waits before retries 1..n when the server asked
// for ra.
func waits(n int, ra time.Duration) []time.Duration {
	var d []time.Duration
	for i := 1; i <= n; i++ {
		d = append(d, max(backoff(i), ra))
	}
	return d
}

// retried is the outcome of a retryable failure that reached the server,
// on `times` consecutive attempts: an operation safe to repeat succeeds on
// the next attempt or runs out of attempts; any other is sent once.
func retried(o *opRow, times, status int, ra time.Duration, is ...error) want {
	switch {
	case !o.idem:
		return want{requests: 1, attempts: 1, status: status, retryAfter: ra, is: is}
	case times < maxAttempts:
		return want{ok: true, requests: times + 1 + o.followUps, delays: waits(times, ra)}
	}
	return want{requests: maxAttempts, attempts: maxAttempts, status: status, retryAfter: ra, is: is, delays: waits(maxAttempts-1, ra)}
}

// final is the outcome of a failure that is never retried.
func final(status int, is ...error) want {
	return want{requests: 1, attempts: 1, status: status, is: is}
}

func succeeds(o *opRow) want { return want{ok: true, requests: 1 + o.followUps} }

// malformed is the outcome of a 2xx answer whose body is not the expected
// JSON (empty: no body at all).
func malformed(o *opRow, empty bool) want {
	switch {
	case o.body == ignored, o.body == envelope && empty:
		return succeeds(o)
	case o.body == oauthToken:
		// golang.org/x/oauth2 reads no token from the answer: the call
		// that needed it fails unauthenticated, and malformed, without
		// an HTTP status of its own.
		return want{requests: 1, attempts: 1, op: svcAPIProxyGroup + ".List",
			is: []error{apierror.ErrMalformedResponse, apierror.ErrUnauthorized}}
	}
	return final(200, apierror.ErrMalformedResponse)
}

// failNext arms a fault built for the harness for the next n requests.
func failNext(n int, f func(h *harness) fake.Fault) func(*harness, context.CancelFunc) {
	return func(h *harness, _ context.CancelFunc) { h.fake.FailNext(n, f(h)) }
}

// status arms n answers with the vendor's error body for code.
func status(n, code int, header ...string) func(*harness, context.CancelFunc) {
	return failNext(n, func(h *harness) fake.Fault {
		hdr := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			hdr.Set(header[i], header[i+1])
		}
		return fake.Fault{Status: code, Body: errBody(h.svc, code), Header: hdr}
	})
}

func fixed(f fake.Fault) func(*harness) fake.Fault { return func(*harness) fake.Fault { return f } }

// sentinel is the sentinel of a retryable status.
func sentinel(code int) error {
	switch code {
	case http.StatusRequestTimeout:
		return apierror.ErrTimeout
	case http.StatusTooManyRequests:
		return apierror.ErrThrottled
	}
	return apierror.ErrServerError
}

const (
	htmlBadGateway = `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`
	htmlLogin      = `<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><form action="/login"></form></body></html>`
	// maxDuration is what an absurd Retry-After saturates to.
	maxDuration = time.Duration(math.MaxInt64)
)

// jsonOf returns a JSON document of about n bytes.
func jsonOf(n int) []byte {
	return []byte(`{"id":"big","padding":"` + strings.Repeat("x", n) + `"}`)
}

// googleRetryInfo is Google's error body asking to retry after delay.
func googleRetryInfo(code int, delay time.Duration) []byte {
	b, _ := json.Marshal(fake.GoogleErrorBody(code, fake.GoogleStatusName(code), "Quota exceeded for quota metric 'Mutate requests'",
		fake.GoogleRetryInfo(delay), fake.GoogleRequestInfo()))
	return b
}

// faults is every fault the matrix injects.
var faults = buildFaults()

func buildFaults() []*faultRow {
	rows := []*faultRow{
		{
			name:   "connection refused",
			inject: func(h *harness, _ context.CancelFunc) { h.dial.refuse.Store(true) },
			// The request never left: even a create is retried.
			want: func(*opRow) want {
				return want{attempts: maxAttempts, is: []error{apierror.ErrNetwork}, delays: waits(maxAttempts-1, 0)}
			},
			check: func(t *testing.T, out *outcome) {
				assert.EqualValues(t, maxAttempts, out.dials, "one dial per attempt")
			},
		},
		{
			name:   "connection closed before the response",
			inject: failNext(1, fixed(fake.Fault{Drop: true})),
			want:   func(o *opRow) want { return retried(o, 1, 0, 0, apierror.ErrNetwork) },
		},
		{
			name:   "connection reset (RST) before the response",
			inject: failNext(1, fixed(fake.Fault{Drop: true, Reset: true})),
			want:   func(o *opRow) want { return retried(o, 1, 0, 0, apierror.ErrNetwork) },
		},
		{
			name:   "connection reset (RST) before every response",
			inject: failNext(always, fixed(fake.Fault{Drop: true, Reset: true})),
			want:   func(o *opRow) want { return retried(o, always, 0, 0, apierror.ErrNetwork) },
		},
		{
			name:   "connection closed in the middle of the body",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: jsonOf(2048), CutAfter: 100})),
			want:   func(o *opRow) want { return retried(o, 1, 200, 0, apierror.ErrNetwork) },
		},
	}
	for _, code := range []int{500, 502, 503, 504, 408} {
		rows = append(rows,
			&faultRow{
				name:   http.StatusText(code) + " " + strconv.Itoa(code) + " once",
				inject: status(1, code),
				want:   func(o *opRow) want { return retried(o, 1, code, 0, sentinel(code)) },
			},
			&faultRow{
				name:   http.StatusText(code) + " " + strconv.Itoa(code) + " always",
				inject: status(always, code),
				want:   func(o *opRow) want { return retried(o, always, code, 0, sentinel(code)) },
			})
	}
	rows = append(rows,
		&faultRow{
			name:   "429 without Retry-After, always",
			inject: status(always, 429),
			want:   func(o *opRow) want { return retried(o, always, 429, 0, apierror.ErrThrottled) },
		},
		&faultRow{
			name:   "429 with Retry-After in seconds (7)",
			inject: status(1, 429, "Retry-After", "7"),
			want:   func(o *opRow) want { return retried(o, 1, 429, 7*time.Second, apierror.ErrThrottled) },
		},
		&faultRow{
			name: "429 with Retry-After as an HTTP date (5 s ahead)",
			inject: func(h *harness, c context.CancelFunc) {
				status(1, 429, "Retry-After", h.now.Add(5*time.Second).UTC().Format(http.TimeFormat))(h, c)
			},
			want: func(o *opRow) want { return retried(o, 1, 429, 5*time.Second, apierror.ErrThrottled) },
		},
		&faultRow{
			// Longer than the policy honours: returned at once, with the
			// wait the server asked for.
			name:   "429 with an absurd Retry-After (10^10 s)",
			inject: status(1, 429, "Retry-After", "10000000000"),
			want: func(*opRow) want {
				return want{requests: 1, attempts: 1, status: 429, retryAfter: maxDuration, is: []error{apierror.ErrThrottled}}
			},
		},
		&faultRow{
			name:   "429 with an absurd Retry-After date (year 9999)",
			inject: status(1, 429, "Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"),
			want: func(*opRow) want {
				return want{requests: 1, attempts: 1, status: 429, retryAfter: maxDuration, is: []error{apierror.ErrThrottled}}
			},
		},
		&faultRow{
			name:   "429 with Google's RetryInfo (3 s)",
			only:   svcAPIProduct,
			inject: failNext(1, fixed(fake.Fault{Status: 429, Body: googleRetryInfo(429, 3*time.Second)})),
			want:   func(o *opRow) want { return retried(o, 1, 429, 3*time.Second, apierror.ErrThrottled) },
		},
		&faultRow{
			name:   "503 with an absurd Google RetryInfo (1 day)",
			only:   svcAPIProduct,
			inject: failNext(1, fixed(fake.Fault{Status: 503, Body: googleRetryInfo(503, 24*time.Hour)})),
			want: func(*opRow) want {
				return want{requests: 1, attempts: 1, status: 503, retryAfter: 24 * time.Hour, is: []error{apierror.ErrServerError}}
			},
		},
		&faultRow{
			// The transport's ResponseHeaderTimeout, as in the default
			// client, for the held attempt only.
			name: "response headers slower than the timeout",
			slow: true,
			inject: func(h *harness, _ context.CancelFunc) {
				h.slowHeaders(slowTimeout)
				h.fake.FailNext(1, fake.Fault{Delay: time.Minute, OnRequest: h.arrive})
			},
			valid: func(h *harness) bool { arrived, _ := h.first.met(); return arrived },
			want:  func(o *opRow) want { return retried(o, 1, 0, 0, apierror.ErrTimeout, apierror.ErrNetwork) },
		},
		&faultRow{
			// The http.Client's Timeout, which covers the body, for the
			// held attempt only.
			name: "a body that trickles past the timeout",
			slow: true,
			inject: func(h *harness, _ context.CancelFunc) {
				h.attemptTimeout(slowTimeout)
				h.fake.FailNext(1, fake.Fault{Status: 200, Body: jsonOf(4096), Trickle: 10 * time.Millisecond})
			},
			valid: func(h *harness) bool { _, answered := h.first.met(); return answered },
			want:  func(o *opRow) want { return retried(o, 1, 200, 0, apierror.ErrTimeout, apierror.ErrNetwork) },
		},
		&faultRow{
			name: "context cancelled during the request",
			inject: func(h *harness, cancel context.CancelFunc) {
				h.fake.FailNext(1, fake.Fault{Delay: time.Minute, OnRequest: func(*http.Request) { cancel() }})
			},
			want: func(*opRow) want { return want{requests: 1, attempts: 1, is: []error{context.Canceled}} },
		},
		&faultRow{
			name: "context cancelled during a backoff wait",
			inject: func(h *harness, cancel context.CancelFunc) {
				h.sleep.reset(cancel)
				status(1, 503)(h, cancel)
			},
			want: func(o *opRow) want {
				if !o.idem {
					return final(503, apierror.ErrServerError) // no backoff to cancel
				}
				return want{requests: 1, attempts: 1, status: 503, delays: waits(1, 0),
					is: []error{apierror.ErrServerError, context.Canceled}}
			},
		},
		&faultRow{
			name:   "truncated JSON with 200",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: []byte(`{"id":"0f3c","name":"cut of`)})),
			want:   func(o *opRow) want { return malformed(o, false) },
		},
		&faultRow{
			name:   "invalid JSON with 200",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: []byte(`{"id": 0f3c, name: 'x'}`)})),
			want:   func(o *opRow) want { return malformed(o, false) },
		},
		&faultRow{
			name:   "empty 200",
			inject: failNext(1, fixed(fake.Fault{Status: 200})),
			want:   func(o *opRow) want { return malformed(o, true) },
		},
	)
	// A 2xx body of the wrong JSON kind: null, or an array, string, number
	// or boolean where an object is expected. encoding/json takes null for
	// any target and leaves it as it was, so without the pipeline's check
	// an operation would return a zero value (or ErrNotFound, for a lookup
	// in an empty list) and no error.
	for _, body := range []string{`null`, ` [] `, `[{"id":"x","name":"orders"}]`, `"orders"`, `0`, `true`, `false`} {
		rows = append(rows, &faultRow{
			name:   "JSON " + body + " with 200",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: []byte(body)})),
			want:   func(o *opRow) want { return malformed(o, false) },
		})
	}
	rows = append(rows,
		&faultRow{
			name: "HTML 502 from a proxy",
			inject: failNext(1, fixed(fake.Fault{Status: 502, Body: []byte(htmlBadGateway),
				Header: http.Header{"Content-Type": {"text/html"}}})),
			want: func(o *opRow) want { return retried(o, 1, 502, 0, apierror.ErrServerError) },
		},
		&faultRow{
			name: "HTML 200 from a proxy (login page)",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: []byte(htmlLogin),
				Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}})),
			want: func(o *opRow) want { return malformed(o, false) },
		},
		&faultRow{
			// The SDK reads JSON by its content, not its label.
			name:   "the real answer with a wrong content type (text/html)",
			inject: failNext(1, fixed(fake.Fault{Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}})),
			want:   succeeds,
		},
		&faultRow{
			name:   "a body over the size limit (chunked)",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: jsonOf(2 * maxBytes)})),
			want:   func(*opRow) want { return final(200, apierror.ErrResponseTooLarge) },
		},
		&faultRow{
			name: "a Content-Length over the size limit",
			inject: failNext(1, fixed(fake.Fault{Status: 200, Body: []byte(`{}`),
				Header: http.Header{"Content-Length": {"1099511627776"}}})),
			want: func(*opRow) want { return final(200, apierror.ErrResponseTooLarge) },
		},
		&faultRow{
			name: "Apinizer's 200 with status FAILURE",
			only: svcAPIProxyGroup,
			inject: failNext(1, fixed(fake.Fault{Status: 200,
				Body: []byte(`{"status":"FAILURE","resultMessage":"Unexpected error. Please contact your administrator."}`)})),
			want: func(*opRow) want { return final(200, apierror.ErrInvalidRequest) },
		},
		&faultRow{
			name:   "401",
			inject: status(1, 401),
			want:   func(*opRow) want { return final(401, apierror.ErrUnauthorized) },
		},
		&faultRow{
			name:   "404",
			inject: status(1, 404),
			want: func(o *opRow) want {
				if o.afterNotFound != 0 {
					return want{ok: true, requests: o.afterNotFound}
				}
				return final(404, apierror.ErrNotFound)
			},
		},
		&faultRow{
			name: "302 to the same host",
			inject: failNext(1, func(h *harness) fake.Fault {
				return fake.Fault{Status: 302, Header: http.Header{"Location": {h.fake.URL() + "/moved"}}}
			}),
			want: func(*opRow) want { return final(302, apierror.ErrRedirect) },
		},
		&faultRow{
			name: "307 to another host",
			cfg:  config{other: true},
			inject: failNext(1, func(h *harness) fake.Fault {
				return fake.Fault{Status: 307, Header: http.Header{"Location": {h.other.URL() + "/v2/stolen"}}}
			}),
			want: func(*opRow) want { return final(307, apierror.ErrRedirect) },
			check: func(t *testing.T, out *outcome) {
				assert.Empty(t, out.other, "nothing reaches the other host")
			},
		},
	)
	return rows
}

// slowTimeout is the timeout of the attempt a slow fault holds up. Only
// that attempt has it, and a case in which the machine was too slow for the
// attempt to meet the fault before it (see faultRow.valid) runs again.
const slowTimeout = 400 * time.Millisecond
