// Package fake is the machinery shared by the in-memory vendor fakes
// (apigroup/apigrouptest and its siblings): an httptest server that records
// requests, checks credentials, injects faults (a status, a body, latency, a
// dropped connection, a failure after the change took effect), aimed at one
// operation when the fake names its requests' operations (SetOperations),
// and counts open connections. Each service fake supplies its own stateful
// handler and its vendor's error bodies. Fault and Request are defined in the
// root package apimgmt, where go doc shows their fields.
package fake

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/apimgmt/apimgmt-go"
)

// Request is a request the fake received; it is defined in the public
// root package apimgmt so that go doc shows its fields.
type Request = apimgmt.FakeRequest

// Fault replaces the fake's answer to one request; it is defined in the
// root package apimgmt so that go doc shows its fields.
type Fault = apimgmt.Fault

// Operations names the operation of a request (the service client method
// that sends it), or returns "" for a request the fake has no operation for.
type Operations func(r *http.Request) string

// Authenticator checks a request's credentials and returns nil to accept it.
type Authenticator func(r *http.Request, body []byte) error

// ErrorWriter writes the vendor's error body for a status, code and message.
type ErrorWriter func(w http.ResponseWriter, status int, code, message string)

// Server is a fake vendor API on a loopback httptest server.
type Server struct {
	srv      *httptest.Server
	handler  http.Handler
	writeErr ErrorWriter

	mu       sync.Mutex
	auth     Authenticator
	ops      Operations
	faults   []faultN
	latency  time.Duration
	requests []Request
	open     int
	changed  chan struct{} // closed and replaced when open changes
	wg       sync.WaitGroup
}

type faultN struct {
	f Fault
	n int
}

// NewServer starts a fake that serves handler behind the fault and
// credential layer.
func NewServer(handler http.Handler, auth Authenticator, writeErr ErrorWriter) *Server {
	s := &Server{handler: handler, auth: auth, writeErr: writeErr, changed: make(chan struct{})}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ConnState = s.connState
	s.srv.Start()
	return s
}

// URL returns the fake's base URL (http://127.0.0.1:port).
func (s *Server) URL() string { return s.srv.URL }

// Client returns an HTTP client for the fake.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close shuts the fake down and waits for its handlers.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
	s.wg.Wait()
}

// SetAuthenticator replaces the credential check (nil accepts everything).
func (s *Server) SetAuthenticator(a Authenticator) {
	s.mu.Lock()
	s.auth = a
	s.mu.Unlock()
}

// SetOperations sets how the fake names a request's operation, for
// Fault.Op and Request.Op.
func (s *Server) SetOperations(ops Operations) {
	s.mu.Lock()
	s.ops = ops
	s.mu.Unlock()
}

// FailNext makes the next n matching requests fail with f: requests of the
// operation f.Op when it is set, and accepted by f.Match when it is set.
func (s *Server) FailNext(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	s.faults = append(s.faults, faultN{f, n})
	s.mu.Unlock()
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// Requests returns a copy of every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// LastRequest returns the most recent request, or a zero Request.
func (s *Server) LastRequest() Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		return Request{}
	}
	return s.requests[len(s.requests)-1]
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
}

// OpenConnections returns how many client connections are open (new,
// active or idle).
func (s *Server) OpenConnections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open
}

// AwaitOpenConnections waits until OpenConnections is n, and returns the
// count it last saw and ctx.Err() if ctx ends first. The server learns that
// a client closed a connection a moment after the client did, so a test that
// closed its connections waits here instead of sleeping.
func (s *Server) AwaitOpenConnections(ctx context.Context, n int) (int, error) {
	for {
		s.mu.Lock()
		open, changed := s.open, s.changed
		s.mu.Unlock()
		if open == n {
			return open, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return open, ctx.Err()
		}
	}
}

func (s *Server) connState(_ net.Conn, st http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch st {
	case http.StateNew:
		s.open++
	case http.StateClosed, http.StateHijacked:
		s.open--
	default:
		return
	}
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.wg.Add(1)
	defer s.wg.Done()
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))

	s.mu.Lock()
	op := ""
	if s.ops != nil {
		op = s.ops(r)
	}
	s.requests = append(s.requests, Request{
		Op: op, Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
		Host: r.Host, Header: r.Header.Clone(), Body: body,
	})
	latency := s.latency
	fault, hasFault := s.takeFault(r, op)
	auth := s.auth
	s.mu.Unlock()

	if hasFault && fault.OnRequest != nil {
		fault.OnRequest(r)
	}
	if hasFault && fault.Delay > 0 {
		latency += fault.Delay
	}
	if latency > 0 && !wait(r.Context(), latency) {
		return
	}
	if hasFault {
		if fault.Commit && (fault.Drop || fault.Status != 0) {
			// Carry the request out, then answer with the fault.
			s.serveAuthorized(httptest.NewRecorder(), r, body, auth)
		}
		if fault.Drop {
			drop(w, fault.Reset)
			return
		}
		if fault.Status != 0 {
			writeFault(w, r, &fault)
			return
		}
		if len(fault.Header) > 0 {
			w = &headerOverride{ResponseWriter: w, header: fault.Header}
		}
	}
	s.serveAuthorized(w, r, body, auth)
}

// serveAuthorized checks the request's credentials and serves it.
func (s *Server) serveAuthorized(w http.ResponseWriter, r *http.Request, body []byte, auth Authenticator) {
	if auth != nil {
		if err := auth(r, body); err != nil {
			s.writeErr(w, http.StatusUnauthorized, "", err.Error())
			return
		}
	}
	s.handler.ServeHTTP(w, r)
}

// takeFault pops the first fault that matches r, whose operation is op.
// s.mu is held.
func (s *Server) takeFault(r *http.Request, op string) (Fault, bool) {
	for i := range s.faults {
		fn := &s.faults[i]
		if fn.f.Op != "" && fn.f.Op != op {
			continue
		}
		if fn.f.Match != nil && !fn.f.Match(r) {
			continue
		}
		f := fn.f
		fn.n--
		if fn.n == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f, true
	}
	return Fault{}, false
}

func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// writeFault writes the fault's status, headers and body: whole, cut off
// after CutAfter bytes, or trickled.
func writeFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	if len(f.Body) > 0 && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	switch {
	case f.CutAfter > 0:
		w.Header().Set("Content-Length", strconv.Itoa(len(f.Body)))
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body[:min(f.CutAfter, len(f.Body))])
		if flusher, ok := w.(http.Flusher); ok {
			flusher.Flush() // Hijack would drop what is still buffered
		}
		drop(w, false)
	case f.Trickle > 0:
		w.WriteHeader(f.Status)
		flusher, _ := w.(http.Flusher)
		if flusher != nil {
			flusher.Flush()
		}
		for i := range f.Body {
			if !wait(r.Context(), f.Trickle) {
				return
			}
			if _, err := w.Write(f.Body[i : i+1]); err != nil {
				return
			}
			if flusher != nil {
				flusher.Flush()
			}
		}
	default:
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body)
	}
}

// headerOverride sets header on the real answer as it is written.
type headerOverride struct {
	http.ResponseWriter
	header      http.Header
	wroteHeader bool
}

func (h *headerOverride) WriteHeader(status int) {
	if !h.wroteHeader {
		h.wroteHeader = true
		for k, v := range h.header {
			h.ResponseWriter.Header()[k] = v
		}
	}
	h.ResponseWriter.WriteHeader(status)
}

func (h *headerOverride) Write(b []byte) (int, error) {
	if !h.wroteHeader {
		h.WriteHeader(http.StatusOK)
	}
	return h.ResponseWriter.Write(b)
}

// drop closes the connection without writing (more of) a response; with
// reset, the close sends a TCP reset.
func drop(w http.ResponseWriter, reset bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("fake: response writer cannot be hijacked")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	_ = buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
