package apigroup_test

// Benchmarks of the client against a hand-written net/http baseline that
// sends the same request (method, path, query, headers, body, and an AK/SK
// signature from a plain signer) and decodes the answer into a plain struct.
// Sub-benchmarks pair up by impl, so that
//
//	go test -run '^$' -bench . -count 10 ./apigroup | tee new.txt
//	benchstat -col '/impl@(nethttp sdk)' new.txt
//
// shows the SDK and the baseline side by side (.ci/bench runs them all). "mem" runs over an in-memory
// transport (the client's own cost), "loopback" over a local HTTP server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"testing"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
	"github.com/apimgmt/apimgmt-go/internal/convert"
)

const benchEndpoint = "https://apig.cn-north-4.myhuaweicloud.com"

// handGroup is the plain struct the baseline decodes a group into.
type handGroup struct {
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	Remark                string   `json:"remark"`
	Status                int32    `json:"status"`
	SLDomain              string   `json:"sl_domain"`
	SLDomains             []string `json:"sl_domains"`
	SLDomainAccessEnabled bool     `json:"sl_domain_access_enabled"`
	RegisterTime          string   `json:"register_time"`
	UpdateTime            string   `json:"update_time"`
	OnSellStatus          int32    `json:"on_sell_status"`
	IsDefault             int32    `json:"is_default"`
}

// handGroupPath is the path of one group, escaped as a careful user would.
func handGroupPath(base, groupID string) string {
	return base + "/v2/" + url.PathEscape(testProject) + "/apigw/instances/" + url.PathEscape(testInst) +
		"/api-groups/" + url.PathEscape(groupID)
}

// handUpdate is the hand-written baseline of Update.
func handUpdate(ctx context.Context, hc *http.Client, base string) (*handGroup, error) {
	body, err := json.Marshal(struct {
		Name   string `json:"name"`
		Remark string `json:"remark"`
	}{"api_group_001", "API group 1"})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, handGroupPath(base, testGroup), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	var out handGroup
	return &out, handDo(hc, req, body, &out)
}

// handList is the hand-written baseline of ListPage with the default page
// size.
func handList(ctx context.Context, hc *http.Client, base string) ([]handGroup, error) {
	u := base + "/v2/" + url.PathEscape(testProject) + "/apigw/instances/" + url.PathEscape(testInst) + "/api-groups?limit=" + strconv.Itoa(apigroup.DefaultPageSize)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		Total  int64       `json:"total"`
		Size   int32       `json:"size"`
		Groups []handGroup `json:"groups"`
	}
	return out.Groups, handDo(hc, req, nil, &out)
}

// handDo signs and sends req with body, and decodes a 200 answer into out.
func handDo(hc *http.Client, req *http.Request, body []byte, out any) error {
	benchutil.PlainHuaweiSign(req, body, testAK, testSK, testProject)
	return benchutil.PlainDo(hc, req, out)
}

// sdkClient returns an SDK client for base that sends through hc.
func sdkClient(base string, hc *http.Client) (*apigroup.Client, error) {
	return apigroup.NewClient(testInst, apigroup.WithEndpoint(base), apigroup.WithHTTPClient(hc),
		apigroup.WithAKSK(testAK, testSK), apigroup.WithProjectID(testProject))
}

// verifySignature checks the AK/SK signature of a request independently of
// the SDK's signer and of the baseline's.
func verifySignature(t *testing.T, r *http.Request, body []byte) {
	authtest.VerifyHuawei(t, authtest.Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Host: r.URL.Host, Header: r.Header, Body: body}, testAK, testSK)
}

var updateIn = apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("API group 1")}

// BenchmarkUpdate is the seed's call: PUT of a group's name and remark.
func BenchmarkUpdate(b *testing.B) { bench.BenchmarkUpdate(b) }

// BenchmarkList fetches one page of 20 groups.
func BenchmarkList(b *testing.B) { bench.BenchmarkList(b) }

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) { bench.BenchmarkUpdateParallel(b) }

// bench declares the calls that the benchmarks compare, the hand-written
// baseline first (as benchstat shows it).
var bench = benchutil.Service[*apigroup.Client]{
	Endpoint:       benchEndpoint,
	Client:         sdkClient,
	UpdateResponse: []byte(seedUpdateResponse),
	ListResponse:   benchListResponse,
	ListLen:        apigroup.DefaultPageSize,
	NetHTTPUpdate: func(ctx context.Context, hc *http.Client, base string) error {
		return benchutil.Err(handUpdate(ctx, hc, base))
	},
	SDKUpdate: func(ctx context.Context, c *apigroup.Client) error {
		return benchutil.Err(c.Update(ctx, testGroup, updateIn))
	},
	NetHTTPList: func(ctx context.Context, hc *http.Client, base string) (int, error) {
		return benchutil.Len(handList(ctx, hc, base))
	},
	SDKList: func(ctx context.Context, c *apigroup.Client) (int, error) {
		p, err := c.ListPage(ctx, nil) // p is nil on an error
		return len(convert.Val(p).Items), err
	},
}

// benchListResponse is a full default page (20 groups) of List.
var benchListResponse = func() []byte {
	var b []byte
	b = append(b, `{"total":100,"size":20,"groups":[`...)
	for i := range apigroup.DefaultPageSize {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendGroupJSON(b, i)
	}
	return append(b, "]}"...)
}()

// appendGroupJSON appends a group like the seed's, with ID number i,
// without allocating (the 10,000-item List counts every byte).
func appendGroupJSON(b []byte, i int) []byte {
	var idBuf [32]byte
	id := append(idBuf[:0], "c77f5e81d9cb4424bf704ef2"...)
	for d := 10_000_000; d > 0; d /= 10 {
		id = append(id, byte('0'+i/d%10))
	}
	b = append(b, `{"update_time":"2020-07-31T06:55:55Z","name":"api_group_`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `","on_sell_status":2,"remark":"API group","sl_domains":["`...)
	b = append(b, id...)
	b = append(b, `.apic.example.com","`...)
	b = append(b, id...)
	b = append(b, `.apic.example.cn"],"sl_domain":"`...)
	b = append(b, id...)
	b = append(b, `.apic.example.com","id":"`...)
	b = append(b, id...)
	return append(b, `","register_time":"2020-07-31T06:55:55Z","status":1,"is_default":2,"sl_domain_access_enabled":true}`...)
}

// pagedGroups answers List requests from a collection of total generated
// groups, building each page on demand into a reused buffer, so that the
// server side holds no more than one page. Not safe for concurrent use.
type pagedGroups struct {
	total int
	buf   []byte
}

func (p *pagedGroups) RoundTrip(req *http.Request) (*http.Response, error) {
	q := req.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	end := min(offset+limit, p.total)
	b := append(p.buf[:0], `{"total":`...)
	b = strconv.AppendInt(b, int64(p.total), 10)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(max(end-offset, 0)), 10)
	b = append(b, `,"groups":[`...)
	for i := offset; i < end; i++ {
		if i > offset {
			b = append(b, ',')
		}
		b = appendGroupJSON(b, i)
	}
	b = append(b, "]}"...)
	p.buf = b
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       req,
	}, nil
}

// BenchmarkListAll lists every group of a large collection through the List
// iterator. It reports the bytes allocated per item (B/item) and the largest
// live heap seen while iterating (peak-live-B, sampled after a GC every 500
// items in one untimed pass): both stay flat as the collection grows from
// 1,000 to 10,000 items, and the live heap follows the page size, since the
// iterator holds one page at a time.
func BenchmarkListAll(b *testing.B) {
	for _, page := range []int{20, apigroup.MaxPageSize} {
		for _, items := range []int{1000, 10000} {
			b.Run(fmt.Sprintf("page=%d/items=%d", page, items), func(b *testing.B) {
				c, err := sdkClient(benchEndpoint, &http.Client{Transport: &pagedGroups{total: items}})
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				opts := &apigroup.ListOptions{PageSize: page}
				listAll := func(sample func(i int)) {
					n := 0
					for _, err := range c.List(ctx, opts) {
						if err != nil {
							b.Fatal(err)
						}
						if sample != nil {
							sample(n)
						}
						n++
					}
					if n != items {
						b.Fatalf("listed %d of %d", n, items)
					}
				}

				var ms runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&ms)
				base, peak := ms.HeapAlloc, uint64(0)
				listAll(func(i int) {
					if i%500 == 499 {
						runtime.GC()
						runtime.ReadMemStats(&ms)
						if ms.HeapAlloc > base {
							peak = max(peak, ms.HeapAlloc-base)
						}
					}
				})

				b.ReportAllocs()
				runtime.ReadMemStats(&ms)
				before, runs := ms.TotalAlloc, 0
				for b.Loop() {
					listAll(nil)
					runs++
				}
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.TotalAlloc-before)/float64(runs*items), "B/item")
				b.ReportMetric(float64(peak), "peak-live-B")
			})
		}
	}
}

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers and body as
// the SDK, with a signature that verifies independently.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	bench.CheckSameRequests(t, verifySignature, "User-Agent", "X-Sdk-Date", "Authorization")
}
