package benchcmp

import (
	"context"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
	workspaceapp "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspaceapp/v1"
	wsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspaceapp/v1/model"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/internal/benchutil"
)

const (
	ak        = "AKTESTAKTESTAKTEST01"
	sk        = "sk-test-secret-value"
	projectID = "a4da8115c9d8464ead3a38309130523f"
	instance  = "eddc4d25480b4cd6b512f270a1b8b341"
	groupID   = "c77f5e81d9cb4424bf704ef2b0ac7600"
	apigHost  = "https://apig.cn-north-4.myhuaweicloud.com"

	appGroupID    = "575772274859184145"
	appServerID   = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
	appGroupName  = "Open_Test_for_the_API_for_Modifying_an_Application_Group"
	workspaceHost = "https://appstream.cn-north-4.myhuaweicloud.com"
)

// Seed 002's example response, with update_time made regular: the vendor SDK
// fails to decode the documented value "2020-07-31T06:55:55Z.866474185Z"
// (TestVendorSDKRejectsDocumentedTimestamp), which apimgmt-go accepts.
const apigUpdateResponse = `{"update_time":"2020-07-31T06:55:55Z","name":"api_group_001","on_sell_status":2,"remark":"API group 1","sl_domains":["c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com","c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.cn"],"sl_domain":"c77f5e81d9cb4424bf704ef2b0ac7600.apic.****.com","id":"c77f5e81d9cb4424bf704ef2b0ac7600","register_time":"2020-07-31T06:55:55Z","status":1,"is_default":2,"sl_domain_access_enabled":true}`

// BenchmarkAPIGUpdateGroup is apigroup's Update (seed 002) through
// apimgmt-go (impl=apimgmt-go) and through huaweicloud-sdk-go-v3
// (impl=vendor), both signing with AK/SK.
func BenchmarkAPIGUpdateGroup(b *testing.B) {
	mem := &benchutil.MemTransport{Status: 200, Body: []byte(apigUpdateResponse)}
	ctx := context.Background()

	b.Run("impl=apimgmt-go", func(b *testing.B) {
		c, err := apigroup.NewClient(instance, apigroup.WithEndpoint(apigHost), apigroup.WithHTTPClient(mem.Client()),
			apigroup.WithAKSK(ak, sk), apigroup.WithProjectID(projectID))
		if err != nil {
			b.Fatal(err)
		}
		in := apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("API group 1")}
		b.ReportAllocs()
		cpu := benchutil.StartCPU()
		for b.Loop() {
			if _, err := c.Update(ctx, groupID, in); err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
	})

	b.Run("impl=vendor", func(b *testing.B) {
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
		cpu := benchutil.StartCPU()
		for b.Loop() {
			_, err := client.UpdateApiGroupV2(&model.UpdateApiGroupV2Request{
				InstanceId: instance, GroupId: groupID,
				Body: &model.ApiGroupBase{Name: "api_group_001", Remark: &remark},
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
	})
}

// Seed 003's example response to "Modifying an Application Group".
const appGroupUpdateResponse = `{
  "id" : "575772274859184145",
  "name" : "Open Test for the API for Modifying an Application Group",
  "app_server_group_id" : "d75cce49-413a-4102-8cfa-c4328f5cac6f",
  "description" : "AAAA",
  "authorization_type" : "APP_GROUP",
  "tenant_id" : "a4da8115c9d8464ead3a38309130523f",
  "create_at" : "2023-06-06T14:14:02.246Z"
}`

// BenchmarkWorkspaceUpdateAppGroup is appgroup's Update (seed 003) through
// apimgmt-go (impl=apimgmt-go) and through huaweicloud-sdk-go-v3's
// workspaceapp client (impl=vendor), both signing with AK/SK.
func BenchmarkWorkspaceUpdateAppGroup(b *testing.B) {
	mem := &benchutil.MemTransport{Status: 200, Body: []byte(appGroupUpdateResponse)}
	ctx := context.Background()
	name, server, desc := appGroupName, appServerID, "AAAA"

	b.Run("impl=apimgmt-go", func(b *testing.B) {
		c, err := appgroup.NewClient(appgroup.WithEndpoint(workspaceHost), appgroup.WithHTTPClient(mem.Client()),
			appgroup.WithAKSK(ak, sk), appgroup.WithProjectID(projectID))
		if err != nil {
			b.Fatal(err)
		}
		in := appgroup.UpdateInput{Name: &name, AppServerGroupID: &server, Description: &desc}
		b.ReportAllocs()
		cpu := benchutil.StartCPU()
		for b.Loop() {
			if _, err := c.Update(ctx, appGroupID, in); err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
	})

	b.Run("impl=vendor", func(b *testing.B) {
		cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(projectID).SafeBuild()
		if err != nil {
			b.Fatal(err)
		}
		hc, err := workspaceapp.WorkspaceAppClientBuilder().
			WithEndpoints([]string{workspaceHost}).
			WithCredential(cred).
			WithHttpConfig(config.DefaultHttpConfig().WithHttpRoundTripper(mem)).
			SafeBuild()
		if err != nil {
			b.Fatal(err)
		}
		client := workspaceapp.NewWorkspaceAppClient(hc)
		b.ReportAllocs()
		cpu := benchutil.StartCPU()
		for b.Loop() {
			_, err := client.UpdateAppGroup(&wsmodel.UpdateAppGroupRequest{
				AppGroupId: appGroupID,
				Body:       &wsmodel.UpdateAppGroupReq{Name: &name, AppServerGroupId: &server, Description: &desc},
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		cpu.Report(b)
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
