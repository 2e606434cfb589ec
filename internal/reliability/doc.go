// Package reliability holds no code, only tests: the proof, across all four
// service packages and against their fakes, that a flaky network, a
// throttling gateway or a hostile response never costs the caller data,
// hangs, leaks or secrets.
//
//   - matrix_test.go crosses every operation of every service with every
//     fault (connection refused or reset, 5xx, 408, 429 with Retry-After,
//     Google's RetryInfo, slow headers, a trickling body, cancellations,
//     malformed and oversized bodies, Apinizer's failure envelope, redirects)
//     and checks the outcome written in the table: success after the right
//     number of attempts for operations that are safe to repeat, at most one
//     request for those that are not, otherwise a typed error with the right
//     sentinel, status and attempt count. It also checks that no credential
//     shows in any error, formatted value or log line.
//   - budget_test.go: the retry budget stops retries during an outage and
//     recovers after it.
//   - concurrency_test.go: one HTTP client shared by 64 goroutines running
//     mixed operations of all four services under faults, with no connection
//     left open at the end.
//   - security_test.go: redirects, plain http, path parameters that would
//     address another resource, and CR or LF in inputs.
//
// Every package's tests run goleak (leak_test.go), so a goroutine left
// behind by a timeout or a cancellation fails them.
package reliability
