package benchcmp

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"golang.org/x/oauth2"
	"google.golang.org/api/apigee/v1"
	"google.golang.org/api/option"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const (
	apigeeHost  = "https://apigee.googleapis.com/"
	apigeeOrg   = "acme-prod"
	apigeeToken = "ya29.test-access-token"
)

// The seed's product (seed 004, every field of GoogleCloudApigeeV1ApiProduct
// that the seed shows), as the server returns it.
const seedProduct = `{
  "name": "weather-premium",
  "displayName": "Weather Premium",
  "description": "Forecast and history endpoints of the weather API, 10,000 calls a month.",
  "approvalType": "manual",
  "attributes": [{"name": "access", "value": "public"}, {"name": "tier", "value": "premium"}],
  "environments": ["test", "prod"],
  "proxies": ["weather-v1"],
  "operationGroup": {
    "operationConfigType": "proxy",
    "operationConfigs": [{
      "apiSource": "weather-v1",
      "operations": [{"resource": "/forecast/**", "methods": ["GET"]}],
      "quota": {"limit": "1000", "interval": "1", "timeUnit": "day"},
      "attributes": [{"name": "cost", "value": "low"}]
    }]
  },
  "graphqlOperationGroup": {
    "operationConfigType": "remoteservice",
    "operationConfigs": [{
      "apiSource": "weather-graph",
      "operations": [{"operation": "forecast", "operationTypes": ["query"]}],
      "quota": {"limit": "50", "interval": "1", "timeUnit": "minute"}
    }]
  },
  "grpcOperationGroup": {
    "operationConfigs": [{
      "apiSource": "weather-grpc",
      "service": "weather.v1.Forecasts",
      "methods": ["GetForecast"],
      "quota": {"limit": "10", "interval": "2", "timeUnit": "hour"}
    }]
  },
  "quota": "10000",
  "quotaInterval": "1",
  "quotaTimeUnit": "month",
  "quotaCounterScope": "PROXY",
  "scopes": ["weather.read"],
  "space": "red-team",
  "createdAt": "1700000000000",
  "lastModifiedAt": "1731456000123"
}`

// BenchmarkApigeeUpdateAPIProduct is apiproduct's Update (seed 004: PUT of
// the whole product) through apimgmt-go (impl=apimgmt-go) and through
// google.golang.org/api/apigee/v1 (impl=vendor), both with a static bearer
// token. The vendor client gets its token from an oauth2.Transport, as
// option.WithTokenSource would give it.
func BenchmarkApigeeUpdateAPIProduct(b *testing.B) {
	mem := &benchutil.MemTransport{Status: http.StatusOK, Body: []byte(seedProduct)}
	ctx := context.Background()

	b.Run("impl=apimgmt-go", func(b *testing.B) {
		c, err := apiproduct.NewClient(apigeeOrg, apiproduct.WithEndpoint(apigeeHost), apiproduct.WithHTTPClient(mem.Client()),
			apiproduct.WithToken(apigeeToken))
		if err != nil {
			b.Fatal(err)
		}
		p, err := c.Get(ctx, "weather-premium")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		cpu := benchutil.StartCPU()
		for b.Loop() {
			if _, err := c.Update(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
	})

	b.Run("impl=vendor", func(b *testing.B) {
		svc, p := vendorApigee(b, mem)
		name := "organizations/" + apigeeOrg + "/apiproducts/" + p.Name
		b.ReportAllocs()
		cpu := benchutil.StartCPU()
		for b.Loop() {
			if _, err := svc.Organizations.Apiproducts.Update(name, p).Context(ctx).Do(); err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
	})
}

// vendorApigee returns a google.golang.org/api Apigee service sending
// through rt with the static token, and the seed's product without the
// response-only times (apimgmt-go never sends them).
func vendorApigee(tb testing.TB, rt http.RoundTripper) (*apigee.Service, *apigee.GoogleCloudApigeeV1ApiProduct) {
	hc := &http.Client{Transport: &oauth2.Transport{
		Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: apigeeToken, TokenType: "Bearer"}),
		Base:   rt,
	}}
	svc, err := apigee.NewService(context.Background(), option.WithHTTPClient(hc), option.WithEndpoint(apigeeHost))
	if err != nil {
		tb.Fatal(err)
	}
	var p apigee.GoogleCloudApigeeV1ApiProduct
	if err := json.Unmarshal([]byte(seedProduct), &p); err != nil {
		tb.Fatal(err)
	}
	p.CreatedAt, p.LastModifiedAt = 0, 0
	return svc, &p
}

// TestApigeeSameRequest checks that both clients send the same update: the
// method, the path, the bearer token and the JSON body.
func TestApigeeSameRequest(t *testing.T) {
	ctx := context.Background()
	var reqs [2]*http.Request
	var bodies [2][]byte

	capt := &benchutil.Capture{MemTransport: benchutil.MemTransport{Status: http.StatusOK, Body: []byte(seedProduct)}}
	c, err := apiproduct.NewClient(apigeeOrg, apiproduct.WithEndpoint(apigeeHost), apiproduct.WithHTTPClient(capt.Client()),
		apiproduct.WithToken(apigeeToken))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Get(ctx, "weather-premium")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	reqs[0], bodies[0] = capt.Last()

	svc, vp := vendorApigee(t, capt)
	if _, err := svc.Organizations.Apiproducts.Update("organizations/"+apigeeOrg+"/apiproducts/"+vp.Name, vp).Context(ctx).Do(); err != nil {
		t.Fatal(err)
	}
	reqs[1], bodies[1] = capt.Last()

	if reqs[0].Method != reqs[1].Method || reqs[0].URL.Path != reqs[1].URL.Path {
		t.Errorf("apimgmt-go %s %s, vendor %s %s", reqs[0].Method, reqs[0].URL, reqs[1].Method, reqs[1].URL)
	}
	if a, v := reqs[0].Header.Get("Authorization"), reqs[1].Header.Get("Authorization"); a != v {
		t.Errorf("Authorization: apimgmt-go %q, vendor %q", a, v)
	}
	var a, v any
	_ = json.Unmarshal(bodies[0], &a)
	_ = json.Unmarshal(bodies[1], &v)
	if ab, _ := json.Marshal(a); string(ab) != string(mustJSON(v)) {
		t.Errorf("bodies differ:\napimgmt-go %s\nvendor     %s", bodies[0], bodies[1])
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
