package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

func apiGroupSection(ctx context.Context, out io.Writer) error {
	srv := apigrouptest.NewServer()
	defer srv.Close()

	// In a program: apigroup.NewClient(instanceID, apigroup.WithRegion("cn-north-4"),
	// apigroup.WithEnvCredentials()).
	client, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		return err
	}

	created, err := client.Create(ctx, apigroup.CreateInput{Name: "payments_api", Remark: "Payment APIs"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created   %s  name=%s  subdomain=%s\n", created.ID, created.Name, created.SLDomain)

	updated, err := client.Update(ctx, created.ID, apigroup.UpdateInput{Name: "payments_api_v2", Remark: apimgmt.Ptr("Payment APIs, v2")})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "updated   %s  name=%s  remark=%q\n", updated.ID, updated.Name, updated.Remark)

	got, err := client.Get(ctx, created.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "got       %s  name=%s  registered=%s\n", got.ID, got.Name, got.RegisteredAt.Format("2006-01-02T15:04:05Z"))

	srv.AddGroup("orders_api", "")
	srv.AddGroup("users_api", "")
	n := 0
	for g, err := range client.List(ctx, &apigroup.ListOptions{PageSize: 2}) {
		if err != nil {
			return err
		}
		n++
		fmt.Fprintf(out, "listed    %s\n", g.Name)
	}
	fmt.Fprintf(out, "listed    %d groups (pages of 2)\n", n)

	if err := client.Delete(ctx, created.ID); err != nil {
		return err
	}
	fmt.Fprintf(out, "deleted   %s\n", created.ID)

	_, err = client.Get(ctx, created.ID)
	var apiErr *apigroup.Error
	if !errors.As(err, &apiErr) || !errors.Is(err, apigroup.ErrNotFound) {
		return fmt.Errorf("expected a not-found error, got %v", err)
	}
	fmt.Fprintf(out, "get again -> HTTP %d %s: %s (errors.Is ErrNotFound)\n", apiErr.StatusCode, apiErr.Code, apiErr.Message)
	return nil
}
