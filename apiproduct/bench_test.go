package apiproduct_test

// Benchmarks of the client against a hand-written net/http baseline that
// sends the same request (method, path, query, headers, bearer token, body)
// and decodes the answer into a plain struct. Sub-benchmarks pair up by
// impl: `benchstat -col /impl` compares them. "mem" runs over an in-memory
// transport (the client's own cost), "loopback" over a local HTTP server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const (
	benchEndpoint = "https://apigee.googleapis.com"
	benchListLen  = 20
)

// The plain structs of the baseline, for the fields of the seed's product.
type (
	handAttribute struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	handQuota struct {
		Limit    string `json:"limit,omitempty"`
		Interval string `json:"interval,omitempty"`
		TimeUnit string `json:"timeUnit,omitempty"`
	}
	handOperationConfig struct {
		APISource  string   `json:"apiSource"`
		Service    string   `json:"service,omitempty"`
		Methods    []string `json:"methods,omitempty"`
		Operations []struct {
			Resource       string   `json:"resource,omitempty"`
			Methods        []string `json:"methods,omitempty"`
			Operation      string   `json:"operation,omitempty"`
			OperationTypes []string `json:"operationTypes,omitempty"`
		} `json:"operations,omitempty"`
		Quota      *handQuota      `json:"quota,omitempty"`
		Attributes []handAttribute `json:"attributes,omitempty"`
	}
	handOperationGroup struct {
		OperationConfigType string                `json:"operationConfigType,omitempty"`
		OperationConfigs    []handOperationConfig `json:"operationConfigs"`
	}
	handProduct struct {
		Name                  string              `json:"name"`
		DisplayName           string              `json:"displayName,omitempty"`
		Description           string              `json:"description,omitempty"`
		ApprovalType          string              `json:"approvalType,omitempty"`
		Attributes            []handAttribute     `json:"attributes,omitempty"`
		Environments          []string            `json:"environments,omitempty"`
		Proxies               []string            `json:"proxies,omitempty"`
		APIResources          []string            `json:"apiResources,omitempty"`
		OperationGroup        *handOperationGroup `json:"operationGroup,omitempty"`
		GraphQLOperationGroup *handOperationGroup `json:"graphqlOperationGroup,omitempty"`
		GRPCOperationGroup    *handOperationGroup `json:"grpcOperationGroup,omitempty"`
		Quota                 string              `json:"quota,omitempty"`
		QuotaInterval         string              `json:"quotaInterval,omitempty"`
		QuotaTimeUnit         string              `json:"quotaTimeUnit,omitempty"`
		QuotaCounterScope     string              `json:"quotaCounterScope,omitempty"`
		Scopes                []string            `json:"scopes,omitempty"`
		Space                 string              `json:"space,omitempty"`
		CreatedAt             string              `json:"createdAt,omitempty"`
		LastModifiedAt        string              `json:"lastModifiedAt,omitempty"`
	}
)

// handSeed is the seed's product as the baseline holds it.
var handSeed = func() handProduct {
	var p handProduct
	if err := json.Unmarshal([]byte(seedProduct), &p); err != nil {
		panic(err)
	}
	return p
}()

func productsURL(base string) string {
	return base + "/v1/organizations/" + url.PathEscape(testOrg) + "/apiproducts"
}

// handUpdate is the hand-written baseline of Update: PUT of the whole
// product, without the response-only times.
func handUpdate(ctx context.Context, hc *http.Client, base string, p handProduct) (*handProduct, error) {
	p.CreatedAt, p.LastModifiedAt = "", ""
	body, err := json.Marshal(&p)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, productsURL(base)+"/"+url.PathEscape(p.Name), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	var out handProduct
	return &out, handDo(hc, req, &out)
}

// handList is the hand-written baseline of one page of List with Expand.
func handList(ctx context.Context, hc *http.Client, base string) ([]handProduct, error) {
	u := productsURL(base) + "?count=" + strconv.Itoa(apiproduct.DefaultPageSize) + "&expand=true"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		APIProduct []handProduct `json:"apiProduct"`
	}
	return out.APIProduct, handDo(hc, req, &out)
}

// handDo sends req with the token and decodes a 200 answer into out.
func handDo(hc *http.Client, req *http.Request, out any) error {
	req.Header.Set("Authorization", "Bearer "+testToken)
	return benchutil.PlainDo(hc, req, out)
}

// sdkClient returns an SDK client for base that sends through hc.
func sdkClient(base string, hc *http.Client) (*apiproduct.Client, error) {
	return apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(base), apiproduct.WithHTTPClient(hc),
		apiproduct.WithToken(testToken))
}

// sdkSeed is the seed's product as the SDK decodes it.
var sdkSeed = func() *apiproduct.Product {
	mem := &benchutil.MemTransport{Status: http.StatusOK, Body: []byte(seedProduct)}
	c, err := sdkClient(benchEndpoint, mem.Client())
	if err != nil {
		panic(err)
	}
	p, err := c.Get(context.Background(), "weather-premium")
	if err != nil {
		panic(err)
	}
	return p
}()

// listOpts lists the products expanded.
var listOpts = &apiproduct.ListOptions{Expand: true}

// BenchmarkUpdate is the seed's call: PUT of the whole seed product.
func BenchmarkUpdate(b *testing.B) { bench.BenchmarkUpdate(b) }

// BenchmarkList fetches one page of 20 expanded products.
func BenchmarkList(b *testing.B) { bench.BenchmarkList(b) }

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) { bench.BenchmarkUpdateParallel(b) }

// bench declares the calls that the benchmarks compare, the hand-written
// baseline first (as benchstat shows it).
var bench = benchutil.Service[*apiproduct.Client]{
	Endpoint:       benchEndpoint,
	Client:         sdkClient,
	UpdateResponse: []byte(seedProduct),
	ListResponse:   benchListResponse,
	ListLen:        benchListLen,
	NetHTTPUpdate: func(ctx context.Context, hc *http.Client, base string) error {
		return benchutil.Err(handUpdate(ctx, hc, base, handSeed))
	},
	SDKUpdate: func(ctx context.Context, c *apiproduct.Client) error {
		return benchutil.Err(c.Update(ctx, sdkSeed))
	},
	NetHTTPList: func(ctx context.Context, hc *http.Client, base string) (int, error) {
		return benchutil.Len(handList(ctx, hc, base))
	},
	SDKList: func(ctx context.Context, c *apiproduct.Client) (int, error) {
		return benchutil.Count(c.List(ctx, listOpts))
	},
}

// benchListResponse is one page of benchListLen expanded products.
var benchListResponse = func() []byte {
	b := []byte(`{"apiProduct":[`)
	for i := range benchListLen {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, strings.Replace(seedProduct, `"weather-premium"`, fmt.Sprintf(`"weather-%02d"`, i), 1)...)
	}
	return append(b, "]}"...)
}()

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers (the token
// included) and body as the SDK.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	bench.CheckSameRequests(t, nil, "User-Agent")
}
