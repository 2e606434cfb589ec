package apimgmt

// The go:generate lines below turn the OpenAPI documents in openapi/ into
// the typed clients under internal/gen, and write each service package's
// options.gen.go. The generator is pinned in the separate tool module
// internal/tools, so it never enters the go.mod of programs that import the
// SDK. Run `go generate ./...` after changing a spec or the options.

//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/huawei-apig-apigroup.cfg.yaml ../../openapi/huawei-apig-apigroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/huawei-workspace-appgroup.cfg.yaml ../../openapi/huawei-workspace-appgroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/apinizer-apiproxygroup.cfg.yaml ../../openapi/apinizer-apiproxygroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/apigee-apiproduct.cfg.yaml ../../openapi/apigee-apiproduct.yaml
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apigroup -sets huawei
//go:generate go -C internal/tools run ./cmd/genoptions -pkg appgroup -sets huawei
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apiproxygroup -deploy
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apiproduct
