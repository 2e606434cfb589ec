package apierror

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorText(t *testing.T) {
	e := FromResponse(Huawei, 404, hdr("X-Request-Id", "rid-1"), []byte(`{"error_code":"APIG.3001","error_msg":"API group does not exist"}`))
	e.Op, e.Method, e.Path, e.Attempts = "apigroup.Get", "GET", "/v2/p1/apigw/instances/i1/api-groups/g1", 3
	got := e.Error()
	assert.Equal(t, "apigroup.Get: GET /v2/p1/apigw/instances/i1/api-groups/g1: HTTP 404 APIG.3001 - API group does not exist (request id rid-1, 3 attempts)", got)
	for _, part := range []string{"apigroup.Get", "GET", "/v2/p1/apigw/instances/i1/api-groups/g1", "404", "APIG.3001", "API group does not exist", "rid-1", "3 attempts"} {
		assert.Contains(t, got, part)
	}
}

func TestErrorTextVariants(t *testing.T) {
	cases := []struct {
		name string
		e    *Error
		want string
	}{
		{"empty", &Error{}, ""},
		{"status only", &Error{StatusCode: 503}, "HTTP 503 - Service Unavailable"},
		{"status and code equal", &Error{StatusCode: 404, Status: "NOT_FOUND", Code: "NOT_FOUND", Message: "m"}, "HTTP 404 NOT_FOUND - m"},
		{"google status and reason", &Error{StatusCode: 400, Status: "FAILED_PRECONDITION", Code: "X", Message: "m"}, "HTTP 400 FAILED_PRECONDITION X - m"},
		{"code without status", &Error{Code: "bad_request", Message: "m"}, "bad_request - m"},
		{"status name without HTTP", &Error{Status: "FAILURE", Message: "m"}, "FAILURE - m"},
		{"message only", &Error{Message: "m"}, "m"},
		{"cause as message", &Error{Op: "x.Y", Err: io.ErrUnexpectedEOF}, "x.Y: unexpected EOF"},
		{"one attempt not shown", &Error{Message: "m", Attempts: 1}, "m"},
		{"attempts without request id", &Error{Message: "m", Attempts: 2}, "m (2 attempts)"},
		{"request id alone", &Error{StatusCode: 500, RequestID: "r"}, "HTTP 500 - Internal Server Error (request id r)"},
		{"unknown status text", &Error{StatusCode: 599}, "HTTP 599"},
		{"method without op", &Error{Method: "POST", Path: "/a", Message: "m"}, "POST /a: m"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.e.Error(), c.name)
	}
}

func TestErrorTextNeverLeaks(t *testing.T) {
	// The pipeline fills Path from URL.Path, so a query string cannot reach
	// Error(); the raw body and header values are never printed.
	e := FromResponse(Huawei, 401, hdr("X-Request-Id", "rid", "Authorization", "Bearer secret-token"),
		[]byte(`{"error_code":"APIG.1002","error_msg":"Incorrect token","token":"secret-token"}`))
	e.Op, e.Method, e.Path = "apigroup.List", "GET", "/v2/groups"
	for _, s := range []string{e.Error(), fmt.Sprintf("%v", e), fmt.Sprintf("%+v", e), fmt.Sprintf("%s", e), fmt.Sprintf("%#v", e)} {
		assert.NotContains(t, s, "secret-token")
		assert.NotContains(t, s, "?")
		assert.NotContains(t, s, "token\":", "the body's text is never printed")
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{Op: "apigroup.Get", Method: "GET", Path: "/g/1", StatusCode: 404, Code: "APIG.3001", Message: `say "hi"`, Body: []byte("BODY-BYTES")}
	want := e.Error()
	assert.Equal(t, want, fmt.Sprintf("%v", e))
	assert.Equal(t, want, fmt.Sprintf("%+v", e))
	assert.Equal(t, want, fmt.Sprintf("%s", e))
	assert.Equal(t, fmt.Sprintf("%q", want), fmt.Sprintf("%q", e))
	assert.NotContains(t, fmt.Sprintf("%+v", e), "BODY-BYTES", "no field dump")
	wrapped := fmt.Errorf("outer: %w", e)
	assert.Equal(t, "outer: "+want, wrapped.Error())
}

func TestErrorUnwrapAndIs(t *testing.T) {
	cause := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	e := &Error{Err: cause, Message: "m"}
	AddKind(e, ErrNetwork)
	assert.Same(t, cause, errors.Unwrap(e))
	assert.True(t, errors.Is(e, ErrNetwork))
	var opErr *net.OpError
	require.True(t, errors.As(e, &opErr))
	assert.Equal(t, "dial", opErr.Op)

	e2 := &Error{Err: context.Canceled}
	assert.True(t, errors.Is(e2, context.Canceled))
	assert.False(t, errors.Is(e2, ErrTimeout))
	assert.Nil(t, (&Error{}).Unwrap())

	// Through wrapping.
	w := fmt.Errorf("ctx: %w", e)
	var got *Error
	require.True(t, errors.As(w, &got))
	assert.Same(t, e, got)
	assert.True(t, errors.Is(w, ErrNetwork))
	assert.False(t, errors.Is(w, ErrNotFound))
}

func TestAddKindAndKinds(t *testing.T) {
	e := &Error{}
	assert.Empty(t, e.Kinds)
	AddKind(e, nil)
	assert.Empty(t, e.Kinds)
	AddKind(e, ErrNotFound)
	AddKind(e, ErrForbidden)
	AddKind(e, ErrNotFound)
	assert.Equal(t, []error{ErrNotFound, ErrForbidden}, e.Kinds)
	assert.True(t, e.Is(ErrForbidden))
	assert.False(t, e.Is(errors.New("apimgmt: not found")), "identity, not text")
}

func TestErrorGoString(t *testing.T) {
	// %#v shows the fields (not the same text as Error), the body and
	// detail contents by their length only.
	e := &Error{Op: "apigroup.Get", Method: "GET", Path: "/g/1", StatusCode: 404, Code: "APIG.3001", Message: "m",
		RequestID: "r", Attempts: 2, Body: []byte("BODY-BYTES"), Details: []Detail{{Type: "t", Raw: []byte("RAW")}}, Err: io.EOF}
	AddKind(e, ErrNotFound)
	got := fmt.Sprintf("%#v", e)
	assert.NotEqual(t, e.Error(), got)
	for _, part := range []string{`Op:"apigroup.Get"`, `StatusCode:404`, `Code:"APIG.3001"`, `RequestID:"r"`, `Attempts:2`, `Body:<10 bytes>`, `Raw:<3 bytes>`, `Err:"EOF"`, `"apimgmt: not found"`} {
		assert.Contains(t, got, part)
	}
	assert.NotContains(t, got, "BODY-BYTES")
	assert.NotContains(t, got, "RAW")
	assert.Equal(t, got, e.GoString())
}

func TestKindForStatus(t *testing.T) {
	cases := map[int]error{
		200: nil, 204: nil, 0: nil, 100: nil,
		301: ErrRedirect, 302: ErrRedirect, 307: ErrRedirect, 308: ErrRedirect, 304: ErrRedirect,
		400: ErrInvalidRequest, 405: ErrInvalidRequest, 413: ErrInvalidRequest, 422: ErrInvalidRequest,
		401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound, 410: ErrNotFound,
		408: ErrTimeout, 409: ErrConflict, 412: ErrPreconditionFailed, 429: ErrThrottled,
		500: ErrServerError, 502: ErrServerError, 503: ErrServerError, 504: ErrServerError, 599: ErrServerError,
	}
	for s, want := range cases {
		assert.Equal(t, want, KindForStatus(s), "status %d", s)
	}
	assert.Equal(t, ErrNotFound, KindForStatus(http.StatusGone))
}

func TestSentinelsDistinct(t *testing.T) {
	all := []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict, ErrPreconditionFailed,
		ErrThrottled, ErrInvalidRequest, ErrServerError, ErrTimeout, ErrRedirect, ErrNetwork,
		ErrResponseTooLarge, ErrMalformedResponse, ErrInsecureTransport, ErrValidation, ErrDeployment}
	seen := map[string]bool{}
	for i, a := range all {
		assert.True(t, strings.HasPrefix(a.Error(), "apimgmt: "))
		assert.False(t, seen[a.Error()], a.Error())
		seen[a.Error()] = true
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b))
		}
	}
}

func TestValidator(t *testing.T) {
	var v Validator
	assert.NoError(t, v.Err("apigroup.Create"))
	v.Check(true, "name", "must not be empty")
	assert.NoError(t, v.Err("apigroup.Create"))

	v.Check(false, "name", "must not be empty")
	v.Add("clientRoute.relativePathList[0]", "must start with /")
	err := v.Err("apigroup.Create")
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrValidation))
	assert.False(t, errors.Is(err, ErrInvalidRequest))
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, "apigroup.Create", ve.Op)
	assert.Equal(t, []FieldError{
		{Field: "name", Problem: "must not be empty"},
		{Field: "clientRoute.relativePathList[0]", Problem: "must start with /"},
	}, ve.Fields)
	assert.Equal(t, "apigroup.Create: invalid input: name must not be empty; clientRoute.relativePathList[0] must start with /", err.Error())

	wrapped := fmt.Errorf("x: %w", err)
	assert.True(t, errors.Is(wrapped, ErrValidation))

	noOp := (&ValidationError{Fields: []FieldError{{Field: "a", Problem: "bad"}}}).Error()
	assert.Equal(t, "invalid input: a bad", noOp)
}

func TestValidatorPathSegment(t *testing.T) {
	cases := map[string]string{
		"":          "is required",
		".":         `must not be "." or ".."`,
		"..":        `must not be "." or ".."`,
		"a/b":       "must not contain a slash",
		`a\b`:       "must not contain a slash",
		"a\nb":      "must not contain control characters",
		"a\x7fb":    "must not contain control characters",
		"a\u0085b":  "must not contain control characters",
		"a\x00":     "must not contain control characters",
		"group one": "",
		"g%2F":      "",
		"...":       "",
		"über":      "",
	}
	for in, problem := range cases {
		var v Validator
		ok := v.PathSegment("group_id", in)
		assert.Equal(t, problem == "", ok, "%q", in)
		err := v.Err("op")
		if problem == "" {
			assert.NoError(t, err, "%q", in)
			continue
		}
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), "%q", in)
		assert.Equal(t, []FieldError{{Field: "group_id", Problem: problem}}, ve.Fields, "%q", in)
	}
}

func TestValidatorID(t *testing.T) {
	cases := map[string]string{
		"73c58022f20d495aa18885d718647f09": "",
		"":                                 "is required",
		"..":                               `must not be "." or ".."`,
		"a/b":                              "must not contain a slash",
		"a b":                              "must not contain spaces or any of %?#",
		"a\tb":                             "must not contain control characters",
		"a%2e":                             "must not contain spaces or any of %?#",
		"a?x=1":                            "must not contain spaces or any of %?#",
		"a#f":                              "must not contain spaces or any of %?#",
		strings.Repeat("a", 128):           "",
		strings.Repeat("a", 129):           "must be at most 128 characters",
	}
	for in, problem := range cases {
		var v Validator
		ok := v.ID("id", in)
		assert.Equal(t, problem == "", ok, "%q", in)
		if problem == "" {
			assert.NoError(t, v.Err("op"))
			continue
		}
		var ve *ValidationError
		require.True(t, errors.As(v.Err("op"), &ve))
		require.Len(t, ve.Fields, 1, "one problem per field: %q", in)
		assert.Equal(t, problem, ve.Fields[0].Problem, "%q", in)
	}
}

func TestValidatorNoControl(t *testing.T) {
	var v Validator
	assert.True(t, v.NoControl("remark", "plain text, ünïcode ✓"))
	assert.True(t, v.NoControl("remark", ""))
	assert.NoError(t, v.Err("op"))
	assert.False(t, v.NoControl("remark", "line\r\nX-Header: y"))
	assert.False(t, v.NoControl("name", "bell\a"))
	var ve *ValidationError
	require.True(t, errors.As(v.Err("op"), &ve))
	assert.Equal(t, []FieldError{
		{Field: "remark", Problem: "must not contain control characters"},
		{Field: "name", Problem: "must not contain control characters"},
	}, ve.Fields)
}
