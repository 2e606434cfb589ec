package transport

import (
	"encoding/json"
	"errors"
	"net/http"
)

// DecodeLenient is Decode for a resource whose answer must stay readable
// when a field outside its identity comes with an unexpected JSON type (a
// string where the model has a number, an object where it has a list...).
// encoding/json decodes every other field and reports the first mismatch
// as a *json.UnmarshalTypeError; DecodeLenient then decodes the body again
// into I, a struct of the identity fields alone (for a group its ID and
// name; for a page the IDs and the count that drives paging). When that
// decodes, the value is returned with the mistyped fields left at their
// zero value; when it does not, or the body is not JSON at all, the answer
// is ErrMalformedResponse as with Decode.
func DecodeLenient[T, I any](op string, resp *http.Response, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	data := Bytes(resp)
	v := new(T)
	err = json.Unmarshal(data, v)
	if err == nil {
		return v, nil
	}
	var mismatch *json.UnmarshalTypeError
	if errors.As(err, &mismatch) {
		var id I
		if json.Unmarshal(data, &id) == nil {
			return v, nil
		}
	}
	return nil, MalformedError(op, resp, data, err)
}
