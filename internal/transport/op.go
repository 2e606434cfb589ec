package transport

import (
	"context"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
)

// Retry classes of an operation.
const (
	// Idempotent operations (reads, PUT, DELETE, field-setting PATCH) are
	// retried after any retryable failure.
	Idempotent = true
	// NotIdempotent operations (creates) are retried only when the request
	// certainly never reached the server.
	NotIdempotent = false
)

// Op describes one operation of a service. Service packages declare one Op
// per operation, once, and attach it to each call's context.
type Op struct {
	// Name is "<package>.<Method>", for example "apigroup.Update".
	Name string
	// Idempotent says whether repeating the operation is safe.
	Idempotent bool
	// Envelope says that the service decodes every success answer of the
	// operation as an Apinizer envelope and checks it with EnvelopeFailure,
	// so the pipeline does not decode the answer a first time to look for
	// a failure envelope (apierror.FailureInSuccess), as it does for the
	// other operations of the dialect.
	Envelope bool
}

type opKey struct{}

type callOptionsKey struct{}

// WithOp attaches op to ctx for the pipeline, with the settings that the
// call's options build (see CallOptionsFrom). Every operation of a service
// package passes its trailing opts here.
func WithOp(ctx context.Context, op *Op, opts ...apimgmt.CallOption) context.Context {
	ctx = context.WithValue(ctx, opKey{}, op)
	if len(opts) == 0 {
		return ctx
	}
	var co apimgmt.CallOptions
	for _, o := range opts {
		if o != nil {
			o(&co)
		}
	}
	return context.WithValue(ctx, callOptionsKey{}, &co)
}

// CallOptionsFrom returns the settings the call's options built (WithOp),
// or the zero settings for a context without them.
func CallOptionsFrom(ctx context.Context) apimgmt.CallOptions {
	if co, ok := ctx.Value(callOptionsKey{}).(*apimgmt.CallOptions); ok && co != nil {
		return *co
	}
	return apimgmt.CallOptions{}
}

// callOptionsPtr returns the call's options, or nil for a call without.
func callOptionsPtr(ctx context.Context) *apimgmt.CallOptions {
	co, _ := ctx.Value(callOptionsKey{}).(*apimgmt.CallOptions)
	return co
}

// opFor returns the Op attached to the request's context, or one derived from
// the method: GET, HEAD, OPTIONS, PUT and DELETE are idempotent.
func opFor(req *http.Request) *Op {
	if op, ok := req.Context().Value(opKey{}).(*Op); ok && op != nil {
		return op
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return &Op{Name: req.Method, Idempotent: true}
	}
	return &Op{Name: req.Method}
}
