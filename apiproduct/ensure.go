package apiproduct

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/desired"
)

// Modify changes one API product by read-modify-write: it gets the product,
// calls change on it, checks the result and, when the product to send
// differs from the one read, puts the whole product back (Update), so a
// caller can change some fields without erasing the others. Fields of the
// product that this package does not model are sent back unchanged. It
// returns the product (as Update answered, or as read when nothing changed)
// and whether it sent an update. When change alters nothing that is sent
// (the request body would equal the one the read product makes), nothing is
// written; CreatedAt and LastModifiedAt are never sent, so changing them
// alone writes nothing. If change returns an error, nothing is written and
// Modify returns that error. The name cannot be changed.
//
// The Apigee API has no concurrency token for products (no etag, no update
// mask): a change that someone else makes between the read and the write is
// overwritten. Keep the writers of one product sequential.
//
//	p, changed, err := client.Modify(ctx, "weather-premium", func(p *apiproduct.Product) error {
//		p.Description = "Forecasts, 10,000 calls a month"
//		return nil
//	})
func (c *Client) Modify(ctx context.Context, name string, change func(p *Product) error, opts ...apimgmt.CallOption) (*Product, bool, error) {
	const op = "apiproduct.Modify"
	var v apierror.Validator
	checkName(&v, "name", name)
	v.Check(change != nil, "change", "is required")
	if err := v.Err(op); err != nil {
		return nil, false, err
	}
	p, err := c.Get(ctx, name, opts...)
	if err != nil {
		return nil, false, err
	}
	p, changed, err := c.modify(ctx, op, p, change, opts)
	return p, len(changed) > 0, err
}

// modify applies change to p, which was just read, and puts it back when
// the body to send changed. It returns the wire names that changed.
func (c *Client) modify(ctx context.Context, op string, p *Product, change func(p *Product) error, opts []apimgmt.CallOption) (*Product, []string, error) {
	name := p.Name
	before, err := encodeProduct(p)
	if err != nil {
		return nil, nil, err
	}
	if err := change(p); err != nil {
		return nil, nil, err
	}
	var v apierror.Validator
	checkProduct(&v, p)
	v.Check(p.Name == name, "name", "cannot be changed")
	if err := v.Err(op); err != nil {
		return nil, nil, err
	}
	after, err := encodeProduct(p)
	if err != nil {
		return nil, nil, err
	}
	if bytes.Equal(before, after) {
		return p, nil, nil
	}
	changed := desired.Diff(before, after)
	if len(changed) == 0 { // the same members, encoded otherwise
		return p, nil, nil
	}
	updated, err := c.put(ctx, op, p, opts)
	if err != nil {
		return nil, nil, err
	}
	return updated, changed, nil
}

// Ensure makes the API product named want.Name exist with the fields want
// sets, and returns it with what it did. It gets the product by name; a
// missing product is created from want (Outcome Created); a found one is
// given want's fields with Modify's read-modify-write, and put back when
// that changes it (Updated, with the wire names that differed, such as
// "environments" or "operationGroup.operationConfigs", in Outcome.Changed),
// or left alone (Unchanged).
//
// Ensure manages the fields that are set in want: every field other than
// Name (the key), CreatedAt and LastModifiedAt (response only) that is not
// its zero value (an empty string, a nil or empty list, a nil pointer),
// each as a whole (a list or an operation group replaces the product's).
// Fields that are zero in want keep the product's values, and so do the
// members this package does not model: Ensure cannot clear a field (use
// Modify for that).
//
// The create is sent once, as Create does. When it fails in a way that may
// have stored the product (no answer, a timeout, a 5xx) or because the name
// is taken (a concurrent creator), Ensure looks the product up again before
// it reports: when found, it goes on as for a found product, so a caller
// that retries Ensure never gets a duplicate or a false error; when not
// found, it returns the create's error.
func (c *Client) Ensure(ctx context.Context, want *Product, opts ...apimgmt.CallOption) (*Product, apimgmt.Outcome, error) {
	const op = "apiproduct.Ensure"
	var v apierror.Validator
	v.Check(want != nil, "product", "is required")
	if want != nil {
		checkProduct(&v, want)
	}
	if err := v.Err(op); err != nil {
		return nil, apimgmt.Outcome{}, err
	}
	w, err := copyProduct(want)
	if err != nil {
		return nil, apimgmt.Outcome{}, err
	}
	return desired.Ensure(ctx, desired.Flow[*Product]{
		Find: func(ctx context.Context) (*Product, bool, error) {
			return desired.Absent(c.Get(ctx, w.Name, opts...))
		},
		Create: func(ctx context.Context) (*Product, error) {
			return c.Create(ctx, w, opts...)
		},
		Reconcile: func(ctx context.Context, p *Product) (*Product, []string, error) {
			return c.modify(ctx, op, p, func(p *Product) error {
				overlay(p, w)
				return nil
			}, opts)
		},
	})
}

// copyProduct returns a deep copy of the modelled fields of p, so that
// Ensure's result never shares lists with the caller's value.
func copyProduct(p *Product) (*Product, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	out := new(Product)
	if err := json.Unmarshal(b, out); err != nil {
		return nil, err
	}
	return out, nil
}

// overlay sets in p every exported field of want that is not zero, except
// Name, CreatedAt and LastModifiedAt.
func overlay(p, want *Product) {
	dst, src := reflect.ValueOf(p).Elem(), reflect.ValueOf(want).Elem()
	t := dst.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		switch f.Name {
		case "Name", "CreatedAt", "LastModifiedAt":
			continue
		}
		if !f.IsExported() {
			continue
		}
		s := src.Field(i)
		if s.IsZero() || s.Kind() == reflect.Slice && s.Len() == 0 {
			continue
		}
		dst.Field(i).Set(s)
	}
}
