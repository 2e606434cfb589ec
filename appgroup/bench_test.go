package appgroup_test

// Benchmarks of the client against a hand-written net/http baseline that
// sends the same request (method, path, query, headers, body, and an AK/SK
// signature from a plain signer) and decodes the answer into a plain struct.
// Sub-benchmarks pair up by impl: `benchstat -col /impl` compares them.
// "mem" runs over an in-memory transport (the client's own cost),
// "loopback" over a local HTTP server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/auth/authtest"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
	"github.com/apimgmt/apimgmt-go/internal/convert"
)

const benchEndpoint = "https://appstream.cn-north-4.myhuaweicloud.com"

const benchName = "Open_Test_for_the_API_for_Modifying_an_Application_Group"

// handGroup is the plain struct the baseline decodes a group into.
type handGroup struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	AppServerGroupID   string `json:"app_server_group_id"`
	AppServerGroupName string `json:"app_server_group_name"`
	Description        string `json:"description"`
	AuthorizationType  string `json:"authorization_type"`
	TenantID           string `json:"tenant_id"`
	AppType            string `json:"app_type"`
	CreateAt           string `json:"create_at"`
	AppCount           int32  `json:"app_count"`
}

// handUpdate is the hand-written baseline of Update: the seed's PATCH.
func handUpdate(ctx context.Context, hc *http.Client, base string) (*handGroup, error) {
	body, err := json.Marshal(struct {
		Name             string `json:"name"`
		AppServerGroupID string `json:"app_server_group_id"`
		Description      string `json:"description"`
	}{benchName, testServer, "AAAA"})
	if err != nil {
		return nil, err
	}
	u := base + "/v1/" + url.PathEscape(testProject) + "/app-groups/" + url.PathEscape(testGroup)
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, u, bytes.NewReader(body))
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
	u := base + "/v1/" + url.PathEscape(testProject) + "/app-groups?limit=" + strconv.Itoa(appgroup.DefaultPageSize)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		Count int32       `json:"count"`
		Items []handGroup `json:"items"`
	}
	return out.Items, handDo(hc, req, nil, &out)
}

// handDo signs and sends req with body, and decodes a 200 answer into out.
func handDo(hc *http.Client, req *http.Request, body []byte, out any) error {
	benchutil.PlainHuaweiSign(req, body, testAK, testSK, testProject)
	return benchutil.PlainDo(hc, req, out)
}

// sdkClient returns an SDK client for base that sends through hc.
func sdkClient(base string, hc *http.Client) (*appgroup.Client, error) {
	return appgroup.NewClient(appgroup.WithEndpoint(base), appgroup.WithHTTPClient(hc),
		appgroup.WithAKSK(testAK, testSK), appgroup.WithProjectID(testProject))
}

// verifySignature checks the AK/SK signature of a request independently of
// the SDK's signer and of the baseline's.
func verifySignature(t *testing.T, r *http.Request, body []byte) {
	authtest.VerifyHuawei(t, authtest.Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Host: r.URL.Host, Header: r.Header, Body: body}, testAK, testSK)
}

var updateIn = appgroup.UpdateInput{
	Name:             apimgmt.Ptr(benchName),
	AppServerGroupID: apimgmt.Ptr(testServer),
	Description:      apimgmt.Ptr("AAAA"),
}

// BenchmarkUpdate is the seed's call: PATCH of a group's name, server group
// and description.
func BenchmarkUpdate(b *testing.B) { bench.BenchmarkUpdate(b) }

// BenchmarkList fetches one page of 10 groups.
func BenchmarkList(b *testing.B) { bench.BenchmarkList(b) }

// BenchmarkUpdateParallel is BenchmarkUpdate from 64 goroutines sharing one
// client; ns/op is the inverse of the throughput.
func BenchmarkUpdateParallel(b *testing.B) { bench.BenchmarkUpdateParallel(b) }

// bench declares the calls that the benchmarks compare, the hand-written
// baseline first (as benchstat shows it).
var bench = benchutil.Service[*appgroup.Client]{
	Endpoint:       benchEndpoint,
	Client:         sdkClient,
	UpdateResponse: []byte(appgrouptest.ExampleUpdateResponse),
	ListResponse:   benchListResponse,
	ListLen:        appgroup.DefaultPageSize,
	NetHTTPUpdate: func(ctx context.Context, hc *http.Client, base string) error {
		return benchutil.Err(handUpdate(ctx, hc, base))
	},
	SDKUpdate: func(ctx context.Context, c *appgroup.Client) error {
		return benchutil.Err(c.Update(ctx, testGroup, updateIn))
	},
	NetHTTPList: func(ctx context.Context, hc *http.Client, base string) (int, error) {
		return benchutil.Len(handList(ctx, hc, base))
	},
	SDKList: func(ctx context.Context, c *appgroup.Client) (int, error) {
		p, err := c.ListPage(ctx, nil) // p is nil on an error
		return len(convert.Val(p).Items), err
	},
}

// benchListResponse is a full default page (10 groups) of List.
var benchListResponse = func() []byte {
	b := []byte(`{"count":100,"items":[`)
	for i := range appgroup.DefaultPageSize {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"id":"5757722748591841%02d","name":"group_%d","app_server_group_id":"d75cce49-413a-4102-8cfa-c4328f5cac6f",`+
			`"app_server_group_name":"servers","description":"AAAA","authorization_type":"APP_GROUP",`+
			`"tenant_id":"a4da8115c9d8464ead3a38309130523f","app_type":"COMMON_APP","create_at":"2023-06-06T14:14:02.246Z","app_count":3}`, i, i)
	}
	return append(b, "]}"...)
}()

// TestBenchBaselineSendsTheSameRequest checks that the hand-written
// baseline is a fair comparison: the same method, URL, headers and body as
// the SDK, with a signature that verifies independently.
func TestBenchBaselineSendsTheSameRequest(t *testing.T) {
	bench.CheckSameRequests(t, verifySignature, "User-Agent", "X-Sdk-Date", "Authorization")
}
