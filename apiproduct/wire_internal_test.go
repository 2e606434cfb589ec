package apiproduct

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproductgen"
)

// jsonField is one member of a struct's JSON form.
type jsonField struct {
	typ  reflect.Type
	omit string // what encoding leaves out: "", "empty", "nil" or "zero"
}

// jsonFields returns the JSON members of struct type t, as encoding/json
// sees them: the names of embedded structs promoted unless an outer field
// has the same name.
func jsonFields(t reflect.Type) map[string]jsonField {
	out := map[string]jsonField{}
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			embedded = append(embedded, et)
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = jsonField{typ: f.Type, omit: omission(f.Type, opts)}
	}
	for _, et := range embedded {
		for name, f := range jsonFields(et) {
			if _, ok := out[name]; !ok {
				out[name] = f
			}
		}
	}
	return out
}

// omission says which values of a field of type t with the tag options opts
// encoding/json leaves out.
func omission(t reflect.Type, opts string) string {
	has := func(o string) bool { return slices.Contains(strings.Split(opts, ","), o) }
	switch t.Kind() {
	case reflect.Slice, reflect.Map:
		switch {
		case has("omitempty"):
			return "empty"
		case has("omitzero"):
			return "nil"
		}
	case reflect.Pointer:
		if has("omitempty") || has("omitzero") {
			return "nil"
		}
	case reflect.Struct:
		if has("omitzero") {
			return "zero"
		}
	default:
		if has("omitempty") || has("omitzero") {
			return "empty"
		}
	}
	return ""
}

// reporter is what matchWire reports to: a *testing.T, or a recorder in
// the test of matchWire itself.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// matchWire fails unless the public type pub has the JSON form of the
// generated type wire: the same member names, kinds and omission rules,
// all the way down.
func matchWire(t reporter, path string, pub, wire reflect.Type) {
	t.Helper()
	if pub.Kind() != wire.Kind() {
		t.Errorf("%s: %v, the spec's is %v", path, pub, wire)
		return
	}
	switch pub.Kind() {
	case reflect.Pointer, reflect.Slice:
		matchWire(t, path+"[]", pub.Elem(), wire.Elem())
	case reflect.Struct:
		pf, wf := jsonFields(pub), jsonFields(wire)
		for name, w := range wf {
			p, ok := pf[name]
			if !ok {
				t.Errorf("%s.%s: in the spec, not in the public model", path, name)
				continue
			}
			if p.omit != w.omit {
				t.Errorf("%s.%s: leaves out %q values, the spec's model %q", path, name, p.omit, w.omit)
			}
			matchWire(t, path+"."+name, p.typ, w.typ)
		}
		for name := range pf {
			if _, ok := wf[name]; !ok {
				t.Errorf("%s.%s: in the public model, not in the spec", path, name)
			}
		}
	}
}

// responseOnly are the wire fields the server sets; productOut never sends
// them.
var responseOnly = map[string]bool{"createdAt": true, "lastModifiedAt": true}

// The product is encoded from, and decoded into, the public types directly
// (wire.go), so their JSON form must be the spec's.
func TestPublicModelsMatchTheWire(t *testing.T) {
	matchWire(t, "productIn", reflect.TypeFor[productIn](), reflect.TypeFor[gen.APIProduct]())
	matchWire(t, "productList", reflect.TypeFor[productList](), reflect.TypeFor[gen.ListAPIProductsResult]())
	matchWire(t, "Attribute", reflect.TypeFor[Attribute](), reflect.TypeFor[gen.Attribute]())

	// What is sent: the spec's fields and rules, but never the
	// response-only times.
	out := jsonFields(reflect.TypeFor[productOut]())
	for name := range responseOnly {
		f, ok := out[name]
		if !ok || f.typ != reflect.TypeFor[*struct{}]() || f.omit != "nil" {
			t.Errorf("productOut.%s: %v %q; want a nil *struct{} left out", name, f.typ, f.omit)
		}
		delete(out, name)
	}
	in := jsonFields(reflect.TypeFor[productIn]())
	for name, f := range out {
		if in[name] != f {
			t.Errorf("productOut.%s: %v %q; productIn's is %v %q", name, f.typ, f.omit, in[name].typ, in[name].omit)
		}
	}
	if len(out)+len(responseOnly) != len(in) {
		t.Errorf("productOut has %d members, productIn %d", len(out)+len(responseOnly), len(in))
	}
}

// matchWire itself must catch what it is there for: each variant of a
// small wire type differs from it in one respect.
func TestMatchWireCatchesDifferences(t *testing.T) {
	field := func(name string, typ reflect.Type, tag string) reflect.StructField {
		return reflect.StructField{Name: name, Type: typ, Tag: reflect.StructTag(tag)}
	}
	nested := func(name, tag string) reflect.Type {
		return reflect.PointerTo(reflect.StructOf([]reflect.StructField{field(name, reflect.TypeFor[string](), tag)}))
	}
	fields := func(change func(fs []reflect.StructField)) reflect.Type {
		fs := []reflect.StructField{
			field("A", reflect.TypeFor[string](), `json:"a,omitempty"`),
			field("B", reflect.TypeFor[[]string](), `json:"b,omitzero"`),
			field("C", nested("D", `json:"d"`), `json:"c,omitempty"`),
		}
		change(fs)
		return reflect.StructOf(fs)
	}
	wire := fields(func([]reflect.StructField) {})
	var same recorder
	matchWire(&same, "wire", wire, wire)
	if same.errors != 0 {
		t.Fatalf("a type does not match itself")
	}
	for name, pub := range map[string]reflect.Type{
		"a sent when empty":    fields(func(fs []reflect.StructField) { fs[0].Tag = `json:"a"` }),
		"empty slice left out": fields(func(fs []reflect.StructField) { fs[1].Tag = `json:"b,omitempty"` }),
		"nested name":          fields(func(fs []reflect.StructField) { fs[2].Type = nested("E", `json:"e"`) }),
		"kind":                 fields(func(fs []reflect.StructField) { fs[0].Type = reflect.TypeFor[int]() }),
		"extra member":         fields(func(fs []reflect.StructField) { fs[1].Tag = `json:"x,omitzero"` }),
	} {
		var r recorder
		matchWire(&r, name, pub, wire)
		if r.errors == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
}

// recorder counts the errors reported to it.
type recorder struct{ errors int }

func (*recorder) Helper()                 {}
func (r *recorder) Errorf(string, ...any) { r.errors++ }
