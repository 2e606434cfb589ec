// Command otel is a copy-paste starter for tracing and measuring the calls
// of an apimgmt-go client with OpenTelemetry, built on apimgmt.Hooks (see
// telemetry.go). It lists the API groups of a Huawei APIG instance:
//
//	HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... \
//	APIG_REGION=cn-north-4 APIG_INSTANCE_ID=... go run .
//
// Replace the providers below with your own (an OTLP exporter, a
// resource); the library itself has no OpenTelemetry dependency.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/apimgmt/apimgmt-go/apigroup"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func main() {
	ctx := context.Background()
	// Add your exporters: sdktrace.WithBatcher(exporter) and
	// sdkmetric.WithReader(sdkmetric.NewPeriodicReader(exporter)).
	tp := sdktrace.NewTracerProvider()
	mp := sdkmetric.NewMeterProvider()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tp.Shutdown(ctx)
		_ = mp.Shutdown(ctx)
	}()

	hooks, err := Hooks(tp, mp)
	if err != nil {
		log.Fatal(err)
	}
	client, err := apigroup.NewClient(os.Getenv("APIG_INSTANCE_ID"),
		apigroup.WithRegion(os.Getenv("APIG_REGION")),
		apigroup.WithEnvCredentials(),
		apigroup.WithHooks(hooks))
	if err != nil {
		log.Fatal(err)
	}
	for g, err := range client.List(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.ID, g.Name)
	}
}
