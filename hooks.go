package apimgmt

import (
	"context"
	"net/http"
	"time"
)

// Hooks observe the calls of a client: each call once, and each attempt
// (each HTTP send, retries included) once. They are the place for tracing,
// metrics and audit logs; see the examples/otel module for OpenTelemetry.
//
// Hooks observe and do not steer: they run inside the client's one request
// pipeline, after credentials are applied and the rate limit (if any) is
// waited for, and they see a redacted copy of each request and response,
// never the live values, so that they cannot change or leak credentials,
// retries or limits. A client's hooks (the service packages' WithHooks) run
// before the hooks given to one call (WithCallHooks); the end functions run
// in the reverse order. A nil field, or a nil end function, is skipped.
type Hooks struct {
	// Call is called when a call starts, with its operation name (for
	// example "apigroup.Update"). The context it returns is the one passed
	// to the Attempt hooks of this call (for example holding a span); it
	// does not change the call's own context. The function it returns is
	// called once when the call ends, with the response of the success (nil
	// for a failure) and the call's error.
	Call func(ctx context.Context, op string) (context.Context, func(*Response, error))
	// Attempt is called before each attempt is sent, with the context
	// the Call hooks returned. The function it returns is called once when
	// the attempt ends, with the response when one was received (success
	// or not, nil otherwise) and the attempt's error (nil for a success).
	Attempt func(ctx context.Context, a *Attempt) func(*Response, error)
}

// Attempt describes one HTTP send of a call to the Attempt hook.
type Attempt struct {
	// Op is the operation's name, for example "apigroup.Update".
	Op string
	// Number is 1 for the first send of a call, 2 for the first resend,
	// and so on.
	Number int
	// RateLimitWait is how long the attempt waited for the client's rate
	// limiter (WithRateLimit); it is not part of the attempt's own time.
	RateLimitWait time.Duration
	// Request is a redacted copy of the request as it is sent: its method,
	// its URL with secret query values replaced by "REDACTED", and its
	// headers with credentials (Authorization, X-Auth-Token,
	// X-Security-Token, Proxy-Authorization, Cookie) replaced by
	// "REDACTED". It has no body. Changing it changes nothing that is sent.
	Request *http.Request
}

// Response describes a response: to the end function of a hook, and to the
// caller through WithCaptureResponse.
type Response struct {
	// StatusCode is the HTTP status code.
	StatusCode int
	// Header is a copy of the response headers with credentials and
	// cookies (Set-Cookie) replaced by "REDACTED".
	Header http.Header
	// RequestID is the server's request ID (X-Request-Id), or "".
	RequestID string
	// Attempts is how many attempts the call made (set for a call's
	// response; 0 in an Attempt hook's).
	Attempts int
}
