package transport

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/retry"
)

// hostile is server text with every kind of character that must not reach
// an error or a log: bidi overrides and isolates, zero-width characters,
// a line separator, an escape sequence, a NUL and invalid UTF-8.
const hostile = "a\u202eb\u2066c\u2067d\u2068e\u2069f\u200fg\u200dh\u2028i\x1b[31mj\x00k\xffl\u061cm"

// unsafeChars are the characters of hostile that must not show, and
// escapedChars the same as a log handler or %q would escape them (a raw
// JSON copy, Body or a Detail, may hold JSON escapes: they are printable).
var (
	unsafeChars  = []string{"\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200d", "\u2028", "\x1b", "\x00", "\u061c"}
	escapedChars = []string{`\u202e`, `\u2066`, `\u2069`, `\u200f`, `\u200d`, `\u2028`, `\x1b`, `\u001b`, `\x00`, `\u0000`, `\u061c`}
)

// rawOnly, set by a test whose server text net/http itself quotes (its
// errors show a bad line with %q: printable escapes), limits checkSafeText
// to raw characters.
var rawOnly bool

// huge is a megabyte of server text.
var huge = strings.Repeat("R", 1<<20)

// checkSafeText checks one rendering of an error or a log: bounded, no
// unsafe character, raw or escaped.
func checkSafeText(t *testing.T, what, s string, limit int) {
	t.Helper()
	assert.LessOrEqual(t, len(s), limit, "%s is %d bytes", what, len(s))
	chars := unsafeChars
	if what != "Body" && what != "Detail" && !rawOnly {
		chars = append(chars[:len(chars):len(chars)], escapedChars...)
	}
	for _, c := range chars {
		assert.NotContains(t, s, c, "%s holds %q", what, c)
	}
	for _, r := range strings.TrimRight(s, "\n") {
		if r != '\n' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)) {
			t.Errorf("%s holds %U", what, r)
			break
		}
	}
}

// checkSafeError checks an error's every rendering and its fields.
func checkSafeError(t *testing.T, err error) *apierror.Error {
	t.Helper()
	e := asAPIError(t, err)
	const limit = apierror.MaxMessageBytes + apierror.MaxRequestIDBytes + 3*apierror.MaxNameBytes + 512
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		checkSafeText(t, verb, fmt.Sprintf(verb, err), 2*limit)
	}
	checkSafeText(t, "Error()", e.Error(), limit)
	checkSafeText(t, "Message", e.Message, apierror.MaxMessageBytes)
	checkSafeText(t, "RequestID", e.RequestID, apierror.MaxRequestIDBytes)
	checkSafeText(t, "Code", e.Code, apierror.MaxNameBytes)
	checkSafeText(t, "Status", e.Status, apierror.MaxNameBytes)
	checkSafeText(t, "Domain", e.Domain, apierror.MaxNameBytes)
	checkSafeText(t, "Body", string(e.Body), apierror.MaxBodyCopy)
	if e.Err != nil {
		checkSafeText(t, "Err", e.Err.Error(), apierror.MaxMessageBytes)
	}
	for _, d := range e.Details {
		checkSafeText(t, "Detail", string(d.Raw), apierror.MaxDetailBytes)
	}
	return e
}

// logged returns a logger at debug level writing text records to buf.
func logged(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// checkSafeLog checks every record: bounded, no unsafe character.
func checkSafeLog(t *testing.T, buf *syncBuffer) []string {
	t.Helper()
	buf.mu.Lock()
	out := buf.b.String()
	buf.mu.Unlock()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for _, l := range lines {
		checkSafeText(t, "log record", l, 3*apierror.MaxMessageBytes)
	}
	return lines
}

// Every server text that reaches an error or a log record is cleaned and
// bounded: request IDs from a header or a body, messages, codes, statuses,
// Google's details, whatever the dialect, in the error, its every
// formatting, and the attempt and retry records.
func TestServerTextIsCleanedAndBounded(t *testing.T) {
	googleBody := func(msg, rid string) string {
		return `{"error":{"code":503,"message":"` + msg + `","status":"` + msg + `","details":[` +
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"` + msg + `","domain":"` + msg + `"},` +
			`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"` + rid + `"},` +
			`{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"` + msg + `"}]}}`
	}
	esc := strings.NewReplacer("\x1b", `\u001b`, "\x00", `\u0000`, "\xff", `\u00ff`).Replace(hostile)
	for _, tc := range []struct {
		name    string
		dialect apierror.Dialect
		body    string
		rid     string
	}{
		{"1 MB request ID header", apierror.Huawei, `{"error_code":"APIG.9999","error_msg":"busy"}`, huge},
		{"1 MB request ID in the body", apierror.Huawei, `{"error_code":"APIG.9999","error_msg":"busy","request_id":"` + huge + `"}`, ""},
		{"1 MB message", apierror.Huawei, `{"error_code":"` + huge + `","error_msg":"` + huge + `"}`, "rid-1"},
		{"1 MB text body", apierror.Huawei, huge + hostile, "rid-1"},
		{"bidi request ID header", apierror.Huawei, `{"error_code":"APIG.9999","error_msg":"busy"}`, strings.ReplaceAll(strings.ReplaceAll(hostile, "\x00", ""), "\x1b", "")},
		{"bidi message", apierror.Huawei, `{"error_code":"` + esc + `","error_msg":"` + esc + `","request_id":"` + esc + `"}`, ""},
		{"bidi Apinizer", apierror.Apinizer, `{"error":"` + esc + `","error_description":"` + esc + `"}`, ""},
		{"bidi Google", apierror.Google, googleBody(esc, esc), ""},
		{"1 MB Google", apierror.Google, googleBody(huge, huge), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				if tc.rid != "" {
					w.Header()["X-Request-Id"] = []string{tc.rid}
				}
				reply(w, 503, tc.body)
			})
			var buf syncBuffer
			p, _, _ := newTestPipeline(Config{Dialect: tc.dialect, HTTPClient: srv.Client(), Logger: logged(&buf), Retry: retry.Policy{MaxAttempts: 2}})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+"/x", nil))
			e := checkSafeError(t, err)
			assert.Equal(t, 2, e.Attempts)
			lines := checkSafeLog(t, &buf)
			assert.Len(t, lines, 3, "two attempts and a retry")
		})
	}
}

// net/http's own error about a malformed response carries the server's
// bytes: they are cleaned and bounded as any server text.
func TestMalformedResponseHeaderIsCleaned(t *testing.T) {
	rawOnly = true
	t.Cleanup(func() { rawOnly = false })
	for _, tc := range []struct{ name, answer string }{
		{"bad header line", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + hostile + huge + "\r\nContent-Length: 2\r\n\r\n{}"},
		{"bad status line", "HTTP/1.1 2" + hostile + huge + " OK\r\nContent-Length: 2\r\n\r\n{}"},
		{"bad header value", "HTTP/1.1 200 OK\r\nX-Request-Id: " + hostile + "\r\nContent-Length: x" + hostile + "\r\n\r\n{}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := rawServer(t, tc.answer)
			var buf syncBuffer
			p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: &http.Client{Transport: &http.Transport{}}, Logger: logged(&buf), Retry: retry.Policy{MaxAttempts: 2}})
			_, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, "http://"+addr+"/x", nil))
			e := checkSafeError(t, err)
			assert.ErrorIs(t, err, apierror.ErrNetwork)
			assert.NotEmpty(t, e.Message)
			lines := checkSafeLog(t, &buf)
			require.Len(t, lines, 3, "two attempts and a retry")
			assert.Contains(t, lines[1], "cause=", "the retry record names its cause")
			assert.Contains(t, lines[1], "network error")
		})
	}
}

func TestCleanTextBoundsAndIdempotence(t *testing.T) {
	for _, s := range []string{"", "ok", hostile, huge, strings.Repeat("é", 5000), strings.Repeat("\u202e", 5000), " a  b ", strings.Repeat("\xff", 9)} {
		c := apierror.CleanText(s, apierror.MaxRequestIDBytes)
		checkSafeText(t, "CleanText", c, apierror.MaxRequestIDBytes)
		assert.Equal(t, c, apierror.CleanText(c, apierror.MaxRequestIDBytes), "idempotent")
	}
	assert.Equal(t, "ab cd…", apierror.CleanText("ab\u202e  cdefgh", 8))
	var b bytes.Buffer
	b.WriteString("x")
	assert.Equal(t, "x", apierror.CleanText(b.String(), 4))
}
