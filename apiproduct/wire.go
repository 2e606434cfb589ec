package apiproduct

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// This file encodes the request body of Create and Update and decodes the
// products of the responses.

// knownFields returns the top-level wire names of gen.APIProduct.
var knownFields = sync.OnceValue(func() []string {
	var names []string
	t := reflect.TypeFor[gen.APIProduct]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
})

// known reports whether encoding/json decodes a member called name into a
// field of gen.APIProduct: it matches names case-insensitively.
func known(name string) bool {
	return slices.ContainsFunc(knownFields(), func(k string) bool { return strings.EqualFold(k, name) })
}

// The public models are the wire models: their JSON names and omission
// rules are the generated models' (TestPublicModelsMatchTheWire checks every
// field against the spec's), so a product is encoded from, and decoded into,
// the public type directly, with encoding/json, without a copy through the
// generated one. Only the two response-only times differ: the API sends them
// as strings of milliseconds, and the public type holds them as time.Time.
// productIn and productOut shadow them (a field of the outer struct hides
// the embedded one's of the same JSON name).

// productFields is Product without its methods, for embedding.
type productFields Product

// productIn is a product as the API sends it.
type productIn struct {
	productFields
	CreatedAt      string `json:"createdAt,omitempty"`
	LastModifiedAt string `json:"lastModifiedAt,omitempty"`
}

// productOut is a product as it is sent: every field but the response-only
// times, which are never sent.
type productOut struct {
	*productFields
	CreatedAt      *struct{} `json:"createdAt,omitempty"`
	LastModifiedAt *struct{} `json:"lastModifiedAt,omitempty"`
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

// encodeProduct returns the JSON body for Create and Update: every field of
// p except the response-only ones, plus the top-level fields of the product
// as read that this package does not model.
func encodeProduct(p *Product) ([]byte, error) {
	body, err := transport.EncodeJSON(productOut{productFields: (*productFields)(p)})
	if err != nil || p.raw == nil {
		return body, err
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

// decodeProduct decodes a product response, keeping the response when it
// has members this package does not model (see Product.raw).
func decodeProduct(op string, resp *http.Response, err error) (*Product, error) {
	in, unknown, err := transport.DecodeModelled[productIn](op, resp, err)
	if err != nil {
		return nil, err
	}
	p := in.product()
	if unknown {
		p.raw = transport.Bytes(resp)
	}
	return p, nil
}

// decodeProducts decodes a page of List. Each product is copied out of the
// page into an allocation of its own, so that a product kept from a page
// does not keep the page in memory.
func decodeProducts(op string, resp *http.Response, err error) ([]*Product, error) {
	list, err := transport.Decode[productList](op, resp, err)
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

// unknownFields returns the top-level members of the JSON object data that
// gen.APIProduct does not model, or nil.
func unknownFields(data []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	for k := range m {
		if known(k) {
			delete(m, k)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
