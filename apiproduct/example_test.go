package apiproduct_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// Change some fields of a product and keep the others: Modify gets the
// product, applies the change and puts the whole product back. The fake
// stands in for Apigee here; in a program use
// apiproduct.NewClient("my-org", apiproduct.WithDefaultCredentials()).
func ExampleClient_Modify() {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	srv.AddProduct(&apiproduct.Product{Name: "weather-premium", DisplayName: "Weather", ApprovalType: apiproduct.ApprovalAuto})

	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	p, _, err := client.Modify(context.Background(), "weather-premium", func(p *apiproduct.Product) error {
		p.DisplayName = "Weather Premium"
		p.Environments = []string{"test", "prod"}
		p.Quota, p.QuotaInterval, p.QuotaTimeUnit = "10000", "1", apiproduct.Month
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Name, "-", p.DisplayName, p.Environments, p.Quota, "per", p.QuotaInterval, p.QuotaTimeUnit, "- approval", p.ApprovalType)
	// Output: weather-premium - Weather Premium [test prod] 10000 per 1 month - approval auto
}

// Iterate over every product; List pages with startKey and count and never
// yields the product at a page boundary twice.
func ExampleClient_List() {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	srv.AddProduct(&apiproduct.Product{Name: "bronze", DisplayName: "Bronze", ApprovalType: apiproduct.ApprovalAuto})
	srv.AddProduct(&apiproduct.Product{Name: "gold", DisplayName: "Gold", ApprovalType: apiproduct.ApprovalAuto})
	srv.AddProduct(&apiproduct.Product{Name: "platinum", DisplayName: "Platinum", ApprovalType: apiproduct.ApprovalAuto})

	var names []string
	opts := &apiproduct.ListOptions{PageSize: 2, Expand: true}
	for p, err := range client.List(context.Background(), opts) {
		if err != nil {
			log.Fatal(err)
		}
		names = append(names, p.DisplayName)
	}
	fmt.Println(strings.Join(names, ", "))
	// Output: Bronze, Gold, Platinum
}

// Errors carry Google's status, reason and request ID, and match sentinels
// with errors.Is.
func ExampleError() {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Get(context.Background(), "no such product")
	var e *apiproduct.Error
	if errors.Is(err, apiproduct.ErrNotFound) && errors.As(err, &e) {
		fmt.Printf("HTTP %d %s: %s\n", e.StatusCode, e.Status, e.Message)
	}
	// Output: HTTP 404 NOT_FOUND: resource organizations/fake-org/apiproducts/no such product not found
}

// Input that breaks a documented rule is rejected before anything is sent.
func ExampleValidationError() {
	client, err := apiproduct.NewClient("my-org", apiproduct.WithToken("ya29.example"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Create(context.Background(), &apiproduct.Product{
		Name:           "gold/plan",
		ApprovalType:   "sometimes",
		APIResources:   []string{"/**"},
		OperationGroup: &apiproduct.OperationGroup{OperationConfigs: []apiproduct.OperationConfig{{APISource: "weather-v1"}}},
	})
	var ve *apiproduct.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Field, f.Problem)
		}
	}
	// Output:
	// name must not contain a slash
	// approvalType must be one of manual, auto
	// apiResources cannot be set together with operationGroup
}

// Authenticate with Application Default Credentials, the one-line way.
func ExampleWithDefaultCredentials() {
	client, err := apiproduct.NewClient("my-org", apiproduct.WithDefaultCredentials())
	if err != nil {
		// For example: no ADC file and not running on Google Cloud.
		log.Print(err)
		return
	}
	_ = client
}
