package apimgmt_test

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

// A Fault aimed at Create with Commit: the fake stores the group, then
// answers 504 as a gateway that gave up would. The caller sees a failure
// although the group exists, the case a create-or-update must resolve by
// looking the group up.
func ExampleFault() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	srv.FailNext(1, apimgmt.Fault{Op: "Create", Status: http.StatusGatewayTimeout, Commit: true})
	_, err = client.Create(context.Background(), appgroup.CreateInput{Name: "office-apps"})
	var apiErr *appgroup.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Attempts)
	}
	fmt.Println(srv.GroupCount())
	// Output:
	// 504 1
	// 1
}

// Every request a fake receives is recorded with the operation it was
// routed to, the name a Fault's Op matches.
func ExampleFakeRequest() {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	g := srv.AddGroup(appgroup.CreateInput{Name: "office-apps"})
	_, _ = client.Get(ctx, g.ID)
	_ = client.Delete(ctx, g.ID)
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Method, r.Path == "/v1/"+appgrouptest.ProjectID+"/app-groups/"+g.ID)
	}
	// Output:
	// Get GET true
	// Delete DELETE true
}
