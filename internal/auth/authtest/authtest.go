// Package authtest checks request credentials in tests, independently of
// package auth: VerifyHuawei recomputes an SDK-HMAC-SHA256 signature with a
// separate, deliberately plain implementation of the published algorithm, so
// a bug in the signer cannot hide itself by also being in the check.
package authtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Request is a request as a server received it.
type Request struct {
	Method   string      // HTTP method
	Path     string      // decoded URL path
	RawQuery string      // query string, without "?"
	Host     string      // the Host header (r.Host on the server)
	Header   http.Header // request headers
	Body     []byte      // the exact body bytes
}

// VerifyHuawei asserts that r carries a valid SDK-HMAC-SHA256 signature by
// accessKey and secretKey, covering at least host, x-sdk-date and
// x-project-id.
func VerifyHuawei(t testing.TB, r Request, accessKey, secretKey string) {
	t.Helper()
	authz := r.Header.Get("Authorization")
	require.True(t, strings.HasPrefix(authz, "SDK-HMAC-SHA256 "), authz)
	parts := map[string]string{}
	for _, p := range strings.Split(strings.TrimPrefix(authz, "SDK-HMAC-SHA256 "), ", ") {
		kv := strings.SplitN(p, "=", 2)
		require.Len(t, kv, 2, authz)
		parts[kv[0]] = kv[1]
	}
	signed := strings.Split(parts["SignedHeaders"], ";")
	assert.Contains(t, signed, "host")
	assert.Contains(t, signed, "x-sdk-date")
	assert.Contains(t, signed, "x-project-id")

	segs := strings.Split(r.Path, "/")
	for i := range segs {
		segs[i] = escape(segs[i])
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	q, _ := url.ParseQuery(r.RawQuery)
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var qs []string
	for _, k := range keys {
		vals := append([]string(nil), q[k]...)
		sort.Strings(vals)
		for _, v := range vals {
			qs = append(qs, escape(k)+"="+escape(v))
		}
	}
	var hdrs string
	for _, h := range signed {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		hdrs += h + ":" + strings.TrimSpace(v) + "\n"
	}
	bodyHash := sha256.Sum256(r.Body)
	canonical := strings.Join([]string{r.Method, uri, strings.Join(qs, "&"), hdrs, parts["SignedHeaders"], hex.EncodeToString(bodyHash[:])}, "\n")
	crHash := sha256.Sum256([]byte(canonical))
	sts := "SDK-HMAC-SHA256\n" + r.Header.Get("X-Sdk-Date") + "\n" + hex.EncodeToString(crHash[:])
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(sts))
	assert.Equal(t, hex.EncodeToString(mac.Sum(nil)), parts["Signature"], "signature does not verify independently")
	assert.Equal(t, accessKey, parts["Access"])
}

// escape percent-encodes everything but A-Z a-z 0-9 - _ . ~, upper-case hex.
func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
