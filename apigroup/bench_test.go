package apigroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const benchGroupPath = "/v2/" + testProject + "/apigw/instances/" + testInst + "/api-groups/" + testGroup

// handUpdate is the hand-written net/http baseline for Update: the same
// request, signed, with the response decoded into a plain struct.
func handUpdate(ctx context.Context, hc *http.Client, base string) error {
	body, err := json.Marshal(map[string]string{"name": "api_group_001", "remark": "API group 1"})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, base+benchGroupPath, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	benchutil.PlainHuaweiSign(req, body, testAK, testSK, testProject)
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
		return &apigroup.Error{StatusCode: resp.StatusCode}
	}
	var out struct {
		ID, Name, Remark, UpdateTime string
		Status                       int32
		SLDomains                    []string `json:"sl_domains"`
	}
	return json.Unmarshal(data, &out)
}

func sdkClient(b *testing.B, base string, hc *http.Client) *apigroup.Client {
	c, err := apigroup.NewClient(testInst, apigroup.WithEndpoint(base), apigroup.WithHTTPClient(hc),
		apigroup.WithAKSK(testAK, testSK), apigroup.WithProjectID(testProject))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

var updateIn = apigroup.UpdateInput{Name: "api_group_001", Remark: apigroup.Ptr("API group 1")}

func BenchmarkUpdate(b *testing.B) {
	mem := &benchutil.MemTransport{Status: 200, Body: []byte(seedUpdateResponse)}
	hc := mem.Client()
	ctx := context.Background()
	b.Run("mem/sdk", func(b *testing.B) {
		c := sdkClient(b, "https://apig.cn-north-4.myhuaweicloud.com", hc)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Update(ctx, testGroup, updateIn); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("mem/nethttp", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := handUpdate(ctx, hc, "https://apig.cn-north-4.myhuaweicloud.com"); err != nil {
				b.Fatal(err)
			}
		}
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, seedUpdateResponse)
	}))
	defer srv.Close()
	b.Run("loopback/sdk", func(b *testing.B) {
		c := sdkClient(b, srv.URL, srv.Client())
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Update(ctx, testGroup, updateIn); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("loopback/nethttp", func(b *testing.B) {
		hc := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			if err := handUpdate(ctx, hc, srv.URL); err != nil {
				b.Fatal(err)
			}
		}
	})
}
