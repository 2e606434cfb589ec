// Command quickstart walks through every apimgmt-go service against the
// SDK's own in-process fakes: no credentials, no network, no cloud account.
//
//	go run ./examples/quickstart
//
// Each section creates, updates, reads, lists and deletes one vendor
// resource, printing every step. Copy a section into your program and swap
// the fake's options for a region (or endpoint) and real credentials.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// section is one service's walk-through.
type section struct {
	title string
	run   func(ctx context.Context, out io.Writer) error
}

// sections lists the walk-throughs in order; each service adds its own in
// its own file.
var sections = []section{
	{"Huawei Cloud APIG: API groups (package apigroup)", apiGroupSection},
	{"Huawei Cloud Workspace: application groups (package appgroup)", appGroupSection},
	{"Apinizer: API Proxy Groups (package apiproxygroup)", apiProxyGroupSection},
	{"Google Apigee: API products (package apiproduct)", apiProductSection},
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) error {
	for i, s := range sections {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "== %s ==\n", s.title)
		if err := s.run(ctx, out); err != nil {
			return fmt.Errorf("%s: %w", s.title, err)
		}
	}
	fmt.Fprintln(out, "\nAll sections completed.")
	return nil
}
