package apiproxygroup_test

// Benchmarks of the client against a hand-written net/http baseline that
// sends the same request (method, path, headers, bearer token, body) and
// decodes the answer into a plain struct. Sub-benchmarks pair up by impl:
// `benchstat -col /impl` compares them. "mem" runs over an in-memory
// transport (the client's own cost), "loopback" over a local HTTP server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const (
	benchEndpoint = "https://demo.apinizer.com"
	benchProject  = "MyProject"
	benchListLen  = 20
)

// handRoute and handGroup are the plain structs of the baseline.
type handRoute struct {
	RelativePathList []string `json:"relativePathList"`
	MethodList       []string `json:"methodList,omitempty"`
	HostList         []string `json:"hostList,omitempty"`
	HeaderList       []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"headerList,omitempty"`
	BufferRequest  bool `json:"bufferRequest"`
	BufferResponse bool `json:"bufferResponse"`
}

type handGroup struct {
	ID          string     `json:"id,omitempty"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	ClientRoute *handRoute `json:"clientRoute,omitempty"`
}

func groupsURL(base string) string {
	return base + "/apiops/projects/" + url.PathEscape(benchProject) + "/apiProxyGroups/"
}

// handUpdate is the hand-written baseline of Update: the seed's PUT
// without environmentName.
func handUpdate(ctx context.Context, hc *http.Client, base string) error {
	body, err := json.Marshal(handGroup{
		Name:        "PaymentAPIGroup",
		Description: "Updated Payment API Group",
		ClientRoute: &handRoute{
			RelativePathList: []string{"/api/v2/payment"},
			MethodList:       []string{"GET", "POST", "PUT", "DELETE"},
			BufferRequest:    true,
			BufferResponse:   true,
		},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, groupsURL(base), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		Success       *bool  `json:"success"`
		Status        string `json:"status"`
		ResultMessage string `json:"resultMessage"`
	}
	if err := handDo(hc, req, &out); err != nil {
		return err
	}
	if out.Status == "FAILURE" || (out.Success != nil && !*out.Success) {
		return fmt.Errorf("update failed: %s", out.ResultMessage)
	}
	return nil
}

// handList is the hand-written baseline of List.
func handList(ctx context.Context, hc *http.Client, base string) ([]handGroup, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, groupsURL(base), nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		Status      string      `json:"status"`
		ResultList  []handGroup `json:"resultList"`
		ResultCount int32       `json:"resultCount"`
	}
	return out.ResultList, handDo(hc, req, &out)
}

// handDo sends req with the token and decodes a 200 answer into out.
func handDo(hc *http.Client, req *http.Request, out any) error {
	req.Header.Set("Authorization", "Bearer "+testToken)
	return benchutil.PlainDo(hc, req, out)
}

// sdkClient returns an SDK client for base that sends through hc.
func sdkClient(base string, hc *http.Client) (*apiproxygroup.Client, error) {
	return apiproxygroup.NewClient(benchProject, apiproxygroup.WithEndpoint(base), apiproxygroup.WithHTTPClient(hc),
		apiproxygroup.WithToken(testToken))
}

// updateIn is the seed's group without a deployment.
var updateIn = seedInput("")

// BenchmarkUpdate is the seed's call: PUT of the whole group, without a
// deployment.
func BenchmarkUpdate(b *testing.B) { bench.BenchmarkUpdate(b) }

// BenchmarkList lists a project of 20 groups (the API does not page).
func BenchmarkList(b *testing.B) { bench.BenchmarkList(b) }

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) { bench.BenchmarkUpdateParallel(b) }

// bench declares the calls that the benchmarks compare, the hand-written
// baseline first (as benchstat shows it).
var bench = benchutil.Service[*apiproxygroup.Client]{
	Endpoint:       benchEndpoint,
	Client:         sdkClient,
	UpdateResponse: []byte(seedResponse),
	ListResponse:   benchListResponse,
	ListLen:        benchListLen,
	NetHTTPUpdate:  handUpdate,
	SDKUpdate: func(ctx context.Context, c *apiproxygroup.Client) error {
		return benchutil.Err(c.Update(ctx, updateIn))
	},
	NetHTTPList: func(ctx context.Context, hc *http.Client, base string) (int, error) {
		return benchutil.Len(handList(ctx, hc, base))
	},
	SDKList: func(ctx context.Context, c *apiproxygroup.Client) (int, error) {
		return benchutil.Count(c.List(ctx, nil))
	},
}

// benchListResponse is a list of benchListLen groups in the current envelope.
var benchListResponse = func() []byte {
	b := []byte(`{"status":"SUCCESS","resultList":[`)
	for i := range benchListLen {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"name":"PaymentAPIGroup%d","description":"Payment API Group","clientRoute":{"relativePathList":["/api/v1/payment%d"],`+
			`"methodList":["GET","POST"],"hostList":["*.example.com"],"headerList":[{"name":"X-API-Version","value":"v1"}],`+
			`"bufferRequest":true,"bufferResponse":false}}`, i, i)
	}
	return fmt.Appendf(b, `],"resultCount":%d}`, benchListLen)
}()

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers (the token
// included) and body as the SDK.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	bench.CheckSameRequests(t, nil, "User-Agent")
}
