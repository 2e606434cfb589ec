package transport

import "net/http"

// Decode takes what a generated client's call returned and decodes the
// success body into a new T. When err is set (the pipeline already turned
// every failure into an *apierror.Error) it is returned as is.
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

// DecodeFast is Decode with a fast path first: fast reads the body (without
// reflection, internal/jsonfast) or reports false, and then the body is
// decoded with encoding/json as Decode does.
func DecodeFast[T any](op string, resp *http.Response, err error, fast func([]byte) (*T, bool)) (*T, error) {
	if err != nil {
		return nil, err
	}
	if v, ok := fast(Bytes(resp)); ok {
		return v, nil
	}
	return Decode[T](op, resp, nil)
}
