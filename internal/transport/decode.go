package transport

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
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

// checkKind reports, as encoding/json would below the top level, a body
// whose first JSON token is not of the kind v points to. It looks at one
// byte: the rest is encoding/json's to judge.
func checkKind(data []byte, v any) error {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return nil // not JSON at all: encoding/json says so
	}
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return nil
	}
	t = t.Elem()
	var want byte
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		want = '{'
	case reflect.Slice, reflect.Array:
		want = '['
	}
	kind := jsonKind(data[0])
	if kind == "" || data[0] == want || (want == 0 && kind != "null") {
		return nil // not a JSON value (encoding/json says so), or the right kind
	}
	return &json.UnmarshalTypeError{Value: kind, Type: t}
}

// jsonKind names the kind of the JSON value that starts with c, as
// encoding/json's errors do, or is "" when no JSON value starts with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "number"
	}
	return ""
}
