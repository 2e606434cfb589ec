// Package tools is the build-tool module of apimgmt-go. It pins the code
// generator (oapi-codegen) and the linter (staticcheck) as Go tools, and holds
// the tests that validate every OpenAPI document under openapi/. It is a
// separate module so that none of these dependencies enter the go.mod of the
// library that users import.
package tools
