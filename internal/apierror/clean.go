package apierror

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Bounds of the server text an *Error keeps, in bytes after cleaning. A
// request ID is an opaque token of a few dozen bytes; a message is a
// sentence or a paragraph; codes, statuses, domains and detail types are
// short names. Text beyond a bound is cut at a character boundary and ends
// in "…" (Body and Details are cut without a mark).
const (
	// MaxRequestIDBytes bounds RequestID.
	MaxRequestIDBytes = 256
	// MaxMessageBytes bounds Message (and the text of a wrapped cause).
	MaxMessageBytes = 4 << 10
	// MaxNameBytes bounds Code, Status, Domain and each Detail's Type.
	MaxNameBytes = 256
	// MaxDetails is how many of Google's error details an *Error keeps.
	MaxDetails = 16
	// MaxDetailBytes bounds each Detail's Raw: a larger detail is dropped
	// (a cut JSON object could not be decoded).
	MaxDetailBytes = 4 << 10
)

// Redacted replaces every credential found in server text.
const Redacted = "[REDACTED]"

// Clean makes a server-supplied text safe to print on one line, as the
// texts of *Error are: it is CleanText with MaxMessageBytes. Service
// packages use it for texts that reach their own error types (a
// deployment's per-pod details).
func Clean(s string) string { return CleanText(s, MaxMessageBytes) }

// CleanText is the one function that makes server text safe to keep and
// print on one line: invalid UTF-8 becomes U+FFFD; control characters,
// format characters (bidi overrides and isolates such as U+202E, zero-width
// joiners) and line and paragraph separators become spaces; runs of white
// space collapse to one space, with none at either end; and the result is
// at most limit bytes (limit is at least 4), cut at a character boundary
// and ending in "…" when it was cut. CleanText is idempotent.
func CleanText(s string, limit int) string {
	if alreadyClean(s, limit) {
		return s
	}
	out := make([]byte, 0, min(len(s), limit+utf8.UTFMax+1))
	space, cut, invalid := false, false, false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		// A run of invalid bytes becomes one U+FFFD, as with
		// strings.ToValidUTF8.
		bad := r == utf8.RuneError && size == 1
		if bad && invalid {
			continue
		}
		invalid = bad
		if unsafeRune(r) || unicode.IsSpace(r) {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = utf8.AppendRune(out, r)
		if len(out) > limit {
			cut = true
			break
		}
	}
	if !cut {
		return string(out)
	}
	const ellipsis = "…"
	n := limit - len(ellipsis)
	for n > 0 && !utf8.RuneStart(out[n]) {
		n--
	}
	out = bytes.TrimRight(out[:n], " ")
	return string(out) + ellipsis
}

// alreadyClean reports, cheaply, that s is printable ASCII within limit
// with single inner spaces: the common case, kept without a copy.
func alreadyClean(s string, limit int) bool {
	if len(s) > limit {
		return false
	}
	prevSpace := true // no leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c > ' ' && c < 0x7f:
			prevSpace = false
		default:
			return false
		}
	}
	return !prevSpace || s == ""
}

// unsafeRune reports a character that could split a log line or disguise
// what a terminal shows.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// cleanBytes is CleanText for a raw copy of a body or of a JSON detail:
// invalid UTF-8, control, format and separator characters are replaced as
// CleanText does, but white space is kept as it is (a JSON document stays
// one), and the result is cut at a character boundary to at most limit
// bytes, without a mark. It always returns a new slice (nil for none).
func cleanBytes(b []byte, limit int) []byte {
	if len(b) == 0 {
		return nil
	}
	out := make([]byte, 0, min(len(b), limit))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if unsafeRune(r) {
			r = ' '
		}
		if len(out)+utf8.RuneLen(r) > limit {
			break
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// A Redactor replaces known secrets (the credentials a request carried) by
// Redacted in server text, in the forms a server that echoes the request
// would write them: as sent, form- or path-escaped, JSON-escaped (with and
// without HTML escaping, with escaped slashes, with non-ASCII as \u
// escapes) and HTML-escaped. A nil *Redactor redacts nothing.
type Redactor struct {
	olds []string // longest first
	rep  *strings.Replacer
}

// NewRedactor returns a Redactor for secrets; empty ones are ignored. It
// returns nil when there is nothing to redact.
func NewRedactor(secrets ...string) *Redactor {
	set := map[string]bool{}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, v := range secretForms(s) {
			if v != "" {
				set[v] = true
			}
		}
	}
	if len(set) == 0 {
		return nil
	}
	r := &Redactor{olds: make([]string, 0, len(set))}
	for v := range set {
		r.olds = append(r.olds, v)
	}
	// strings.Replacer prefers the earlier of two matches at one place:
	// the longest form (a whole header value) before its parts.
	sort.Slice(r.olds, func(i, j int) bool {
		if len(r.olds[i]) != len(r.olds[j]) {
			return len(r.olds[i]) > len(r.olds[j])
		}
		return r.olds[i] < r.olds[j]
	})
	pairs := make([]string, 0, 2*len(r.olds))
	for _, v := range r.olds {
		pairs = append(pairs, v, Redacted)
	}
	r.rep = strings.NewReplacer(pairs...)
	return r
}

// secretForms returns the forms in which s may come back in an echo.
func secretForms(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s), html.EscapeString(s)}
	for _, escapeHTML := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if enc.Encode(s) == nil {
			j := strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)
			j = strings.TrimPrefix(j, `"`)
			slashed := strings.ReplaceAll(j, "/", `\/`)
			forms = append(forms, j, slashed, asciiJSON(j), asciiJSON(slashed))
		}
	}
	return forms
}

// asciiJSON writes the non-ASCII characters of a JSON string's content as
// \u escapes (surrogate pairs beyond the BMP), as ASCII-only encoders do.
func asciiJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// String returns s with every secret replaced.
func (r *Redactor) String(s string) string {
	if r == nil || !r.containsString(s) {
		return s
	}
	return r.rep.Replace(s)
}

// Bytes returns b with every secret replaced: b itself when it holds none,
// else a new slice.
func (r *Redactor) Bytes(b []byte) []byte {
	if r == nil || !r.containsBytes(b) {
		return b
	}
	return []byte(r.rep.Replace(string(b)))
}

// Header returns h itself when no value holds a secret, else a copy with
// every value redacted.
func (r *Redactor) Header(h http.Header) http.Header {
	if r == nil {
		return h
	}
	found := false
	for _, vs := range h {
		for _, v := range vs {
			found = found || r.containsString(v)
		}
	}
	if !found {
		return h
	}
	c := h.Clone()
	for _, vs := range c {
		for i, v := range vs {
			vs[i] = r.String(v)
		}
	}
	return c
}

func (r *Redactor) containsString(s string) bool {
	for _, v := range r.olds {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

func (r *Redactor) containsBytes(b []byte) bool {
	for _, v := range r.olds {
		if bytes.Contains(b, []byte(v)) {
			return true
		}
	}
	return false
}

// Sanitize redacts r's secrets (r may be nil) from every piece of server
// text e keeps, and then cleans and bounds it (CleanText, cleanBytes):
// Message, Code, Status, Domain, RequestID, Body, Details, and the text of
// Err, which is replaced by an error with the cleaned text that wraps the
// original (errors.Is and errors.As see through it). A wrapped *Error is
// sanitized too. Every place where server text enters an *Error calls it.
func Sanitize(e *Error, r *Redactor) {
	e.Message = CleanText(r.String(e.Message), MaxMessageBytes)
	e.Code = CleanText(r.String(e.Code), MaxNameBytes)
	e.Status = CleanText(r.String(e.Status), MaxNameBytes)
	e.Domain = CleanText(r.String(e.Domain), MaxNameBytes)
	e.RequestID = CleanText(r.String(e.RequestID), MaxRequestIDBytes)
	if e.Body != nil {
		e.Body = cleanBytes(r.Bytes(e.Body), MaxBodyCopy)
	}
	details := e.Details[:0]
	for _, d := range e.Details {
		if len(details) == MaxDetails {
			break
		}
		raw := cleanBytes(r.Bytes(d.Raw), MaxDetailBytes+1)
		if len(raw) > MaxDetailBytes {
			continue
		}
		details = append(details, Detail{Type: CleanText(r.String(d.Type), MaxNameBytes), Raw: raw})
	}
	clear(e.Details[len(details):])
	e.Details = details
	if len(e.Details) == 0 {
		e.Details = nil
	}
	var inner *Error
	switch err := e.Err.(type) {
	case nil, *cleanError:
	case *Error:
		Sanitize(err, r)
	default:
		if errors.As(err, &inner) && inner != nil {
			Sanitize(inner, r)
		}
		e.Err = &cleanError{text: CleanText(r.String(err.Error()), MaxMessageBytes), err: err}
	}
}

// cleanError is a cause whose text has been sanitized; it unwraps to the
// original error for errors.Is and errors.As.
type cleanError struct {
	text string
	err  error
}

func (c *cleanError) Error() string { return c.text }
func (c *cleanError) Unwrap() error { return c.err }
