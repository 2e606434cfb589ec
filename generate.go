// Package apimgmt is the root of apimgmt-go, a Go SDK for the management APIs of
// API gateways. Import one service package per vendor resource:
//
//   - [github.com/apimgmt/apimgmt-go/apigroup]: Huawei Cloud APIG API groups
//   - [github.com/apimgmt/apimgmt-go/appgroup]: Huawei Cloud Workspace application groups
//   - [github.com/apimgmt/apimgmt-go/apiproxygroup]: Apinizer API Proxy Groups
//   - [github.com/apimgmt/apimgmt-go/apiproduct]: Google Apigee API products
//
// This file holds the go:generate lines that turn the OpenAPI documents in
// openapi/ into the typed clients under internal/gen. The generator is pinned
// in the separate tool module internal/tools, so it never enters the go.mod of
// programs that import the SDK. Run `go generate ./...` after changing a spec.
package apimgmt

//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/huawei-apig-apigroup.cfg.yaml ../../openapi/huawei-apig-apigroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/huawei-workspace-appgroup.cfg.yaml ../../openapi/huawei-workspace-appgroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/apinizer-apiproxygroup.cfg.yaml ../../openapi/apinizer-apiproxygroup.yaml
//go:generate go -C internal/tools tool oapi-codegen -config ../../openapi/apigee-apiproduct.cfg.yaml ../../openapi/apigee-apiproduct.yaml
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apigroup -sets huawei
//go:generate go -C internal/tools run ./cmd/genoptions -pkg appgroup -sets huawei
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apiproxygroup
//go:generate go -C internal/tools run ./cmd/genoptions -pkg apiproduct
