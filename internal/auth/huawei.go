package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Huawei signing constants.
const (
	// HuaweiAlgorithm is the signing algorithm's name.
	HuaweiAlgorithm = "SDK-HMAC-SHA256"
	// HuaweiDateLayout is the layout of the X-Sdk-Date header.
	HuaweiDateLayout = "20060102T150405Z"
)

// HuaweiAKSK signs requests with an access key and secret key
// (SDK-HMAC-SHA256). It signs the host, X-Project-Id, X-Sdk-Date and, for
// temporary credentials, X-Security-Token headers; the signature covers the
// method, path, query and the exact body bytes, and is recomputed on every
// attempt because it covers the time.
type HuaweiAKSK struct {
	accessKey     string
	secretKey     []byte
	projectID     string
	securityToken string
	now           func() time.Time

	// Immutable header values, shared by every request (net/http only
	// reads them).
	projectHdr, tokenHdr []string
	// macs holds *keyedMAC values: keyed crypto/hmac states, reset after
	// each use, so that the key schedule is not redone for every request.
	macs sync.Pool
	// date caches the X-Sdk-Date value of the current second.
	date atomic.Pointer[sdkDate]
}

type sdkDate struct {
	unix  int64
	value string
	hdr   []string
}

// NewHuaweiAKSK returns AK/SK credentials. projectID (sent as X-Project-Id)
// and securityToken (for temporary credentials) may be empty. now may be nil
// for time.Now.
func NewHuaweiAKSK(accessKey, secretKey, projectID, securityToken string, now func() time.Time) (*HuaweiAKSK, error) {
	if accessKey == "" || secretKey == "" {
		return nil, errors.New("auth: Huawei access key and secret key are both required")
	}
	for _, v := range []string{accessKey, secretKey, projectID, securityToken} {
		if strings.ContainsAny(v, "\r\n") {
			return nil, errors.New("auth: Huawei credentials contain a line break")
		}
	}
	if now == nil {
		now = time.Now
	}
	c := &HuaweiAKSK{accessKey: accessKey, secretKey: []byte(secretKey), projectID: projectID, securityToken: securityToken, now: now}
	if projectID != "" {
		c.projectHdr = []string{projectID}
	}
	if securityToken != "" {
		c.tokenHdr = []string{securityToken}
	}
	c.macs.New = func() any { return newKeyedMAC(c.secretKey) }
	return c, nil
}

// sdkDate returns the X-Sdk-Date value for t, formatting it at most once a
// second.
func (c *HuaweiAKSK) sdkDate(t time.Time) *sdkDate {
	t = t.UTC()
	unix := t.Unix()
	if d := c.date.Load(); d != nil && d.unix == unix {
		return d
	}
	v := t.Format(HuaweiDateLayout)
	d := &sdkDate{unix: unix, value: v, hdr: []string{v}}
	c.date.Store(d)
	return d
}

// String never prints the keys or tokens.
func (c *HuaweiAKSK) String() string { return "HuaweiAKSK{REDACTED}" }

// GoString never prints the keys or tokens.
func (c *HuaweiAKSK) GoString() string { return c.String() }

// Apply sets X-Sdk-Date, X-Project-Id, X-Security-Token and Authorization.
func (c *HuaweiAKSK) Apply(_ context.Context, req *http.Request, body []byte) error {
	d := c.sdkDate(c.now())
	date := d.value
	h := req.Header
	h["X-Sdk-Date"] = d.hdr
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	var hdrs [4]SignedHeader
	hs := append(hdrs[:0], SignedHeader{"host", host})
	if c.projectID != "" {
		h["X-Project-Id"] = c.projectHdr
		hs = append(hs, SignedHeader{"x-project-id", c.projectID})
	}
	hs = append(hs, SignedHeader{"x-sdk-date", date})
	if c.securityToken != "" {
		h["X-Security-Token"] = c.tokenHdr
		hs = append(hs, SignedHeader{"x-security-token", c.securityToken})
	}
	mac := c.macs.Get().(*keyedMAC)
	h["Authorization"] = []string{huaweiAuthorization(c.accessKey, mac, req.Method, req.URL, hs, body, date)}
	mac.mac.Reset()
	c.macs.Put(mac)
	return nil
}

// SignedHeader is one header covered by a signature: a lower-case name and
// its value.
type SignedHeader struct {
	Name, Value string
}

// HuaweiAuthorization computes the Authorization header value for a request.
// headers must be sorted by name, lower-case, without duplicates; date is the
// X-Sdk-Date value.
func HuaweiAuthorization(accessKey string, secretKey []byte, method string, u *url.URL, headers []SignedHeader, body []byte, date string) string {
	return huaweiAuthorization(accessKey, newKeyedMAC(secretKey), method, u, headers, body, date)
}

// keyedMAC is an HMAC-SHA256 keyed with a secret key, fresh or reset, with
// the buffers of the string to sign and of the sum (held here, they need no
// allocation of their own per signature).
type keyedMAC struct {
	mac hash.Hash
	sts [128]byte
	sum [sha256.Size]byte
}

func newKeyedMAC(key []byte) *keyedMAC { return &keyedMAC{mac: hmac.New(sha256.New, key)} }

// huaweiAuthorization signs with km.
func huaweiAuthorization(accessKey string, km *keyedMAC, method string, u *url.URL, headers []SignedHeader, body []byte, date string) string {
	var canon [1024]byte
	cr := AppendHuaweiCanonicalRequest(canon[:0], method, u, headers, body)
	crHash := sha256.Sum256(cr)

	s := append(km.sts[:0], HuaweiAlgorithm...)
	s = append(s, '\n')
	s = append(s, date...)
	s = append(s, '\n')
	s = hex.AppendEncode(s, crHash[:])
	km.mac.Write(s)
	sig := km.mac.Sum(km.sum[:0])

	var out [512]byte
	a := append(out[:0], HuaweiAlgorithm...)
	a = append(a, " Access="...)
	a = append(a, accessKey...)
	a = append(a, ", SignedHeaders="...)
	a = appendSignedHeaderNames(a, headers)
	a = append(a, ", Signature="...)
	a = hex.AppendEncode(a, sig)
	return string(a)
}

// AppendHuaweiCanonicalRequest appends the canonical request: method, URI
// with a trailing slash, sorted query, header lines, signed header names and
// the hex SHA-256 of the body, joined by newlines.
func AppendHuaweiCanonicalRequest(dst []byte, method string, u *url.URL, headers []SignedHeader, body []byte) []byte {
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = appendCanonicalURI(dst, u)
	dst = append(dst, '\n')
	dst = AppendHuaweiCanonicalQuery(dst, u.RawQuery)
	dst = append(dst, '\n')
	for _, h := range headers {
		dst = append(dst, h.Name...)
		dst = append(dst, ':')
		dst = append(dst, strings.TrimSpace(h.Value)...)
		dst = append(dst, '\n')
	}
	dst = append(dst, '\n')
	dst = appendSignedHeaderNames(dst, headers)
	dst = append(dst, '\n')
	sum := sha256.Sum256(body)
	return hex.AppendEncode(dst, sum[:])
}

func appendSignedHeaderNames(dst []byte, headers []SignedHeader) []byte {
	for i, h := range headers {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, h.Name...)
	}
	return dst
}

// appendCanonicalURI encodes each segment of the URL's path with the
// signing alphabet and makes sure the result ends in a slash. When the URL
// keeps a raw path (it had escapes such as %2F that Path cannot show), the
// segments of the path as sent (EscapedPath, which ignores a RawPath that
// does not match Path) are unescaped first, so an encoded slash stays
// inside its segment.
func appendCanonicalURI(dst []byte, u *url.URL) []byte {
	path, raw := u.Path, false
	if u.RawPath != "" {
		path, raw = u.EscapedPath(), true
	}
	if path == "" {
		return append(dst, '/')
	}
	if !raw {
		// Escaping each segment and joining them with slashes is escaping
		// the path with its slashes kept: one pass, no split.
		dst = appendEscaped(dst, path, &huaweiPathKeep)
		if dst[len(dst)-1] != '/' {
			dst = append(dst, '/')
		}
		return dst
	}
	for {
		seg, rest, more := strings.Cut(path, "/")
		if raw && strings.IndexByte(seg, '%') >= 0 {
			if unescaped, err := url.PathUnescape(seg); err == nil {
				seg = unescaped
			}
		}
		dst = AppendHuaweiEscape(dst, seg)
		if !more {
			break
		}
		dst = append(dst, '/')
		path = rest
	}
	if dst[len(dst)-1] != '/' {
		dst = append(dst, '/')
	}
	return dst
}

// AppendHuaweiCanonicalQuery appends the canonical query string: keys and
// values unescaped, re-encoded, sorted by key then value, joined with &.
func AppendHuaweiCanonicalQuery(dst []byte, rawQuery string) []byte {
	if rawQuery == "" {
		return dst
	}
	type kv struct{ k, v string }
	var pairsBuf [8]kv
	pairs := pairsBuf[:0]
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			v = uv
		}
		pairs = append(pairs, kv{k, v})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = AppendHuaweiEscape(dst, p.k)
		dst = append(dst, '=')
		dst = AppendHuaweiEscape(dst, p.v)
	}
	return dst
}

// AppendHuaweiEscape percent-encodes s byte by byte, keeping only
// A-Z a-z 0-9 - _ . ~ and writing upper-case hex. Runs of kept bytes (IDs
// and names are usually nothing else) are copied whole.
func AppendHuaweiEscape(dst []byte, s string) []byte { return appendEscaped(dst, s, &huaweiUnreserved) }

// appendEscaped percent-encodes the bytes of s that keep does not mark,
// copying runs of kept bytes whole.
func appendEscaped(dst []byte, s string, keep *[256]bool) []byte {
	const hexUpper = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '%', hexUpper[c>>4], hexUpper[c&15])
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// huaweiUnreserved marks the bytes AppendHuaweiEscape keeps.
var huaweiUnreserved = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()

// huaweiPathKeep marks the bytes kept in a canonical URI: the unreserved
// ones and the slash between segments.
var huaweiPathKeep = func() [256]bool {
	t := huaweiUnreserved
	t['/'] = true
	return t
}()
