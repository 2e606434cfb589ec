package transport

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

type lenientThing struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Port  int32    `json:"port"`
	Tags  []string `json:"tags"`
	Inner struct {
		Kind int32 `json:"kind"`
	} `json:"inner"`
}

type lenientIdentity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func lenientResp(body string) *http.Response {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
}

// TestDecodeLenient checks that a mistyped field outside the identity
// leaves the rest readable, while a mistyped identity field, or a body
// that is not JSON, is still ErrMalformedResponse.
func TestDecodeLenient(t *testing.T) {
	v, err := DecodeLenient[lenientThing, lenientIdentity]("op", lenientResp(
		`{"id":"g1","name":"n","port":"80","tags":{"a":1},"inner":{"kind":"x"}}`), nil)
	if err != nil {
		t.Fatalf("mistyped non-identity fields: %v", err)
	}
	if v.ID != "g1" || v.Name != "n" || v.Port != 0 || v.Tags != nil || v.Inner.Kind != 0 {
		t.Errorf("got %+v", v)
	}

	v, err = DecodeLenient[lenientThing, lenientIdentity]("op", lenientResp(`{"id":"g1","name":"n","port":443,"tags":["a"]}`), nil)
	if err != nil || v.Port != 443 || len(v.Tags) != 1 {
		t.Errorf("a well-typed body: %+v, %v", v, err)
	}

	for _, body := range []string{`{"id":7,"name":"n","port":"80"}`, `{"id":"g1","name":["n"]}`, `{"id":"g1",`, ``, `[1]`} {
		_, err := DecodeLenient[lenientThing, lenientIdentity]("op", lenientResp(body), nil)
		if !errors.Is(err, apierror.ErrMalformedResponse) {
			t.Errorf("%q: err = %v, want ErrMalformedResponse", body, err)
		}
	}

	sentinel := errors.New("call failed")
	if _, err := DecodeLenient[lenientThing, lenientIdentity]("op", nil, sentinel); err != sentinel {
		t.Errorf("the call's error is returned as is: %v", err)
	}
}
