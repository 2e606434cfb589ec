package transport

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

func TestDecodeJSONMalformed(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/html":
			reply(w, 200, `<html><title>Login</title></html>`, "Content-Type", "text/html", "X-Request-Id", "rid-h")
		case "/truncated":
			reply(w, 200, `{"id":"g1","na`)
		case "/type":
			reply(w, 200, `{"id":42}`)
		case "/empty":
			w.WriteHeader(200)
		case "/big":
			reply(w, 200, "x"+strings.Repeat("y", 2*apierror.MaxBodyCopy))
		}
	})
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	get := func(path string) *http.Response {
		resp, err := p.Do(newReq(t, context.Background(), getOp, http.MethodGet, srv.URL+path+"?q=hidden", nil))
		require.NoError(t, err)
		return resp
	}
	var v struct{ ID string }

	err := DecodeJSON("svc.Get", get("/html"), &v)
	e := asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, "rid-h", e.RequestID)
	assert.Equal(t, "svc.Get", e.Op)
	assert.Equal(t, http.MethodGet, e.Method)
	assert.Equal(t, "/html", e.Path)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, "the response body is not valid JSON", e.Message)
	assert.Equal(t, `<html><title>Login</title></html>`, string(e.Body))
	var syn *json.SyntaxError
	assert.ErrorAs(t, err, &syn)
	assert.NotContains(t, err.Error(), "hidden")
	assert.Equal(t, "svc.Get: GET /html: HTTP 200 - the response body is not valid JSON (request id rid-h)", err.Error())

	err = DecodeJSON("svc.Get", get("/truncated"), &v)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Equal(t, "the response body is not valid JSON", asAPIError(t, err).Message)

	err = DecodeJSON("svc.Get", get("/type"), &v)
	e = asAPIError(t, err)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Equal(t, "decoding the response body failed", e.Message)
	var ute *json.UnmarshalTypeError
	assert.ErrorAs(t, err, &ute)

	err = DecodeJSON("svc.Get", get("/empty"), &v)
	e = asAPIError(t, err)
	assert.Equal(t, "the response body is not valid JSON", e.Message)
	assert.Empty(t, e.Body)

	err = DecodeJSON("svc.Get", get("/big"), &v)
	e = asAPIError(t, err)
	assert.Len(t, e.Body, apierror.MaxBodyCopy)
	assert.NotErrorIs(t, err, apierror.ErrNotFound)
}

func TestMalformedErrorWithoutRequest(t *testing.T) {
	resp := &http.Response{StatusCode: 201, Header: http.Header{"X-Request-Id": {"r"}}}
	data := []byte("nope")
	cause := errors.New("custom")
	err := MalformedError("svc.Create", resp, data, cause)
	e := asAPIError(t, err)
	assert.Empty(t, e.Method)
	assert.Empty(t, e.Path)
	assert.Equal(t, 201, e.StatusCode)
	assert.Equal(t, "r", e.RequestID)
	assert.Equal(t, "decoding the response body failed", e.Message)
	assert.ErrorIs(t, err, cause)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	data[0] = 'N'
	assert.Equal(t, "nope", string(e.Body), "the body is copied")

	err = MalformedError("op", resp, nil, io.ErrUnexpectedEOF)
	assert.Equal(t, "the response body is not valid JSON", asAPIError(t, err).Message)
}

func TestBytesOnForeignResponse(t *testing.T) {
	resp := &http.Response{Body: io.NopCloser(strings.NewReader(`{"a":1}`))}
	assert.Equal(t, `{"a":1}`, string(Bytes(resp)))
	resp = &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"a":1}`))}
	var v map[string]int
	require.NoError(t, DecodeJSON("op", resp, &v))
	assert.Equal(t, map[string]int{"a": 1}, v)
}

func TestBody(t *testing.T) {
	m := Body([]byte("hello"))
	b, err := io.ReadAll(m)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(b))
	assert.NoError(t, m.Close())
	assert.Equal(t, "hello", string(m.(*genrt.Body).Bytes()))
	n, err := m.Read(make([]byte, 1))
	assert.Equal(t, 0, n)
	assert.Equal(t, io.EOF, err)
}

func TestDrainBody(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "https://h/x", nil)
	b, err := drainBody(req)
	require.NoError(t, err)
	assert.Nil(t, b)

	req.Body = http.NoBody
	b, err = drainBody(req)
	require.NoError(t, err)
	assert.Nil(t, b)

	req, _ = http.NewRequest(http.MethodPost, "https://h/x", strings.NewReader("abc"))
	b, err = drainBody(req)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(b))

	m := Body([]byte("mem"))
	req.Body, req.ContentLength = m, 3
	b, err = drainBody(req)
	require.NoError(t, err)
	assert.Equal(t, "mem", string(b))
}

func TestGetBodyReplays(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 200, `{}`) })
	p, _, _ := newTestPipeline(Config{Dialect: apierror.Huawei, HTTPClient: srv.Client()})
	req := newReq(t, context.Background(), putOp, http.MethodPut, srv.URL+"/x", io.NopCloser(strings.NewReader("payload")))
	_, err := p.Do(req)
	require.NoError(t, err)
	require.NotNil(t, req.GetBody)
	for range 2 {
		rc, err := req.GetBody()
		require.NoError(t, err)
		b, _ := io.ReadAll(rc)
		assert.Equal(t, "payload", string(b))
	}
	assert.Equal(t, int64(7), req.ContentLength)
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func TestReadBody(t *testing.T) {
	get, _ := http.NewRequest(http.MethodGet, "https://h/x", nil)
	head, _ := http.NewRequest(http.MethodHead, "https://h/x", nil)
	cases := []struct {
		name    string
		body    string
		cl      int64
		req     *http.Request
		want    string
		wantErr error
	}{
		{"known length", "abcd", 4, get, "abcd", nil},
		{"unknown length", "abcd", -1, get, "abcd", nil},
		{"zero length", "ignored", 0, get, "", nil},
		{"at limit unknown", "0123456789", -1, get, "0123456789", nil},
		{"over limit unknown", "0123456789X", -1, get, "", apierror.ErrResponseTooLarge},
		{"over limit known", "0123456789X", 11, get, "", apierror.ErrResponseTooLarge},
		{"short known", "ab", 4, get, "", io.ErrUnexpectedEOF},
		{"head", "", 99, head, "", nil},
		{"no request", "xy", 2, nil, "xy", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := &closeRecorder{Reader: strings.NewReader(c.body)}
			resp := &http.Response{Body: body, ContentLength: c.cl, Request: c.req}
			b, err := readBody(resp, 10)
			assert.True(t, body.closed, "the body is closed")
			if c.wantErr != nil {
				assert.ErrorIs(t, err, c.wantErr)
				assert.Nil(t, b)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, string(b))
		})
	}
	resp := &http.Response{Body: http.NoBody, ContentLength: 50, Request: get}
	b, err := readBody(resp, 10)
	assert.NoError(t, err)
	assert.Nil(t, b)

	fail := &closeRecorder{Reader: failingReader{}}
	_, err = readBody(&http.Response{Body: fail, ContentLength: -1, Request: get}, 10)
	assert.EqualError(t, err, "disk on fire")
}

func TestDecode(t *testing.T) {
	type group struct{ ID string }
	ok := &http.Response{StatusCode: 200, Body: Body([]byte(`{"ID":"g1"}`))}
	g, err := Decode[group]("svc.Get", ok, nil)
	require.NoError(t, err)
	assert.Equal(t, &group{ID: "g1"}, g)

	cause := &apierror.Error{Message: "boom"}
	g, err = Decode[group]("svc.Get", nil, cause)
	assert.Nil(t, g)
	assert.Same(t, cause, err, "a pipeline error is returned as is")

	bad := &http.Response{StatusCode: 200, Body: Body([]byte(`{"ID":`))}
	g, err = Decode[group]("svc.Get", bad, nil)
	assert.Nil(t, g)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Equal(t, "svc.Get", asAPIError(t, err).Op)
}
func TestEncodeJSONKeepsWhatWasSet(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{map[string]any{"description": "R&D <team>", "raw": json.RawMessage(`{ "&" : [ ] }`)}, `{"description":"R&D <team>","raw":{"&":[]}}`},
		{"line\u2028sep", `"line\u2028sep"`}, // encoding/json always escapes U+2028 in strings
		{nil, "null"},
	} {
		got, err := EncodeJSON(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("EncodeJSON(%#v) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := EncodeJSON(func() {}); err == nil {
		t.Error("EncodeJSON(func) did not fail")
	}
}
