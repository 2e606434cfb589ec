package apiproduct

import (
	"encoding/json"
	"net/http"
	"reflect"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	"github.com/apimgmt/apimgmt-go/internal/jsonkeep"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// This file encodes the request body of Create and Update and decodes the
// products of the responses.

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

// productListRaw is the answer of List with each product as it was read,
// for a page that has members this package does not model.
type productListRaw struct {
	APIProducts []json.RawMessage `json:"apiProduct"`
}

// productType is the model a product's JSON is merged by (see
// jsonkeep.Merge): its fields are the members this package models.
var productType = reflect.TypeFor[Product]()

// encodeProduct returns the JSON body for Create and Update: every field of
// p except the response-only ones and, for a product that was read, the
// members of the product as read that this package does not model, at every
// depth (jsonkeep.Merge says how arrays are paired).
func encodeProduct(p *Product) ([]byte, error) {
	body, err := transport.EncodeJSON(&productOut{productFields: (*productFields)(p)}) // by address: see genrt.MarshalJSON
	if err != nil {
		return nil, err
	}
	return p.raw.Merge(productType, body)
}

// decodeProduct decodes a product response. The product keeps the
// response (see Product.raw), which is looked at for members this package
// does not model only if the product is sent back: a read decodes once.
func decodeProduct(op string, resp *http.Response, err error) (*Product, error) {
	in, err := transport.Decode[productIn](op, resp, err)
	if err != nil {
		return nil, err
	}
	p := in.product()
	p.raw = jsonkeep.NewRaw(transport.Bytes(resp), productInType)
	return p, nil
}

// productInType is what a product's JSON decodes into.
var productInType = reflect.TypeFor[productIn]()

// decodeProducts decodes a page of List. Each product is copied out of the
// page into an allocation of its own, so that a product kept from a page
// does not keep the page in memory. A page that has members this package
// does not model is decoded again product by product, and each product
// that has some keeps its own JSON (a copy, not the page), as Get's does.
func decodeProducts(op string, resp *http.Response, err error) ([]*Product, error) {
	list, unknown, err := transport.DecodeModelled[productList](op, resp, err)
	if err != nil || list.APIProducts == nil {
		return nil, err
	}
	var raws productListRaw
	if unknown {
		if err := json.Unmarshal(transport.Bytes(resp), &raws); err != nil || len(raws.APIProducts) != len(list.APIProducts) {
			raws.APIProducts = nil // not reached: the page decoded above
		}
	}
	out := make([]*Product, len(list.APIProducts))
	for i := range list.APIProducts {
		p := new(Product)
		*p = *list.APIProducts[i].product()
		if raws.APIProducts != nil {
			if has, err := jsonkeep.Decode(raws.APIProducts[i], new(productIn)); err == nil && has {
				p.raw = jsonkeep.NewRawUnknown(raws.APIProducts[i])
			}
		}
		out[i] = p
	}
	return out, nil
}
