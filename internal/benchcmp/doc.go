// Package benchcmp runs the same update calls through apimgmt-go and through
// the vendors' own SDKs (huaweicloud-sdk-go-v3, google.golang.org/api)
// against one in-memory transport, so the comparison in BENCHMARKS.md can be
// reproduced side by side. It is a separate module: the vendor SDKs never
// enter the library's go.mod, and CI does not run it.
//
//	go -C internal/benchcmp test -run '^$' -bench . -benchmem -count 10
package benchcmp
