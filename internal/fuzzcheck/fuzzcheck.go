// Package fuzzcheck holds what the fuzz tests of every service package
// share: an in-memory transport that answers 200 with the fuzzed body and
// records what was sent, and the checks made on a call's outcome and on the
// requests that validation let through.
//
// The service packages re-export the types and sentinels of
// [github.com/apimgmt/apimgmt-go/internal/apierror] as aliases, so the
// checks here hold for all of them. The package imports "testing" and is
// meant to be imported by tests only.
package fuzzcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/paging"
)

// Transport is an [http.RoundTripper] that answers every request with 200
// and the same body, in memory, and records what was sent. It is not safe
// for concurrent use.
type Transport struct {
	// Body is the body of every response.
	Body []byte
	// RequestID, unless empty, is sent in the X-Request-Id header of
	// every response.
	RequestID string
	// Sent holds the requests received, oldest first.
	Sent []Request
}

// Request is a request received by a [Transport], with its body read.
type Request struct {
	// Req is the request; its body has been read and closed.
	Req *http.Request
	// Body is what the request body held (nil when there was none).
	Body []byte
}

// RoundTrip records req and answers 200 with rt.Body.
func (rt *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	rt.Sent = append(rt.Sent, Request{req, b})
	h := http.Header{"Content-Type": {"application/json"}}
	if rt.RequestID != "" {
		h.Set("X-Request-Id", rt.RequestID)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(rt.Body)), ContentLength: int64(len(rt.Body)), Request: req,
	}, nil
}

// HeaderValue keeps what net/http lets through in a response header
// value: visible ASCII, space, tab and bytes 0x80-0xFF, trimmed.
func HeaderValue(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c >= 0x20 && c != 0x7f {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), " \t")
}

// CheckLine fails unless s is one non-empty line of valid UTF-8 without
// control characters.
func CheckLine(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		t.Fatalf("%s is not one clean line: %q", what, s)
	}
}

// Object reports whether a 2xx body must decode as the answer that holds a
// T: it is a JSON object (not null, nor any other kind) and encoding/json
// decodes it into a new T. For any other body a call must fail with
// ErrMalformedResponse.
func Object[T any](body []byte) bool {
	b := bytes.TrimLeft(body, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && json.Unmarshal(body, new(T)) == nil
}

// CheckDecoded checks the outcome of a call whose 200 body was fuzzed:
// a value and no error when the generated model decodes the body, and
// otherwise no value and an *Error matching ErrMalformedResponse.
func CheckDecoded(t *testing.T, call string, gotValue bool, err error, decodes bool, body []byte) {
	t.Helper()
	switch {
	case err == nil && !gotValue:
		t.Fatalf("%s: neither a value nor an error", call)
	case err != nil && gotValue:
		t.Fatalf("%s: both a value and %v", call, err)
	case err == nil && !decodes:
		t.Fatalf("%s: decoded a body the generated model rejects: %q", call, body)
	case err == nil:
		return
	}
	var e *apierror.Error
	if !errors.As(err, &e) || !errors.Is(err, apierror.ErrMalformedResponse) {
		t.Fatalf("%s: %v (%T) is not an *Error matching ErrMalformedResponse", call, err, err)
	}
	if decodes {
		t.Fatalf("%s: %v for a body the generated model decodes: %q", call, err, body)
	}
	if e.StatusCode != http.StatusOK || len(e.Body) > apierror.MaxBodyCopy {
		t.Fatalf("%s: status %d, %d body bytes kept", call, e.StatusCode, len(e.Body))
	}
	CheckLine(t, call+": Error()", e.Error())
}

// Decodes reports whether a call decoding body into the generated model T
// must succeed: when T decodes it, or when the only trouble is fields of an
// unexpected JSON type and the identity fields (the struct I) decode, which
// transport.DecodeLenient accepts.
func Decodes[T, I any](body []byte) bool {
	if b := bytes.TrimLeft(body, " \t\r\n"); len(b) == 0 || b[0] != '{' {
		return false
	}
	err := json.Unmarshal(body, new(T))
	if err == nil {
		return true
	}
	var mismatch *json.UnmarshalTypeError
	return errors.As(err, &mismatch) && json.Unmarshal(body, new(I)) == nil
}

// CheckUTC fails unless tm, the field called name of a decoded value, is
// zero or in UTC.
func CheckUTC(t *testing.T, name string, tm time.Time) {
	t.Helper()
	if !tm.IsZero() && tm.Location().String() != "UTC" {
		t.Fatalf("%s is in %s, not UTC", name, tm.Location())
	}
}

// CheckPage checks what ListPage returned, page and err, as
// [CheckDecoded] does for a list model that decodes body or not, and, when
// there is a page, calls check on each item items returns of it.
func CheckPage[P, T any](t *testing.T, page *P, err error, decodes bool, body []byte, items func(*P) []T, check func(*testing.T, T)) {
	t.Helper()
	CheckDecoded(t, "ListPage", page != nil, err, decodes, body)
	if page != nil {
		for _, v := range items(page) {
			check(t, v)
		}
	}
}

// CheckList checks what list, a List iterator, yields when rt answers
// every page with body: each step a value or an error, never both or
// neither, and an error as [CheckDecoded] expects for a call named "List"
// whose list model decodes body or not. Since rt answers the same page
// forever, it stops once list has sent three requests.
func CheckList[T any](t *testing.T, rt *Transport, list iter.Seq2[*T, error], decodes bool, body []byte) {
	t.Helper()
	start := len(rt.Sent)
	for v, err := range list {
		if (v == nil) == (err == nil) {
			t.Fatalf("List yielded %v, %v", v, err)
		}
		if err != nil {
			CheckListError(t, err, decodes, body)
		}
		if len(rt.Sent)-start >= 3 {
			break
		}
	}
}

// CheckListError checks an error that a List iterator yielded when every
// page was answered with body: as [CheckDecoded] expects for a call named
// "List", except that a body the list model decodes may end the listing
// because it does not advance (the same page again, or more items than the
// total), with an *Error matching ErrMalformedResponse.
func CheckListError(t *testing.T, err error, decodes bool, body []byte) {
	t.Helper()
	if !errors.Is(err, paging.ErrNotAdvancing) {
		CheckDecoded(t, "List", false, err, decodes, body)
		return
	}
	var e *apierror.Error
	if !errors.As(err, &e) || !errors.Is(err, apierror.ErrMalformedResponse) || !decodes {
		t.Fatalf("List: %v (%T) for %q is not an *Error matching ErrMalformedResponse, or the body does not decode", err, err, body)
	}
	CheckLine(t, "List: Error()", e.Error())
}

// DecodeClient returns, for a fuzz target that decodes body, a Transport
// answering every request with body and, in X-Request-Id, what a response
// header can carry of rid, and the client newClient builds on it; it
// fails t if newClient fails.
func DecodeClient[C any](t *testing.T, body []byte, rid string, newClient func(*Transport) (C, error)) (*Transport, C) {
	t.Helper()
	rt := &Transport{Body: body, RequestID: HeaderValue(rid)}
	c, err := newClient(rt)
	if err != nil {
		t.Fatal(err)
	}
	return rt, c
}

// ValidationClient returns the client build makes from a fuzz target's
// arguments. When build fails, which it must do without sending a request
// through rt, ValidationClient calls useValid, which sets the arguments
// build reads to valid values, and builds again; that build must succeed.
func ValidationClient[C any](t *testing.T, rt *Transport, build func() (C, error), useValid func()) C {
	t.Helper()
	c, err := build()
	if err != nil {
		if len(rt.Sent) != 0 {
			t.Fatal("NewClient sent a request")
		}
		useValid()
		if c, err = build(); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// CheckRequest checks a request that validation let through: it went to
// host, its path is exactly the expected segments (each input in one
// segment, escaped; no '/', "." or ".." of its own; no control
// characters), its query is escaped, and no header holds CR or LF.
func CheckRequest(t *testing.T, host string, r Request, want ...string) {
	t.Helper()
	u := r.Req.URL
	if u.Host != host || r.Req.Host != "" && r.Req.Host != host {
		t.Fatalf("request went to %q", u.Host)
	}
	esc := u.EscapedPath()
	for i := 0; i < len(esc); i++ {
		if c := esc[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("path %q holds the unescaped byte %q", esc, c)
		}
	}
	segs := strings.Split(strings.TrimPrefix(esc, "/"), "/")
	if !strings.HasPrefix(esc, "/") || len(segs) != len(want) {
		t.Fatalf("path %q, want the segments %q", esc, want)
	}
	for i, s := range segs {
		un, err := url.PathUnescape(s)
		if err != nil || un != want[i] || un == "." || un == ".." || strings.ContainsFunc(un, unicode.IsControl) {
			t.Fatalf("path %q: segment %d is %q (%v), want %q", esc, i, un, err, want[i])
		}
	}
	for i := 0; i < len(u.RawQuery); i++ {
		if c := u.RawQuery[i]; c <= ' ' || c >= 0x7f {
			t.Fatalf("query %q holds the unescaped byte %q", u.RawQuery, c)
		}
	}
	for k, vs := range r.Req.Header {
		for _, v := range append(vs, k) {
			if strings.ContainsAny(v, "\r\n") {
				t.Fatalf("header %q: %q holds CR or LF", k, v)
			}
		}
	}
}

// Outcome checks one call and forgets the requests rt holds: rejected
// input (an error matching ErrValidation) sent nothing and is a
// *ValidationError naming a field; accepted input sent exactly one
// request, which check inspects. A call that was sent may fail only with
// an error matching okErr; with a nil okErr, it may not fail.
func Outcome(t *testing.T, call string, rt *Transport, err, okErr error, check func(Request)) {
	t.Helper()
	sent := rt.Sent
	rt.Sent = nil
	if errors.Is(err, apierror.ErrValidation) {
		var ve *apierror.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) == 0 {
			t.Fatalf("%s: %v is not a *ValidationError naming a field", call, err)
		}
		if len(sent) != 0 {
			t.Fatalf("%s: rejected (%v) but sent %d requests", call, err, len(sent))
		}
		return
	}
	if err != nil && (okErr == nil || !errors.Is(err, okErr)) {
		t.Fatalf("%s: %v", call, err)
	}
	if len(sent) != 1 {
		t.Fatalf("%s: sent %d requests", call, len(sent))
	}
	check(sent[0])
}
