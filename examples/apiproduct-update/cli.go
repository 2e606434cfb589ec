package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// errUsage reports a command line that does not parse; package flag has
// already said why.
var errUsage = errors.New("usage")

// exitCode is the exit status for what run returned: 0, 2 for a bad command
// line, else 1 after printing the error.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(stderr, "error:", err)
	return 1
}

// config is the command line: the product to change and the changes.
type config struct {
	org, product             string
	displayName, description string
	approval                 string
	envs, proxies, resources []string
	quota, quotaInterval     string
	quotaUnit                string
	scopes                   []string
	attrs                    []apiproduct.Attribute
	// given holds the names of the flags on the command line.
	given map[string]bool
}

// repeated is a flag that may be given several times.
type repeated struct{ values *[]string }

func (r repeated) String() string {
	if r.values == nil {
		return ""
	}
	return strings.Join(*r.values, ",")
}

func (r repeated) Set(v string) error { *r.values = append(*r.values, v); return nil }

// attrFlag is -attr name=value, which may be given several times.
type attrFlag struct{ attrs *[]apiproduct.Attribute }

func (a attrFlag) String() string { return "" }

func (a attrFlag) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || name == "" {
		return errors.New("want name=value")
	}
	*a.attrs = append(*a.attrs, apiproduct.Attribute{Name: name, Value: value})
	return nil
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{given: map[string]bool{}}
	fs := flag.NewFlagSet("apiproduct-update", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.org, "org", "", "Apigee organization (required)")
	fs.StringVar(&c.product, "product", "", "internal name of the API product (required)")
	fs.StringVar(&c.displayName, "display-name", "", "display name")
	fs.StringVar(&c.description, "description", "", "description")
	fs.StringVar(&c.approval, "approval", "", "key approval: manual or auto")
	fs.Var(repeated{&c.envs}, "env", "environment (repeatable; replaces the list)")
	fs.Var(repeated{&c.proxies}, "proxy", "API proxy (repeatable; replaces the list)")
	fs.Var(repeated{&c.resources}, "resource", "API resource path, e.g. /** (repeatable; replaces the list)")
	fs.StringVar(&c.quota, "quota", "", "requests per app per quota interval")
	fs.StringVar(&c.quotaInterval, "quota-interval", "", "quota interval")
	fs.StringVar(&c.quotaUnit, "quota-unit", "", "quota time unit: minute, hour, day or month")
	fs.Var(repeated{&c.scopes}, "scope", "OAuth scope (repeatable; replaces the list)")
	fs.Var(attrFlag{&c.attrs}, "attr", "custom attribute name=value (repeatable; sets that attribute, keeps the others)")
	if err := fs.Parse(args); err != nil {
		return nil, errUsage
	}
	if c.org == "" || c.product == "" {
		return nil, errors.New("-org and -product are required")
	}
	fs.Visit(func(f *flag.Flag) { c.given[f.Name] = true })
	return c, nil
}
