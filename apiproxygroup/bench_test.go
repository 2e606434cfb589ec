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
	"io"
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
		return &apiproxygroup.Error{StatusCode: resp.StatusCode}
	}
	return json.Unmarshal(data, out)
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

func sdkClient(tb testing.TB, base string, hc *http.Client) *apiproxygroup.Client {
	c, err := apiproxygroup.NewClient(benchProject, apiproxygroup.WithEndpoint(base), apiproxygroup.WithHTTPClient(hc),
		apiproxygroup.WithToken(testToken))
	if err != nil {
		tb.Fatal(err)
	}
	return c
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

func sdkUpdate(tb testing.TB, base string, hc *http.Client) func() error {
	c := sdkClient(tb, base, hc)
	in := seedInput("")
	return func() error { _, err := c.Update(context.Background(), in); return err }
}

func nethttpUpdate(_ testing.TB, base string, hc *http.Client) func() error {
	return func() error { return handUpdate(context.Background(), hc, base) }
}

func sdkList(tb testing.TB, base string, hc *http.Client) func() error {
	c := sdkClient(tb, base, hc)
	return func() error {
		n := 0
		for _, err := range c.List(context.Background()) {
			if err != nil {
				return err
			}
			n++
		}
		if n != benchListLen {
			return fmt.Errorf("%d groups", n)
		}
		return nil
	}
}

func nethttpList(_ testing.TB, base string, hc *http.Client) func() error {
	return func() error {
		gs, err := handList(context.Background(), hc, base)
		if err == nil && len(gs) != benchListLen {
			err = fmt.Errorf("%d groups", len(gs))
		}
		return err
	}
}

var (
	updatePair = []benchutil.Impl{{Name: "sdk", New: sdkUpdate}, {Name: "nethttp", New: nethttpUpdate}}
	listPair   = []benchutil.Impl{{Name: "sdk", New: sdkList}, {Name: "nethttp", New: nethttpList}}
)

// BenchmarkUpdate is the seed's call: PUT of the whole group, without a
// deployment.
func BenchmarkUpdate(b *testing.B) {
	benchutil.Run(b, benchEndpoint, []byte(seedResponse), false, updatePair...)
}

// BenchmarkList lists a project of 20 groups (the API does not page).
func BenchmarkList(b *testing.B) {
	benchutil.Run(b, benchEndpoint, benchListResponse, false, listPair...)
}

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) {
	benchutil.Run(b, benchEndpoint, []byte(seedResponse), true, updatePair...)
}

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers (the token
// included) and body as the SDK.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	t.Run("Update", func(t *testing.T) {
		benchutil.CheckSameRequest(t, benchEndpoint, []byte(seedResponse), sdkUpdate, nethttpUpdate, nil, "User-Agent")
	})
	t.Run("List", func(t *testing.T) {
		benchutil.CheckSameRequest(t, benchEndpoint, benchListResponse, sdkList, nethttpList, nil, "User-Agent")
	})
}
