package reliability_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/retry"
)

// findOp returns the matrix row of svc's operation name.
func findOp(t testing.TB, svc, name string) *opRow {
	t.Helper()
	for _, o := range ops {
		if o.svc == svc && o.name == name {
			return o
		}
	}
	t.Fatalf("no operation %s.%s", svc, name)
	return nil
}

// reads are an operation safe to repeat of each service.
var reads = map[string]string{svcAPIGroup: "Get", svcAppGroup: "Get", svcAPIProxyGroup: "List", svcAPIProduct: "Get"}

// TestRetryBudget shows, for each service, that the retry budget stops
// retries during a sustained outage (so it does not become a retry storm)
// and lets them resume once calls succeed again. The budget holds 10 tokens
// here: two retries (5 each) empty it, and each call that succeeds at once
// refunds one.
func TestRetryBudget(t *testing.T) {
	for _, svc := range serviceNames {
		t.Run(svc, func(t *testing.T) {
			o := findOp(t, svc, reads[svc])
			pol := policy
			pol.Budget = 2 * retry.RetryCost
			h, err := newHarness(svc, config{retry: &pol})
			require.NoError(t, err)
			defer h.close()
			ctx := context.Background()
			require.NoError(t, o.setup(ctx, h))
			h.settle()

			// call makes one call and returns how many requests it sent.
			call := func() (int, error) {
				before := len(h.fake.Requests())
				_, err := o.call(ctx, h)
				return len(h.fake.Requests()) - before, err
			}

			// The outage: every answer is a 503.
			h.fake.FailNext(always, fake.Fault{Status: 503, Body: errBody(svc, 503)})
			n, err := call()
			assert.Equal(t, maxAttempts, n, "the first failure is retried while the budget lasts")
			assert.ErrorIs(t, err, apierror.ErrServerError)
			for i := range 20 {
				n, err = call()
				assert.Equal(t, 1, n, "call %d of the outage: the budget is spent, no retry", i+2)
				var e *apierror.Error
				if assert.ErrorAs(t, err, &e) {
					assert.Equal(t, 1, e.Attempts)
					assert.True(t, e.Retryable, "the failure is retryable; only the budget stops the retry")
				}
			}

			// The outage ends. Each call that succeeds at once refunds a
			// token; after five, there is enough for one retry again.
			h.fake.ClearFaults()
			for range retry.RetryCost {
				n, err = call()
				require.NoError(t, err)
				assert.Equal(t, 1, n)
			}
			h.fake.FailNext(1, fake.Fault{Status: 503, Body: errBody(svc, 503)})
			n, err = call()
			assert.NoError(t, err, "retries resume after the outage")
			assert.Equal(t, 2, n)

			// A success after a retry gives its tokens back: the next
			// transient failure is retried too.
			h.fake.FailNext(1, fake.Fault{Status: 503, Body: errBody(svc, 503)})
			n, err = call()
			assert.NoError(t, err)
			assert.Equal(t, 2, n)
			assert.Equal(t, []time.Duration{backoff(1), backoff(2), backoff(1), backoff(1)}, h.sleep.Delays(),
				"the waits: two in the first outage call, none after, one per transient failure")
		})
	}
}
