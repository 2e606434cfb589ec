package transport

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

// answer is a success response as Pipeline.Do returns it.
func answer(body string) *http.Response {
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: genrt.NewBody([]byte(body)),
		Request: httptest.NewRequest(http.MethodGet, "https://api.example/things/1", nil)}
}

type thing struct {
	Name  string   `json:"name"`
	Tags  []string `json:"tags"`
	Inner *struct {
		N int `json:"n"`
	} `json:"inner"`
}

func requireMalformed(t *testing.T, err error) {
	t.Helper()
	var e *apierror.Error
	require.True(t, errors.As(err, &e), "%v (%T) is not an *Error", err, err)
	assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, "op.Get", e.Op)
	assert.Equal(t, "/things/1", e.Path)
}

// A body of the wrong JSON kind, null included, is malformed for a struct,
// a map and a slice alike; null inside the value is encoding/json's usual
// "absent".
func TestDecodeRefusesTheWrongKind(t *testing.T) {
	for _, body := range []string{`null`, " \r\n\tnull\n", `[]`, `[{"name":"x"}]`, `"x"`, `0`, `-1.5`, `true`, `false`, ``, `  `, `nul`, `null x`} {
		_, err := Decode[thing]("op.Get", answer(body), nil)
		requireMalformed(t, err)
		_, err = Decode[map[string]string]("op.Get", answer(body), nil)
		requireMalformed(t, err)
		_, _, err = DecodeModelled[thing]("op.Get", answer(body), nil)
		requireMalformed(t, err)
		if body != `[]` && body != `[{"name":"x"}]` {
			_, err = Decode[[]thing]("op.Get", answer(body), nil)
			requireMalformed(t, err)
		}
	}
	v, err := Decode[thing]("op.Get", answer(`{"name":null,"tags":null,"inner":null}`), nil)
	require.NoError(t, err)
	assert.Equal(t, thing{}, *v)
	s, err := Decode[[]thing]("op.Get", answer(` [] `), nil)
	require.NoError(t, err)
	assert.Equal(t, []thing{}, *s)
}

func TestDecodeModelled(t *testing.T) {
	for _, tc := range []struct {
		body    string
		unknown bool
	}{
		{`{"name":"a","tags":["x"],"inner":{"n":1}}`, false},
		{` {} `, false},
		{`{"NAME":"a"}`, false}, // encoding/json matches names case-insensitively
		{`{"name":"a","extra":1}`, true},
		{`{"name":"a","inner":{"n":1,"deep":true}}`, true},
	} {
		v, unknown, err := DecodeModelled[thing]("op.Get", answer(tc.body), nil)
		require.NoError(t, err, tc.body)
		assert.Equal(t, tc.unknown, unknown, tc.body)
		want, err := Decode[thing]("op.Get", answer(tc.body), nil)
		require.NoError(t, err)
		assert.Equal(t, want, v, "%s: the same value as Decode", tc.body)
	}
	// What follows the value is an error, as for Decode.
	_, _, err := DecodeModelled[thing]("op.Get", answer(`{"name":"a"} {}`), nil)
	requireMalformed(t, err)
	_, _, err = DecodeModelled[thing]("op.Get", answer(`{"name":1}`), nil)
	requireMalformed(t, err)
}
