// Command appgroup-update modifies a Huawei Cloud Workspace application
// group: the "Modifying an Application Group" call (PATCH
// /v1/{project_id}/app-groups/{app_group_id}), as a copy-paste starter.
//
//	export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
//	export HUAWEICLOUD_SDK_REGION=cn-north-4    # or WORKSPACE_ENDPOINT=https://...
//	go run ./examples/appgroup-update -group 575772274859184145 \
//	    -name finance_apps -description "Finance applications" \
//	    -server-group 2ad44c6d-b829-4e89-a44a-5f25577f7788
//
// Only the flags given are sent: a flag that is not given leaves that field
// as it is, and -description "" clears the description. A server group can
// be bound only while the application group has none. On success it prints
// the updated group as indented JSON and exits 0; on failure it prints the
// error on stderr and exits 1 (2 for a command line it cannot parse).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/apimgmt/apimgmt-go/appgroup"
)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	groupID, in, err := parseArgs(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	}
	group, err := update(ctx, groupID, in)
	if err == nil {
		var out []byte
		if out, err = json.MarshalIndent(group, "", "  "); err == nil {
			fmt.Fprintf(stdout, "%s\n", out)
			return 0
		}
	}
	fmt.Fprintln(stderr, "error:", err)
	return 1
}

// parseArgs reads the command line into the group ID and the update. A flag
// that is not given stays nil in the update, so it is not sent.
func parseArgs(args []string, stderr io.Writer) (string, appgroup.UpdateInput, error) {
	var in appgroup.UpdateInput
	flags := flag.NewFlagSet("appgroup-update", flag.ContinueOnError)
	flags.SetOutput(stderr)
	groupID := flags.String("group", "", "application group ID (required)")
	fields := map[string]**string{"name": &in.Name, "description": &in.Description, "server-group": &in.AppServerGroupID}
	values := map[string]*string{
		"name":         flags.String("name", "", "new name: 1-64 letters, digits, Chinese characters, _ or -"),
		"description":  flags.String("description", "", "new description (\"\" clears it)"),
		"server-group": flags.String("server-group", "", "application server group ID to bind (only while none is bound)"),
	}
	if err := flags.Parse(args); err != nil {
		return "", in, err
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected arguments: %q\n", flags.Args())
		flags.Usage()
		return "", in, errors.New("unexpected arguments")
	}
	flags.Visit(func(f *flag.Flag) {
		if field, ok := fields[f.Name]; ok {
			*field = values[f.Name]
		}
	})
	return *groupID, in, nil
}

// update sends the PATCH with the endpoint and credentials from the
// environment.
func update(ctx context.Context, groupID string, in appgroup.UpdateInput) (*appgroup.Group, error) {
	opts := []appgroup.Option{appgroup.WithEnvCredentials()}
	switch endpoint, region := os.Getenv("WORKSPACE_ENDPOINT"), os.Getenv("HUAWEICLOUD_SDK_REGION"); {
	case endpoint != "":
		opts = append(opts, appgroup.WithEndpoint(endpoint))
	case region != "":
		opts = append(opts, appgroup.WithRegion(region))
	default:
		return nil, errors.New("no endpoint: set WORKSPACE_ENDPOINT or HUAWEICLOUD_SDK_REGION")
	}
	client, err := appgroup.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	return client.Update(ctx, groupID, in)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
