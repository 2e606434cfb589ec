package auth

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
)

// Fuzz targets for the Huawei signer's canonicalisation (issue #7): no
// panics, the same inputs always give the same canonical request and
// Authorization, the canonical URI ends with '/', and everything escaped
// uses only the unreserved set and %XX. The escape function and the
// canonical URI and query are checked against plain reference
// implementations written here, and whole signatures against authtest's
// independent verifier.

// fuzzRefEscape is the reference escape: url.QueryEscape keeps exactly the
// unreserved set A-Z a-z 0-9 - _ . ~ and writes upper-case %XX, except that
// it writes a space as '+' (and a '+' as %2B, so the replacement is exact).
func fuzzRefEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

func fuzzUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

func fuzzUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// fuzzCheckEscaped fails unless s holds only unreserved bytes, %XX with
// upper-case hex, and bytes of extra.
func fuzzCheckEscaped(t *testing.T, what, s, extra string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case fuzzUnreserved(c) || strings.IndexByte(extra, c) >= 0:
		case c == '%' && i+2 < len(s) && fuzzUpperHex(s[i+1]) && fuzzUpperHex(s[i+2]):
			i += 2
		default:
			t.Fatalf("%s %q: byte %q at %d is neither unreserved nor %%XX", what, s, c, i)
		}
	}
}

// fuzzRefCanonicalURI is the reference canonical URI of a URL as net/url
// parses it: each segment of the escaped path, unescaped, re-escaped with
// the signing alphabet, joined with '/', with a trailing '/'.
func fuzzRefCanonicalURI(u *url.URL) (string, bool) {
	segs := strings.Split(u.EscapedPath(), "/")
	for i, s := range segs {
		un, err := url.PathUnescape(s)
		if err != nil {
			return "", false
		}
		segs[i] = fuzzRefEscape(un)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri, true
}

// fuzzRefCanonicalQuery is the reference canonical query, from
// url.ParseQuery: keys sorted, each key's values sorted, both escaped.
func fuzzRefCanonicalQuery(raw string) (string, bool) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "", false
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vs := slices.Clone(q[k])
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, fuzzRefEscape(k)+"="+fuzzRefEscape(v))
		}
	}
	return strings.Join(parts, "&"), true
}

// FuzzHuaweiEscape checks AppendHuaweiEscape against the reference escape,
// its alphabet, and that it unescapes back to its input.
func FuzzHuaweiEscape(f *testing.F) {
	for _, s := range []string{"", "abc", "a b+c", "一 (&=?!#%.*)", "/tmp/123", "~x_y.z-", "\x00\xff\x7f", "%2F", "a:b@c+d=e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := string(AppendHuaweiEscape(nil, s))
		if want := fuzzRefEscape(s); got != want {
			t.Fatalf("AppendHuaweiEscape(%q) = %q, reference %q", s, got, want)
		}
		fuzzCheckEscaped(t, "escape", got, "")
		if back, err := url.PathUnescape(got); err != nil || back != s {
			t.Fatalf("escape(%q) = %q unescapes to %q, %v", s, got, back, err)
		}
		// Appending keeps what dst held.
		if got2 := string(AppendHuaweiEscape([]byte("prefix"), s)); got2 != "prefix"+got {
			t.Fatalf("append to a prefix gave %q", got2)
		}
	})
}

// FuzzHuaweiCanonicalQuery checks the canonical query: its alphabet, that
// the order of the parameters does not matter, and the reference built on
// url.ParseQuery wherever that parses the query.
func FuzzHuaweiCanonicalQuery(f *testing.F) {
	for _, s := range []string{"", "limit=1", "key=value", "limit=1&enable=true", "multi=3&multi=1&multi=2",
		"test=%E4%B8%80+%28%26%3D%3F%21%23%25.%2A%29&path=%2Ftmp%2F123", "a&&b=&=c", "bad=%zz&x=%", "k;v=1", "a=1;b=2", "%41=%42"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := string(AppendHuaweiCanonicalQuery(nil, raw))
		if again := string(AppendHuaweiCanonicalQuery(nil, raw)); again != got {
			t.Fatalf("not deterministic: %q then %q", got, again)
		}
		fuzzCheckEscaped(t, "canonical query", got, "=&")
		var parts []string
		for p := range strings.SplitSeq(raw, "&") {
			if p != "" {
				parts = append(parts, p)
			}
		}
		if n := strings.Count(got, "&") + 1; len(parts) > 0 && n != len(parts) || len(parts) == 0 && got != "" {
			t.Fatalf("%d parameters became %q", len(parts), got)
		}
		// The order of the parameters does not change the result.
		slices.Reverse(parts)
		if rev := string(AppendHuaweiCanonicalQuery(nil, strings.Join(parts, "&"))); rev != got {
			t.Fatalf("reversed query %q gave %q, not %q", strings.Join(parts, "&"), rev, got)
		}
		if want, ok := fuzzRefCanonicalQuery(raw); ok && got != want {
			t.Fatalf("canonical query of %q = %q, reference %q", raw, got, want)
		}
	})
}

const fuzzAK, fuzzSK = "AKTESTAKTESTAKTEST01", "sk-test-secret-value"

// checkCanonical checks the canonical request and the Authorization for u.
func checkCanonical(t *testing.T, method string, u *url.URL, headers []SignedHeader, body []byte, date string) {
	t.Helper()
	cr := AppendHuaweiCanonicalRequest(nil, method, u, headers, body)
	if again := AppendHuaweiCanonicalRequest(nil, method, u, headers, body); !bytes.Equal(cr, again) {
		t.Fatalf("canonical request not deterministic:\n%q\n%q", cr, again)
	}
	if pre := AppendHuaweiCanonicalRequest([]byte("x"), method, u, headers, body); !bytes.Equal(pre, append([]byte("x"), cr...)) {
		t.Fatal("appending to a prefix changed the canonical request")
	}
	uri := string(appendCanonicalURI(nil, u))
	if !strings.HasSuffix(uri, "/") {
		t.Fatalf("canonical URI %q of %#v does not end with '/'", uri, u)
	}
	fuzzCheckEscaped(t, "canonical URI", uri, "/")
	query := string(AppendHuaweiCanonicalQuery(nil, u.RawQuery))
	var want strings.Builder
	want.WriteString(method + "\n" + uri + "\n" + query + "\n")
	names := make([]string, len(headers))
	for i, h := range headers {
		want.WriteString(h.Name + ":" + strings.TrimSpace(h.Value) + "\n")
		names[i] = h.Name
	}
	sum := sha256.Sum256(body)
	want.WriteString("\n" + strings.Join(names, ";") + "\n" + hex.EncodeToString(sum[:]))
	if string(cr) != want.String() {
		t.Fatalf("canonical request\n%q\nis not the lines\n%q", cr, want.String())
	}

	a := HuaweiAuthorization(fuzzAK, []byte(fuzzSK), method, u, headers, body, date)
	if again := HuaweiAuthorization(fuzzAK, []byte(fuzzSK), method, u, headers, body, date); again != a {
		t.Fatalf("Authorization not deterministic: %q then %q", a, again)
	}
	crSum := sha256.Sum256(cr)
	mac := hmac.New(sha256.New, []byte(fuzzSK))
	mac.Write([]byte(HuaweiAlgorithm + "\n" + date + "\n" + hex.EncodeToString(crSum[:])))
	wantAuth := HuaweiAlgorithm + " Access=" + fuzzAK + ", SignedHeaders=" + strings.Join(names, ";") + ", Signature=" + hex.EncodeToString(mac.Sum(nil))
	if a != wantAuth {
		t.Fatalf("Authorization = %q, crypto/hmac gives %q", a, wantAuth)
	}
}

// FuzzHuaweiSign signs arbitrary requests: the canonical request of a URL
// as net/url parses it and of a hand-built URL, the Authorization against
// crypto/hmac, repeated signing by HuaweiAKSK.Apply, and authtest's
// independent verifier wherever its plainer parsing applies.
func FuzzHuaweiSign(f *testing.F) {
	const seedPath = "/v2/a4da8115c9d8464ead3a38309130523f/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/api-groups/c77f5e81d9cb4424bf704ef2b0ac7600"
	seeds := []struct {
		method, target, rawPath string
		body                    string
	}{
		{"GET", "/path?limit=1", "", ""},
		{"POST", "/path?key=value", "", "{\"Name\":\"test\",\"Id\":1}\n"},
		{"PUT", seedPath, "", `{"name":"api_group_001","remark":"API group 1"}`},
		{"GET", "/v2/p/apigw/instances/i/api-groups?offset=20&limit=20&precise_search=name&name=a%20b", "", ""},
		{"GET", "/a%2Fb/x", "/a%2Fb/x", ""},
		{"DELETE", "/app-groups/a:b@c+d=e/", "", ""},
		{"GET", "/%E4%B8%80/~x_y.z-", "", ""},
		{"GET", "?test=%E4%B8%80+%28%26%3D%3F%21%23%25.%2A%29&path=%2Ftmp%2F123&multi=2&multi=1", "", ""},
		{"GET", "//a//b/../c/./", "", ""},
		{"PATCH", "/x%zz", "/x%zz", "\x00\xff"},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.rawPath, []byte(s.body), "a4da8115c9d8464ead3a38309130523f", "", int64(1785312000))
	}
	f.Add("POST", "/v1/p/app-groups/batch-delete", "", []byte(`{"items":["a"]}`), "p", "temporary-token", int64(0))
	f.Fuzz(func(t *testing.T, method, target, rawPath string, body []byte, project, token string, unix int64) {
		now := time.Unix(unix%(1<<35), 0).UTC()
		date := now.Format(HuaweiDateLayout)
		host := "apig.cn-north-4.myhuaweicloud.com"
		headers := []SignedHeader{{"host", host}}
		if project != "" {
			headers = append(headers, SignedHeader{"x-project-id", project})
		}
		headers = append(headers, SignedHeader{"x-sdk-date", date})
		if token != "" {
			headers = append(headers, SignedHeader{"x-security-token", token})
		}

		// A hand-built URL, whose RawPath need not match Path.
		checkCanonical(t, method, &url.URL{Scheme: "https", Host: host, Path: target, RawPath: rawPath, RawQuery: rawPath}, headers, body, date)

		// The URL as a request would carry it.
		u, err := url.Parse("https://" + host + target)
		if err != nil {
			return
		}
		checkCanonical(t, method, u, headers, body, date)
		want, ok := fuzzRefCanonicalURI(u)
		if got := string(appendCanonicalURI(nil, u)); ok && got != want {
			t.Fatalf("canonical URI of %q = %q, reference %q", u.EscapedPath(), got, want)
		}

		// Signing a request: twice the same, and verified independently.
		c, err := NewHuaweiAKSK(fuzzAK, fuzzSK, project, token, func() time.Time { return now })
		if err != nil {
			return // a credential with a line break
		}
		sign := func() *http.Request {
			req, err := http.NewRequest(method, u.String(), bytes.NewReader(body))
			if err != nil {
				return nil
			}
			if err := c.Apply(context.Background(), req, body); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			return req
		}
		r1, r2 := sign(), sign()
		if r1 == nil {
			return // not a method net/http accepts
		}
		if a, b := r1.Header.Get("Authorization"), r2.Header.Get("Authorization"); a != b || a == "" {
			t.Fatalf("Apply not deterministic: %q then %q", a, b)
		}
		signed := append([]SignedHeader{{"host", r1.Host}}, headers[1:]...)
		if got := r1.Header.Get("Authorization"); got != HuaweiAuthorization(fuzzAK, []byte(fuzzSK), r1.Method, r1.URL, signed, body, date) {
			t.Fatalf("Apply signed %q", got)
		}
		if _, err := url.ParseQuery(r1.URL.RawQuery); err != nil || r1.URL.RawPath != "" || project == "" {
			return // authtest reads the decoded path and a well-formed query, and wants x-project-id
		}
		authtest.VerifyHuawei(t, authtest.Request{
			Method: r1.Method, Path: r1.URL.Path, RawQuery: r1.URL.RawQuery, Host: r1.Host, Header: r1.Header, Body: body,
		}, fuzzAK, fuzzSK)
	})
}
