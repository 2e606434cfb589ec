package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

// sendBody returns the body of one attempt. It is an io.NopCloser around a
// *bytes.Reader because net/http recognises that pair as in memory and
// writes the headers and the body in one go; any other reader costs a
// separate write (a packet of its own) for the headers.
func sendBody(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

// Body returns an in-memory request body that the pipeline takes as it is,
// without reading and copying it: a genrt.Body, as the generated clients'
// JSON bodies are. The caller must not change b afterwards.
func Body(b []byte) io.ReadCloser { return genrt.NewBody(b) }

// drainBody reads a request body once, so it can be replayed and signed. A
// body that holds its bytes in memory (a genrt.Body) is taken as it is.
func drainBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	if m, ok := req.Body.(*genrt.Body); ok {
		return m.Bytes(), nil
	}
	if req.ContentLength > 0 {
		b := make([]byte, req.ContentLength)
		if _, err := io.ReadFull(req.Body, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	return io.ReadAll(req.Body)
}

// readBody reads and closes a response body, failing with
// ErrResponseTooLarge past limit bytes.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	// A HEAD response (and 204/304) carries no body, although its
	// Content-Length may describe the resource's size.
	if resp.Body == http.NoBody || (resp.Request != nil && resp.Request.Method == http.MethodHead) {
		return nil, nil
	}
	if n := resp.ContentLength; n > limit {
		return nil, apierror.ErrResponseTooLarge
	} else if n > 0 {
		b := make([]byte, n)
		if _, err := io.ReadFull(resp.Body, b); err != nil {
			return nil, err
		}
		return b, nil
	} else if n == 0 {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, apierror.ErrResponseTooLarge
	}
	return b, nil
}

// Bytes returns the body of a response returned by Pipeline.Do.
func Bytes(resp *http.Response) []byte {
	if m, ok := resp.Body.(*genrt.Body); ok {
		return m.Bytes()
	}
	b, _ := io.ReadAll(resp.Body)
	return b
}

// EncodeJSON encodes v as a JSON request body. Unlike json.Marshal it does
// not escape <, > and & (a request body is not embedded in HTML), so that a
// value the caller set, or a field kept from a response, goes on the wire as
// written: "R&D", not "R\u0026D". It is genrt.MarshalJSON, which the
// generated clients use for their bodies.
func EncodeJSON(v any) ([]byte, error) { return genrt.MarshalJSON(v) }

// DecodeJSON decodes the JSON body of a success response into v, a pointer,
// with encoding/json. A body that does not decode becomes an *apierror.Error
// matching ErrMalformedResponse, carrying the status, request ID and a
// bounded copy of the body. So does a body of another JSON kind than v's:
// an array, string, number or boolean where an object is expected (as
// encoding/json reports it), and null (checkNull). Nesting is bounded by
// encoding/json's own depth limit.
func DecodeJSON(op string, resp *http.Response, v any) error {
	data := Bytes(resp)
	err := checkNull(data, v)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err == nil {
		return nil
	}
	return MalformedError(op, resp, data, err)
}

// MalformedError reports a success response whose body could not be used.
func MalformedError(op string, resp *http.Response, data []byte, cause error) error {
	e := &apierror.Error{
		Op:         op,
		StatusCode: resp.StatusCode,
		RequestID:  apierror.Clean(resp.Header.Get("X-Request-Id")),
		Message:    "decoding the response body failed",
		Err:        cause,
		Body:       append([]byte(nil), data[:min(len(data), apierror.MaxBodyCopy)]...),
		Attempts:   1,
	}
	if resp.Request != nil {
		e.Method, e.Path = resp.Request.Method, resp.Request.URL.Path
	}
	var syn *json.SyntaxError
	if len(data) == 0 || errors.As(cause, &syn) || errors.Is(cause, io.ErrUnexpectedEOF) {
		e.Message = "the response body is not valid JSON"
	}
	apierror.AddKind(e, apierror.ErrMalformedResponse)
	sanitizeMalformed(e, resp) // server text and the call's credentials
	return e
}
