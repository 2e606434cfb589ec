package apimgmt

import "time"

// RetryPolicy says how a client retries a failed request (see every
// package's WithRetry). The zero value means the defaults: 3 attempts in
// all, backoff from 200 ms capped at 20 s, Retry-After honoured up to 60 s,
// and a budget of 500 tokens.
//
// Only operations that are safe to repeat are retried (reads, PUT and DELETE,
// PATCH bodies that only set fields), and only after a network error, or
// HTTP 408, 429, 500, 502, 503 or 504. An operation that is not safe to
// repeat (a create) is retried only when the request certainly never reached
// the server (the connection could not be opened).
type RetryPolicy struct {
	// MaxAttempts is the number of attempts in all, the first included.
	// 1 switches retries off; 0 means the default of 3.
	MaxAttempts int
	// BaseDelay is the backoff envelope of the first retry; it doubles for
	// each further retry. Each wait is drawn uniformly from [0, envelope)
	// (full jitter). 0 means the default of 200 ms.
	BaseDelay time.Duration
	// MaxDelay caps the backoff envelope. 0 means the default of 20 s.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest server-requested wait (Retry-After, or
	// Google's RetryInfo) that the client honours. When the server asks for
	// longer, the client stops retrying and returns the error, whose
	// RetryAfter field says how long the server asked for. 0 means the
	// default of 60 s.
	MaxRetryAfter time.Duration
	// Budget is the size of the client's retry token bucket: each retry
	// costs 5 tokens (10 after a timeout), each first-attempt success refunds
	// 1. When the bucket is empty, failures are returned without retrying.
	// 0 means the default of 500; a negative value switches the budget off.
	Budget int
}
