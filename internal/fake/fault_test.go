package fake

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newTestServer starts a fake that answers every request with 200 "ok" and a
// plain client for it; both are closed when the test ends.
func newTestServer(t *testing.T) (*Server, *http.Client) {
	t.Helper()
	s := NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}), nil, nil)
	c := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		s.Close()
	})
	return s, c
}

func get(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func TestFaultDropAndReset(t *testing.T) {
	s, c := newTestServer(t)
	s.FailNext(1, Fault{Drop: true, Reset: true})
	_, err := get(context.Background(), c, s.URL()+"/x")
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ECONNRESET, "Reset sends a TCP reset")

	s.FailNext(1, Fault{Drop: true})
	_, err = get(context.Background(), c, s.URL()+"/x")
	require.Error(t, err)
	assert.NotErrorIs(t, err, syscall.ECONNRESET, "a plain Drop closes in order")

	resp, err := get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err, "the faults are used up")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "ok", string(b))
}

func TestFaultCutAfter(t *testing.T) {
	s, c := newTestServer(t)
	body := []byte(`{"id":"0123456789","name":"cut off here"}`)
	s.FailNext(1, Fault{Status: 200, Body: body, CutAfter: 10})
	resp, err := get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err, "the headers arrive")
	defer resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, int64(len(body)), resp.ContentLength, "the whole body is announced")
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	got, err := io.ReadAll(resp.Body)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, string(body[:10]), string(got))

	// CutAfter past the end sends the whole body, then closes.
	s.FailNext(1, Fault{Status: 200, Body: []byte("abc"), CutAfter: 99})
	resp, err = get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err)
	got, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.NoError(t, err)
	assert.Equal(t, "abc", string(got))
}

func TestFaultTrickle(t *testing.T) {
	s, c := newTestServer(t)
	s.FailNext(1, Fault{Status: 200, Body: []byte(`{"a":1}`), Trickle: time.Microsecond, Header: http.Header{"X-T": {"1"}}})
	resp, err := get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err)
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(got), "a trickled body arrives whole")
	assert.Equal(t, "1", resp.Header.Get("X-T"))

	// A body that would take an hour: the reader gives up, and the
	// handler stops writing when the request ends (Close would wait
	// for it otherwise).
	s.FailNext(1, Fault{Status: 200, Body: []byte(strings.Repeat("x", 3600)), Trickle: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	resp, err = get(ctx, c, s.URL()+"/x")
	require.NoError(t, err, "the headers are sent at once")
	cancel()
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, context.Canceled)
}

func TestFaultOnRequest(t *testing.T) {
	s, c := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	var seen string
	s.FailNext(1, Fault{Delay: time.Hour, OnRequest: func(r *http.Request) {
		seen = r.URL.Path
		cancel()
	}})
	_, err := get(ctx, c, s.URL()+"/cancel-me")
	assert.ErrorIs(t, err, context.Canceled, "the request was cancelled while the fault held it")
	assert.Equal(t, "/cancel-me", seen)
	require.Len(t, s.Requests(), 1)
}

func TestAwaitOpenConnections(t *testing.T) {
	s, c := newTestServer(t)
	resp, err := get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Equal(t, 1, s.OpenConnections(), "the idle connection is open")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n, err := s.AwaitOpenConnections(ctx, 0)
	assert.True(t, errors.Is(err, context.Canceled))
	assert.Equal(t, 1, n)

	c.CloseIdleConnections()
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n, err = s.AwaitOpenConnections(ctx, 0)
	require.NoError(t, err)
	assert.Zero(t, n)
	assert.Zero(t, s.OpenConnections())
}

func TestFaultHeaderOverridesTheRealAnswer(t *testing.T) {
	s := NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/implicit" {
			_, _ = io.WriteString(w, `{"a":1}`) // no WriteHeader
			return
		}
		WriteJSON(w, http.StatusCreated, map[string]int{"a": 1})
	}), nil, nil)
	c := &http.Client{Transport: &http.Transport{}}
	defer s.Close()
	defer c.CloseIdleConnections()

	for _, path := range []string{"/explicit", "/implicit"} {
		s.FailNext(1, Fault{Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "X-Extra": {"1"}}})
		resp, err := get(context.Background(), c, s.URL()+path)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, `{"a":1}`, strings.TrimSpace(string(b)), path)
		assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"), path)
		assert.Equal(t, "1", resp.Header.Get("X-Extra"), path)
	}

	resp, err := get(context.Background(), c, s.URL()+"/explicit")
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "application/json;charset=UTF-8", resp.Header.Get("Content-Type"), "the fault is used up")
	assert.Empty(t, resp.Header.Get("X-Extra"))
}

// newStoreServer starts a fake whose POST stores one item (counted) and whose
// GET answers "ok", naming them "Create" and "Get".
func newStoreServer(t *testing.T) (*Server, *http.Client, *atomic.Int32) {
	t.Helper()
	var stored atomic.Int32
	s := NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			stored.Add(1)
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = io.WriteString(w, "ok")
	}), nil, nil)
	s.SetOperations(func(r *http.Request) string {
		if r.Method == http.MethodPost {
			return "Create"
		}
		return "Get"
	})
	c := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		c.CloseIdleConnections()
		s.Close()
	})
	return s, c, &stored
}

func post(c *http.Client, url string) (*http.Response, error) {
	return c.Post(url, "application/json", strings.NewReader("{}"))
}

func TestFaultAimedAtOperation(t *testing.T) {
	s, c, stored := newStoreServer(t)
	s.FailNext(1, Fault{Op: "Create", Status: http.StatusServiceUnavailable, Body: []byte(`{"error":"busy"}`)})

	resp, err := get(context.Background(), c, s.URL()+"/x")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "a fault aimed at Create does not hit the Get before it")

	resp, err = post(c, s.URL()+"/x")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "the Create gets the fault")
	assert.Equal(t, `{"error":"busy"}`, string(b))
	assert.Zero(t, stored.Load(), "a fault without Commit stores nothing")

	resp, err = post(c, s.URL()+"/x")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode, "the fault fires once")
	assert.EqualValues(t, 1, stored.Load())

	var ops []string
	for _, r := range s.Requests() {
		ops = append(ops, r.Op)
	}
	assert.Equal(t, []string{"Get", "Create", "Create"}, ops, "Requests name their operations")
}

func TestFaultCommitCarriesTheRequestOut(t *testing.T) {
	s, c, stored := newStoreServer(t)
	s.FailNext(1, Fault{Op: "Create", Drop: true, Commit: true})
	_, err := post(c, s.URL()+"/x")
	require.Error(t, err, "the connection is dropped")
	assert.EqualValues(t, 1, stored.Load(), "an ambiguous drop stores the resource")

	s.FailNext(1, Fault{Op: "Create", Status: http.StatusGatewayTimeout, Commit: true})
	resp, err := post(c, s.URL()+"/x")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusGatewayTimeout, resp.StatusCode, "the fault's answer replaces the real one")
	assert.EqualValues(t, 2, stored.Load(), "the change took effect")

	s.FailNext(1, Fault{Op: "Create", Drop: true})
	_, err = post(c, s.URL()+"/x")
	require.Error(t, err)
	assert.EqualValues(t, 2, stored.Load(), "a drop without Commit stores nothing")
}
