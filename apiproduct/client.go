package apiproduct

import (
	"fmt"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// DefaultEndpoint is the Apigee API endpoint used unless WithEndpoint says
// otherwise.
const DefaultEndpoint = "https://apigee.googleapis.com/"

// Client manages the API products of one Apigee organization. It is safe for
// concurrent use; create one per organization and reuse it.
type Client struct {
	org     string // the {org} of every request path
	baseURL string
	gen     *gen.Client
	pipe    *transport.Pipeline // issue 15: Close
}

// NewClient returns a client for the API products of the Apigee organization
// org (the {org} of organizations/{org}). It needs credentials:
// WithTokenSource, WithToken or WithDefaultCredentials. The endpoint is
// DefaultEndpoint unless WithEndpoint sets another. Nothing is sent until the
// first call.
func NewClient(org string, opts ...Option) (*Client, error) {
	var v apierror.Validator
	checkOrg(&v, org)
	if err := v.Err("apiproduct.NewClient"); err != nil {
		return nil, err
	}
	svc, err := clientopt.NewGoogle("apiproduct", opts, DefaultEndpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{org: org, baseURL: svc.BaseURL, pipe: svc.Pipeline}
	if c.gen, err = gen.NewClient(svc.BaseURL, gen.WithHTTPClient(svc.Pipeline)); err != nil {
		return nil, fmt.Errorf("apiproduct: %w", err)
	}
	return c, nil
}

// Operations, with whether each is safe to repeat. Create is the only one that
// is not: repeating it after an ambiguous failure could meet the product it
// created (409) or, worse, hide that the first attempt succeeded. The POST
// calls other than create set state to a value given in full (move to a
// space, replace every attribute, set one attribute's value), so sending one
// twice leaves the same state as sending it once.
var (
	ops = transport.Service("apiproduct")

	opCreate          = ops.Op("Create", transport.NotIdempotent)
	opGet             = ops.Op("Get", transport.Idempotent)
	opList            = ops.Op("List", transport.Idempotent)
	opUpdate          = ops.Op("Update", transport.Idempotent)
	opDelete          = ops.Op("Delete", transport.Idempotent)
	opMove            = ops.Op("Move", transport.Idempotent)
	opReplaceAttrs    = ops.Op("ReplaceAttributes", transport.Idempotent)
	opListAttrs       = ops.Op("ListAttributes", transport.Idempotent)
	opGetAttribute    = ops.Op("GetAttribute", transport.Idempotent)
	opUpdateAttribute = ops.Op("UpdateAttribute", transport.Idempotent)
	opDeleteAttribute = ops.Op("DeleteAttribute", transport.Idempotent)
)

// Organization returns the name of the Apigee organization whose products
// the client manages.
func (c *Client) Organization() string { return c.org }

// BaseURL returns the Apigee endpoint the client sends to, ending in "/".
func (c *Client) BaseURL() string { return c.baseURL }
