package apiproxygroup_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// Update a group and deploy it in the same call. The fake stands in for the
// Apinizer Manager here; in a program use WithEndpoint with the Manager URL
// and WithToken or WithPassword instead of ClientOptions.
func ExampleClient_Update() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("PaymentAPIGroup", "Payment API Group", "/api/v1/payment")

	client, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Update(context.Background(), apiproxygroup.GroupInput{
		Name:        "PaymentAPIGroup",
		Description: "Updated Payment API Group",
		ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths:  []string{"/api/v2/payment"},
			Methods:        []apiproxygroup.Method{apiproxygroup.MethodGet, apiproxygroup.MethodPost},
			BufferRequest:  apimgmt.Ptr(true),
			BufferResponse: apimgmt.Ptr(true),
		},
		EnvironmentName: "development",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("saved", res.Group.Name, res.Group.ClientRoute.RelativePaths)
	for _, pod := range res.Deployment.Details {
		fmt.Println("deployed to", pod.EnvName, pod.PodName, *pod.Success)
	}
	// Output:
	// saved PaymentAPIGroup [/api/v2/payment]
	// deployed to development worker-dev001 true
}

// A deployment that fails on some pods returns the result and a
// *DeploymentError: nothing that happened is hidden, nothing that failed
// looks like success.
func ExampleDeploymentError() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("PaymentAPIGroup", "", "/api/v1/payment")
	srv.FailDeployOn("production", "worker-def456", "Connection refused")

	client, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Deploy(context.Background(), "PaymentAPIGroup", "production", nil)
	var depErr *apiproxygroup.DeploymentError
	if errors.As(err, &depErr) {
		fmt.Println(errors.Is(err, apiproxygroup.ErrDeployment), len(res.Deployment.Details), "pods")
		for _, f := range depErr.Failures {
			fmt.Println("failed:", f)
		}
	}
	// Output:
	// true 2 pods
	// failed: production/worker-def456 (10.0.0.2): Connection refused
}

// There is no call that reads one group: Get lists the project's groups and
// picks one by name.
func ExampleClient_Get() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("PaymentAPIGroup", "Payment API Group", "/api/v1/payment")
	client, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	g, err := client.Get(context.Background(), "PaymentAPIGroup")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, "-", g.Description, g.ClientRoute.RelativePaths)

	_, err = client.Get(context.Background(), "OrdersAPIGroup")
	fmt.Println(errors.Is(err, apiproxygroup.ErrNotFound))
	// Output:
	// PaymentAPIGroup - Payment API Group [/api/v1/payment]
	// true
}

// Apinizer reports an unknown group as HTTP 400 with a free-text message; it
// matches ErrNotFound, and the message is kept.
func ExampleError() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	client, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	err = client.Delete(context.Background(), "PaymentAPIGroup")
	var e *apiproxygroup.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, errors.Is(err, apiproxygroup.ErrNotFound))
		fmt.Println(e.Message)
	}
	// Output:
	// 400 true
	// API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!
}

// Log in with a username and password: the client fetches a token, caches it
// and replaces it when it expires or is rejected.
func ExampleWithPassword() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	client, err := apiproxygroup.NewClient(srv.Project,
		apiproxygroup.WithEndpoint(srv.URL()),
		apiproxygroup.WithPassword(apiproxygrouptest.Username, apiproxygrouptest.Password))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for range client.List(ctx, nil) {
	}
	srv.ExpireTokens() // the server now answers 401 "Token was expired!"
	for _, err := range client.List(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("tokens issued:", srv.TokensIssued())
	// Output: tokens issued: 2
}

// Bad input is rejected before anything is sent.
func ExampleValidationError() {
	client, err := apiproxygroup.NewClient("MyProject",
		apiproxygroup.WithEndpoint("https://apinizer.example.com"),
		apiproxygroup.WithToken("token"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Create(context.Background(), apiproxygroup.GroupInput{
		Name:        "Payment API",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"api"}, Methods: []apiproxygroup.Method{"FETCH"}},
	})
	fmt.Println(errors.Is(err, apiproxygroup.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// apiproxygroup.Create: invalid input: name must not contain spaces; clientRoute.relativePathList[0] must start with /; clientRoute.methodList[0] must be one of GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE, ALL
}
