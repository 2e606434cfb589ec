package reliability_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// caseTimeout bounds one case: a call that hangs fails instead of blocking
// the suite.
const caseTimeout = 30 * time.Second

// outcome is what one call did.
type outcome struct {
	setupErr error
	value    any
	err      error
	elapsed  time.Duration
	// requests the fake received during the call, and the other host.
	requests []fake.Request
	other    []fake.Request
	// delays are the backoff waits asked for, dials the connections
	// opened, during the call.
	delays []time.Duration
	dials  int64
	// creds are the credential values of the client; texts what a caller
	// could print about the call.
	creds []string
	texts []string
	// valid: the fault met the request as meant; runs counts the runs.
	valid bool
	runs  int
}

// matrixCase is one operation under one fault.
type matrixCase struct {
	op    *opRow
	fault *faultRow
	want  want
	out   outcome
}

func (c *matrixCase) name() string { return c.op.String() + "/" + c.fault.name }

// buildMatrix crosses every operation with every fault that applies to its
// service.
func buildMatrix() []*matrixCase {
	var cases []*matrixCase
	for _, f := range faults {
		for _, o := range ops {
			if f.only != "" && f.only != o.svc {
				continue
			}
			cases = append(cases, &matrixCase{op: o, fault: f, want: f.want(o)})
		}
	}
	return cases
}

// maxRuns bounds the runs of a case whose fault's timing precondition
// failed (see faultRow.valid).
const maxRuns = 5

// execute runs the case, again while the fault's timing precondition
// fails: such a run did not test what the case is about.
func (c *matrixCase) execute() {
	for run := 1; run <= maxRuns; run++ {
		c.out = outcome{runs: run}
		c.execute1()
		if c.out.valid || c.out.setupErr != nil {
			return
		}
	}
}

// execute1 runs the case once: a fresh fake and client, the operation's
// setup, the fault, the call.
func (c *matrixCase) execute1() {
	cfg := c.fault.cfg
	cfg.password = c.op.password
	h, err := newHarness(c.op.svc, cfg)
	if err != nil {
		c.out.setupErr = err
		return
	}
	defer h.close()
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	if err := c.op.setup(ctx, h); err != nil {
		c.out.setupErr = fmt.Errorf("setup: %w", err)
		return
	}
	h.settle()
	dials := h.dial.n.Load()
	c.fault.inject(h, cancel)
	start := time.Now()
	c.out.value, c.out.err = c.op.call(ctx, h)
	c.out.elapsed = time.Since(start)
	c.out.requests = h.fake.Requests()
	if h.other != nil {
		c.out.other = h.other.Requests()
	}
	c.out.delays = h.sleep.Delays()
	c.out.dials = h.dial.n.Load() - dials
	c.out.creds = h.credentials()
	c.out.texts = texts(c.out.value, c.out.err, h.client(), h.logs.String())
	c.out.valid = c.fault.valid == nil || c.fault.valid(h)
}

// check compares the outcome with the table and returns how many
// credentials it found in print.
func (c *matrixCase) check(t *testing.T) int {
	out, w := &c.out, c.want
	require.NoError(t, out.setupErr)
	require.True(t, out.valid, "in %d runs the machine was never fast enough for the fault to meet the request as meant", out.runs)
	assert.Len(t, out.requests, w.requests, "requests the fake received: %s", describe(out.requests))
	assert.Equal(t, fmt.Sprint(w.delays), fmt.Sprint(out.delays), "backoff waits")
	if !c.op.idem && len(out.requests) > 0 {
		first := out.requests[0]
		n := 0
		for _, r := range out.requests {
			if r.Method == first.Method && r.RawPath == first.RawPath {
				n++
			}
		}
		assert.Equal(t, 1, n, "%s %s is not safe to repeat and must be sent once", first.Method, first.RawPath)
	}
	if w.ok {
		assert.NoError(t, out.err)
	} else if assert.Error(t, out.err) {
		var e *apierror.Error
		assert.ErrorAs(t, out.err, &e, "a typed error")
		op := c.op.opName()
		if w.op != "" {
			op = w.op
		}
		oe := opError(out.err, op)
		if assert.NotNil(t, oe, "an *Error in %v", out.err) {
			assert.Equal(t, op, oe.Op, "op")
			assert.Equal(t, w.attempts, oe.Attempts, "attempts")
			assert.Equal(t, w.status, oe.StatusCode, "status")
			assert.Equal(t, w.retryAfter, oe.RetryAfter, "retry after")
		}
		for _, s := range w.is {
			assert.ErrorIs(t, out.err, s)
		}
	}
	if c.fault.check != nil {
		c.fault.check(t, out)
	}
	found := sightings(out.creds, out.texts)
	assert.Empty(t, found, "credentials in print")
	if t.Failed() {
		t.Logf("error: %v", out.err)
	}
	return len(found)
}

func describe(reqs []fake.Request) string {
	s := make([]string, len(reqs))
	for i, r := range reqs {
		s[i] = r.Method + " " + r.RawPath
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// runCases executes cases on n goroutines.
func runCases(cases []*matrixCase, n int) {
	ch := make(chan *matrixCase)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for c := range ch {
				c.execute()
			}
		})
	}
	for _, c := range cases {
		ch <- c
	}
	close(ch)
	wg.Wait()
}

// TestMatrix runs every operation of every service under every fault and
// checks each outcome against the table. The cases run concurrently, each
// with its own fake and client; the slow ones (which wait for real
// timeouts) run after the others, a few at a time, so that the retry that
// follows a timeout is not starved of CPU. Then each case's outcome is
// checked in its own subtest.
func TestMatrix(t *testing.T) {
	cases := buildMatrix()
	var fast, slow []*matrixCase
	for _, c := range cases {
		if c.fault.slow {
			slow = append(slow, c)
		} else {
			fast = append(fast, c)
		}
	}
	start := time.Now()
	runCases(fast, max(4, 2*runtime.GOMAXPROCS(0)))
	runCases(slow, 16)
	ran := time.Since(start)
	// Every case closed its fake and its client's connections: no
	// goroutine outlives them, not even after a timeout or a cancellation.
	goleak.VerifyNone(t)

	passed, seen, reruns := 0, 0, 0
	for _, c := range cases {
		reruns += c.out.runs - 1
		if t.Run(c.name(), func(t *testing.T) { seen += c.check(t) }) {
			passed++
		}
	}
	t.Logf("fault-injection matrix: %d cases (%d operations of 4 services x %d faults, where they apply), %d passed, %d credential sightings; ran in %v (%d slow cases run again)",
		len(cases), len(ops), len(faults), passed, seen, ran.Round(time.Millisecond), reruns)
}
