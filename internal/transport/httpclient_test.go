package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/retry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pipeline sends every attempt with http.Client.Do on a copy of the
// user's client that follows no redirect; these tests pin what it keeps of
// the client: Timeout per attempt, the cookie jar, *url.Error.

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
	assert.Contains(t, e.Error(), "Client.Timeout exceeded")
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
	_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
	require.NoError(t, err)
}

func TestSenderRoundTripperMisbehaving(t *testing.T) {
	// A RoundTripper that breaks its contract is http.Client.Do's to
	// handle (it ignores a response that comes with an error): the call
	// fails as a network error.
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

// TLS failures are final (sending again cannot cure them) and are told
// apart by the types in the error chain.
func TestTLSFailuresAreNotRetried(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) }))
	t.Cleanup(tlsSrv.Close)
	garbage := rawServer(t, "\x00\x01\x02\x03\x04 not TLS at all\r\n")
	_, port, err := net.SplitHostPort(tlsSrv.Listener.Addr().String())
	require.NoError(t, err)
	trusting := tlsSrv.Client().Transport.(*http.Transport)

	for _, tc := range []struct {
		name  string
		tr    *http.Transport
		url   string
		check func(t *testing.T, err error)
	}{
		{"untrusted certificate", &http.Transport{}, tlsSrv.URL + "/x", func(t *testing.T, err error) {
			var ua x509.UnknownAuthorityError
			assert.ErrorAs(t, err, &ua)
			var cv *tls.CertificateVerificationError
			assert.ErrorAs(t, err, &cv)
		}},
		// The test certificate names 127.0.0.1, ::1 and example.com, not
		// localhost: the client trusts it but not for this host.
		{"wrong host name", trusting.Clone(), "https://localhost:" + port + "/x", func(t *testing.T, err error) {
			var he x509.HostnameError
			assert.ErrorAs(t, err, &he)
		}},
		{"server without TLS", &http.Transport{}, "https://" + garbage + "/x", func(t *testing.T, err error) {
			var rh tls.RecordHeaderError
			assert.ErrorAs(t, err, &rh)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Cleanup(tc.tr.CloseIdleConnections)
			p, sl, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: tc.tr}, Retry: retry.Policy{MaxAttempts: 3}})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, tc.url, nil))
			e := asAPIError(t, err)
			assert.ErrorIs(t, err, apierror.ErrNetwork)
			assert.False(t, e.Retryable)
			assert.Equal(t, 1, e.Attempts, "not sent again")
			assert.Empty(t, sl.Delays())
			tc.check(t, err)
		})
	}
}

// rawServer listens on a loopback port and answers every connection with
// answer, written as it is, and then closes it. It returns host:port.
func rawServer(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				// Read the request head (any amount) before answering, so
				// that the client is not reset mid-write.
				buf := make([]byte, 64<<10)
				_, _ = c.Read(buf)
				_, _ = io.WriteString(c, answer)
			}()
		}
	}()
	return ln.Addr().String()
}
