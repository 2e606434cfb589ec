package apigroup_test

import (
	"context"
	"fmt"
	"log"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// Keep a group in a desired state: Ensure creates it when it is missing,
// updates the remark when it differs, and writes nothing when the group is
// already as wanted, so a tool can run it on every deploy.
func ExampleClient_Ensure() {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	client, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, remark := range []string{"Orders API", "Orders API", "Orders API, v2"} {
		group, outcome, err := client.Ensure(ctx, apigroup.CreateInput{Name: "orders", Remark: remark})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %s\n", group.Name, outcome)
	}
	// Output:
	// orders: created
	// orders: unchanged
	// orders: updated (remark)
}
