package apiproxygroup_test

import (
	"context"
	"fmt"
	"log"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

// Change one field of a group and keep the rest: Update replaces the whole
// group, so start from the Input of the group as read (which also keeps the
// fields this package does not model), not from an empty GroupInput.
func ExampleGroup_Input() {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup(apiproxygroup.GroupInput{Name: "PaymentAPIGroup", Description: "Payment API Group",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/api/v1/payment"}}})
	client, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	g, err := client.Get(ctx, "PaymentAPIGroup")
	if err != nil {
		log.Fatal(err)
	}
	in := g.Input()
	in.ClientRoute.Hosts = append(in.ClientRoute.Hosts, "pay.example.com")
	if _, err := client.Update(ctx, in); err != nil {
		log.Fatal(err)
	}
	st, _ := srv.Group("PaymentAPIGroup")
	fmt.Println(st.Description, st.ClientRoute.RelativePaths, st.ClientRoute.Hosts)
	// Output:
	// Payment API Group [/api/v1/payment] [pay.example.com]
}
