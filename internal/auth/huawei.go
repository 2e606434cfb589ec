package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"
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
	return &HuaweiAKSK{accessKey: accessKey, secretKey: []byte(secretKey), projectID: projectID, securityToken: securityToken, now: now}, nil
}

// String never prints the keys or tokens.
func (c *HuaweiAKSK) String() string { return "HuaweiAKSK{REDACTED}" }

// GoString never prints the keys or tokens.
func (c *HuaweiAKSK) GoString() string { return c.String() }

// Apply sets X-Sdk-Date, X-Project-Id, X-Security-Token and Authorization.
func (c *HuaweiAKSK) Apply(_ context.Context, req *http.Request, body []byte) error {
	var dateBuf [16]byte
	date := string(c.now().UTC().AppendFormat(dateBuf[:0], HuaweiDateLayout))
	h := req.Header
	h["X-Sdk-Date"] = []string{date}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	var hdrs [4]SignedHeader
	hs := append(hdrs[:0], SignedHeader{"host", host})
	if c.projectID != "" {
		h["X-Project-Id"] = []string{c.projectID}
		hs = append(hs, SignedHeader{"x-project-id", c.projectID})
	}
	hs = append(hs, SignedHeader{"x-sdk-date", date})
	if c.securityToken != "" {
		h["X-Security-Token"] = []string{c.securityToken}
		hs = append(hs, SignedHeader{"x-security-token", c.securityToken})
	}
	h["Authorization"] = []string{HuaweiAuthorization(c.accessKey, c.secretKey, req.Method, req.URL, hs, body, date)}
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
	var canon [1024]byte
	cr := AppendHuaweiCanonicalRequest(canon[:0], method, u, headers, body)
	crHash := sha256.Sum256(cr)

	var sts [128]byte
	s := append(sts[:0], HuaweiAlgorithm...)
	s = append(s, '\n')
	s = append(s, date...)
	s = append(s, '\n')
	s = hex.AppendEncode(s, crHash[:])
	mac := hmacSHA256(secretKey, s)

	var out [512]byte
	a := append(out[:0], HuaweiAlgorithm...)
	a = append(a, " Access="...)
	a = append(a, accessKey...)
	a = append(a, ", SignedHeaders="...)
	a = appendSignedHeaderNames(a, headers)
	a = append(a, ", Signature="...)
	a = hex.AppendEncode(a, mac[:])
	return string(a)
}

// AppendHuaweiCanonicalRequest appends the canonical request: method, URI
// with a trailing slash, sorted query, header lines, signed header names and
// the hex SHA-256 of the body, joined by newlines.
func AppendHuaweiCanonicalRequest(dst []byte, method string, u *url.URL, headers []SignedHeader, body []byte) []byte {
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = appendCanonicalURI(dst, u.EscapedPath())
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

// appendCanonicalURI re-encodes each segment of an escaped path with the
// signing alphabet and makes sure the result ends in a slash.
func appendCanonicalURI(dst []byte, escaped string) []byte {
	if escaped == "" {
		return append(dst, '/')
	}
	for i, seg := range strings.Split(escaped, "/") {
		if i > 0 {
			dst = append(dst, '/')
		}
		if raw, err := url.PathUnescape(seg); err == nil {
			seg = raw
		}
		dst = AppendHuaweiEscape(dst, seg)
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
// A-Z a-z 0-9 - _ . ~ and writing upper-case hex.
func AppendHuaweiEscape(dst []byte, s string) []byte {
	const hexUpper = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hexUpper[c>>4], hexUpper[c&15])
	}
	return dst
}

// hmacSHA256 computes HMAC-SHA256 (RFC 2104) without heap allocations for
// keys and messages of ordinary size.
func hmacSHA256(key, msg []byte) [sha256.Size]byte {
	const block = 64
	var k [block]byte
	if len(key) > block {
		sum := sha256.Sum256(key)
		copy(k[:], sum[:])
	} else {
		copy(k[:], key)
	}
	var inner [block + 256]byte
	in := inner[:0]
	for _, b := range k {
		in = append(in, b^0x36)
	}
	in = append(in, msg...)
	innerSum := sha256.Sum256(in)

	var outer [block + sha256.Size]byte
	for i, b := range k {
		outer[i] = b ^ 0x5c
	}
	copy(outer[block:], innerSum[:])
	return sha256.Sum256(outer[:])
}
