package reliability_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// bodyUse says what an operation does with the body of a 2xx answer.
type bodyUse int

const (
	// decodes: the body must be the documented JSON; anything else is
	// ErrMalformedResponse.
	decodes bodyUse = iota
	// envelope: Apinizer's envelope; an empty body is an empty envelope,
	// anything else must be JSON.
	envelope
	// ignored: the status is the answer (a delete, a membership change).
	ignored
	// oauthToken: golang.org/x/oauth2 parses the token endpoint's answer.
	oauthToken
)

// opRow is one operation of one service, as the matrix calls it.
type opRow struct {
	svc  string
	name string // the method, with a note when one method has two rows
	// opVar names the transport.Op variable, in the service package, of
	// the operation's first request; idem is whether the table expects
	// that op to be safe to repeat. TestOpsMatchDeclarations checks both
	// against the package source.
	opVar string
	idem  bool
	body  bodyUse
	// followUps is how many requests follow the first when it succeeds
	// (Modify puts after it gets; a call after its token request).
	followUps int
	// password: the client logs in with a username and password.
	password bool
	// setup makes what the operation needs, through the fake or the
	// client, before any fault is injected.
	setup func(ctx context.Context, h *harness) error
	call  func(ctx context.Context, h *harness) (any, error)
}

func (o *opRow) String() string { return o.svc + "." + o.name }

// opName is the pipeline's name for the op of the first request.
func (o *opRow) opName() string {
	d, ok := declarations[o.svc][o.opVar]
	if !ok {
		return o.svc + ".?" + o.opVar
	}
	return d.name
}

func none(context.Context, *harness) error { return nil }

// The resources setups make.
const (
	proxyGroup = "orders"
	proxyEnv   = "production"
	product    = "weather"
	attribute  = "tier"
)

func addAPIGroup(_ context.Context, h *harness) error {
	h.ref = h.apigroupFake.AddGroup("group_one", "")
	return nil
}

func addAppGroup(_ context.Context, h *harness) error {
	h.ref = h.appgroupFake.AddGroup(appgroup.CreateInput{Name: "office"})
	return nil
}

func addProxyGroup(_ context.Context, h *harness) error {
	h.proxyFake.AddGroup(proxyGroup, "Orders", "/orders")
	return nil
}

func deployProxyGroup(ctx context.Context, h *harness) error {
	h.proxyFake.AddGroup(proxyGroup, "Orders", "/orders")
	_, err := h.proxy.Deploy(ctx, proxyGroup, proxyEnv, nil)
	return err
}

func addProduct(_ context.Context, h *harness) error {
	return h.productFake.AddProductJSON(`{"name":"` + product + `","displayName":"Weather","approvalType":"auto",` +
		`"attributes":[{"name":"` + attribute + `","value":"gold"}]}`)
}

// ops is every operation of every service.
var ops = []*opRow{
	// apigroup
	{svc: svcAPIGroup, name: "Create", opVar: "opCreate", idem: false, body: decodes, setup: none,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.apigroup.Create(ctx, apigroup.CreateInput{Name: "group_new", Remark: "made by the matrix"})
		}},
	{svc: svcAPIGroup, name: "Get", opVar: "opGet", idem: true, body: decodes, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.apigroup.Get(ctx, h.ref) }},
	{svc: svcAPIGroup, name: "List", opVar: "opList", idem: true, body: decodes, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return collect(h.apigroup.List(ctx, nil)) }},
	{svc: svcAPIGroup, name: "ListPage", opVar: "opList", idem: true, body: decodes, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.apigroup.ListPage(ctx, nil) }},
	{svc: svcAPIGroup, name: "Update", opVar: "opUpdate", idem: true, body: decodes, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.apigroup.Update(ctx, h.ref, apigroup.UpdateInput{Name: "group_two", Remark: apimgmt.Ptr("renamed")})
		}},
	{svc: svcAPIGroup, name: "Delete", opVar: "opDelete", idem: true, body: ignored, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return nil, h.apigroup.Delete(ctx, h.ref) }},
	// CheckName only reads whether a name is taken (its status is the
	// answer: 204 free, 400 APIG.3201 taken), so it is safe to repeat.
	{svc: svcAPIGroup, name: "CheckName", opVar: "opCheckName", idem: true, body: ignored, setup: addAPIGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.apigroup.CheckName(ctx, "group_new") }},

	// appgroup
	{svc: svcAppGroup, name: "Create", opVar: "opCreate", idem: false, body: decodes, setup: none,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.appgroup.Create(ctx, appgroup.CreateInput{Name: "new_group", Description: "made by the matrix"})
		}},
	{svc: svcAppGroup, name: "Get", opVar: "opGet", idem: true, body: decodes, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.appgroup.Get(ctx, h.ref) }},
	{svc: svcAppGroup, name: "List", opVar: "opList", idem: true, body: decodes, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return collect(h.appgroup.List(ctx, nil)) }},
	{svc: svcAppGroup, name: "ListPage", opVar: "opList", idem: true, body: decodes, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.appgroup.ListPage(ctx, nil) }},
	{svc: svcAppGroup, name: "Update", opVar: "opUpdate", idem: true, body: decodes, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.appgroup.Update(ctx, h.ref, appgroup.UpdateInput{Description: apimgmt.Ptr("changed")})
		}},
	{svc: svcAppGroup, name: "Delete", opVar: "opDelete", idem: true, body: ignored, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return nil, h.appgroup.Delete(ctx, h.ref) }},
	{svc: svcAppGroup, name: "BatchDelete", opVar: "opBatchDelete", idem: true, body: ignored, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.appgroup.BatchDelete(ctx, []string{h.ref})
		}},
	{svc: svcAppGroup, name: "CheckName", opVar: "opCheckName", idem: true, body: decodes, setup: none,
		call: func(ctx context.Context, h *harness) (any, error) { return h.appgroup.CheckName(ctx, "new_group") }},
	// DisassociateServerGroup sets a state (the server group bound to no
	// application group): a repeat after a lost answer finds it so and
	// changes nothing, so it is safe to repeat.
	{svc: svcAppGroup, name: "DisassociateServerGroup", opVar: "opDisassociate", idem: true, body: ignored, setup: addAppGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return nil, h.appgroup.DisassociateServerGroup(ctx, appgrouptest.ServerGroupID)
		}},

	// apiproxygroup
	{svc: svcAPIProxyGroup, name: "Create", opVar: "opCreate", idem: false, body: envelope, setup: none,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.Create(ctx, apiproxygroup.GroupInput{Name: "payments",
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/payments"}}})
		}},
	{svc: svcAPIProxyGroup, name: "Get", opVar: "opGet", idem: true, body: decodes, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.proxy.Get(ctx, proxyGroup) }},
	{svc: svcAPIProxyGroup, name: "List", opVar: "opList", idem: true, body: decodes, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return collect(h.proxy.List(ctx, nil)) }},
	{svc: svcAPIProxyGroup, name: "ListPage", opVar: "opList", idem: true, body: decodes, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.proxy.ListPage(ctx, nil) }},
	{svc: svcAPIProxyGroup, name: "Update", opVar: "opUpdate", idem: true, body: envelope, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.Update(ctx, apiproxygroup.GroupInput{Name: proxyGroup, Description: "changed",
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
		}},
	{svc: svcAPIProxyGroup, name: "Update (and deploy)", opVar: "opUpdateDeploy", idem: false, body: envelope, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.Update(ctx, apiproxygroup.GroupInput{Name: proxyGroup, EnvironmentName: proxyEnv,
				ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/orders"}}})
		}},
	{svc: svcAPIProxyGroup, name: "Delete", opVar: "opDelete", idem: true, body: ignored, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return nil, h.proxy.Delete(ctx, proxyGroup) }},
	{svc: svcAPIProxyGroup, name: "Deploy", opVar: "opDeploy", idem: false, body: envelope, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.Deploy(ctx, proxyGroup, proxyEnv, &apiproxygroup.DeployOptions{Description: "matrix"})
		}},
	{svc: svcAPIProxyGroup, name: "Undeploy", opVar: "opUndeploy", idem: false, body: envelope, setup: deployProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.Undeploy(ctx, proxyGroup, proxyEnv, nil)
		}},
	{svc: svcAPIProxyGroup, name: "Environments", opVar: "opEnvironments", idem: true, body: decodes, setup: deployProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.proxy.Environments(ctx, proxyGroup) }},
	{svc: svcAPIProxyGroup, name: "AddProxy", opVar: "opAddProxy", idem: true, body: ignored, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return nil, h.proxy.AddProxy(ctx, proxyGroup, "MyAPI")
		}},
	{svc: svcAPIProxyGroup, name: "RemoveProxy", opVar: "opRemoveProxy", idem: true, body: ignored,
		setup: func(ctx context.Context, h *harness) error {
			h.proxyFake.AddGroup(proxyGroup, "Orders", "/orders")
			return h.proxy.AddProxy(ctx, proxyGroup, "MyAPI")
		},
		call: func(ctx context.Context, h *harness) (any, error) {
			return nil, h.proxy.RemoveProxy(ctx, proxyGroup, "MyAPI")
		}},
	{svc: svcAPIProxyGroup, name: "DeployHistory", opVar: "opHistory", idem: true, body: decodes, setup: deployProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return h.proxy.DeployHistory(ctx, proxyGroup) }},
	{svc: svcAPIProxyGroup, name: "DeployHistoryRecord", opVar: "opHistoryRecord", idem: true, body: decodes, setup: deployProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.proxy.DeployHistoryRecord(ctx, proxyGroup, 1)
		}},
	{svc: svcAPIProxyGroup, name: "DeleteDeployHistory", opVar: "opDeleteHistory", idem: true, body: ignored, setup: deployProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) {
			return nil, h.proxy.DeleteDeployHistory(ctx, proxyGroup, 1)
		}},
	{svc: svcAPIProxyGroup, name: "Token (WithPassword, then List)", opVar: "opToken", idem: true, body: oauthToken,
		followUps: 1, password: true, setup: addProxyGroup,
		call: func(ctx context.Context, h *harness) (any, error) { return collect(h.proxy.List(ctx, nil)) }},

	// apiproduct
	{svc: svcAPIProduct, name: "Create", opVar: "opCreate", idem: false, body: decodes, setup: none,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.Create(ctx, &apiproduct.Product{Name: "news", DisplayName: "News", ApprovalType: apiproduct.ApprovalAuto})
		}},
	{svc: svcAPIProduct, name: "Get", opVar: "opGet", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return h.product.Get(ctx, product) }},
	{svc: svcAPIProduct, name: "List", opVar: "opList", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return collect(h.product.List(ctx, nil)) }},
	{svc: svcAPIProduct, name: "ListPage", opVar: "opList", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return h.product.ListPage(ctx, nil) }},
	{svc: svcAPIProduct, name: "Update", opVar: "opUpdate", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.Update(ctx, &apiproduct.Product{Name: product, DisplayName: "Weather 2", ApprovalType: apiproduct.ApprovalAuto})
		}},
	{svc: svcAPIProduct, name: "Modify (Get, then Update)", opVar: "opGet", idem: true, body: decodes, followUps: 1, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.Modify(ctx, product, func(p *apiproduct.Product) error {
				p.Description = "changed by the matrix"
				return nil
			})
		}},
	{svc: svcAPIProduct, name: "Delete", opVar: "opDelete", idem: true, body: ignored, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return nil, h.product.Delete(ctx, product) }},
	{svc: svcAPIProduct, name: "Move", opVar: "opMove", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return h.product.Move(ctx, product, "space-1") }},
	{svc: svcAPIProduct, name: "ReplaceAttributes", opVar: "opReplaceAttrs", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.ReplaceAttributes(ctx, product, []apiproduct.Attribute{{Name: attribute, Value: "silver"}})
		}},
	{svc: svcAPIProduct, name: "ListAttributes", opVar: "opListAttrs", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) { return h.product.ListAttributes(ctx, product) }},
	{svc: svcAPIProduct, name: "GetAttribute", opVar: "opGetAttribute", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.GetAttribute(ctx, product, attribute)
		}},
	{svc: svcAPIProduct, name: "UpdateAttribute", opVar: "opUpdateAttribute", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.UpdateAttribute(ctx, product, attribute, "platinum")
		}},
	{svc: svcAPIProduct, name: "DeleteAttribute", opVar: "opDeleteAttribute", idem: true, body: decodes, setup: addProduct,
		call: func(ctx context.Context, h *harness) (any, error) {
			return h.product.DeleteAttribute(ctx, product, attribute)
		}},
}

// opDecl is a transport.Op variable of a service package.
type opDecl struct {
	name string // "<package>.<Method>"
	idem bool
}

// declarations maps each service to its op variables, read from the
// package source: var opX = ops.Op("Method", transport.Idempotent), or
// ops.EnvelopeOp.
var declarations = func() map[string]map[string]opDecl {
	m := map[string]map[string]opDecl{}
	for _, svc := range serviceNames {
		d, err := parseOps(filepath.Join("..", "..", svc))
		if err != nil {
			panic(err)
		}
		m[svc] = d
	}
	return m
}()

// parseOps reads the op declarations of the package in dir.
func parseOps(dir string) (map[string]opDecl, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	prefix := ""
	type pending struct {
		v, method string
		idem      bool
	}
	var found []pending
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					call, ok := vs.Values[i].(*ast.CallExpr)
					if !ok {
						continue
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok {
						continue
					}
					switch {
					case sel.Sel.Name == "Service" && len(call.Args) == 1:
						prefix, err = strconv.Unquote(call.Args[0].(*ast.BasicLit).Value)
						if err != nil {
							return nil, err
						}
					case (sel.Sel.Name == "Op" || sel.Sel.Name == "EnvelopeOp") && len(call.Args) == 2:
						lit, ok := call.Args[0].(*ast.BasicLit)
						class, ok2 := call.Args[1].(*ast.SelectorExpr)
						if !ok || !ok2 {
							return nil, fmt.Errorf("%s: %s is not declared as ops.Op(\"Method\", transport.Class)", dir, name.Name)
						}
						method, err := strconv.Unquote(lit.Value)
						if err != nil {
							return nil, err
						}
						switch class.Sel.Name {
						case "Idempotent", "NotIdempotent":
						default:
							return nil, fmt.Errorf("%s: %s has retry class %s", dir, name.Name, class.Sel.Name)
						}
						found = append(found, pending{name.Name, method, class.Sel.Name == "Idempotent"})
					}
				}
			}
		}
	}
	if prefix == "" {
		return nil, fmt.Errorf("%s: no transport.Service declaration", dir)
	}
	m := map[string]opDecl{}
	for _, p := range found {
		m[p.v] = opDecl{name: prefix + "." + p.method, idem: p.idem}
	}
	return m, nil
}

// TestOpsMatchDeclarations checks the matrix's operation table against the
// services' source: every row's op exists and is as safe to repeat as the
// table expects, and every declared op has a row.
func TestOpsMatchDeclarations(t *testing.T) {
	covered := map[string]bool{}
	for _, o := range ops {
		d, ok := declarations[o.svc][o.opVar]
		if !assert.True(t, ok, "%s: no op variable %s in package %s", o, o.opVar, o.svc) {
			continue
		}
		assert.Equal(t, o.idem, d.idem, "%s: the table and %s disagree on whether %s is safe to repeat", o, o.svc, d.name)
		assert.True(t, strings.HasPrefix(d.name, o.svc+"."), "%s: op %s", o, d.name)
		covered[o.svc+"."+o.opVar] = true
	}
	total := 0
	for _, svc := range serviceNames {
		require.NotEmpty(t, declarations[svc], svc)
		for v, d := range declarations[svc] {
			total++
			assert.True(t, covered[svc+"."+v], "%s (%s) has no row in the matrix", d.name, v)
		}
	}
	t.Logf("%d operations declared by the four services, %d rows in the matrix", total, len(ops))
	names := map[string]bool{}
	methods := map[string]bool{}
	for _, o := range ops {
		assert.False(t, names[o.String()], "duplicate row %s", o)
		names[o.String()] = true
		methods[o.svc+"."+strings.Fields(o.name)[0]] = true
	}
	// Every method of every client that does I/O (takes a context) has a
	// row.
	ctxType := reflect.TypeFor[context.Context]()
	for svc, client := range map[string]any{
		svcAPIGroup: &apigroup.Client{}, svcAppGroup: &appgroup.Client{},
		svcAPIProxyGroup: &apiproxygroup.Client{}, svcAPIProduct: &apiproduct.Client{},
	} {
		typ := reflect.TypeOf(client)
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			if m.Type.NumIn() > 1 && m.Type.In(1) == ctxType {
				assert.True(t, methods[svc+"."+m.Name], "%s.%s has no row in the matrix", svc, m.Name)
			}
		}
	}
}
