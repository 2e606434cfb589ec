package benchcmp

import (
	"context"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const (
	ak        = "AKTESTAKTESTAKTEST01"
	sk        = "sk-test-secret-value"
	projectID = "a4da8115c9d8464ead3a38309130523f"
	instance  = "eddc4d25480b4cd6b512f270a1b8b341"
	groupID   = "c77f5e81d9cb4424bf704ef2b0ac7600"
	apigHost  = "https://apig.cn-north-4.myhuaweicloud.com"
)

// Seed 002's example response, with update_time made regular: the vendor SDK
// fails to decode the documented value "2020-07-31T06:55:55Z.866474185Z"
// (TestVendorSDKRejectsDocumentedTimestamp), which apimgmt-go accepts.
const apigUpdateResponse = `{"update_time":"2020-07-31T06:55:55Z","name":"api_group_001","on_sell_status":2,"remark":"API group 1","sl_domains":["c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com","c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.cn"],"sl_domain":"c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com","id":"c77f5e81d9cb4424bf704ef2b0ac7600","register_time":"2020-07-31T06:55:55Z","status":1,"is_default":2,"sl_domain_access_enabled":true}`

func BenchmarkAPIGUpdateGroup(b *testing.B) {
	mem := &benchutil.MemTransport{Status: 200, Body: []byte(apigUpdateResponse)}
	ctx := context.Background()

	b.Run("apimgmt-go", func(b *testing.B) {
		c, err := apigroup.NewClient(instance, apigroup.WithEndpoint(apigHost), apigroup.WithHTTPClient(mem.Client()),
			apigroup.WithAKSK(ak, sk), apigroup.WithProjectID(projectID))
		if err != nil {
			b.Fatal(err)
		}
		in := apigroup.UpdateInput{Name: "api_group_001", Remark: apigroup.Ptr("API group 1")}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Update(ctx, groupID, in); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("huaweicloud-sdk-go-v3", func(b *testing.B) {
		cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(projectID).SafeBuild()
		if err != nil {
			b.Fatal(err)
		}
		hc, err := apig.ApigClientBuilder().
			WithEndpoints([]string{apigHost}).
			WithCredential(cred).
			WithHttpConfig(config.DefaultHttpConfig().WithHttpRoundTripper(mem)).
			SafeBuild()
		if err != nil {
			b.Fatal(err)
		}
		client := apig.NewApigClient(hc)
		remark := "API group 1"
		b.ReportAllocs()
		for b.Loop() {
			_, err := client.UpdateApiGroupV2(&model.UpdateApiGroupV2Request{
				InstanceId: instance, GroupId: groupID,
				Body: &model.ApiGroupBase{Name: "api_group_001", Remark: &remark},
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestVendorSDKRejectsDocumentedTimestamp records why the benchmark uses a
// regular update_time: huaweicloud-sdk-go-v3 cannot decode the example
// response that the vendor's own documentation gives for this call.
func TestVendorSDKRejectsDocumentedTimestamp(t *testing.T) {
	documented := strings.Replace(apigUpdateResponse, `"update_time":"2020-07-31T06:55:55Z"`, `"update_time":"2020-07-31T06:55:55Z.866474185Z"`, 1)
	mem := &benchutil.MemTransport{Status: 200, Body: []byte(documented)}
	cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(projectID).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := apig.ApigClientBuilder().WithEndpoints([]string{apigHost}).WithCredential(cred).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpRoundTripper(mem)).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	_, err = apig.NewApigClient(hc).UpdateApiGroupV2(&model.UpdateApiGroupV2Request{InstanceId: instance, GroupId: groupID, Body: &model.ApiGroupBase{Name: "api_group_001"}})
	if err == nil {
		t.Fatal("the vendor SDK now decodes the documented timestamp; update BENCHMARKS.md")
	}

	c, err := apigroup.NewClient(instance, apigroup.WithEndpoint(apigHost), apigroup.WithHTTPClient(mem.Client()), apigroup.WithAKSK(ak, sk), apigroup.WithProjectID(projectID))
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.Update(context.Background(), groupID, apigroup.UpdateInput{Name: "api_group_001"})
	if err != nil || g.UpdatedAt.Nanosecond() != 866474185 {
		t.Fatalf("apimgmt-go: %v, %v", g, err)
	}
}
