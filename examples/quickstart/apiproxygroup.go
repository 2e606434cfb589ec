package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

func apiProxyGroupSection(ctx context.Context, out io.Writer) error {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()

	// In a program: apiproxygroup.NewClient("MyProject",
	// apiproxygroup.WithEndpoint("https://apinizer.example.com"),
	// apiproxygroup.WithEnvCredentials()) // APINIZER_TOKEN, or _USERNAME and _PASSWORD
	client, err := apiproxygroup.NewClient(srv.Project, srv.PasswordOptions()...)
	if err != nil {
		return err
	}

	group := apiproxygroup.GroupInput{
		Name:        "PaymentAPIGroup",
		Description: "Payment API Group",
		ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths:  []string{"/api/v1/payment"},
			Methods:        []apiproxygroup.Method{apiproxygroup.MethodGet, apiproxygroup.MethodPost},
			BufferRequest:  apimgmt.Ptr(true),
			BufferResponse: apimgmt.Ptr(true),
		},
	}
	if _, err := client.Create(ctx, group); err != nil {
		return err
	}
	fmt.Fprintf(out, "created   %s  paths=%v  (logged in: %d token issued)\n", group.Name, group.ClientRoute.RelativePaths, srv.TokensIssued())

	// Update replaces the whole group; EnvironmentName deploys it after saving.
	group.Description = "Updated Payment API Group"
	group.ClientRoute.RelativePaths = []string{"/api/v2/payment"}
	group.EnvironmentName = "production"
	res, err := client.Update(ctx, group)
	if err != nil {
		return err
	}
	for _, pod := range res.Deployment.Details {
		fmt.Fprintf(out, "updated   %s  deployed to %s/%s (%s) in %d ms\n", res.Group.Name, pod.EnvName, pod.PodName, pod.PodIP, pod.ResponseTimeMillis)
	}

	got, err := client.Get(ctx, group.Name) // Apinizer has no "get one": Get lists and picks
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "got       %s  description=%q\n", got.Name, got.Description)

	if err := client.AddProxy(ctx, group.Name, "MyAPI"); err != nil {
		return err
	}
	fmt.Fprintf(out, "added     API proxy MyAPI to %s\n", group.Name)

	// A deployment that fails on one pod: the result and a typed error.
	srv.FailDeployOn("development", "worker-dev001", "Connection refused")
	res, err = client.Deploy(ctx, group.Name, "development", &apiproxygroup.DeployOptions{Description: "v2 rollout"})
	var depErr *apiproxygroup.DeploymentError
	if !errors.As(err, &depErr) || res == nil {
		return fmt.Errorf("expected a deployment error with a result, got %v", err)
	}
	fmt.Fprintf(out, "deploy    -> %v (errors.Is ErrDeployment: %t)\n", depErr, errors.Is(err, apiproxygroup.ErrDeployment))
	srv.ClearDeployFailures()

	envs, err := client.Environments(ctx, group.Name)
	if err != nil {
		return err
	}
	for _, e := range envs {
		fmt.Fprintf(out, "env       %-11s deployed=%t redeployRequired=%t\n", e.Name, e.Deployed, e.RedeployRequired)
	}

	history, err := client.DeployHistory(ctx, group.Name)
	if err != nil {
		return err
	}
	for _, h := range history {
		fmt.Fprintf(out, "history   revision %d  %s  deploy=%t  %q\n", h.Revision, h.Environment, h.Deploy, h.Description)
	}

	// The server rejects the cached token: the client logs in again and
	// repeats the call once.
	srv.ExpireTokens()
	if _, err := client.Undeploy(ctx, group.Name, "production", nil); err != nil {
		return err
	}
	fmt.Fprintf(out, "undeployed %s from production after a 401 and a new token (%d tokens issued)\n", group.Name, srv.TokensIssued())

	if err := client.Delete(ctx, group.Name); err != nil {
		return err
	}
	fmt.Fprintf(out, "deleted   %s\n", group.Name)

	err = client.Delete(ctx, group.Name)
	var apiErr *apiproxygroup.Error
	if !errors.As(err, &apiErr) || !errors.Is(err, apiproxygroup.ErrNotFound) {
		return fmt.Errorf("expected a not-found error, got %v", err)
	}
	fmt.Fprintf(out, "delete again -> HTTP %d: %s (errors.Is ErrNotFound)\n", apiErr.StatusCode, apiErr.Message)
	return nil
}
