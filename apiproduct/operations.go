package apiproduct

import (
	"context"
	"iter"
	"slices"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
	"github.com/apimgmt/apimgmt-go/internal/paging"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Page sizes of List.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
)

const contentJSON = "application/json"

// Create creates an API product in the organization and returns it. p.Name
// is the product's internal name. Without Proxies, any app associated with
// the product can call any API of the organization; without Environments,
// the product allows access to all environments.
//
// Create is never retried once the request may have reached the server, so a
// product is never created twice; after an ambiguous failure, Get the product
// to find out.
func (c *Client) Create(ctx context.Context, p *Product, opts ...apimgmt.CallOption) (*Product, error) {
	const op = "apiproduct.Create"
	var v apierror.Validator
	checkProduct(&v, p)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body, err := encodeProduct(p)
	if err != nil {
		return nil, err
	}
	resp, err := c.gen.CreateAPIProductWithBody(transport.WithOp(ctx, opCreate, opts...), c.org, contentJSON, transport.Body(body))
	return decodeProduct(op, resp, err)
}

// Get returns the API product with the given internal name (not its display
// name). A product that does not exist is an error matching ErrNotFound.
func (c *Client) Get(ctx context.Context, name string, opts ...apimgmt.CallOption) (*Product, error) {
	const op = "apiproduct.Get"
	var v apierror.Validator
	checkName(&v, "name", name)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	resp, err := c.gen.GetAPIProduct(transport.WithOp(ctx, opGet, opts...), c.org, name)
	return decodeProduct(op, resp, err)
}

// Update replaces the API product named p.Name with p (PUT) and returns the
// updated product. The API takes the whole product: every field left empty
// in p is not sent, and may be cleared. So pass a product you got from Get,
// changed, or use Modify. The internal name cannot be changed. The
// response-only fields CreatedAt and LastModifiedAt are never sent. Update
// is safe to retry.
func (c *Client) Update(ctx context.Context, p *Product, opts ...apimgmt.CallOption) (*Product, error) {
	const op = "apiproduct.Update"
	var v apierror.Validator
	checkProduct(&v, p)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	return c.put(ctx, op, p, opts)
}

func (c *Client) put(ctx context.Context, op string, p *Product, opts []apimgmt.CallOption) (*Product, error) {
	body, err := encodeProduct(p)
	if err != nil {
		return nil, err
	}
	resp, err := c.gen.UpdateAPIProductWithBody(transport.WithOp(ctx, opUpdate, opts...), c.org, p.Name, contentJSON, transport.Body(body))
	return decodeProduct(op, resp, err)
}

// Modify changes one API product by read-modify-write: it gets the product,
// calls change on it, checks the result and puts the whole product back, so
// a caller can change some fields without erasing the others. Fields of the
// product that this package does not model are sent back unchanged. If change
// returns an error, nothing is written and Modify returns that error.
//
// The Apigee API has no concurrency token for products (no etag, no update
// mask): a change that someone else makes between the read and the write is
// overwritten. Keep the writers of one product sequential.
//
//	p, err := client.Modify(ctx, "weather-premium", func(p *apiproduct.Product) error {
//		p.Description = "Forecasts, 10,000 calls a month"
//		return nil
//	})
func (c *Client) Modify(ctx context.Context, name string, change func(p *Product) error, opts ...apimgmt.CallOption) (*Product, error) {
	const op = "apiproduct.Modify"
	var v apierror.Validator
	checkName(&v, "name", name)
	v.Check(change != nil, "change", "is required")
	if err := v.Err(op); err != nil {
		return nil, err
	}
	p, err := c.Get(ctx, name, opts...)
	if err != nil {
		return nil, err
	}
	if err := change(p); err != nil {
		return nil, err
	}
	checkProduct(&v, p)
	v.Check(p.Name == name, "name", "cannot be changed")
	if err := v.Err(op); err != nil {
		return nil, err
	}
	return c.put(ctx, op, p, opts)
}

// Delete deletes the API product with the given internal name. Apps then
// fail to call the resources the product bundled, unless another product
// serves them. (Apigee answers with the deleted product; Delete does not
// return it, as no package's Delete does: Get it first if you need it.)
func (c *Client) Delete(ctx context.Context, name string, opts ...apimgmt.CallOption) error {
	const op = "apiproduct.Delete"
	var v apierror.Validator
	checkName(&v, "name", name)
	if err := v.Err(op); err != nil {
		return err
	}
	_, err := c.gen.DeleteAPIProduct(transport.WithOp(ctx, opDelete, opts...), c.org, name)
	return err
}

// Move moves the API product to the Apigee Space space (its resource ID), or
// to the organization level when space is empty, and returns the moved
// product.
func (c *Client) Move(ctx context.Context, name, space string, opts ...apimgmt.CallOption) (*Product, error) {
	const op = "apiproduct.Move"
	var v apierror.Validator
	checkName(&v, "name", name)
	v.NoControl("space", space)
	v.UTF8("space", space)
	if err := v.Err(op); err != nil {
		return nil, err
	}
	body := gen.MoveAPIProductJSONRequestBody{Space: space}
	resp, err := c.gen.MoveAPIProduct(transport.WithOp(ctx, opMove, opts...), c.org, name, body)
	return decodeProduct(op, resp, err)
}

// ListOptions filter List and ListPage.
type ListOptions struct {
	// AttributeName keeps the products that have this custom attribute.
	AttributeName string `json:"attributename,omitempty"`
	// AttributeValue, with AttributeName, keeps the products whose
	// attribute has this value.
	AttributeValue string `json:"attributevalue,omitempty"`
	// Expand returns every product in full. Without it, each listed product
	// carries only its Name.
	Expand bool `json:"expand,omitempty"`
	// Space lists the products of one Apigee Space. Without it, the products
	// of every Space the caller can list are returned. It cannot be combined
	// with the attribute filter.
	Space string `json:"space,omitempty"`
	// StartKey is the (case-sensitive) name of the product to start at; the
	// product itself is included.
	StartKey string `json:"startKey,omitempty"`
	// PageSize is how many products each request asks for (the count
	// parameter): 2 to 1000, default 100.
	PageSize int `json:"count,omitempty"`
	// PageToken is the NextPageToken of the page before: the listing
	// continues after the product it names. It cannot be combined with
	// StartKey.
	PageToken string `json:"pageToken,omitempty"`
}

// Page is one page of ListPage results: the products in Items, and in
// NextPageToken where the next page starts (put it in
// ListOptions.PageToken; empty on the last page). Apigee does not say how
// many products match, so Total is -1, and Offset is 0 (Apigee pages by
// name, not by offset).
type Page = apimgmt.Page[*Product]

// ListPage returns one page of API products, of at most PageSize. Apigee
// pages by name (startKey includes the product it names); ListPage turns
// that into a page token: pass a page's NextPageToken as the next call's
// PageToken, and each product is returned once.
func (c *Client) ListPage(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) (*Page, error) {
	const op = "apiproduct.List"
	var o ListOptions
	if listOpts != nil {
		o = *listOpts
	}
	if err := checkList(op, &o); err != nil {
		return nil, err
	}
	want := o.PageSize
	if o.PageToken != "" {
		// The page from the token starts with the token's product, which
		// the page before returned: ask for one more.
		o.StartKey, o.PageSize = o.PageToken, min(want+1, MaxPageSize)
	}
	items, err := c.listPage(ctx, op, &o, opts)
	if err != nil {
		return nil, err
	}
	full := len(items) == o.PageSize
	if o.PageToken != "" && len(items) > 0 && items[0].Name == o.PageToken {
		items = items[1:]
	}
	items = items[:min(len(items), want)]
	page := &Page{Items: items, Total: -1}
	if full && len(items) > 0 {
		page.NextPageToken = items[len(items)-1].Name
	}
	return page, nil
}

func checkList(op string, o *ListOptions) error {
	var v apierror.Validator
	v.UTF8Deep("", o)
	if o.PageSize == 0 {
		o.PageSize = DefaultPageSize
	}
	v.Check(o.PageSize >= 2 && o.PageSize <= MaxPageSize, "count",
		"must be 2 to 1000 (each page after the first starts with the last product of the page before)")
	v.Check(o.AttributeValue == "" || o.AttributeName != "", "attributevalue", "needs attributename")
	v.Check(o.Space == "" || o.AttributeName == "", "space", "cannot be combined with attributename (not supported by Apigee)")
	v.NoControl("attributename", o.AttributeName)
	v.NoControl("attributevalue", o.AttributeValue)
	v.NoControl("space", o.Space)
	v.NoControl("startKey", o.StartKey)
	v.NoControl("pageToken", o.PageToken)
	v.Check(o.PageToken == "" || o.StartKey == "", "pageToken", "cannot be combined with startKey")
	return v.Err(op)
}

// List returns an iterator over every API product of the organization that
// matches listOpts (which may be nil), fetching pages as the loop needs them.
//
// The API has no page token: the next page is asked for with startKey set to
// the last name of the page before, and it starts with that product again.
// List skips that repeat, so every product is yielded once, and stops after
// a page shorter than the page size or one that holds nothing new. On a
// failure it yields the error once and stops; a server that does not apply
// startKey (a page holds the start key after other products) ends the
// listing with an error matching ErrMalformedResponse.
//
//	for p, err := range client.List(ctx, &apiproduct.ListOptions{Expand: true}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(p.Name, p.DisplayName)
//	}
func (c *Client) List(ctx context.Context, listOpts *ListOptions, opts ...apimgmt.CallOption) iter.Seq2[*Product, error] {
	return func(yield func(*Product, error) bool) {
		const op = "apiproduct.List"
		var o ListOptions
		if listOpts != nil {
			o = *listOpts
		}
		if err := checkList(op, &o); err != nil {
			yield(nil, err)
			return
		}
		// repeat is the product a page starts with that was already
		// yielded (by the page before, or by the page that gave PageToken).
		repeat := o.PageToken
		if repeat != "" {
			o.StartKey = repeat
		}
		for {
			page, err := c.listPage(ctx, op, &o, opts)
			if err != nil {
				yield(nil, err)
				return
			}
			if o.StartKey != "" && len(page) > 1 && slices.ContainsFunc(page[1:], func(p *Product) bool { return p.Name == o.StartKey }) {
				// A page from a start key starts with that product when
				// it exists; one that holds it later was not read from
				// the start key (a server that ignores startKey).
				yield(nil, paging.NotAdvancing(op, "the page asked for from a startKey holds that product after others (the server did not apply startKey)"))
				return
			}
			if repeat != "" && len(page) > 0 && page[len(page)-1].Name == repeat {
				// Nothing after the start key: the end.
				return
			}
			fresh := page
			if repeat != "" && len(fresh) > 0 && fresh[0].Name == repeat {
				fresh = fresh[1:]
			}
			for _, p := range fresh {
				if !yield(p, nil) {
					return
				}
			}
			last := ""
			if len(page) > 0 {
				last = page[len(page)-1].Name
			}
			if len(page) < o.PageSize || len(fresh) == 0 || last == "" {
				return
			}
			o.StartKey, repeat = last, last
		}
	}
}

func (c *Client) listPage(ctx context.Context, op string, o *ListOptions, opts []apimgmt.CallOption) ([]*Product, error) {
	params := &gen.ListAPIProductsParams{
		AttributeName:  convert.PtrIfSet(o.AttributeName),
		AttributeValue: convert.PtrIfSet(o.AttributeValue),
		Count:          convert.Ptr(int64(o.PageSize)),
		StartKey:       convert.PtrIfSet(o.StartKey),
		Expand:         convert.PtrIfSet(o.Expand),
		Space:          convert.PtrIfSet(o.Space),
	}
	resp, err := c.gen.ListAPIProducts(transport.WithOp(ctx, opList, opts...), c.org, params)
	return decodeProducts(op, resp, err)
}
