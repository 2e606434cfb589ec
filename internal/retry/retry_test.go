package retry

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWithDefaults(t *testing.T) {
	p := WithDefaults(Policy{})
	assert.Equal(t, Policy{
		MaxAttempts:   DefaultMaxAttempts,
		BaseDelay:     DefaultBaseDelay,
		MaxDelay:      DefaultMaxDelay,
		MaxRetryAfter: DefaultMaxRetryAfter,
		Budget:        DefaultBudget,
	}, p)
	assert.Equal(t, 3, p.MaxAttempts)
	assert.Equal(t, 200*time.Millisecond, p.BaseDelay)
	assert.Equal(t, 20*time.Second, p.MaxDelay)
	assert.Equal(t, 60*time.Second, p.MaxRetryAfter)
	assert.Equal(t, 500, p.Budget)

	set := Policy{MaxAttempts: 1, BaseDelay: time.Second, MaxDelay: 2 * time.Second, MaxRetryAfter: 5 * time.Second, Budget: 7}
	assert.Equal(t, set, WithDefaults(set), "explicit values are kept")

	neg := WithDefaults(Policy{MaxAttempts: -1, BaseDelay: -1, MaxDelay: -1, MaxRetryAfter: -1, Budget: -1})
	assert.Equal(t, DefaultMaxAttempts, neg.MaxAttempts)
	assert.Equal(t, DefaultBaseDelay, neg.BaseDelay)
	assert.Equal(t, DefaultMaxDelay, neg.MaxDelay)
	assert.Equal(t, DefaultMaxRetryAfter, neg.MaxRetryAfter)
	assert.Equal(t, -1, neg.Budget, "a negative budget (off) is kept")
}

func TestBackoffEnvelope(t *testing.T) {
	p := Policy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	const r = 0.9999999999
	want := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000}
	for i, w := range want {
		n := i + 1
		got := Backoff(p, n, r)
		env := w * time.Millisecond
		assert.LessOrEqual(t, got, env, "retry %d", n)
		assert.Greater(t, got, env-time.Microsecond, "retry %d: %v", n, got)
	}
	// Full jitter: r=0 waits nothing, r=0.5 half the envelope.
	assert.Equal(t, time.Duration(0), Backoff(p, 1, 0))
	assert.Equal(t, 50*time.Millisecond, Backoff(p, 1, 0.5))
	assert.Equal(t, 200*time.Millisecond, Backoff(p, 3, 0.5))
	// Huge retry numbers neither overflow nor exceed the cap.
	assert.Equal(t, 500*time.Millisecond, Backoff(p, 1000, 0.5))
	assert.LessOrEqual(t, Backoff(p, 1<<30, r), time.Second)
	// n <= 1 uses the base envelope.
	assert.Equal(t, 50*time.Millisecond, Backoff(p, 0, 0.5))
}

func TestBackoffBaseAboveCap(t *testing.T) {
	p := Policy{BaseDelay: 5 * time.Second, MaxDelay: time.Second}
	assert.Equal(t, 500*time.Millisecond, Backoff(p, 1, 0.5))
	assert.Equal(t, 500*time.Millisecond, Backoff(p, 4, 0.5))
}

func TestBackoffDefaults(t *testing.T) {
	p := WithDefaults(Policy{})
	assert.Equal(t, 100*time.Millisecond, Backoff(p, 1, 0.5))
	assert.Equal(t, 10*time.Second, Backoff(p, 20, 0.5))
	for n := 1; n < 70; n++ {
		d := Backoff(p, n, 0.999999)
		assert.GreaterOrEqual(t, d, time.Duration(0))
		assert.LessOrEqual(t, d, DefaultMaxDelay)
	}
}

func TestRetryableStatus(t *testing.T) {
	retryable := map[int]bool{408: true, 429: true, 500: true, 502: true, 503: true, 504: true}
	for s := 100; s < 600; s++ {
		assert.Equal(t, retryable[s], RetryableStatus(s), "status %d", s)
	}
	assert.True(t, RetryableStatus(http.StatusServiceUnavailable))
	assert.False(t, RetryableStatus(http.StatusNotImplemented))
	assert.False(t, RetryableStatus(0))
}

func TestBudget(t *testing.T) {
	b := NewBudget(12)
	require.NotNil(t, b)
	assert.Equal(t, 12, b.Tokens())
	assert.True(t, b.Take(RetryCost))
	assert.Equal(t, 7, b.Tokens())
	assert.True(t, b.Take(RetryCost))
	assert.Equal(t, 2, b.Tokens())
	assert.False(t, b.Take(RetryCost), "not enough tokens")
	assert.Equal(t, 2, b.Tokens(), "a failed take takes nothing")
	b.Refund(SuccessRefund)
	assert.Equal(t, 3, b.Tokens())
	b.Refund(100)
	assert.Equal(t, 12, b.Tokens(), "refund never exceeds capacity")
	assert.True(t, b.Take(TimeoutCost))
	assert.Equal(t, 2, b.Tokens())
	assert.True(t, b.Take(2))
	assert.Equal(t, 0, b.Tokens())
	assert.True(t, b.Take(0))
}

func TestNewBudgetOff(t *testing.T) {
	for _, c := range []int{0, -1, -500} {
		assert.Nil(t, NewBudget(c))
	}
	assert.NotNil(t, NewBudget(1))
}

func TestNilBudgetUnlimited(t *testing.T) {
	var b *Budget
	for range 1000 {
		assert.True(t, b.Take(TimeoutCost))
	}
	b.Refund(5) // no panic
	assert.Equal(t, -1, b.Tokens())
}

func TestBudgetConcurrent(t *testing.T) {
	const capacity = 1000
	b := NewBudget(capacity)
	var wg sync.WaitGroup
	var mu sync.Mutex
	taken := 0
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				if b.Take(RetryCost) {
					mu.Lock()
					taken++
					mu.Unlock()
				}
				_ = b.Tokens()
			}
		}()
	}
	wg.Wait()
	// 500 takes of 5 tokens = 2500 > 1000: exactly 200 succeed.
	assert.Equal(t, capacity/RetryCost, taken)
	assert.Equal(t, 0, b.Tokens())

	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				b.Refund(SuccessRefund)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, capacity, b.Tokens())
}

func TestBackoffNoOverflow(t *testing.T) {
	// A very large cap must not make the doubling envelope overflow into a
	// negative or zero wait.
	p := Policy{BaseDelay: time.Second, MaxDelay: time.Duration(1<<63 - 1)}
	prev := time.Duration(0)
	for n := 1; n < 100; n++ {
		d := Backoff(p, n, 0.5)
		assert.Greater(t, d, time.Duration(0), "retry %d", n)
		assert.GreaterOrEqual(t, d, prev, "retry %d: the envelope never shrinks", n)
		prev = d
	}
}
