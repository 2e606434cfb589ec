package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestSpansAndMetricsOfARetriedCall updates a group on the apigroup fake,
// whose first answer is a 503: the call gets one span with two attempt
// spans under it, the resend counted, and two duration measurements.
func TestSpansAndMetricsOfARetriedCall(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	id := srv.AddGroup(apigroup.CreateInput{Name: "group_one"}).ID
	srv.FailNext(1, apigrouptest.Fault{Status: http.StatusServiceUnavailable, Body: []byte(`{"error_code":"APIG.9999","error_msg":"busy"}`)})

	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	hooks, err := Hooks(tp, mp)
	if err != nil {
		t.Fatal(err)
	}
	client, err := apigroup.NewClient(srv.InstanceID, append(srv.ClientOptions(), apigroup.WithHooks(hooks))...)
	if err != nil {
		t.Fatal(err)
	}
	name := "group_two"
	if _, err := client.Update(context.Background(), id, apigroup.UpdateInput{Name: name}); err != nil {
		t.Fatal(err)
	}

	got := spans.GetSpans()
	if len(got) != 3 {
		t.Fatalf("got %d spans, want 3 (two attempts, one call): %v", len(got), got)
	}
	first, second, call := got[0], got[1], got[2]
	if call.Name != "apigroup.Update" || call.SpanKind != trace.SpanKindInternal {
		t.Errorf("call span = %q %v", call.Name, call.SpanKind)
	}
	u, _ := url.Parse(srv.URL())
	wantPort, _ := strconv.Atoi(u.Port())
	for i, s := range []tracetest.SpanStub{first, second} {
		if s.Name != "PUT" || s.SpanKind != trace.SpanKindClient {
			t.Errorf("attempt %d span = %q %v", i+1, s.Name, s.SpanKind)
		}
		if s.Parent.SpanID() != call.SpanContext.SpanID() {
			t.Errorf("attempt %d is not a child of the call span", i+1)
		}
		attrs := attrMap(s.Attributes)
		if attrs["http.request.method"] != "PUT" || attrs["server.address"] != u.Hostname() || attrs["server.port"] != strconv.Itoa(wantPort) {
			t.Errorf("attempt %d attributes = %v", i+1, attrs)
		}
		if full := attrs["url.full"]; full != srv.URL()+"/v2/"+apigrouptest.ProjectID+"/apigw/instances/"+srv.InstanceID+"/api-groups/"+id {
			t.Errorf("attempt %d url.full = %q", i+1, full)
		}
	}
	a1, a2 := attrMap(first.Attributes), attrMap(second.Attributes)
	if a1["http.response.status_code"] != "503" || a1["error.type"] != "503" || first.Status.Code != codes.Error {
		t.Errorf("first attempt = %v %v", a1, first.Status)
	}
	if _, ok := a1["http.request.resend_count"]; ok {
		t.Errorf("first attempt has a resend count: %v", a1)
	}
	if a2["http.response.status_code"] != "200" || a2["http.request.resend_count"] != "1" || second.Status.Code == codes.Error {
		t.Errorf("second attempt = %v %v", a2, second.Status)
	}
	if _, ok := a2["error.type"]; ok {
		t.Errorf("second attempt has an error type: %v", a2)
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	var hist metricdata.Histogram[float64]
	var retries metricdata.Sum[int64]
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch m.Name {
			case "http.client.request.duration":
				hist = m.Data.(metricdata.Histogram[float64])
				if m.Unit != "s" {
					t.Errorf("duration unit = %q", m.Unit)
				}
			case "apimgmt.client.retries":
				retries = m.Data.(metricdata.Sum[int64])
			}
		}
	}
	var count uint64
	for _, dp := range hist.DataPoints {
		count += dp.Count
		if len(dp.Bounds) != len(durationBuckets) || dp.Bounds[0] != 0.005 || dp.Bounds[len(dp.Bounds)-1] != 10 {
			t.Errorf("bucket bounds = %v", dp.Bounds)
		}
	}
	if count != 2 || len(hist.DataPoints) != 2 {
		t.Errorf("duration: %d measurements in %d series, want 2 in 2 (503 and 200)", count, len(hist.DataPoints))
	}
	if len(retries.DataPoints) != 1 || retries.DataPoints[0].Value != 1 {
		t.Errorf("retries = %+v, want one resend", retries.DataPoints)
	}
	if op, _ := retries.DataPoints[0].Attributes.Value("apimgmt.operation"); op.AsString() != "apigroup.Update" {
		t.Errorf("retry counter operation = %v", op)
	}
}

// TestErrorCallSpan: a failed call's span has the error status and type.
func TestErrorCallSpan(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	hooks, err := Hooks(tp, sdkmetric.NewMeterProvider())
	if err != nil {
		t.Fatal(err)
	}
	client, err := apigroup.NewClient(srv.InstanceID, append(srv.ClientOptions(), apigroup.WithHooks(hooks))...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Get(context.Background(), "0123456789abcdef0123456789abcdef"); err == nil {
		t.Fatal("want a not-found error")
	}
	got := spans.GetSpans()
	if len(got) != 2 {
		t.Fatalf("got %d spans", len(got))
	}
	call := got[1]
	if call.Status.Code != codes.Error || attrMap(call.Attributes)["error.type"] != "404" {
		t.Errorf("call span = %v %v", call.Status, call.Attributes)
	}
}

func attrMap(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}
