package apiproduct

import (
	"context"
	"fmt"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Apigee caches API products and their custom attributes at runtime for at
// least 180 seconds, so an attribute change can take that long to reach the
// gateway.

// ListAttributes returns the custom attributes of the API product.
func (c *Client) ListAttributes(ctx context.Context, product string, opts ...apimgmt.CallOption) ([]Attribute, error) {
	const op = "apiproduct.ListAttributes"
	var v apierror.Validator
	checkName(&v, "apiproduct", product)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.ListAPIProductAttributes(transport.WithOp(ctx, opListAttrs, opts...), c.org, product)
	return decodeAttributes(op, resp, err)
}

// ReplaceAttributes replaces the whole list of custom attributes of the API
// product with attrs (at most MaxAttributes) and returns the new list. An
// attribute that is not in attrs is deleted; an empty attrs deletes them
// all. Sending the same list twice leaves the same state, so it is safe to
// retry.
func (c *Client) ReplaceAttributes(ctx context.Context, product string, attrs []Attribute, opts ...apimgmt.CallOption) ([]Attribute, error) {
	const op = "apiproduct.ReplaceAttributes"
	var v apierror.Validator
	checkName(&v, "apiproduct", product)
	v.UTF8Deep("attribute", attrs)
	checkProductAttributes(&v, field("attribute"), attrs)
	v.Check(len(attrs) <= MaxAttributes, "attribute", fmt.Sprintf("must be at most %d", MaxAttributes))
	if err := v.Err(op); err != nil {
		return nil, err
	}
	if attrs == nil {
		attrs = []Attribute{} // sent as [], so that the intent is explicit
	}
	body := gen.UpdateAPIProductAttributesJSONRequestBody{Attributes: attributesToGen(attrs)}
	resp, err := c.gen.UpdateAPIProductAttributes(transport.WithOp(ctx, opReplaceAttrs, opts...), c.org, product, body)
	return decodeAttributes(op, resp, err)
}

// GetAttribute returns the custom attribute name of the API product.
func (c *Client) GetAttribute(ctx context.Context, product, name string, opts ...apimgmt.CallOption) (*Attribute, error) {
	const op = "apiproduct.GetAttribute"
	var v apierror.Validator
	checkName(&v, "apiproduct", product)
	checkAttributeName(&v, "attribute", name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.GetAPIProductAttribute(transport.WithOp(ctx, opGetAttribute, opts...), c.org, product, name)
	return decodeAttribute(op, resp, err)
}

// UpdateAttribute sets the value of the custom attribute name of the API
// product and returns the attribute. It sets a value given in full, so it is
// safe to retry.
func (c *Client) UpdateAttribute(ctx context.Context, product, name, value string, opts ...apimgmt.CallOption) (*Attribute, error) {
	const op = "apiproduct.UpdateAttribute"
	var v apierror.Validator
	checkName(&v, "apiproduct", product)
	checkAttributeName(&v, "attribute", name)
	v.UTF8("value", value)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.UpdateAPIProductAttributeJSONRequestBody{Name: name, Value: value}
	resp, err := c.gen.UpdateAPIProductAttribute(transport.WithOp(ctx, opUpdateAttribute, opts...), c.org, product, name, body)
	return decodeAttribute(op, resp, err)
}

// DeleteAttribute deletes the custom attribute name of the API product and
// returns the deleted attribute.
func (c *Client) DeleteAttribute(ctx context.Context, product, name string, opts ...apimgmt.CallOption) (*Attribute, error) {
	const op = "apiproduct.DeleteAttribute"
	var v apierror.Validator
	checkName(&v, "apiproduct", product)
	checkAttributeName(&v, "attribute", name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.DeleteAPIProductAttribute(transport.WithOp(ctx, opDeleteAttribute, opts...), c.org, product, name)
	return decodeAttribute(op, resp, err)
}

func decodeAttributes(op string, resp *http.Response, err error) ([]Attribute, error) {
	as, err := transport.Decode[gen.Attributes](op, resp, err)
	if err != nil {
		return nil, err
	}
	return attributesFromGen(as.Attributes), nil
}

func decodeAttribute(op string, resp *http.Response, err error) (*Attribute, error) {
	a, err := transport.Decode[gen.Attribute](op, resp, err)
	if err != nil {
		return nil, err
	}
	attr := attributeFromGen(a)
	return &attr, nil
}

func attributeFromGen(a *gen.Attribute) Attribute {
	return Attribute{Name: a.Name, Value: a.Value}
}

func attributesFromGen(s []gen.Attribute) []Attribute {
	return convert.Slice(s, attributeFromGen)
}

func attributesToGen(s []Attribute) []gen.Attribute {
	return convert.Slice(s, func(a *Attribute) gen.Attribute {
		return gen.Attribute{Name: a.Name, Value: a.Value}
	})
}
