package appgroup_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// Update is a PATCH: only the fields set are sent. The fake stands in for
// Workspace here; in a program use WithRegion and real credentials instead
// of ClientOptions.
func ExampleClient_Update() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	groupID := srv.AddGroup(appgroup.CreateInput{Name: "office-apps", Description: "Office applications"})

	client, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	group, err := client.Update(context.Background(), groupID, appgroup.UpdateInput{
		Name:             apimgmt.Ptr("finance-apps"),
		AppServerGroupID: apimgmt.Ptr(appgrouptest.ServerGroupID), // bind; allowed while none is bound
		// Description is nil: left alone, not sent.
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Name, "-", group.Description, "-", group.AppServerGroupName)
	fmt.Println(string(srv.LastRequest().Body))
	// Output:
	// finance-apps - Office applications - fake-server-group
	// {"app_server_group_id":"2ad44c6d-b829-4e89-a44a-5f25577f7788","name":"finance-apps"}
}

// Iterate over every group; List fetches pages as the loop needs them.
func ExampleClient_List() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	client, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, name := range []string{"office", "design", "finance"} {
		if _, err := client.Create(ctx, appgroup.CreateInput{Name: name}); err != nil {
			log.Fatal(err)
		}
	}
	srv.ResetRequests()

	for group, err := range client.List(ctx, &appgroup.ListOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(group.Name)
	}
	fmt.Println(len(srv.Requests()), "requests")
	// Output:
	// office
	// design
	// finance
	// 2 requests
}

// BatchDelete takes any number of IDs and sends them 20 at a time. On a
// failure the result says which were deleted and which were not.
func ExampleClient_BatchDelete() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	var ids []string
	for i := range 30 {
		ids = append(ids, srv.AddGroup(appgroup.CreateInput{Name: fmt.Sprintf("group_%02d", i)}))
	}
	client, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	// Make the second request fail.
	requests := 0
	srv.FailNext(1, appgrouptest.Fault{
		Status: http.StatusForbidden,
		Body:   []byte(`{"error_code":"WKS.00081102","error_msg":"User does not have permission to access this resource."}`),
		Match:  func(*http.Request) bool { requests++; return requests == 2 },
	})

	res, err := client.BatchDelete(context.Background(), ids)
	var be *appgroup.BatchDeleteError
	if errors.As(err, &be) {
		fmt.Println("deleted:", len(res.Deleted), "not deleted:", len(res.NotDeleted), "failed request:", len(be.Failed))
	}
	// Deleting is idempotent: retry what is left.
	res, err = client.BatchDelete(context.Background(), res.NotDeleted)
	fmt.Println("deleted:", len(res.Deleted), "error:", err, "left:", srv.GroupCount())
	// Output:
	// deleted: 20 not deleted: 10 failed request: 10
	// deleted: 10 error: <nil> left: 0
}

// CheckName reports which rule a name breaks.
func ExampleClient_CheckName() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup(appgroup.CreateInput{Name: "office-apps"})
	client, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"design-apps", "office-apps", "office apps"} {
		check, err := client.CheckName(context.Background(), name)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%q passed=%v rule=%q\n", name, check.Passed, check.Rule)
	}
	// Output:
	// "design-apps" passed=true rule=""
	// "office-apps" passed=false rule="duplicate"
	// "office apps" passed=false rule="naming"
}

// Errors carry the vendor's code and match sentinels with errors.Is. Here
// the group already has a server group bound, so binding another one is
// refused.
func ExampleError() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	srv.AddServerGroup("sg-2", "second", "", appgroup.AppTypeCommon)
	groupID := srv.AddGroup(appgroup.CreateInput{Name: "office-apps", AppServerGroupID: appgrouptest.ServerGroupID})

	client, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Update(context.Background(), groupID, appgroup.UpdateInput{AppServerGroupID: apimgmt.Ptr("sg-2")})
	if e := (*appgroup.Error)(nil); errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, errors.Is(err, appgroup.ErrConflict))
	}
	_, err = client.Get(context.Background(), "1")
	fmt.Println(errors.Is(err, appgroup.ErrNotFound))
	// Output:
	// 409 WKS.00211103 true
	// true
}

// Bad input is rejected before anything is sent, naming every bad field.
func ExampleValidationError() {
	client, err := appgroup.NewClient(
		appgroup.WithRegion("cn-north-4"),
		appgroup.WithAKSK("AK", "SK"),
		appgroup.WithProjectID("project-1"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Update(context.Background(), "..", appgroup.UpdateInput{})
	fmt.Println(errors.Is(err, appgroup.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// appgroup.Update: invalid input: app_group_id must not be "." or ".."; body sets no field: set at least one of name, app_server_group_id and description
}

// A region picks one of the service's two host patterns.
func ExampleEndpoint() {
	fmt.Println(appgroup.Endpoint("cn-north-4"))
	fmt.Println(appgroup.Endpoint("ap-southeast-1"))
	// Output:
	// https://appstream.cn-north-4.myhuaweicloud.com
	// https://workspace.ap-southeast-1.myhuaweicloud.com
}
