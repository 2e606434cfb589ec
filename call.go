package apimgmt

import (
	"net/http"
	"time"
)

// CallOption changes one call of any service package. It is the trailing
// variadic parameter of every operation, so that options added later never
// break a caller, even one that keeps a method as a function value or
// behind an interface.
//
// Every option applies to that call only; the client is not changed.
type CallOption func(*CallOptions)

// CallOptions are the settings that the CallOptions given to one call
// build. The request pipeline reads them and checks them before anything is
// sent: a call whose options are not valid fails with a *ValidationError
// (ErrValidation).
type CallOptions struct {
	// Header holds extra request headers (WithHeader). Credential headers
	// and values with line breaks are refused.
	Header http.Header
	// Retry, when not nil, replaces the client's retry policy for the
	// call (WithCallRetry).
	Retry *RetryPolicy
	// Timeout, when positive, bounds the whole call, retries and waits
	// included (WithCallTimeout).
	Timeout time.Duration
	// Response, when not nil, receives the call's response (WithCaptureResponse).
	Response *Response
	// Hooks observe the call, after the client's hooks (WithCallHooks).
	Hooks []Hooks
}

// WithHeader adds the header key: value to the request of this call (to
// every attempt). Credential headers (Authorization, Proxy-Authorization,
// X-Auth-Token, X-Security-Token, Cookie) and the headers the client sets
// itself (Host, User-Agent, Content-Type, Content-Length,
// Transfer-Encoding, X-Sdk-Date, X-Project-Id) are refused, as are names that are not HTTP tokens and values holding a
// line break or a NUL: the call then fails with a *ValidationError before
// anything is sent. For Huawei AK/SK signing the header is sent unsigned,
// as the vendor's own SDK sends headers it does not list in SignedHeaders.
func WithHeader(key, value string) CallOption {
	return func(o *CallOptions) {
		if o.Header == nil {
			o.Header = http.Header{}
		}
		k := http.CanonicalHeaderKey(key)
		o.Header[k] = append(o.Header[k], value)
	}
}

// WithCallRetry replaces the client's retry policy for this call
// (RetryPolicy{MaxAttempts: 1} makes one attempt only). Zero fields take
// the defaults, as with a client's WithRetry; negative ones make the call
// fail with a *ValidationError. The client's retry budget still applies.
func WithCallRetry(p RetryPolicy) CallOption {
	return func(o *CallOptions) { o.Retry = &p }
}

// WithCallTimeout bounds this call, all its attempts and retry waits
// included, to d, on top of the context's own deadline. A call that runs
// out of time fails with ErrTimeout. A negative d makes the call fail with
// a *ValidationError; zero means no extra bound.
func WithCallTimeout(d time.Duration) CallOption {
	return func(o *CallOptions) { o.Timeout = d }
}

// WithCaptureResponse stores the call's response in *r when the call ends:
// its status, its headers (credentials and cookies redacted), its request
// ID and the number of attempts, for a success as for a failure that got a
// response. It is left as it was when no response came back.
func WithCaptureResponse(r *Response) CallOption {
	return func(o *CallOptions) { o.Response = r }
}

// WithCallHooks adds hooks that observe this call only, after the client's
// own (see Hooks).
func WithCallHooks(h Hooks) CallOption {
	return func(o *CallOptions) { o.Hooks = append(o.Hooks, h) }
}
