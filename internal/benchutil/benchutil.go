// Package benchutil holds what the benchmarks of every service share: an
// in-memory HTTP transport that answers without a network, the runner of
// the paired benchmarks (Run, and Service, which declares a service's
// calls), and the plumbing of the net/http baselines (PlainDo and a
// straightforward hand-written Huawei signer), so that the SDK is compared
// with code a careful user would write by hand.
package benchutil

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// MemTransport answers every request with a fixed status and body, reading
// and discarding the request body as a server would.
type MemTransport struct {
	Status int
	Body   []byte
	Header http.Header
}

// RoundTrip implements http.RoundTripper.
func (m *MemTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	h := m.Header
	if h == nil {
		h = http.Header{"Content-Type": {"application/json"}}
	}
	return &http.Response{
		StatusCode:    m.Status,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(m.Body)),
		ContentLength: int64(len(m.Body)),
		Request:       req,
	}, nil
}

// Client returns an *http.Client using the transport.
func (m *MemTransport) Client() *http.Client { return &http.Client{Transport: m} }

// NewServer starts a loopback server that reads each request body and
// answers with status and body as JSON, with a Content-Length. Close it when
// done.
func NewServer(status int, body []byte) *httptest.Server {
	n := strconv.Itoa(len(body))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{n}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
}

// LoopbackClient returns a client for srv whose pool keeps up to
// ParallelGoroutines idle connections, so that the parallel benchmarks reuse
// connections instead of dialing (and exhausting ephemeral ports). The SDK
// and the baseline are each given such a client.
func LoopbackClient(srv *httptest.Server) *http.Client {
	t := srv.Client().Transport.(*http.Transport).Clone()
	t.MaxIdleConns = 2 * ParallelGoroutines
	t.MaxIdleConnsPerHost = ParallelGoroutines
	return &http.Client{Transport: t}
}

// ParallelGoroutines is how many goroutines the parallel benchmarks run.
const ParallelGoroutines = 64

// SetParallelism makes b.RunParallel start ParallelGoroutines goroutines:
// exactly that many when GOMAXPROCS divides it (1, 2, 4, 8, 16, 32, 64),
// otherwise the next multiple of GOMAXPROCS.
func SetParallelism(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((ParallelGoroutines + procs - 1) / procs)
}

// NewCall returns a function that makes one call with a client for base
// (the endpoint URL) that sends through hc. tb reports setup failures.
type NewCall func(tb testing.TB, base string, hc *http.Client) func() error

// Impl is one implementation of a call: the SDK ("sdk") or the
// hand-written baseline ("nethttp").
type Impl struct {
	Name string
	New  NewCall
}

// Run runs each implementation as the sub-benchmarks mem/impl=<name> (over
// a MemTransport answering status 200 with response, the client's own cost)
// and loopback/impl=<name> (over a local HTTP server), so that
// `benchstat -col /impl` compares them. endpoint is the base URL used over
// the MemTransport. With parallel, each runs ParallelGoroutines goroutines
// that share one client, and ns/op is the inverse of the throughput.
func Run(b *testing.B, endpoint string, response []byte, parallel bool, impls ...Impl) {
	mem := &MemTransport{Status: http.StatusOK, Body: response}
	srv := NewServer(http.StatusOK, response)
	defer srv.Close()
	for _, tr := range []struct {
		name string
		base string
		hc   func() *http.Client
	}{
		{"mem", endpoint, mem.Client},
		{"loopback", srv.URL, func() *http.Client { return LoopbackClient(srv) }},
	} {
		for _, im := range impls {
			b.Run(tr.name+"/impl="+im.Name, func(b *testing.B) {
				hc := tr.hc()
				defer hc.CloseIdleConnections()
				do := im.New(b, tr.base, hc)
				if err := do(); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				cpu := StartCPU()
				if parallel {
					SetParallelism(b)
					b.ResetTimer()
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if err := do(); err != nil {
								b.Error(err)
								return
							}
						}
					})
				} else {
					for b.Loop() {
						if err := do(); err != nil {
							b.Fatal(err)
						}
					}
				}
				cpu.Report(b)
			})
		}
	}
}

// CPU measures the CPU time the process spends in a benchmark, which on a
// busy machine varies much less than the wall-clock ns/op: time the
// benchmark's goroutines wait for a CPU is not counted. It includes the
// garbage collector's work on other threads (and, over loopback, the
// server's), for the SDK and the baseline alike.
type CPU struct {
	start time.Duration
	ok    bool
}

// StartCPU starts measuring.
func StartCPU() CPU {
	t, ok := processCPU()
	return CPU{t, ok}
}

// Report adds the metric cpu-ns/op: the CPU time since StartCPU divided by
// b.N. Call it after the benchmark loop. Nothing is reported where the
// process CPU time is not available.
func (c CPU) Report(b *testing.B) {
	end, ok := processCPU()
	if !c.ok || !ok || b.N == 0 {
		return
	}
	b.ReportMetric(float64(end-c.start)/float64(b.N), "cpu-ns/op")
}

// CheckSameRequest makes one call with sdk and one with hand, each over a
// Capture answering 200 with response, and fails t unless both send the
// same request (see SameRequest; varying names the headers compared by
// presence only). verify, when not nil, checks each request's credentials.
func CheckSameRequest(t *testing.T, endpoint string, response []byte, sdk, hand NewCall, verify func(t *testing.T, req *http.Request, body []byte), varying ...string) {
	t.Helper()
	var reqs [2]*http.Request
	var bodies [2][]byte
	for i, f := range []NewCall{sdk, hand} {
		capt := &Capture{MemTransport: MemTransport{Status: http.StatusOK, Body: response}}
		if err := f(t, endpoint, capt.Client())(); err != nil {
			t.Fatal(err)
		}
		reqs[i], bodies[i] = capt.Last()
		if verify != nil {
			verify(t, reqs[i], bodies[i])
		}
	}
	SameRequest(t, reqs[0], reqs[1], bodies[0], bodies[1], varying...)
}

// Capture is a MemTransport that also keeps a copy of the last request and
// its body, so that a test can check that the SDK and the hand-written
// baseline send the same request.
type Capture struct {
	MemTransport
	mu   sync.Mutex
	req  *http.Request
	body []byte
}

// RoundTrip records req and answers as MemTransport.
func (c *Capture) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	c.mu.Lock()
	c.req, c.body = req.Clone(req.Context()), body
	c.mu.Unlock()
	req.Body = io.NopCloser(bytes.NewReader(nil))
	return c.MemTransport.RoundTrip(req)
}

// Client returns an *http.Client using the capture.
func (c *Capture) Client() *http.Client { return &http.Client{Transport: c} }

// Last returns the last request and its body.
func (c *Capture) Last() (*http.Request, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.req, c.body
}

// SameRequest fails tb unless the two requests have the same method, URL,
// header names and JSON body, and the same header values except for the
// names in varying (compared by presence only: the User-Agent, or a
// signature that covers the time).
func SameRequest(tb testing.TB, sdk, hand *http.Request, sdkBody, handBody []byte, varying ...string) {
	tb.Helper()
	if sdk == nil || hand == nil {
		tb.Fatalf("a request is missing: sdk %v, hand-written %v", sdk != nil, hand != nil)
	}
	if sdk.Method != hand.Method {
		tb.Errorf("method: sdk %s, hand-written %s", sdk.Method, hand.Method)
	}
	if s, h := sdk.URL.String(), hand.URL.String(); s != h {
		tb.Errorf("URL:\nsdk          %s\nhand-written %s", s, h)
	}
	skip := map[string]bool{}
	for _, k := range varying {
		skip[http.CanonicalHeaderKey(k)] = true
	}
	names := map[string]bool{}
	for k := range sdk.Header {
		names[k] = true
	}
	for k := range hand.Header {
		names[k] = true
	}
	for k := range names {
		s, h := sdk.Header.Values(k), hand.Header.Values(k)
		if len(s) == 0 || len(h) == 0 || (!skip[k] && !reflect.DeepEqual(s, h)) {
			tb.Errorf("header %s: sdk %q, hand-written %q", k, s, h)
		}
	}
	if len(sdkBody) == 0 && len(handBody) == 0 {
		return
	}
	var s, h any
	if err := json.Unmarshal(sdkBody, &s); err != nil {
		tb.Fatalf("sdk body: %v", err)
	}
	if err := json.Unmarshal(handBody, &h); err != nil {
		tb.Fatalf("hand-written body: %v", err)
	}
	if !reflect.DeepEqual(s, h) {
		tb.Errorf("body:\nsdk          %s\nhand-written %s", sdkBody, handBody)
	}
}

// PlainDo sends req the way the hand-written baselines do: it sets Accept
// and User-Agent, sends req with hc (set the credentials first), reads the
// whole answer and decodes a 200 one into out. Any other status is returned
// as an *apierror.Error with only the StatusCode set.
func PlainDo(hc *http.Client, req *http.Request, out any) error {
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "hand-written")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return &apierror.Error{StatusCode: resp.StatusCode}
	}
	return json.Unmarshal(data, out)
}

// PlainHuaweiSign signs req the straightforward way a user would write from
// the vendor's description: it sets X-Sdk-Date and X-Project-Id and an
// SDK-HMAC-SHA256 Authorization over host, x-project-id and x-sdk-date.
func PlainHuaweiSign(req *http.Request, body []byte, ak, sk, projectID string) {
	date := time.Now().UTC().Format("20060102T150405Z")
	req.Header.Set("X-Sdk-Date", date)
	req.Header.Set("X-Project-Id", projectID)

	segs := strings.Split(req.URL.Path, "/")
	for i, s := range segs {
		segs[i] = escape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	q := req.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var qs []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			qs = append(qs, escape(k)+"="+escape(v))
		}
	}
	signed := "host;x-project-id;x-sdk-date"
	headers := "host:" + req.URL.Host + "\nx-project-id:" + projectID + "\nx-sdk-date:" + date + "\n"
	bodyHash := sha256.Sum256(body)
	canonical := req.Method + "\n" + uri + "\n" + strings.Join(qs, "&") + "\n" + headers + "\n" + signed + "\n" + hex.EncodeToString(bodyHash[:])
	crHash := sha256.Sum256([]byte(canonical))
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte("SDK-HMAC-SHA256\n" + date + "\n" + hex.EncodeToString(crHash[:])))
	req.Header.Set("Authorization", fmt.Sprintf("SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s", ak, signed, hex.EncodeToString(mac.Sum(nil))))
}

func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
