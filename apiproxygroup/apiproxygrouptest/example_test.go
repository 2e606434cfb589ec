package apiproxygrouptest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// The fake serves a real apiproxygroup.Client; AddGroup seeds it, and
// FailNext aims a fault at one operation: here the Create, so the Get before
// it (which reads through the list) passes.
func Example() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close() // in a test: t.Cleanup(srv.Close)
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	srv.AddGroup(apiproxygroup.GroupInput{Name: "PaymentAPIGroup", Description: "Payments",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v1/payment"}}})

	srv.FailNext(1, apiproxygrouptest.Fault{Op: "Create", Status: http.StatusServiceUnavailable,
		Body: []byte(`{"status":"FAILURE","resultMessage":"Service is unavailable"}`)})
	g, err := client.Get(ctx, "PaymentAPIGroup")
	fmt.Println(g.Name, g.ClientRoute.RelativePaths, err)
	_, err = client.Create(ctx, apiproxygroup.GroupInput{Name: "OrdersAPIGroup",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v1/orders"}}})
	var apiErr *apiproxygroup.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Method)
	}
	// Output:
	// PaymentAPIGroup [/api/v1/payment] <nil>
	// 503 Service is unavailable
	// List GET
	// Create POST
}
