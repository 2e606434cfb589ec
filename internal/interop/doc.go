// Package interop checks that the vendors' own Go SDKs and apimgmt-go agree,
// both ways. It holds tests only, in a module of its own so that the vendor
// SDKs (huaweicloud-sdk-go-v3, google.golang.org/api) never enter the
// library's go.mod:
//
//   - the vendor SDK clients drive every operation they have on the four
//     resources against the project's in-memory fakes, and decode every
//     answer into the vendor's models (Apinizer publishes no SDK: its fake
//     is driven with the documentation's curl requests, byte for byte);
//   - apimgmt-go's signed requests are re-verified with the vendor's own
//     signer (core/auth/signer), with awkward IDs, names and filters;
//   - the OpenAPI specs under openapi/ are compared field by field (name,
//     type, format, enum) with the vendor's Go models, with a short
//     allow-list whose entries each carry a reason.
//
// It runs offline from the module cache:
//
//	go -C internal/interop test ./...
package interop
