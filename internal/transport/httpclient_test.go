package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pipeline sends through the user's RoundTripper itself unless the
// client has a cookie jar; these tests pin what http.Client.Do would have
// done for it.

// hangingServer returns a server that runs start, if set, and then waits
// until the request's context ends or the test is over.
func hangingServer(t *testing.T, start func(w http.ResponseWriter)) *server {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		if start != nil {
			start(w)
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
}

func TestSenderAppliesTheClientTimeoutPerAttempt(t *testing.T) {
	srv := hangingServer(t, nil) // never answers; the attempt's deadline ends the wait
	hc := &http.Client{Transport: srv.Client().Transport, Timeout: 20 * time.Millisecond}
	p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: hc, Retry: retry.Policy{MaxAttempts: 2}})

	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "as http.Client's own timeout error")
	assert.Equal(t, 2, e.Attempts, "a timed-out attempt is retried")
	assert.Len(t, sl.Delays(), 1)
	assert.Equal(t, 2, srv.Count())
	assert.Contains(t, e.Error(), "HTTP client's Timeout (20ms)")
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "network errors are *url.Error, as from http.Client.Do")
	assert.Equal(t, "Get", ue.Op)
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
}

func TestSenderDeadlineCoversTheBody(t *testing.T) {
	srv := hangingServer(t, func(w http.ResponseWriter) { // the rest of the body never comes
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"a":`)
		w.(http.Flusher).Flush()
	})
	hc := &http.Client{Transport: srv.Client().Transport, Timeout: 20 * time.Millisecond}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: hc, Retry: retry.Policy{MaxAttempts: 1}})

	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	assert.ErrorIs(t, err, apierror.ErrTimeout)
	assert.Contains(t, err.Error(), "reading response body")
}

func TestSenderCallerDeadlineIsNotTheClientTimeout(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	hc := &http.Client{Transport: srv.Client().Transport, Timeout: time.Hour}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: hc})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()

	_, err := p.Do(newReq(t, ctx, getOp, http.MethodGet, srv.URL+"/x", nil))
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrTimeout)
	assert.Equal(t, 1, e.Attempts, "the caller's deadline ends the call")
	assert.NotContains(t, e.Error(), "HTTP client's Timeout")
}

func TestSenderUsesDoForAClientWithACookieJar(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1"})
		}
		reply(w, 200, `{}`)
	})
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	hc := &http.Client{Transport: srv.Client().Transport, Jar: jar}
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: hc})
	assert.False(t, p.send.direct)

	for range 2 {
		_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
		require.NoError(t, err)
	}
	seen := srv.Seen()
	require.Len(t, seen, 2)
	assert.Empty(t, seen[0].Header.Get("Cookie"))
	assert.Equal(t, "session=s1", seen[1].Header.Get("Cookie"), "the jar is honoured")
}

func TestSenderNilTransportIsTheDefault(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{}})
	assert.True(t, p.send.direct)
	assert.Nil(t, p.send.rt, "http.DefaultTransport is looked up per request, as http.Client does")
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
}

func TestSenderRoundTripperMisbehaving(t *testing.T) {
	body := &closeRecorder{Reader: strings.NewReader("")}
	for _, tc := range []struct {
		name string
		rt   roundTripFunc
		want string
	}{
		{"nil response, nil error", func(*http.Request) (*http.Response, error) { return nil, nil }, "returned a nil *Response with a nil error"},
		{"response and error", func(*http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Body: body}, errors.New("half done")
		}, "half done"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: tc.rt}, Retry: retry.Policy{MaxAttempts: 1}})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, "https://h.example/x", nil))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.ErrorIs(t, err, apierror.ErrNetwork)
		})
	}
	assert.True(t, body.closed, "a response that came with an error is closed")
}

func TestSenderNilResponseBody(t *testing.T) {
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 204, Header: http.Header{}, Request: r}, nil
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: rt}})
	resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodDelete, "https://h.example/x", nil))
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
}

func TestSenderPassesTheRequestWithoutCopyingHeaders(t *testing.T) {
	var got *http.Request
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: rt}})
	req := newReq(t, context.Background(), getOp, http.MethodGet, "https://h.example/x", nil)
	_, err := p.Do(req)
	require.NoError(t, err)
	assert.Same(t, req, got, "no Timeout: the request goes to the RoundTripper as it is")
}

func TestURLErrorOp(t *testing.T) {
	for in, want := range map[string]string{"GET": "Get", "PATCH": "Patch", "": "Get", "X": "X"} {
		assert.Equal(t, want, urlErrorOp(in))
	}
}

// writeCounter counts the writes on a connection.
type writeCounter struct {
	net.Conn
	writes *atomic.Int32
}

func (c writeCounter) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// A request goes out in one write, headers and body together: net/http
// writes them separately (two packets) for a body it does not know to be
// in memory.
func TestRequestWrittenInOneWrite(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	var writes atomic.Int32
	var d net.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		return writeCounter{c, &writes}, err
	}}
	t.Cleanup(tr.CloseIdleConnections)
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: tr}})
	_, err := p.Do(newReq(t, context.Background(), putOp, http.MethodPut, srv.URL+"/x", strings.NewReader(`{"name":"g"}`)))
	require.NoError(t, err)
	assert.Equal(t, int32(1), writes.Load())
	require.Len(t, srv.Seen(), 1)
	assert.Equal(t, `{"name":"g"}`, string(srv.Seen()[0].Body))
}
