package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

func appGroupSection(ctx context.Context, out io.Writer) error {
	fmt.Fprintln(out, "(against appgrouptest, an in-memory fake of the Workspace API)")
	srv := appgrouptest.NewServer()
	defer srv.Close()

	// The fake's endpoint and credentials. In a program:
	// appgroup.NewClient(appgroup.WithRegion("cn-north-4"), appgroup.WithEnvCredentials()).
	client, err := appgroup.NewClient(
		appgroup.WithEndpoint(srv.URL()),
		appgroup.WithAKSK(appgrouptest.AccessKey, appgrouptest.SecretKey),
		appgroup.WithProjectID(appgrouptest.ProjectID),
	)
	if err != nil {
		return err
	}

	check, err := client.CheckName(ctx, "finance-apps")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "checked   name=finance-apps  passed=%v\n", check.Passed)

	created, err := client.Create(ctx, appgroup.CreateInput{Name: "finance-apps", Description: "Finance applications"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created   %s  name=%s  authorization=%s\n", created.ID, created.Name, created.AuthorizationType)

	// PATCH: only the fields set are sent; the description is left alone.
	updated, err := client.Update(ctx, created.ID, appgroup.UpdateInput{
		Name:             apimgmt.Ptr("finance-apps-v2"),
		AppServerGroupID: apimgmt.Ptr(appgrouptest.ServerGroupID),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "updated   %s  name=%s  server group=%s  description=%q\n",
		updated.ID, updated.Name, updated.AppServerGroupName, updated.Description)

	// A server group can only be bound while none is: binding another fails
	// with the vendor's code, and matches ErrConflict.
	_, err = client.Update(ctx, created.ID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("another-server-group")})
	if e := (*appgroup.Error)(nil); errors.As(err, &e) && errors.Is(err, appgroup.ErrConflict) {
		fmt.Fprintf(out, "rebind    refused: HTTP %d %s: %s\n", e.StatusCode, e.Code, e.Message)
	} else {
		return fmt.Errorf("expected a conflict binding a second server group, got %v", err)
	}

	got, err := client.Get(ctx, created.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "got       %s  name=%s  created=%s\n", got.ID, got.Name, got.CreatedAt.Format("2006-01-02T15:04:05.000Z"))

	ids := []string{created.ID}
	for i := range 24 {
		ids = append(ids, srv.AddGroup(appgroup.CreateInput{Name: fmt.Sprintf("team_%02d", i)}))
	}
	n := 0
	for _, err := range client.List(ctx, &appgroup.ListOptions{PageSize: 10}) {
		if err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(out, "listed    %d groups (pages of 10)\n", n)

	res, err := client.BatchDelete(ctx, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "deleted   %d groups in batches of at most %d; %d left\n", len(res.Deleted), appgroup.MaxBatchDeleteIDs, srv.GroupCount())

	if _, err = client.Get(ctx, created.ID); !errors.Is(err, appgroup.ErrNotFound) {
		return fmt.Errorf("expected a not-found error, got %v", err)
	}
	fmt.Fprintf(out, "get again -> %v\n", err)
	return nil
}
