package auth

import (
	"context"
	"sync"
	"time"
)

// DefaultFetchTimeout bounds one background credential fetch (a token
// request, a metadata lookup) when the Cache is given no timeout.
const DefaultFetchTimeout = 30 * time.Second

// Entry is one fetched value and when to replace it.
type Entry[T any] struct {
	// Value is what was fetched.
	Value T
	// RefreshAt is when the value is due for replacement; the zero time
	// means never (only Invalidate drops it).
	RefreshAt time.Time
	// ExpiresAt, when after RefreshAt, is when the value stops being usable
	// at all. Between RefreshAt and ExpiresAt callers keep getting the value
	// while one background fetch replaces it, so no call waits or fails
	// during a rotation. Zero (or not after RefreshAt) means callers wait
	// for the new value from RefreshAt on.
	ExpiresAt time.Time
}

// Cache holds a credential (a token, a set of keys) that a fetch function
// produces, and shares one fetch among every caller that needs it at the
// same time (single flight). The fetch runs in its own goroutine with a
// context that keeps the values of the first caller's context but not its
// cancellation, bounded by the timeout: a caller whose context ends stops
// waiting (within abandonGrace) and returns the context's error, the fetch
// goes on for the callers still waiting and is cancelled when the last one
// leaves, and the goroutine ends with the fetch.
// Errors are not cached. It is safe for concurrent use.
type Cache[T any] struct {
	fetch   func(ctx context.Context) (Entry[T], error)
	timeout time.Duration
	now     func() time.Time

	mu       sync.Mutex
	have     bool
	entry    Entry[T]
	inflight *flight[T]
}

type flight[T any] struct {
	done    chan struct{}
	entry   Entry[T]
	err     error
	waiters int                // callers waiting; guarded by Cache.mu
	cancel  context.CancelFunc // ends the fetch's context
}

// abandonGrace is how long a caller whose context has ended waits for a
// fetch it has just cancelled (the last caller to leave cancels it), so that
// it can return the fetch's own, more telling error when the fetch honours
// cancellation; a fetch that does not is left behind at once after it.
const abandonGrace = 20 * time.Millisecond

// NewCache returns a cache around fetch. timeout bounds each fetch (0 means
// DefaultFetchTimeout); now is the clock (nil means time.Now).
func NewCache[T any](fetch func(ctx context.Context) (Entry[T], error), timeout time.Duration, now func() time.Time) *Cache[T] {
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	if now == nil {
		now = time.Now
	}
	return &Cache[T]{fetch: fetch, timeout: timeout, now: now}
}

// Get returns the cached value, or waits for a fetch (starting one when none
// is running) until it ends or ctx is done.
func (c *Cache[T]) Get(ctx context.Context) (T, error) {
	c.mu.Lock()
	if c.have {
		now := c.now()
		e := c.entry
		switch {
		case e.RefreshAt.IsZero() || now.Before(e.RefreshAt):
			c.mu.Unlock()
			return e.Value, nil
		case e.ExpiresAt.After(e.RefreshAt) && now.Before(e.ExpiresAt):
			// Due for refresh but still valid: refresh in the background.
			c.startLocked(ctx)
			c.mu.Unlock()
			return e.Value, nil
		}
	}
	f := c.startLocked(ctx)
	f.waiters++
	c.mu.Unlock()
	var zero T
	select {
	case <-f.done:
		return f.entry.Value, f.err
	case <-ctx.Done():
	}
	c.mu.Lock()
	f.waiters--
	if f.waiters == 0 {
		// Nobody waits any more: end the fetch, and let the next caller
		// start a new one.
		f.cancel()
		if c.inflight == f {
			c.inflight = nil
		}
	}
	c.mu.Unlock()
	t := time.NewTimer(abandonGrace)
	defer t.Stop()
	select {
	case <-f.done:
		if f.err != nil {
			return zero, f.err
		}
	case <-t.C:
	}
	return zero, ctx.Err()
}

// startLocked starts a fetch unless one is running, and returns it.
func (c *Cache[T]) startLocked(ctx context.Context) *flight[T] {
	if c.inflight != nil {
		return c.inflight
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	f := &flight[T]{done: make(chan struct{}), cancel: cancel}
	c.inflight = f
	go func() {
		defer cancel()
		e, err := c.fetch(fctx)
		f.entry, f.err = e, err
		c.mu.Lock()
		if err == nil {
			c.entry, c.have = e, true
		}
		if c.inflight == f {
			c.inflight = nil
		}
		c.mu.Unlock()
		close(f.done)
	}()
	return f
}

// Invalidate drops the cached value, so that the next Get fetches a new one
// (after a 401).
func (c *Cache[T]) Invalidate() {
	c.mu.Lock()
	c.have = false
	c.entry = Entry[T]{}
	c.mu.Unlock()
}
