package apigrouptest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// The fake serves a real apigroup.Client; AddGroup seeds it, and FailNext
// aims a fault at one operation: here the Create, so the Get before it
// passes.
func Example() {
	srv := apigrouptest.NewServer()
	defer srv.Close() // in a test: t.Cleanup(srv.Close)
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	seeded := srv.AddGroup(apigroup.CreateInput{Name: "orders_api", Remark: "Orders"})

	srv.FailNext(1, apigrouptest.Fault{Op: "Create", Status: http.StatusBadRequest,
		Body: []byte(`{"error_code":"APIG.3201","error_msg":"The API group name already exists"}`)})
	g, err := client.Get(ctx, seeded.ID)
	fmt.Println(g.Name, g.Remark, err)
	_, err = client.Create(ctx, apigroup.CreateInput{Name: "users_api"})
	var apiErr *apigroup.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Method)
	}
	// Output:
	// orders_api Orders <nil>
	// 400 APIG.3201
	// Get GET
	// Create POST
}

// A fault with Commit lets the fake store the change before it drops the
// connection: the client cannot tell whether the Create took effect.
func Example_ambiguousCreate() {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(1, apigrouptest.Fault{Op: "Create", Drop: true, Commit: true})
	_, err = client.Create(context.Background(), apigroup.CreateInput{Name: "orders_api"})
	fmt.Println(err != nil, srv.GroupCount())
	// Output:
	// true 1
}
