package transport

import (
	"context"
	"net/http"
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

// WithOp attaches op to ctx for the pipeline.
func WithOp(ctx context.Context, op *Op) context.Context {
	return context.WithValue(ctx, opKey{}, op)
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
