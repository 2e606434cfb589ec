// Command apigroup-update changes the name and remark of a Huawei Cloud APIG
// API group: the "Modifying an API Group" call, as a copy-paste starter.
//
//	export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
//	export HUAWEICLOUD_SDK_REGION=cn-north-4     # or APIG_ENDPOINT=https://...
//	go run ./examples/apigroup-update -instance <instance_id> -group <group_id> \
//	    -name api_group_001 -remark "API group 1"
//
// A -remark that is not given is not sent. On success it prints the updated
// group as indented JSON and exits 0; on failure it prints the error on
// stderr and exits 1.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/apimgmt/apimgmt-go/apigroup"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("apigroup-update", flag.ContinueOnError)
	fs.SetOutput(stderr)
	instance := fs.String("instance", "", "gateway instance ID (required)")
	group := fs.String("group", "", "API group ID (required)")
	name := fs.String("name", "", "new group name, 3-255 characters (required)")
	remark := fs.String("remark", "", "new description (not sent when the flag is absent)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts := []apigroup.Option{apigroup.WithEnvCredentials()}
	if ep := os.Getenv("APIG_ENDPOINT"); ep != "" {
		opts = append(opts, apigroup.WithEndpoint(ep))
	} else {
		opts = append(opts, apigroup.WithRegion(os.Getenv("HUAWEICLOUD_SDK_REGION")))
	}
	client, err := apigroup.NewClient(*instance, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	in := apigroup.UpdateInput{Name: *name}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "remark" {
			in.Remark = remark
		}
	})
	updated, err := client.Update(ctx, *group, in)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(updated); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}
