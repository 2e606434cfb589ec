// Command apiproduct-update changes a Google Apigee API product: the
// organizations.apiproducts.update call (a PUT of the whole product), done as
// read-modify-write so that a flag that is not given leaves that field as it
// is. A copy-paste starter.
//
//	export GOOGLE_OAUTH_ACCESS_TOKEN=$(gcloud auth print-access-token)  # else Application Default Credentials
//	export APIGEE_ENDPOINT=https://apigee.googleapis.com                # optional
//	go run ./examples/apiproduct-update -org my-org -product weather-premium \
//	    -display-name "Weather Premium" -approval manual \
//	    -env test -env prod -proxy weather-v1 \
//	    -quota 10000 -quota-interval 1 -quota-unit month \
//	    -scope weather.read -attr access=public -attr tier=premium
//
// -env, -proxy, -resource and -scope are repeatable; given at least once, they
// replace that list. -attr name=value is repeatable; it sets that attribute
// and keeps the others. The Apigee API has no concurrency token, so a change
// someone else makes between the read and the write is overwritten.
//
// On success it prints the updated product as indented JSON and exits 0; on
// failure it prints the error on stderr and exits 1 (2 for bad flags).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

func main() {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		cancel()
		os.Exit(exitCode(err, os.Stderr))
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	// A token from the environment, or Application Default Credentials.
	opts := []apiproduct.Option{apiproduct.WithDefaultCredentials()}
	if tok := os.Getenv("GOOGLE_OAUTH_ACCESS_TOKEN"); tok != "" {
		opts = []apiproduct.Option{apiproduct.WithToken(tok)}
	}
	if ep := os.Getenv("APIGEE_ENDPOINT"); ep != "" {
		opts = append(opts, apiproduct.WithEndpoint(ep))
	}
	client, err := apiproduct.NewClient(cfg.org, opts...)
	if err != nil {
		return err
	}
	updated, _, err := client.Modify(ctx, cfg.product, cfg.apply)
	if err != nil {
		return err
	}
	out, err := json.MarshalIndent(updated, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", out)
	return err
}

// apply changes the fields whose flags were given, and only those.
func (c *config) apply(p *apiproduct.Product) error {
	for name, change := range map[string]func(){
		"display-name":   func() { p.DisplayName = c.displayName },
		"description":    func() { p.Description = c.description },
		"approval":       func() { p.ApprovalType = apiproduct.ApprovalType(c.approval) },
		"env":            func() { p.Environments = c.envs },
		"proxy":          func() { p.Proxies = c.proxies },
		"resource":       func() { p.APIResources = c.resources },
		"quota":          func() { p.Quota = c.quota },
		"quota-interval": func() { p.QuotaInterval = c.quotaInterval },
		"quota-unit":     func() { p.QuotaTimeUnit = apiproduct.TimeUnit(c.quotaUnit) },
		"scope":          func() { p.Scopes = c.scopes },
	} {
		if c.given[name] {
			change()
		}
	}
	for _, a := range c.attrs {
		p.Attributes = setAttribute(p.Attributes, a)
	}
	return nil
}

// setAttribute sets the attribute named a.Name to a.Value, adding it when
// there is none.
func setAttribute(as []apiproduct.Attribute, a apiproduct.Attribute) []apiproduct.Attribute {
	for i := range as {
		if as[i].Name == a.Name {
			as[i].Value = a.Value
			return as
		}
	}
	return append(as, a)
}
