package tools

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// specFiles lists every OpenAPI document in openapi/ (the oapi-codegen
// configuration files, *.cfg.yaml, are not specs).
func specFiles(t *testing.T) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join("..", "..", "openapi", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var specs []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".cfg.yaml") {
			specs = append(specs, f)
		}
	}
	if len(specs) == 0 {
		t.Fatal("no OpenAPI documents found under openapi/")
	}
	return specs
}

// TestSpecsAreValidOpenAPI30 loads each spec with kin-openapi and validates it
// against the OpenAPI 3.0 rules, examples included.
func TestSpecsAreValidOpenAPI30(t *testing.T) {
	for _, path := range specFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			loader := openapi3.NewLoader()
			doc, err := loader.LoadFromData(data)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if !strings.HasPrefix(doc.OpenAPI, "3.0.") {
				t.Fatalf("openapi version %q, want 3.0.x", doc.OpenAPI)
			}
			if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
				t.Fatalf("invalid OpenAPI 3.0 document: %v", err)
			}
			for p, item := range doc.Paths.Map() {
				for method, op := range item.Operations() {
					if op.OperationID == "" {
						t.Errorf("%s %s has no operationId", method, p)
					}
					if op.Description == "" && op.Summary == "" {
						t.Errorf("%s %s has neither summary nor description", method, p)
					}
				}
			}
			for name, s := range doc.Components.Schemas {
				if s.Value != nil && s.Value.Description == "" {
					t.Errorf("schema %s has no description", name)
				}
				if s.Value == nil {
					continue
				}
				for prop, ps := range s.Value.Properties {
					if ps.Ref == "" && ps.Value != nil && ps.Value.Description == "" {
						t.Errorf("schema %s property %s has no description", name, prop)
					}
				}
			}
		})
	}
}
