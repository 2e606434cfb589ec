// Package retry holds the retry policy shared by every apimgmt-go client:
// which failures are retried, how long to wait between attempts (full-jitter
// exponential backoff, or the server's Retry-After), and a per-client retry
// budget that keeps a sustained outage from turning into a retry storm.
package retry

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/apimgmt/apimgmt-go"
)

// Defaults used for the zero fields of a Policy.
const (
	DefaultMaxAttempts   = 3
	DefaultBaseDelay     = 200 * time.Millisecond
	DefaultMaxDelay      = 20 * time.Second
	DefaultMaxRetryAfter = 60 * time.Second
	DefaultBudget        = 500
	// RetryCost is what one retry takes from the budget; TimeoutCost is what
	// a retry after a timeout takes. A call that succeeds on its first
	// attempt gives SuccessRefund back.
	RetryCost     = 5
	TimeoutCost   = 10
	SuccessRefund = 1
)

// Policy is the root package's retry policy (see apimgmt.RetryPolicy).
type Policy = apimgmt.RetryPolicy

// WithDefaults returns p with its zero fields set to the defaults.
func WithDefaults(p Policy) Policy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if p.Budget == 0 {
		p.Budget = DefaultBudget
	}
	return p
}

// Backoff returns the wait before retry number n (1 for the first retry)
// under p (with its defaults applied), given a uniform random number r in
// [0, 1).
func Backoff(p Policy, n int, r float64) time.Duration {
	envelope := p.BaseDelay
	for i := 1; i < n && envelope < p.MaxDelay; i++ {
		if envelope > p.MaxDelay/2 {
			envelope = p.MaxDelay // doubling would pass the cap (or overflow)
			break
		}
		envelope *= 2
	}
	envelope = min(envelope, p.MaxDelay)
	return time.Duration(r * float64(envelope))
}

// RetryableStatus reports whether an HTTP status is retried for operations
// that are safe to repeat.
func RetryableStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Budget is a token bucket shared by all calls of one client. It is safe for
// concurrent use, and lock-free: every successful call refunds it, so a
// mutex here is where concurrent calls of one client would queue. A nil
// *Budget never runs out.
type Budget struct {
	tokens   atomic.Int64
	capacity int64
}

// NewBudget returns a full bucket of the given capacity, or nil (unlimited)
// for a capacity below 1.
func NewBudget(capacity int) *Budget {
	if capacity < 1 {
		return nil
	}
	b := &Budget{capacity: int64(capacity)}
	b.tokens.Store(int64(capacity))
	return b
}

// Take removes cost tokens and reports whether there were enough.
func (b *Budget) Take(cost int) bool {
	if b == nil {
		return true
	}
	for {
		t := b.tokens.Load()
		if t < int64(cost) {
			return false
		}
		if b.tokens.CompareAndSwap(t, t-int64(cost)) {
			return true
		}
	}
}

// Refund returns n tokens, never beyond the capacity. A full bucket (the
// usual case) is only read, not written.
func (b *Budget) Refund(n int) {
	if b == nil {
		return
	}
	for {
		t := b.tokens.Load()
		if t >= b.capacity {
			return
		}
		if b.tokens.CompareAndSwap(t, min(t+int64(n), b.capacity)) {
			return
		}
	}
}

// Tokens returns the tokens left.
func (b *Budget) Tokens() int {
	if b == nil {
		return -1
	}
	return int(b.tokens.Load())
}
