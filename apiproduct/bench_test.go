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
	"io"
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

// handDo sends req with the token and decodes a 200 answer into out.
func handDo(hc *http.Client, req *http.Request, out any) error {
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "hand-written")
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return &apiproduct.Error{StatusCode: resp.StatusCode}
	}
	return json.Unmarshal(data, out)
}

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

func sdkClient(tb testing.TB, base string, hc *http.Client) *apiproduct.Client {
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(base), apiproduct.WithHTTPClient(hc),
		apiproduct.WithAccessToken(testToken))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// sdkSeed is the seed's product as the SDK decodes it.
func sdkSeed(tb testing.TB) *apiproduct.Product {
	mem := &benchutil.MemTransport{Status: http.StatusOK, Body: []byte(seedProduct)}
	p, err := sdkClient(tb, benchEndpoint, mem.Client()).Get(context.Background(), "weather-premium")
	if err != nil {
		tb.Fatal(err)
	}
	return p
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

func sdkUpdate(tb testing.TB, base string, hc *http.Client) func() error {
	c := sdkClient(tb, base, hc)
	p := sdkSeed(tb)
	return func() error { _, err := c.Update(context.Background(), p); return err }
}

func nethttpUpdate(_ testing.TB, base string, hc *http.Client) func() error {
	return func() error { _, err := handUpdate(context.Background(), hc, base, handSeed); return err }
}

func sdkList(tb testing.TB, base string, hc *http.Client) func() error {
	c := sdkClient(tb, base, hc)
	opts := &apiproduct.ListOptions{Expand: true}
	return func() error {
		n := 0
		for _, err := range c.List(context.Background(), opts) {
			if err != nil {
				return err
			}
			n++
		}
		if n != benchListLen {
			return fmt.Errorf("%d products", n)
		}
		return nil
	}
}

func nethttpList(_ testing.TB, base string, hc *http.Client) func() error {
	return func() error {
		ps, err := handList(context.Background(), hc, base)
		if err == nil && len(ps) != benchListLen {
			err = fmt.Errorf("%d products", len(ps))
		}
		return err
	}
}

var (
	updatePair = []benchutil.Impl{{Name: "sdk", New: sdkUpdate}, {Name: "nethttp", New: nethttpUpdate}}
	listPair   = []benchutil.Impl{{Name: "sdk", New: sdkList}, {Name: "nethttp", New: nethttpList}}
)

// BenchmarkUpdate is the seed's call: PUT of the whole seed product.
func BenchmarkUpdate(b *testing.B) {
	benchutil.Run(b, benchEndpoint, []byte(seedProduct), false, updatePair...)
}

// BenchmarkList fetches one page of 20 expanded products.
func BenchmarkList(b *testing.B) {
	benchutil.Run(b, benchEndpoint, benchListResponse, false, listPair...)
}

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) {
	benchutil.Run(b, benchEndpoint, []byte(seedProduct), true, updatePair...)
}

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers (the token
// included) and body as the SDK.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	t.Run("Update", func(t *testing.T) {
		benchutil.CheckSameRequest(t, benchEndpoint, []byte(seedProduct), sdkUpdate, nethttpUpdate, nil, "User-Agent")
	})
	t.Run("List", func(t *testing.T) {
		benchutil.CheckSameRequest(t, benchEndpoint, benchListResponse, sdkList, nethttpList, nil, "User-Agent")
	})
}
