package interop

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
	"go.yaml.in/yaml/v3"
)

// The comparer reads an OpenAPI document of the main module with a YAML
// library and holds every schema it reaches against a vendor Go model, by
// reflection: the JSON names of the model's fields against the schema's
// properties (both ways), Go kinds against OpenAPI type and format, and the
// vendor's enums against the schema's.

// schema is the part of an OpenAPI schema object the comparer reads.
type schema struct {
	Ref                  string             `yaml:"$ref"`
	AllOf                []*schema          `yaml:"allOf"`
	Type                 string             `yaml:"type"`
	Format               string             `yaml:"format"`
	Enum                 []any              `yaml:"enum"`
	Items                *schema            `yaml:"items"`
	Properties           map[string]*schema `yaml:"properties"`
	AdditionalProperties *additional        `yaml:"additionalProperties"`
}

// additional is additionalProperties: a schema, or true for any value.
type additional struct {
	Schema *schema
	Any    bool
}

func (a *additional) UnmarshalYAML(n *yaml.Node) error {
	if n.Tag == "!!bool" {
		return n.Decode(&a.Any)
	}
	a.Schema = new(schema)
	return n.Decode(a.Schema)
}

type parameter struct {
	Ref    string  `yaml:"$ref"`
	Name   string  `yaml:"name"`
	In     string  `yaml:"in"`
	Schema *schema `yaml:"schema"`
}

type content struct {
	Schema *schema `yaml:"schema"`
}

type operation struct {
	OperationID string      `yaml:"operationId"`
	Parameters  []parameter `yaml:"parameters"`
	RequestBody *struct {
		Content map[string]content `yaml:"content"`
	} `yaml:"requestBody"`
	Responses map[string]struct {
		Content map[string]content `yaml:"content"`
	} `yaml:"responses"`
}

type pathItem struct {
	Parameters []parameter `yaml:"parameters"`
	Get        *operation  `yaml:"get"`
	Put        *operation  `yaml:"put"`
	Post       *operation  `yaml:"post"`
	Patch      *operation  `yaml:"patch"`
	Delete     *operation  `yaml:"delete"`
}

// document is an OpenAPI document.
type document struct {
	Paths      map[string]pathItem `yaml:"paths"`
	Components struct {
		Schemas    map[string]*schema   `yaml:"schemas"`
		Parameters map[string]parameter `yaml:"parameters"`
	} `yaml:"components"`
}

func parseDocument(text []byte) (*document, error) {
	var d document
	if err := yaml.Unmarshal(text, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

func loadDocument(t *testing.T, file string) *document {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseDocument(text)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return d
}

// resolve follows a local $ref, and an allOf of one schema (the way to
// give a $ref a default or a description).
func (d *document) resolve(s *schema) *schema {
	for s != nil {
		switch {
		case s.Ref != "":
			s = d.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
		case len(s.AllOf) == 1 && s.Type == "" && s.Properties == nil:
			s = s.AllOf[0]
		default:
			return s
		}
	}
	return s
}

// refName returns the name of the component schema s refers to, or "".
func refName(s *schema) string {
	for s != nil {
		switch {
		case s.Ref != "":
			return strings.TrimPrefix(s.Ref, "#/components/schemas/")
		case len(s.AllOf) == 1:
			s = s.AllOf[0]
		default:
			return ""
		}
	}
	return ""
}

// operations returns the document's operations by operationId, each with
// its path item's parameters first, references resolved.
func (d *document) operations() map[string]*operation {
	ops := map[string]*operation{}
	for _, item := range d.Paths {
		for _, op := range []*operation{item.Get, item.Put, item.Post, item.Patch, item.Delete} {
			if op == nil {
				continue
			}
			o := *op
			o.Parameters = nil
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				if p.Ref != "" {
					p = d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				o.Parameters = append(o.Parameters, p)
			}
			ops[op.OperationID] = &o
		}
	}
	return ops
}

// success returns the schema of the operation's first 2xx answer with a
// body, or nil.
func (o *operation) success() *schema {
	codes := make([]string, 0, len(o.Responses))
	for code := range o.Responses {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if strings.HasPrefix(code, "2") {
			for _, c := range o.Responses[code].Content {
				return c.Schema
			}
		}
	}
	return nil
}

// comparer collects the differences between a document and vendor models.
type comparer struct {
	doc *document
	// enums are the vendor's enum types and their values.
	enums map[reflect.Type][]string
	// docEnums are enums the vendor documents outside its Go models (for
	// Google, in the discovery document), by path.
	docEnums map[string][]string
	diffs    []string
}

// diff records a difference once: a component schema reached from several
// operations is named by its own name, so its differences are one each.
func (c *comparer) diff(path, format string, args ...any) {
	d := path + ": " + fmt.Sprintf(format, args...)
	if !slices.Contains(c.diffs, d) {
		c.diffs = append(c.diffs, d)
	}
}

var (
	sdkTimeType = reflect.TypeFor[sdktime.SdkTime]()
	timeType    = reflect.TypeFor[time.Time]()
)

// jsonName returns the JSON name of a struct field and whether the field
// travels as a string (",string").
func jsonName(f reflect.StructField) (name string, asString, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, slices.Contains(strings.Split(opts, ","), "string"), true
}

// fields returns the JSON fields of a struct type, embedded structs
// flattened.
func fields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("json") == "" {
			for k, v := range fields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name, _, ok := jsonName(f); ok {
			out[name] = f
		}
	}
	return out
}

func enumStrings(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprint(v)
	}
	slices.Sort(out)
	return out
}

// value compares one value: a vendor Go type (asString when its JSON tag
// has ",string") against a schema.
func (c *comparer) value(path string, t reflect.Type, asString bool, s *schema) {
	if name := refName(s); name != "" {
		path = name
	}
	s = c.doc.resolve(s)
	if s == nil {
		c.diff(path, "the spec has no schema")
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	wantType, wantFormat := "", ""
	var enum []string
	valueMethod, hasValue := t.MethodByName("Value")
	if vals, isEnum := c.enums[t]; isEnum {
		enum = vals
		t = valueMethod.Type.Out(0)
	} else if t.Kind() == reflect.Struct && hasValue && t != sdkTimeType {
		c.diff(path, "the vendor's enum type %s is not registered with the comparer", t)
		return
	} else if vals, ok := c.docEnums[path]; ok {
		enum = vals
	}
	switch {
	case t == sdkTimeType || t == timeType:
		wantType, wantFormat = "string", "date-time"
	case asString && (t.Kind() == reflect.Int64 || t.Kind() == reflect.Int32):
		wantType, wantFormat = "string", t.Kind().String()
	case t.Kind() == reflect.String:
		wantType = "string"
	case t.Kind() == reflect.Bool:
		wantType = "boolean"
	case t.Kind() == reflect.Int32, t.Kind() == reflect.Int64:
		wantType, wantFormat = "integer", t.Kind().String()
	case t.Kind() == reflect.Float64:
		wantType, wantFormat = "number", "double"
	case t.Kind() == reflect.Slice:
		if s.Type != "array" {
			c.diff(path, "the vendor has an array, the spec type %q", s.Type)
			return
		}
		c.value(path+"[]", t.Elem(), false, s.Items)
		return
	case t.Kind() == reflect.Map:
		if s.Type != "object" || s.AdditionalProperties == nil || s.AdditionalProperties.Schema == nil {
			c.diff(path, "the vendor has a map, the spec type %q without an additionalProperties schema", s.Type)
			return
		}
		c.value(path+"{}", t.Elem(), false, s.AdditionalProperties.Schema)
		return
	case t.Kind() == reflect.Struct:
		if s.Type != "object" {
			c.diff(path, "the vendor has an object (%s), the spec type %q", t.Name(), s.Type)
			return
		}
		c.object(path, t, s)
		return
	default:
		c.diff(path, "the comparer does not know the vendor's Go type %s", t)
		return
	}
	if s.Type != wantType || s.Format != wantFormat {
		c.diff(path, "the vendor has %s (%s), the spec %s", t, typeFormat(wantType, wantFormat), typeFormat(s.Type, s.Format))
	}
	if enum != nil {
		got := enumStrings(s.Enum)
		want := slices.Sorted(slices.Values(enum))
		if !slices.Equal(got, want) {
			c.diff(path, "the vendor's enum is %v, the spec's %v", want, got)
		}
	}
}

// typeFormat writes an OpenAPI type and format as type/format.
func typeFormat(typ, format string) string {
	switch {
	case typ == "":
		return "no type"
	case format == "":
		return typ
	}
	return typ + "/" + format
}

// object compares a vendor struct with an object schema, field by field,
// both ways.
func (c *comparer) object(path string, t reflect.Type, s *schema) {
	fs := fields(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range fs {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		f := fs[name]
		p, ok := s.Properties[name]
		if !ok {
			c.diff(path+"."+name, "the vendor has this field (%s), the spec does not", f.Type)
			continue
		}
		_, asString, _ := jsonName(f)
		c.value(path+"."+name, f.Type, asString, p)
	}
	for name := range s.Properties {
		if _, ok := fs[name]; !ok {
			c.diff(path+"."+name, "the spec has this field, the vendor's %s does not", t)
		}
	}
}

// operation compares a spec operation with the vendor's request and
// response models: the parameters (except those in skip, which the vendor
// fills from elsewhere) with the request's fields, the request body with its
// Body field, and the success answer with the response model.
func (c *comparer) operation(id string, req, resp reflect.Type, skip ...string) {
	op := c.doc.operations()[id]
	if op == nil {
		c.diff(id, "the spec has no such operation")
		return
	}
	fs := fields(req)
	seen := map[string]bool{}
	for _, p := range op.Parameters {
		if slices.Contains(skip, p.Name) {
			continue
		}
		seen[p.Name] = true
		f, ok := fs[p.Name]
		if !ok {
			c.diff(id+" parameter "+p.Name, "the spec has this %s parameter, the vendor's %s does not", p.In, req.Name())
			continue
		}
		c.value(id+" parameter "+p.Name, f.Type, false, p.Schema)
	}
	for name, f := range fs {
		if name == "body" {
			continue
		}
		if !seen[name] {
			c.diff(id+" parameter "+name, "the vendor's %s has this parameter (%s), the spec does not", req.Name(), f.Type)
		}
	}
	body, hasBody := fs["body"]
	switch {
	case hasBody && (op.RequestBody == nil || len(op.RequestBody.Content) == 0):
		c.diff(id+" request", "the vendor sends a body (%s), the spec none", body.Type)
	case !hasBody && op.RequestBody != nil:
		c.diff(id+" request", "the spec sends a body, the vendor's %s none", req.Name())
	case hasBody:
		for _, ct := range op.RequestBody.Content {
			c.value(id+" request", body.Type, false, ct.Schema)
		}
	}
	answer := op.success()
	if len(fields(resp)) == 0 {
		if answer != nil {
			c.diff(id+" response", "the spec answers with a body, the vendor's %s has none", resp.Name())
		}
		return
	}
	c.value(id+" response", resp, false, answer)
}

// vendorEnum returns the values of one of huaweicloud-sdk-go-v3's enums
// from the value of its GetXxxEnum function (a struct of the enum's
// values, each with a Value method).
func vendorEnum(all any) []string {
	v := reflect.ValueOf(all)
	var out []string
	for i := range v.NumField() {
		out = append(out, fmt.Sprint(v.Field(i).MethodByName("Value").Call(nil)[0].Interface()))
	}
	return out
}

// enumOf returns the enum type of the value of a GetXxxEnum function.
func enumOf(all any) reflect.Type { return reflect.TypeOf(all).Field(0).Type }

// checkDiffs fails on every difference not in allowed and on every allowed
// difference that no longer occurs.
func checkDiffs(t *testing.T, diffs []string, allowed map[string]string) {
	t.Helper()
	used := map[string]bool{}
	for _, d := range diffs {
		if _, ok := allowed[d]; ok {
			used[d] = true
			continue
		}
		t.Errorf("spec and vendor model differ: %s", d)
	}
	for d := range allowed {
		if !used[d] {
			t.Errorf("allow-list entry no longer needed: %s", d)
		}
	}
}
