package transport

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/jsonkeep"
)

// Decode takes what a generated client's call returned and decodes the
// success body into a new T with DecodeJSON, the one way every service reads
// a response. When err is set (the pipeline already turned every failure
// into an *apierror.Error) it is returned as is.
func Decode[T any](op string, resp *http.Response, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := DecodeJSON(op, resp, v); err != nil {
		return nil, err
	}
	return v, nil
}

// DecodeModelled is Decode that also reports whether the body has members
// that T does not model, at any depth, so that a caller that must send them
// back keeps the body only then (see jsonkeep). It decodes once with
// encoding/json's DisallowUnknownFields; only a body that this refuses is
// decoded a second time (jsonkeep.Decode), and one that does not decode is
// reported as Decode reports it. encoding/json matches member names
// case-insensitively, so a member that differs from a modelled one only in
// case is modelled.
func DecodeModelled[T any](op string, resp *http.Response, err error) (v *T, unknown bool, _ error) {
	if err != nil {
		return nil, false, err
	}
	data := Bytes(resp)
	if checkNull(data, v) == nil {
		v = new(T)
		if unknown, err := jsonkeep.Decode(data, v); err == nil {
			return v, unknown, nil
		}
	}
	v, err = Decode[T](op, resp, nil) // the error as Decode reports it
	return v, err == nil, err
}

// checkNull reports a body that is JSON null as encoding/json reports a
// value of the wrong kind. encoding/json itself refuses a top-level array,
// string, number or boolean for a struct, a map or a slice, but takes null
// for any of them and leaves v as it was: a zero value that would pass for
// an answer (an empty list, a group without a name).
func checkNull(data []byte, v any) error {
	// JSON's whitespace; an object or array is told apart by its first
	// byte, without trimming its end.
	const space = " \t\r\n"
	if d := bytes.TrimLeft(data, space); len(d) == 0 || d[0] != 'n' || !bytes.Equal(bytes.TrimRight(d, space), []byte("null")) {
		return nil
	}
	t := reflect.TypeOf(v)
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return &json.UnmarshalTypeError{Value: "null", Type: t}
}

// EnvelopeFailure checks the answer to an Op with Envelope set, once the
// service has decoded it: when the envelope's status (FAILURE) or success
// (false) says the call failed, it returns what the pipeline returns for
// the dialect's other operations (apierror.FailureInSuccess, with the
// call's op, method and path); otherwise, and for a failure next to a
// deployment result (which the service reports), nil. Only a failure
// envelope is looked at a second time.
func EnvelopeFailure(op string, resp *http.Response, status string, success *bool) error {
	if !strings.EqualFold(status, "FAILURE") && (success == nil || *success) {
		return nil
	}
	e := successFailure(apierror.Apinizer, resp, Bytes(resp), func() *apierror.Redactor { return redactorFor(resp.Request, nil) })
	if e == nil {
		return nil
	}
	e.Op, e.Attempts = op, 1
	if resp.Request != nil {
		e.Method, e.Path = resp.Request.Method, resp.Request.URL.Path
	}
	return e
}
