package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"
)

// instrumentation is the name of this instrumentation (the tracer's and the
// meter's).
const instrumentation = "github.com/apimgmt/apimgmt-go/examples/otel"

// durationBuckets are the bucket boundaries the HTTP semantic conventions
// advise for http.client.request.duration, in seconds.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}

// Hooks returns apimgmt hooks that trace and measure every call of a client
// (pass them to the service package's WithHooks):
//
//   - one INTERNAL span per call, named by the operation ("apigroup.Update");
//   - under it one CLIENT span per attempt, named by the HTTP method, with
//     the HTTP client semantic conventions' attributes: http.request.method,
//     url.full (secret query values already redacted by the SDK),
//     server.address, server.port, http.response.status_code, error.type,
//     and http.request.resend_count on resends;
//   - the http.client.request.duration histogram (seconds, the conventions'
//     buckets), one measurement per attempt;
//   - the apimgmt.client.retries counter, one per resend, by operation.
func Hooks(tp trace.TracerProvider, mp metric.MeterProvider) (apimgmt.Hooks, error) {
	tracer := tp.Tracer(instrumentation)
	meter := mp.Meter(instrumentation)
	duration, err := meter.Float64Histogram("http.client.request.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of HTTP client requests."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	if err != nil {
		return apimgmt.Hooks{}, err
	}
	retries, err := meter.Int64Counter("apimgmt.client.retries",
		metric.WithUnit("{retry}"),
		metric.WithDescription("Attempts that resent a call after a failed attempt."))
	if err != nil {
		return apimgmt.Hooks{}, err
	}
	return apimgmt.Hooks{
		Call: func(ctx context.Context, op string) (context.Context, func(*apimgmt.Response, error)) {
			ctx, span := tracer.Start(ctx, op, trace.WithSpanKind(trace.SpanKindInternal))
			return ctx, func(_ *apimgmt.Response, err error) {
				if err != nil {
					span.SetAttributes(semconv.ErrorTypeKey.String(errorType(nil, err)))
					span.SetStatus(codes.Error, "")
				}
				span.End()
			}
		},
		Attempt: func(ctx context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
			req := a.Request
			common := []attribute.KeyValue{
				semconv.HTTPRequestMethodKey.String(method(req.Method)),
				semconv.ServerAddress(req.URL.Hostname()),
				semconv.ServerPort(port(req)),
			}
			attrs := append(common, semconv.URLFull(req.URL.String()))
			if a.Number > 1 {
				attrs = append(attrs, semconv.HTTPRequestResendCount(a.Number-1))
				retries.Add(ctx, 1, metric.WithAttributes(attribute.String("apimgmt.operation", a.Op)))
			}
			name := req.Method
			if method(req.Method) == "_OTHER" {
				name = "HTTP"
			}
			start := time.Now()
			ctx, span := tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
			return func(r *apimgmt.Response, err error) {
				var end []attribute.KeyValue
				if r != nil {
					end = append(end, semconv.HTTPResponseStatusCode(r.StatusCode))
				}
				if err != nil || (r != nil && r.StatusCode >= 400) {
					end = append(end, semconv.ErrorTypeKey.String(errorType(r, err)))
					span.SetStatus(codes.Error, "")
				}
				span.SetAttributes(end...)
				span.End()
				duration.Record(ctx, time.Since(start).Seconds(), metric.WithAttributes(append(common, end...)...))
			}
		},
	}, nil
}

// errorType is the error.type of a failed attempt or call: the status code
// when there was a response, else a low-cardinality kind of the error.
func errorType(r *apimgmt.Response, err error) string {
	var ae *apimgmt.Error
	switch {
	case r != nil && r.StatusCode >= 400:
		return strconv.Itoa(r.StatusCode)
	case errors.As(err, &ae) && ae.StatusCode >= 400:
		return strconv.Itoa(ae.StatusCode)
	case errors.Is(err, apimgmt.ErrTimeout):
		return "timeout"
	case errors.Is(err, apimgmt.ErrNetwork):
		return "network"
	case errors.Is(err, apimgmt.ErrValidation):
		return "validation"
	}
	return "_OTHER"
}

// method is the conventions' http.request.method: a known method, or
// "_OTHER".
func method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "_OTHER"
}

// port is the server port, explicit or the scheme's default.
func port(req *http.Request) int {
	if p, err := strconv.Atoi(req.URL.Port()); err == nil {
		return p
	}
	if req.URL.Scheme == "http" {
		return 80
	}
	return 443
}
