package apigroup_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// Update a group's name and remark. The fake stands in for APIG here; in a
// program use WithRegion and real credentials instead of ClientOptions.
func ExampleClient_Update() {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	groupID := srv.AddGroup("api_group_000", "")

	client, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	group, err := client.Update(context.Background(), groupID, apigroup.UpdateInput{
		Name:   "api_group_001",
		Remark: apimgmt.Ptr("API group 1"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Name, "-", group.Remark)
	// Output: api_group_001 - API group 1
}

// Iterate over every group; List fetches pages as the loop needs them.
func ExampleClient_List() {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	for _, name := range []string{"orders", "payments", "users"} {
		srv.AddGroup(name, "")
	}
	client, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	for group, err := range client.List(context.Background(), &apigroup.ListOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(group.Name)
	}
	// Output:
	// orders
	// payments
	// users
}

// Errors carry the vendor's code and match sentinels with errors.Is.
func ExampleError() {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	client, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Get(context.Background(), "c77f5e81d9cb4424bf704ef2b0ac7600")
	var e *apigroup.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, errors.Is(err, apigroup.ErrNotFound))
	}
	// Output: 404 APIG.3001 true
}

// Bad input is rejected before anything is sent.
func ExampleValidationError() {
	client, err := apigroup.NewClient("instance-1",
		apigroup.WithRegion("cn-north-4"),
		apigroup.WithAKSK("AK", "SK"),
		apigroup.WithProjectID("project-1"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Update(context.Background(), "..", apigroup.UpdateInput{Name: "x"})
	fmt.Println(errors.Is(err, apigroup.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// apigroup.Update: invalid input: group_id must not be "." or ".."; name must be 3 to 255 characters
}
