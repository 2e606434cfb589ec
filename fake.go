package apimgmt

// The four in-memory fakes are the service packages' test packages:
// apigroup/apigrouptest, appgroup/appgrouptest, apiproxygroup/apiproxygrouptest
// and apiproduct/apiproducttest. They have one API:
//
//   - NewServer() starts a fake on a loopback httptest server; Close stops
//     it (t.Cleanup(srv.Close) in a test).
//   - ClientOptions() are the options a service client needs to talk to it
//     (endpoint, credentials, fast retries); NewClient(opts...) returns a
//     ready client with them, followed by opts.
//   - AddGroup / AddProduct seed the fake directly, without the API's
//     checks: they take what the service's Create takes and return the
//     stored resource as Get returns it.
//   - SetClock sets the fake's clock; SetLatency delays every answer.
//   - FailNext(n, Fault) replaces the answer to the next n requests of the
//     operation Fault.Op names ("Create", "Get", ...; empty for any).
//   - Requests and LastRequest return what the fake received.
//
// Fault and FakeRequest are defined here, once, so that go doc shows their
// fields; each fake names them as aliases.

import (
	"net/http"
	"time"
)

// Fault replaces a fake's answer to a request. A fault with Status answers
// with that status and Body; one with Drop closes the connection without
// answering; Delay waits first. Op aims the fault at one operation, and
// Commit lets the fake carry the request out before the fault answers, the
// ambiguous failure of a write that took effect.
type Fault struct {
	// Op, when set, limits the fault to requests of that operation: the
	// name of the service client method that sends the request, as the
	// fake's package doc lists them ("Create", "Get", "List", "Update",
	// "Delete", ...). Other requests pass through and do not use the fault
	// up.
	Op string
	// Status, when not 0, is written instead of the real answer, with Body
	// and Header: the vendor's error body, or any body to test a decoder.
	Status int
	// Body is the body of a Status answer.
	Body []byte
	// Header is added to a Status answer. In a fault with neither Status
	// nor Drop, Header instead overrides headers of the fake's real answer
	// (a wrong Content-Type, for example).
	Header http.Header
	// Drop closes the connection without answering.
	Drop bool
	// Commit, with Status or Drop, makes the fake first carry out the
	// request as usual (a create stores the resource) and then discard its
	// answer and send the fault instead: the client cannot tell whether the
	// change took effect.
	Commit bool
	// Delay waits before answering (or dropping); a cancelled request
	// stops the wait.
	Delay time.Duration
	// Match, when set, further limits the fault to requests it accepts.
	Match func(r *http.Request) bool

	// Reset makes Drop close the connection with a TCP reset (RST) instead
	// of an orderly close: a connection reset before the response.
	Reset bool
	// CutAfter, when > 0 (with Status), announces the whole Body in
	// Content-Length but writes only its first CutAfter bytes, then closes
	// the connection: a response cut off in the middle of its body.
	CutAfter int
	// Trickle, when > 0 (with Status), sends the headers at once and then
	// Body one byte at a time, waiting Trickle before each byte, until the
	// body is written or the request ends: a body that trickles.
	Trickle time.Duration
	// OnRequest, when set, is called with each request the fault is
	// applied to, before Delay, so a test can act at the moment the request
	// arrives (cancel the caller's context, for example). It must not call
	// the fake.
	OnRequest func(r *http.Request)
}

// FakeRequest is a request a fake received.
type FakeRequest struct {
	// Op is the operation the fake routed the request to, as Fault.Op
	// names it, or "" for a request it has no operation for.
	Op string
	// Method is the HTTP method.
	Method string
	// Path is the decoded URL path.
	Path string
	// RawPath is the path as sent, escaping included.
	RawPath string
	// RawQuery is the query string as sent, without the "?".
	RawQuery string
	// Host is the Host header.
	Host string
	// Header holds the request headers, credentials included: tests that
	// print requests should leave them out.
	Header http.Header
	// Body is the request body.
	Body []byte
}
