package interop

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"google.golang.org/api/apigee/v1"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// A product with every part of GoogleCloudApigeeV1ApiProduct that can go
// together (seed 004's product, plus an LLM operation group and quota).
const interopProduct = `{
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
  "llmOperationGroup": {
    "operationConfigType": "proxy",
    "operationConfigs": [{
      "apiSource": "weather-llm",
      "llmOperations": [{"resource": "/chat", "methods": ["POST"], "model": "gemini"}],
      "llmTokenQuota": {"limit": "100000", "interval": "1", "timeUnit": "day"}
    }]
  },
  "llmQuota": "500000",
  "llmQuotaInterval": "1",
  "llmQuotaTimeUnit": "month",
  "quota": "10000",
  "quotaInterval": "1",
  "quotaTimeUnit": "month",
  "quotaCounterScope": "PROXY",
  "scopes": ["weather.read"],
  "space": "red-team"
}`

// bearer adds the fake's access token to every request, as an OAuth 2.0
// token source would.
type bearer struct{ base http.RoundTripper }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+apiproducttest.Token)
	return b.base.RoundTrip(r)
}

func vendorApigee(t *testing.T, srv *apiproducttest.Server) *apigee.Service {
	t.Helper()
	svc, err := apigee.NewService(context.Background(), option.WithEndpoint(srv.URL()+"/"),
		option.WithHTTPClient(&http.Client{Transport: bearer{srv.Client().Transport}}))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// heldProduct is the product the fake holds, decoded into the vendor's model.
func heldProduct(t *testing.T, srv *apiproducttest.Server, name string) *apigee.GoogleCloudApigeeV1ApiProduct {
	t.Helper()
	raw, ok := srv.ProductJSON(name)
	if !ok {
		t.Fatalf("the fake holds no product %q", name)
	}
	var p apigee.GoogleCloudApigeeV1ApiProduct
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatalf("the vendor's model cannot hold the fake's product: %v", err)
	}
	return &p
}

// sameProduct checks the vendor's decoding of an answer against want.
func sameProduct(t *testing.T, op string, got, want *apigee.GoogleCloudApigeeV1ApiProduct) {
	t.Helper()
	g := *got
	g.ServerResponse = googleapi.ServerResponse{}
	if !reflect.DeepEqual(&g, want) {
		gb, _ := json.Marshal(&g)
		wb, _ := json.Marshal(want)
		t.Errorf("vendor %s decoded\n%s\nwant\n%s", op, gb, wb)
	}
}

func attrs(as []*apigee.GoogleCloudApigeeV1Attribute) map[string]string {
	m := map[string]string{}
	for _, a := range as {
		m[a.Name] = a.Value
	}
	return m
}

// TestVendorApigeeClientAgainstFake drives every API product operation of
// google.golang.org/api/apigee/v1 (create, get, update, list, delete, move,
// and the attribute calls: replace, list, get, update one, delete one)
// against apiproducttest, and decodes every answer into the vendor's models.
func TestVendorApigeeClientAgainstFake(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	svc := vendorApigee(t, srv)
	products := svc.Organizations.Apiproducts
	org := "organizations/" + srv.Organization
	name := org + "/apiproducts/weather-premium"

	var in apigee.GoogleCloudApigeeV1ApiProduct
	if err := json.Unmarshal([]byte(interopProduct), &in); err != nil {
		t.Fatal(err)
	}
	created, err := products.Create(org, &in).Do()
	ok(t, "apiproducts.create", err)
	sameProduct(t, "apiproducts.create", created, heldProduct(t, srv, "weather-premium"))
	if created.CreatedAt == 0 || created.LastModifiedAt == 0 || created.OperationGroup.OperationConfigs[0].Quota.Limit != "1000" {
		t.Errorf("apiproducts.create answered %+v", created)
	}

	got, err := products.Get(name).Do()
	ok(t, "apiproducts.get", err)
	sameProduct(t, "apiproducts.get", got, heldProduct(t, srv, "weather-premium"))

	got.DisplayName, got.QuotaCounterScope, got.Scopes = "Weather Premium II", "OPERATION", []string{"weather.read", "weather.write"}
	updated, err := products.Update(name, got).Do()
	ok(t, "apiproducts.update", err)
	sameProduct(t, "apiproducts.update", updated, heldProduct(t, srv, "weather-premium"))
	if updated.DisplayName != "Weather Premium II" || updated.QuotaCounterScope != "OPERATION" || updated.CreatedAt != created.CreatedAt {
		t.Errorf("apiproducts.update answered %+v", updated)
	}

	srv.AddProduct(&apiproduct.Product{Name: "weather-basic", DisplayName: "Weather Basic", ApprovalType: apiproduct.ApprovalAuto})
	srv.AddProduct(&apiproduct.Product{Name: "weather-free", DisplayName: "Weather Free", ApprovalType: apiproduct.ApprovalAuto})
	listed, err := products.List(org).Expand(true).Do()
	ok(t, "apiproducts.list", err)
	if len(listed.ApiProduct) != 3 {
		t.Fatalf("apiproducts.list: %d products, want 3", len(listed.ApiProduct))
	}
	for _, p := range listed.ApiProduct {
		sameProduct(t, "apiproducts.list", p, heldProduct(t, srv, p.Name))
	}
	page, err := products.List(org).StartKey("weather-free").Count(1).Do()
	ok(t, "apiproducts.list", err)
	byAttr, err := products.List(org).Attributename("tier").Attributevalue("premium").Do()
	ok(t, "apiproducts.list", err)
	if len(page.ApiProduct) != 1 || page.ApiProduct[0].Name != "weather-free" || len(byAttr.ApiProduct) != 1 || byAttr.ApiProduct[0].Name != "weather-premium" {
		t.Errorf("apiproducts.list filters: page %+v, by attribute %+v", page.ApiProduct, byAttr.ApiProduct)
	}

	moved, err := products.Move(name, &apigee.GoogleCloudApigeeV1MoveApiProductRequest{Space: "blue-team"}).Do()
	ok(t, "apiproducts.move", err)
	sameProduct(t, "apiproducts.move", moved, heldProduct(t, srv, "weather-premium"))
	inSpace, err := products.List(org).Space("blue-team").Do()
	ok(t, "apiproducts.list", err)
	if moved.Space != "blue-team" || len(inSpace.ApiProduct) != 1 {
		t.Errorf("apiproducts.move: space %q, %d products in blue-team", moved.Space, len(inSpace.ApiProduct))
	}

	// The attribute calls.
	replaced, err := products.Attributes(name, &apigee.GoogleCloudApigeeV1Attributes{Attribute: []*apigee.GoogleCloudApigeeV1Attribute{
		{Name: "access", Value: "private"}, {Name: "tier", Value: "gold"}, {Name: "owner", Value: "team ünïcødé"},
	}}).Do()
	ok(t, "apiproducts.attributes", err)
	if want := attrs(heldProduct(t, srv, "weather-premium").Attributes); !reflect.DeepEqual(attrs(replaced.Attribute), want) || len(want) != 3 {
		t.Errorf("apiproducts.attributes answered %v, the fake holds %v", attrs(replaced.Attribute), want)
	}
	attributes := products.Attributes_
	list, err := attributes.List(name).Do()
	ok(t, "apiproducts.attributes.list", err)
	one, err := attributes.Get(name + "/attributes/owner").Do()
	ok(t, "apiproducts.attributes.get", err)
	if !reflect.DeepEqual(attrs(list.Attribute), attrs(replaced.Attribute)) || one.Name != "owner" || one.Value != "team ünïcødé" {
		t.Errorf("apiproducts.attributes.list %v, get %+v", attrs(list.Attribute), one)
	}
	set, err := attributes.UpdateApiProductAttribute(name+"/attributes/tier", &apigee.GoogleCloudApigeeV1Attribute{Name: "tier", Value: "platinum"}).Do()
	ok(t, "apiproducts.attributes.updateApiProductAttribute", err)
	if set.Value != "platinum" || attrs(heldProduct(t, srv, "weather-premium").Attributes)["tier"] != "platinum" {
		t.Errorf("apiproducts.attributes.updateApiProductAttribute answered %+v", set)
	}
	gone, err := attributes.Delete(name + "/attributes/access").Do()
	ok(t, "apiproducts.attributes.delete", err)
	if _, still := attrs(heldProduct(t, srv, "weather-premium").Attributes)["access"]; gone.Name != "access" || gone.Value != "private" || still {
		t.Errorf("apiproducts.attributes.delete answered %+v; still held: %v", gone, still)
	}

	before := heldProduct(t, srv, "weather-premium")
	deleted, err := products.Delete(name).Do()
	ok(t, "apiproducts.delete", err)
	sameProduct(t, "apiproducts.delete", deleted, before)
	_, err = products.Get(name).Do()
	var ge *googleapi.Error
	if !errors.As(err, &ge) || ge.Code != http.StatusNotFound {
		t.Errorf("apiproducts.get of a deleted product: %v", err)
	}
}
