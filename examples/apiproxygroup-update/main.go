// Command apiproxygroup-update replaces an Apinizer API Proxy Group and,
// optionally, deploys it: the "Update API Proxy Group" call
// (PUT /apiops/projects/{projectName}/apiProxyGroups/), as a copy-paste
// starter.
//
//	export APINIZER_URL=https://demo.apinizer.com
//	export APINIZER_TOKEN=...        # or APINIZER_USERNAME and APINIZER_PASSWORD
//	go run ./examples/apiproxygroup-update -project MyProject -name PaymentAPIGroup \
//	    -description "Updated Payment API Group" -path /api/v2/payment \
//	    -method GET -method POST -method PUT -method DELETE -deploy-env production
//
// The update replaces the whole group: flags that are not given clear what
// the group had (bufferRequest and bufferResponse are always sent, true
// unless turned off). With -deploy-env the group is deployed to that
// environment after it is saved.
//
// On success it prints the result (with any deployment result) as indented
// JSON and exits 0. On failure it prints the error on stderr and exits 1; a
// deployment that failed on some pods exits 1 too, after printing what was
// saved and the deployment result.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint([]string(*l)) }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("apiproxygroup-update", flag.ContinueOnError)
	fs.SetOutput(stderr)
	project := fs.String("project", "", "project name (required)")
	name := fs.String("name", "", "name of the existing API Proxy Group (required)")
	description := fs.String("description", "", "group description")
	var paths, methods listFlag
	fs.Var(&paths, "path", "relative path of the client route, starting with / (repeatable; at least one)")
	fs.Var(&methods, "method", "HTTP method to match: GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE or ALL (repeatable; none matches all)")
	bufferRequest := fs.Bool("buffer-request", true, "buffer the request body so policies can read it")
	bufferResponse := fs.Bool("buffer-response", true, "buffer the response body so policies can read it")
	deployEnv := fs.String("deploy-env", "", "environment to deploy the group to after saving it")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	client, err := apiproxygroup.NewClient(*project,
		apiproxygroup.WithEndpoint(os.Getenv(apiproxygroup.EnvURL)),
		apiproxygroup.WithEnvCredentials(), // APINIZER_TOKEN, or APINIZER_USERNAME and APINIZER_PASSWORD
	)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	in := apiproxygroup.GroupInput{
		Name:        *name,
		Description: *description,
		ClientRoute: apiproxygroup.ClientRoute{
			RelativePaths:  paths,
			BufferRequest:  bufferRequest,
			BufferResponse: bufferResponse,
		},
		EnvironmentName: *deployEnv,
	}
	for _, m := range methods {
		in.ClientRoute.Methods = append(in.ClientRoute.Methods, apiproxygroup.Method(m))
	}
	res, err := client.Update(ctx, in)
	if res != nil {
		// Saved: print it, even when the deployment failed (then err is a
		// *apiproxygroup.DeploymentError listing what failed).
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if encErr := enc.Encode(res); encErr != nil && err == nil {
			err = encErr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}
