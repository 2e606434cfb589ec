package appgrouptest_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// The fake serves a real appgroup.Client; AddGroup seeds it, and FailNext
// aims a fault at one operation: here one 500 at Update, which the client
// retries (an Update only sets fields), while the Get before it passes.
func Example() {
	srv := appgrouptest.NewServer()
	defer srv.Close() // in a test: t.Cleanup(srv.Close)
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	seeded := srv.AddGroup(appgroup.CreateInput{Name: "office-apps", Description: "Office"})

	srv.FailNext(1, appgrouptest.Fault{Op: "Update", Status: http.StatusInternalServerError,
		Body: []byte(`{"error_code":"` + appgrouptest.CodeInternalError + `","error_msg":"Internal error"}`)})
	g, err := client.Get(ctx, seeded.ID)
	fmt.Println(g.Name, g.Description, err)
	g, err = client.Update(ctx, seeded.ID, appgroup.UpdateInput{Description: apimgmt.Ptr("Office applications")})
	fmt.Println(g.Description, err)
	for _, r := range srv.Requests() {
		fmt.Println(r.Op, r.Method)
	}
	// Output:
	// office-apps Office <nil>
	// Office applications <nil>
	// Get GET
	// Update PATCH
	// Update PATCH
}
