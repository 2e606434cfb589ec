package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// DefaultWireLogBodyBytes bounds a body in a wire log record when the
// option gives no bound.
const DefaultWireLogBodyBytes = 4 << 10

// secretJSONKeys are the members of a JSON body whose values are
// credentials (in lower case): tokens of token responses, passwords and
// secrets.
var secretJSONKeys = map[string]bool{
	"access_token": true, "refresh_token": true, "id_token": true, "token": true, "accesstoken": true,
	"refreshtoken": true, "password": true, "client_secret": true, "clientsecret": true, "secret": true,
	"secret_key": true, "secretkey": true, "sk": true, "securitytoken": true, "security_token": true,
	"assertion": true, "client_assertion": true,
}

// logWireRequest logs the request of attempt n as sent, with every
// credential redacted.
func (p *Pipeline) logWireRequest(ctx context.Context, op *Op, n int, req *http.Request, body []byte, r *apierror.Redactor) {
	if !p.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	p.log.LogAttrs(ctx, slog.LevelDebug, "apimgmt: wire request",
		slog.String("op", op.Name), slog.Int("attempt", n),
		slog.String("request", req.Method+" "+RedactURL(req.URL, r).String()),
		slog.String("header", headerText(RedactHeader(req.Header, r))),
		slog.String("body", p.wireBody(req.Header.Get("Content-Type"), body, r)))
}

// logWireResponse logs a response; data is its body as read (nil when it
// could not be read).
func (p *Pipeline) logWireResponse(ctx context.Context, op *Op, n int, resp *http.Response, data []byte, r *apierror.Redactor) {
	if !p.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	p.log.LogAttrs(ctx, slog.LevelDebug, "apimgmt: wire response",
		slog.String("op", op.Name), slog.Int("attempt", n),
		slog.String("status", resp.Proto+" "+strconv.Itoa(resp.StatusCode)),
		slog.String("header", headerText(RedactHeader(resp.Header, r))),
		slog.String("body", p.wireBody(resp.Header.Get("Content-Type"), data, r)))
}

// headerText writes h as header lines in name order.
func headerText(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range h[k] {
			if b.Len() > 0 {
				b.WriteString("; ")
			}
			b.WriteString(k + ": " + v)
		}
	}
	return apierror.CleanText(b.String(), 1<<16)
}

// wireBody shows a body for the wire log: JSON with the values of secret
// members redacted, a form with secret fields redacted, other text as is;
// the request's credentials are redacted from all of it, and it is cut
// to the client's bound. A body of another type, or JSON or a form that
// does not parse, is shown only by its size: what it holds cannot be
// redacted with certainty.
func (p *Pipeline) wireBody(contentType string, body []byte, r *apierror.Redactor) string {
	if len(body) == 0 {
		return ""
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	var shown []byte
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		var v any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			return "(" + strconv.Itoa(len(body)) + " bytes, not valid JSON: not shown)"
		}
		out, err := json.Marshal(redactJSON(v))
		if err != nil {
			return "(" + strconv.Itoa(len(body)) + " bytes: not shown)"
		}
		shown = out
	case mt == "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return "(" + strconv.Itoa(len(body)) + " bytes, not a valid form: not shown)"
		}
		for k, vs := range form {
			if secretFormKey(k) {
				for i := range vs {
					vs[i] = Redacted
				}
			}
		}
		shown = []byte(form.Encode())
	case strings.HasPrefix(mt, "text/") || mt == "application/xml" || mt == "":
		shown = body
	default:
		return "(" + strconv.Itoa(len(body)) + " bytes of " + mt + ": not shown)"
	}
	shown = r.Bytes(shown)
	s := apierror.CleanText(string(shown), p.wireMax)
	if len(shown) > p.wireMax {
		s += " (" + strconv.Itoa(len(body)) + " bytes in all)"
	}
	return s
}

func secretFormKey(k string) bool {
	k = strings.ToLower(k)
	for _, f := range secretFormFields {
		if k == f {
			return true
		}
	}
	return secretJSONKeys[k]
}

// redactJSON replaces the values of secret members at any depth.
func redactJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, m := range t {
			if secretJSONKeys[strings.ToLower(k)] {
				t[k] = Redacted
			} else {
				t[k] = redactJSON(m)
			}
		}
	case []any:
		for i := range t {
			t[i] = redactJSON(t[i])
		}
	}
	return v
}
