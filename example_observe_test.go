package apimgmt_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// Hooks see every attempt with the operation's name and a redacted copy of
// the request; WithCaptureResponse keeps the response of a success.
func ExampleHooks() {
	srv := apigrouptest.NewServer() // a fake APIG endpoint
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "group_one"}).ID
	// The fake's next answer carries a request ID, as the service's do.
	srv.FailNext(1, apigrouptest.Fault{Header: http.Header{"X-Request-Id": {"req-1"}}})

	hooks := apimgmt.Hooks{
		Attempt: func(ctx context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
			fmt.Println(a.Op, "attempt", a.Number, a.Request.Method, "Authorization:", a.Request.Header.Get("Authorization"))
			return func(r *apimgmt.Response, err error) { fmt.Println("status", r.StatusCode) }
		},
	}
	client, err := apigroup.NewClient(srv.InstanceID, append(srv.ClientOptions(), apigroup.WithHooks(hooks))...)
	if err != nil {
		log.Fatal(err)
	}
	var resp apimgmt.Response
	g, err := client.Get(context.Background(), id,
		apimgmt.WithHeader("X-Correlation-Id", "c-1"),
		apimgmt.WithCaptureResponse(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, resp.StatusCode, resp.RequestID, resp.Attempts)
	// Output:
	// apigroup.Get attempt 1 GET Authorization: REDACTED
	// status 200
	// group_one 200 req-1 1
}
