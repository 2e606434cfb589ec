package benchutil

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"testing"
)

// Service declares the two calls that the benchmarks of a service package
// compare, an update and a list, each made by the hand-written net/http
// baseline and by the SDK, whose client has type C. The package declares it
// once and calls its methods from its own Benchmark and Test functions, one
// line each, which keeps the benchmark names (and the sub-benchmark names
// of Run) the same in every package.
type Service[C any] struct {
	// Endpoint is the base URL the calls use over the in-memory transport.
	Endpoint string
	// Client returns an SDK client for the base URL base that sends through
	// hc. It is called once per sub-benchmark (and subtest), before the
	// timed calls.
	Client func(base string, hc *http.Client) (C, error)
	// UpdateResponse is the body answered to an update.
	UpdateResponse []byte
	// ListResponse is the body answered to a list; it holds ListLen items.
	ListResponse []byte
	// ListLen is how many items a list must return: any other number fails
	// the call.
	ListLen int

	// NetHTTPUpdate makes one update with the hand-written baseline, over
	// hc to base.
	NetHTTPUpdate func(ctx context.Context, hc *http.Client, base string) error
	// SDKUpdate makes one update with the SDK's client c.
	SDKUpdate func(ctx context.Context, c C) error
	// NetHTTPList makes one list with the hand-written baseline, over hc to
	// base, and returns how many items it held.
	NetHTTPList func(ctx context.Context, hc *http.Client, base string) (int, error)
	// SDKList makes one list with the SDK's client c and returns how many
	// items it held.
	SDKList func(ctx context.Context, c C) (int, error)
}

// BenchmarkUpdate runs the update of the SDK and of the baseline with Run,
// one call at a time.
func (s *Service[C]) BenchmarkUpdate(b *testing.B) {
	Run(b, s.Endpoint, s.UpdateResponse, false, pair(s.updates())...)
}

// BenchmarkList runs the list of the SDK and of the baseline with Run, one
// call at a time.
func (s *Service[C]) BenchmarkList(b *testing.B) {
	Run(b, s.Endpoint, s.ListResponse, false, pair(s.lists())...)
}

// BenchmarkUpdateParallel runs the update of the SDK and of the baseline
// with Run from ParallelGoroutines goroutines sharing one client.
func (s *Service[C]) BenchmarkUpdateParallel(b *testing.B) {
	Run(b, s.Endpoint, s.UpdateResponse, true, pair(s.updates())...)
}

// CheckSameRequests checks with CheckSameRequest, in the subtests Update
// and List, that the SDK and the baseline send the same update and the same
// list. verify and varying are passed on to CheckSameRequest.
func (s *Service[C]) CheckSameRequests(t *testing.T, verify func(t *testing.T, req *http.Request, body []byte), varying ...string) {
	t.Run("Update", func(t *testing.T) {
		sdk, nethttp := s.updates()
		CheckSameRequest(t, s.Endpoint, s.UpdateResponse, sdk, nethttp, verify, varying...)
	})
	t.Run("List", func(t *testing.T) {
		sdk, nethttp := s.lists()
		CheckSameRequest(t, s.Endpoint, s.ListResponse, sdk, nethttp, verify, varying...)
	})
}

// pair names the calls of the SDK and of the baseline for Run.
func pair(sdk, nethttp NewCall) []Impl {
	return []Impl{{Name: "sdk", New: sdk}, {Name: "nethttp", New: nethttp}}
}

// updates returns the update of the SDK and that of the baseline.
func (s *Service[C]) updates() (sdk, nethttp NewCall) {
	return s.sdk(s.SDKUpdate), hand(s.NetHTTPUpdate)
}

// lists returns the list of the SDK and that of the baseline, each failing
// unless it lists ListLen items.
func (s *Service[C]) lists() (sdk, nethttp NewCall) {
	sdkList := func(ctx context.Context, c C) error { return s.checkLen(s.SDKList(ctx, c)) }
	handList := func(ctx context.Context, hc *http.Client, base string) error {
		return s.checkLen(s.NetHTTPList(ctx, hc, base))
	}
	return s.sdk(sdkList), hand(handList)
}

// checkLen returns err, or an error if a list without one did not list
// ListLen items.
func (s *Service[C]) checkLen(n int, err error) error {
	if err == nil && n != s.ListLen {
		err = fmt.Errorf("listed %d items, want %d", n, s.ListLen)
	}
	return err
}

// sdk returns the NewCall of an SDK call: it makes the client once, and
// then each call with it.
func (s *Service[C]) sdk(call func(ctx context.Context, c C) error) NewCall {
	return func(tb testing.TB, base string, hc *http.Client) func() error {
		c, err := s.Client(base, hc)
		if err != nil {
			tb.Fatal(err)
		}
		return func() error { return call(context.Background(), c) }
	}
}

// hand returns the NewCall of a baseline call.
func hand(call func(ctx context.Context, hc *http.Client, base string) error) NewCall {
	return func(_ testing.TB, base string, hc *http.Client) func() error {
		return func() error { return call(context.Background(), hc, base) }
	}
}

// Err returns err, dropping the result of a call, as in
// benchutil.Err(c.Update(ctx, in)).
func Err[T any](_ T, err error) error {
	return err
}

// Len returns the length of items, and err, as in
// benchutil.Len(handList(ctx, hc, base)).
func Len[T any](items []T, err error) (int, error) {
	return len(items), err
}

// Count ranges over seq, an SDK's list iterator, and returns how many items
// it yielded, stopping at the first error, which it returns.
func Count[T any](seq iter.Seq2[T, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
