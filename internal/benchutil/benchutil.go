// Package benchutil holds what the benchmarks of every service share: an
// in-memory HTTP transport that answers without a network, and a
// straightforward hand-written Huawei signer for the net/http baselines, so
// that the SDK is compared with code a careful user would write by hand.
package benchutil

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
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
