// Package genrt holds what the generated clients under internal/gen share:
// the code that the client template (openapi/templates/client.tmpl) would
// otherwise write into every generated file. It is a leaf package: it
// imports only the standard library, so the generated clients stay
// independent of the request pipeline.
package genrt

import (
	"bytes"
	"encoding/json"
	"strings"
)

// URL returns server (which ends in '/') followed by path without its
// leading '/', each "%s" of path replaced by the next of args (escaped path
// parameters), and "?" and query when query is not empty. It allocates
// once.
func URL(server, path, query string, args ...string) string {
	path = strings.TrimPrefix(path, "/")
	n := len(server) + len(path) + len(query) + 1
	for _, a := range args {
		n += len(a)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(server)
	for _, a := range args {
		i := strings.Index(path, "%s")
		if i < 0 {
			break
		}
		b.WriteString(path[:i])
		b.WriteString(a)
		path = path[i+2:]
	}
	b.WriteString(path)
	if query != "" {
		b.WriteByte('?')
		b.WriteString(query)
	}
	return b.String()
}

// Query joins the query fragments of a request ("name=value" pairs, as the
// runtime's form style writes them) with '&', writing a space as %20 where
// url.QueryEscape (which the runtime uses) writes '+'. So the wire carries
// what the AK/SK signature canonicalises (%20, never '+'), as the vendors'
// own SDKs send it, and a gateway that reads '+' literally sees what was
// signed. The rewrite loses nothing: url.QueryEscape writes a literal '+' as
// %2B, so a '+' in its output can only be a space.
func Query(frags []string) string {
	return strings.ReplaceAll(strings.Join(frags, "&"), "+", "%20")
}

// MarshalJSON encodes a request body. Unlike json.Marshal it does not
// escape <, > and & (a request body is not embedded in HTML), so that what
// the caller set is what goes on the wire: "R&D", not "R\u0026D". It costs
// what json.Marshal does. Pass a struct by address: encoding/json, on the
// json/v2 engine of Go 1.27, first copies a value it is given into a new
// addressable one (an allocation of the struct's size).
func MarshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return unescapeHTML(b), nil
}

// unescapeHTML turns the escapes json.Marshal writes for <, > and &
// (\u003c, \u003e, \u0026) back into the characters, in place. It walks
// escape by escape, so an escaped backslash followed by "u0026" is left
// alone; a text without such an escape is returned as it is.
func unescapeHTML(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u00`)) {
		return b
	}
	out := b[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		if b[i+1] == 'u' && i+5 < len(b) && b[i+2] == '0' && b[i+3] == '0' {
			switch string(b[i+4 : i+6]) {
			case "3c":
				out = append(out, '<')
				i += 5
				continue
			case "3e":
				out = append(out, '>')
				i += 5
				continue
			case "26":
				out = append(out, '&')
				i += 5
				continue
			}
		}
		out = append(out, c, b[i+1])
		i++
	}
	return out
}

// Body is a request or response body held in memory. Its Bytes method lets
// the client's HttpRequestDoer (apimgmt-go's pipeline) take the bytes of a
// request as they are, to sign and replay them, and the service packages
// those of a response, instead of reading and copying the body. The reader
// behind Read is made on the first Read: the pipeline and the service
// packages never read a Body as a stream, so that a call does not pay for a
// reader twice.
type Body struct {
	data []byte
	r    *bytes.Reader
}

// NewBody returns a Body reading b. The caller must not change b afterwards.
func NewBody(b []byte) *Body { return &Body{data: b} }

// Read reads the body as a stream.
func (b *Body) Read(p []byte) (int, error) {
	if b.r == nil {
		b.r = bytes.NewReader(b.data)
	}
	return b.r.Read(p)
}

// Close does nothing.
func (*Body) Close() error { return nil }

// Bytes returns the whole body.
func (b *Body) Bytes() []byte { return b.data }

// ContentLength returns the length of a body that holds its bytes in memory
// (a Body, or any reader with a Bytes method), and 0 otherwise; it is for
// the bodies http.NewRequest cannot measure.
func ContentLength(body any) int64 {
	if b, ok := body.(interface{ Bytes() []byte }); ok {
		return int64(len(b.Bytes()))
	}
	return 0
}
