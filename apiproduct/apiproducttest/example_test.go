package apiproducttest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// The fake serves a real apiproduct.Client; AddProduct seeds it, and
// FailNext aims a fault at one operation: here the Update, so the Get that
// Modify sends first passes and the write fails.
func Example() {
	srv := apiproducttest.NewServer()
	defer srv.Close() // in a test: t.Cleanup(srv.Close)
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	srv.AddProduct(&apiproduct.Product{Name: "gold", DisplayName: "Gold", ApprovalType: apiproduct.ApprovalAuto})

	srv.FailNext(1, apiproducttest.Fault{Op: "Update", Status: http.StatusBadRequest,
		Body: []byte(`{"error":{"code":400,"message":"Product is locked","status":"FAILED_PRECONDITION"}}`)})
	_, _, err = client.Modify(ctx, "gold", func(p *apiproduct.Product) error {
		p.DisplayName = "Gold plan"
		return nil
	})
	var apiErr *apiproduct.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Status, apiErr.Message)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Method)
	}
	p, _ := srv.Product("gold")
	fmt.Println(p.DisplayName)
	// Output:
	// 400 FAILED_PRECONDITION Product is locked
	// Get GET
	// Update PUT
	// Gold
}
