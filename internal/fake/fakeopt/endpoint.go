package fakeopt

import (
	"time"

	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/retry"
)

// FastRetry is the retry policy of a client talking to a fake: the default
// attempts and budget, with millisecond backoff.
var FastRetry = retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}

// Endpoint returns the options for a service client talking to the fake at
// url with fast retries, followed by creds: the service's own credential
// options (a token, a username and password, ...).
func Endpoint(url string, creds ...clientopt.Option) []clientopt.Option {
	return append([]clientopt.Option{clientopt.WithEndpoint(url), clientopt.WithRetry(FastRetry)}, creds...)
}
