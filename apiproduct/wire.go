package apiproduct

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/jsonscan"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// This file encodes the request body of Create and Update and decodes the
// products of the responses.

// knownFields returns the top-level wire names of gen.APIProduct.
var knownFields = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	t := reflect.TypeFor[gen.APIProduct]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = true
		}
	}
	return m
})

// The public models are the wire models: their JSON names and omission
// rules are the generated models' (TestPublicModelsMatchTheWire checks every
// field against the spec's), so a product is encoded from, and decoded into,
// the public type directly, without a copy through the generated one. Only
// the two response-only times differ: the API sends them as strings of
// milliseconds, and the public type holds them as time.Time. productIn
// shadows them (a field of the outer struct hides the embedded one's of the
// same JSON name). The common case does not come here at all: codec.go
// reads and writes products without reflection, and falls back to the
// decoding here for whatever it does not follow.

// productFields is Product without its methods, for embedding.
type productFields Product

// productIn is a product as the API sends it.
type productIn struct {
	productFields
	CreatedAt      string `json:"createdAt,omitempty"`
	LastModifiedAt string `json:"lastModifiedAt,omitempty"`
}

// product returns the decoded product, its times converted.
func (in *productIn) product() *Product {
	p := (*Product)(&in.productFields)
	p.CreatedAt = convert.UnixMillis(in.CreatedAt)
	p.LastModifiedAt = convert.UnixMillis(in.LastModifiedAt)
	return p
}

// productList is the answer of List.
type productList struct {
	APIProducts []productIn `json:"apiProduct,omitzero"`
}

// encodeSize is the room made for a request body at first: the seed's
// product takes about 1 KiB.
const encodeSize = 1536

// encodeProduct returns the JSON body for Create and Update: every field of
// p except the response-only ones, plus the top-level fields of the product
// as read that this package does not model.
func encodeProduct(p *Product) ([]byte, error) {
	body := appendProduct(make([]byte, 0, encodeSize), p)
	if p.raw == nil {
		return body, nil
	}
	unknown := unknownFields(p.raw)
	if len(unknown) == 0 {
		return body, nil
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	for k, v := range unknown { // never a modelled field, so never createdAt or lastModifiedAt
		m[k] = v
	}
	return transport.EncodeJSON(m)
}

// decodeProduct decodes a product response, keeping the response for the
// fields this package does not model (see Product.raw).
func decodeProduct(op string, resp *http.Response, err error) (*Product, error) {
	if err != nil {
		return nil, err
	}
	if p, ok := readProductText(transport.Bytes(resp)); ok {
		return p, nil // every member modelled: nothing to keep for Update
	}
	in, err := transport.Decode[productIn](op, resp, nil)
	if err != nil {
		return nil, err
	}
	p := in.product()
	p.raw = transport.Bytes(resp)
	return p, nil
}

// decodeProducts decodes a page of List. Each product is copied out of the
// page into an allocation of its own, so that a product kept from a page
// does not keep the page in memory.
func decodeProducts(op string, resp *http.Response, err error) ([]*Product, error) {
	if err != nil {
		return nil, err
	}
	if out, ok := readProductsText(transport.Bytes(resp)); ok {
		return out, nil
	}
	list, err := transport.Decode[productList](op, resp, nil)
	if err != nil || list.APIProducts == nil {
		return nil, err
	}
	out := make([]*Product, len(list.APIProducts))
	for i := range list.APIProducts {
		p := new(Product)
		*p = *list.APIProducts[i].product()
		out[i] = p
	}
	return out, nil
}

// unknownFields returns the top-level members of a JSON object that
// gen.APIProduct does not have, or nil.
func unknownFields(data []byte) map[string]json.RawMessage {
	known := knownFields()
	if !mayHaveUnknownField(data, known) {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	var out map[string]json.RawMessage
	for k, v := range m {
		if known[k] {
			continue
		}
		if out == nil {
			out = map[string]json.RawMessage{}
		}
		out[k] = v
	}
	return out
}

// mayHaveUnknownField reports whether the JSON object data may have a
// top-level member whose name is not in known. It walks the top level
// without allocating (jsonscan), so that the common response, which has only
// known members, is not decoded a second time. It answers true for whatever
// it does not follow (a name with escapes, anything but an object), leaving
// those to the full decode.
func mayHaveUnknownField(data []byte, known map[string]bool) bool {
	unknown := false
	followed := jsonscan.Members(data, func(name, _ []byte) bool {
		unknown = !known[string(name)]
		return !unknown
	})
	return unknown || !followed
}
