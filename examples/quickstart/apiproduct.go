package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// weatherProduct is the internal name of the section's product. Internal
// names may hold spaces, $ and %; the client escapes them in request paths.
const weatherProduct = "weather premium"

// apiProductSection walks through package apiproduct against the fake
// Apigee of package apiproducttest.
func apiProductSection(ctx context.Context, out io.Writer) error {
	apigee := apiproducttest.NewServer()
	defer apigee.Close()
	// In a program: apiproduct.NewClient("my-org", apiproduct.WithDefaultCredentials()).
	client, err := apigee.NewClient()
	if err != nil {
		return err
	}

	created, err := client.Create(ctx, &apiproduct.Product{
		Name:         weatherProduct,
		DisplayName:  "Weather",
		ApprovalType: apiproduct.ApprovalManual,
		Environments: []string{"test"},
		Proxies:      []string{"weather-v1"},
		Attributes:   []apiproduct.Attribute{{Name: "access", Value: "private"}},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created   %q  display=%q  approval=%s\n", created.Name, created.DisplayName, created.ApprovalType)

	// Update replaces the whole product; Modify reads, changes and writes it
	// back, so the fields not touched here are kept.
	updated, err := client.Modify(ctx, created.Name, func(p *apiproduct.Product) error {
		p.DisplayName = "Weather Premium"
		p.Environments = append(p.Environments, "prod")
		p.Quota, p.QuotaInterval, p.QuotaTimeUnit = "10000", "1", apiproduct.Month
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "modified  %q  display=%q  envs=%v  quota=%s/%s %s  proxies=%v\n",
		updated.Name, updated.DisplayName, updated.Environments, updated.Quota, updated.QuotaInterval, updated.QuotaTimeUnit, updated.Proxies)

	attr, err := client.UpdateAttribute(ctx, created.Name, "access", "public")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "attribute %s=%s\n", attr.Name, attr.Value)

	got, err := client.Get(ctx, created.Name)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "got       %q  created=%s\n", got.Name, got.CreatedAt.Format("2006-01-02T15:04:05Z"))

	apigee.AddProduct("bronze", "Bronze")
	apigee.AddProduct("gold", "Gold")
	var listed []string
	for p, err := range client.List(ctx, &apiproduct.ListOptions{PageSize: 2, Expand: true}) {
		if err != nil {
			return err
		}
		listed = append(listed, fmt.Sprintf("%q (%s)", p.Name, p.DisplayName))
	}
	fmt.Fprintf(out, "listed    %s\n", strings.Join(listed, ", "))
	fmt.Fprintf(out, "listed    %d products in pages of 2; the product at a page boundary is not repeated\n", len(listed))

	if err := client.Delete(ctx, created.Name); err != nil {
		return err
	}
	fmt.Fprintf(out, "deleted   %q\n", created.Name)

	// Deleting again finds nothing; Google's error body becomes an *Error.
	err = client.Delete(ctx, created.Name)
	var apiErr *apiproduct.Error
	switch {
	case err == nil:
		return errors.New("a second delete succeeded")
	case !errors.As(err, &apiErr) || !errors.Is(err, apiproduct.ErrNotFound):
		return err
	}
	fmt.Fprintf(out, "delete again -> HTTP %d %s: %s (errors.Is ErrNotFound)\n", apiErr.StatusCode, apiErr.Status, apiErr.Message)
	return nil
}
