package interop

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// apigView is what the vendor's four group models (ApiGroupInfo and the
// Create, Show and Update responses) hold, read by field name.
type apigView struct {
	ID, Name, Remark, SLDomain, Version string
	SLDomains                           []string
	Status, OnSellStatus, IsDefault     int32
	SLDomainAccessEnabled               bool
	RegisterTime, UpdateTime            time.Time
	URLDomains                          []apigroup.URLDomain
}

func viewOfVendorGroup(t *testing.T, v any) apigView {
	t.Helper()
	rv := reflect.Indirect(reflect.ValueOf(v))
	f := func(name string) reflect.Value { return reflect.Indirect(rv.FieldByName(name)) }
	str := func(name string) string {
		if x := f(name); x.IsValid() {
			return x.String()
		}
		return ""
	}
	tm := func(name string) time.Time {
		x, ok := rv.FieldByName(name).Interface().(*sdktime.SdkTime)
		if !ok || x == nil {
			t.Fatalf("%T.%s is not set", v, name)
		}
		return time.Time(*x)
	}
	out := apigView{
		ID: str("Id"), Name: str("Name"), Remark: str("Remark"), SLDomain: str("SlDomain"), Version: str("Version"),
		OnSellStatus: int32(f("OnSellStatus").Int()), RegisterTime: tm("RegisterTime"), UpdateTime: tm("UpdateTime"),
	}
	// Status is the vendor's enum type: its Value method gives the int32.
	out.Status = rv.FieldByName("Status").MethodByName("Value").Call(nil)[0].Interface().(int32)
	if x := f("IsDefault"); x.IsValid() {
		out.IsDefault = int32(x.Int())
	}
	if x := f("SlDomainAccessEnabled"); x.IsValid() {
		out.SLDomainAccessEnabled = x.Bool()
	}
	if x := f("SlDomains"); x.IsValid() {
		out.SLDomains = x.Interface().([]string)
	}
	if x := f("UrlDomains"); x.IsValid() {
		for _, d := range x.Interface().([]model.UrlDomain) {
			out.URLDomains = append(out.URLDomains, viewOfVendorDomain(d))
		}
	}
	return out
}

func viewOfOurGroup(g *apigroup.Group) apigView {
	v := apigView{
		ID: g.ID, Name: g.Name, Remark: g.Remark, SLDomain: g.SLDomain, Version: string(g.Version), SLDomains: g.SLDomains,
		Status: int32(g.Status), OnSellStatus: int32(g.OnSellStatus), IsDefault: g.IsDefault,
		SLDomainAccessEnabled: g.SLDomainAccessEnabled, RegisterTime: g.RegisteredAt, UpdateTime: g.UpdatedAt,
	}
	if len(g.URLDomains) > 0 { // the vendor's model holds no domains as nil
		v.URLDomains = g.URLDomains
	}
	return v
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// viewOfVendorDomain is the vendor's UrlDomain as an apigroup.URLDomain.
func viewOfVendorDomain(d model.UrlDomain) apigroup.URLDomain {
	out := apigroup.URLDomain{
		ID: deref(d.Id), Domain: deref(d.Domain), CNAMEStatus: apigroup.CNAMEStatus(deref(d.CnameStatus)),
		SSLID: deref(d.SslId), SSLName: deref(d.SslName),
		VerifiedClientCertificateEnabled: deref(d.VerifiedClientCertificateEnabled), HasTrustedRootCA: deref(d.IsHasTrustedRootCa),
		IngressHTTPPort: deref(d.IngressHttpPort), IngressHTTPSPort: deref(d.IngressHttpsPort),
	}
	if d.MinSslVersion != nil {
		out.MinSSLVersion = apigroup.MinSSLVersion(d.MinSslVersion.Value())
	}
	for _, c := range deref(d.SslInfos) {
		info := apigroup.SSLInfo{SSLID: deref(c.SslId), SSLName: deref(c.SslName), Type: apigroup.CertificateScope(deref(c.Type)),
			HasTrustedRootCA: deref(c.IsHasTrustedRootCa)}
		if c.AlgorithmType != nil {
			info.AlgorithmType = apigroup.CertificateAlgorithm(c.AlgorithmType.Value())
		}
		out.SSLInfos = append(out.SSLInfos, info)
	}
	return out
}

// sameGroup checks the vendor's decoding of an answer against the group the
// fake holds (read with apimgmt-go right after).
func sameGroup(t *testing.T, op string, vendor any, held *apigroup.Group) {
	t.Helper()
	got, want := viewOfVendorGroup(t, vendor), viewOfOurGroup(held)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("vendor %s decoded\n%+v\nthe fake holds\n%+v", op, got, want)
	}
}

// TestVendorAPIGClientAgainstFake drives every API group operation of
// huaweicloud-sdk-go-v3's APIG v2 client (create, show, update, list,
// check, delete) against apigrouptest, signed with the vendor's own signer,
// and decodes every answer into the vendor's models.
func TestVendorAPIGClientAgainstFake(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	vc := vendorAPIG(t, srv.URL(), srv.Client().Transport, apigrouptest.AccessKey, apigrouptest.SecretKey, apigrouptest.ProjectID)
	ours, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	held := func(id string) *apigroup.Group {
		t.Helper()
		g, err := ours.Get(ctx, id)
		if err != nil {
			t.Fatalf("apimgmt-go Get %s: %v", id, err)
		}
		return g
	}
	inst := srv.InstanceID

	// CreateApiGroupV2.
	name := "interop_组.1/(a):b-c"
	created, err := vc.CreateApiGroupV2(&model.CreateApiGroupV2Request{
		InstanceId: inst, Body: &model.ApiGroupCreate{Name: name, Remark: ptr("made by the vendor SDK")},
	})
	ok(t, "CreateApiGroupV2", err)
	if created.HttpStatusCode != http.StatusCreated {
		t.Errorf("CreateApiGroupV2: status %d, want 201", created.HttpStatusCode)
	}
	id := created.Id
	sameGroup(t, "CreateApiGroupV2", created, held(id))
	if created.Name != name || *created.Remark != "made by the vendor SDK" || created.Status.Value() != 1 {
		t.Errorf("CreateApiGroupV2 answered %v", created)
	}

	// A domain with certificates, bound as the console would: the vendor
	// reads ssl_infos[].type as an int32 and is_has_trusted_root_ca.
	if !srv.BindDomain(id, apigroup.URLDomain{
		ID: "0c4a1b82d9a84a8b8b2f5c2e6f7a8b9c", Domain: "www.example.com", CNAMEStatus: apigroup.CNAMEResolved,
		SSLID: "2b1f0e7a", SSLName: "cert_demo", MinSSLVersion: apigroup.TLS12, HasTrustedRootCA: true,
		VerifiedClientCertificateEnabled: true, IngressHTTPPort: 80, IngressHTTPSPort: 443,
		SSLInfos: []apigroup.SSLInfo{
			{SSLID: "2b1f0e7a", SSLName: "cert_demo", AlgorithmType: "RSA", Type: 1, HasTrustedRootCA: true},
			{SSLID: "9f8e7d6c", SSLName: "cert_sm2", AlgorithmType: "SM2", Type: 2},
		},
	}) {
		t.Fatal("BindDomain: no such group")
	}

	// ShowDetailsOfApiGroupV2.
	shown, err := vc.ShowDetailsOfApiGroupV2(&model.ShowDetailsOfApiGroupV2Request{InstanceId: inst, GroupId: id})
	ok(t, "ShowDetailsOfApiGroupV2", err)
	sameGroup(t, "ShowDetailsOfApiGroupV2", shown, held(id))
	if ds := deref(shown.UrlDomains); len(ds) != 1 || len(deref(ds[0].SslInfos)) != 2 || *deref(ds[0].SslInfos)[1].Type != 2 {
		t.Errorf("ShowDetailsOfApiGroupV2: url_domains %v", ds)
	}

	// UpdateApiGroupV2: the answer carries a new update_time, which the
	// vendor must be able to parse.
	updated, err := vc.UpdateApiGroupV2(&model.UpdateApiGroupV2Request{
		InstanceId: inst, GroupId: id, Body: &model.ApiGroupBase{Name: "interop_renamed", Remark: ptr("changed")},
	})
	ok(t, "UpdateApiGroupV2", err)
	after := held(id)
	sameGroup(t, "UpdateApiGroupV2", updated, after)
	if updated.Name != "interop_renamed" || *updated.Remark != "changed" {
		t.Errorf("UpdateApiGroupV2 answered %v", updated)
	}
	shownAgain, err := vc.ShowDetailsOfApiGroupV2(&model.ShowDetailsOfApiGroupV2Request{InstanceId: inst, GroupId: id})
	ok(t, "ShowDetailsOfApiGroupV2", err)
	if !time.Time(*shownAgain.UpdateTime).Equal(time.Time(*updated.UpdateTime)) {
		t.Errorf("update_time: update answered %v, show answers %v", time.Time(*updated.UpdateTime), time.Time(*shownAgain.UpdateTime))
	}

	// ListApiGroupsV2, with every filter.
	srv.AddGroup("interop_other", "")
	srv.AddGroup("interop_renamed_too", "")
	all, err := vc.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst, Limit: ptr[int32](500)})
	ok(t, "ListApiGroupsV2", err)
	if all.Total != 3 || all.Size != 3 || len(*all.Groups) != 3 {
		t.Fatalf("ListApiGroupsV2: total %d size %d, want 3 groups", all.Total, all.Size)
	}
	for _, g := range *all.Groups {
		sameGroup(t, "ListApiGroupsV2", &g, held(g.Id))
	}
	fuzzy, err := vc.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst, Name: ptr("interop_renamed")})
	ok(t, "ListApiGroupsV2", err)
	exact, err := vc.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst, Name: ptr("interop_renamed"), PreciseSearch: ptr("name")})
	ok(t, "ListApiGroupsV2", err)
	byID, err := vc.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst, Id: ptr(id)})
	ok(t, "ListApiGroupsV2", err)
	paged, err := vc.ListApiGroupsV2(&model.ListApiGroupsV2Request{InstanceId: inst, Offset: ptr[int64](1), Limit: ptr[int32](1)})
	ok(t, "ListApiGroupsV2", err)
	if fuzzy.Total != 2 || exact.Total != 1 || (*exact.Groups)[0].Id != id || byID.Total != 1 || (*byID.Groups)[0].Id != id {
		t.Errorf("ListApiGroupsV2 filters: fuzzy %d, exact %d, by id %d", fuzzy.Total, exact.Total, byID.Total)
	}
	if paged.Total != 3 || paged.Size != 1 || (*paged.Groups)[0].Id != (*all.Groups)[1].Id {
		t.Errorf("ListApiGroupsV2 offset 1 limit 1: %v", paged)
	}

	// CheckApiGroupsV2: a free name passes, a taken one is refused.
	free, err := vc.CheckApiGroupsV2(&model.CheckApiGroupsV2Request{InstanceId: inst, Body: &model.ApiGroupCheck{GroupName: "interop_free"}})
	ok(t, "CheckApiGroupsV2", err)
	if free.HttpStatusCode/100 != 2 {
		t.Errorf("CheckApiGroupsV2 of a free name: status %d", free.HttpStatusCode)
	}
	_, err = vc.CheckApiGroupsV2(&model.CheckApiGroupsV2Request{InstanceId: inst, Body: &model.ApiGroupCheck{GroupName: "interop_renamed"}})
	wantHuaweiError(t, "CheckApiGroupsV2 of a taken name", err, http.StatusBadRequest, "APIG.3201")

	// DeleteApiGroupV2, then the group is gone for both SDKs.
	del, err := vc.DeleteApiGroupV2(&model.DeleteApiGroupV2Request{InstanceId: inst, GroupId: id})
	ok(t, "DeleteApiGroupV2", err)
	if del.HttpStatusCode/100 != 2 || srv.GroupCount() != 2 {
		t.Errorf("DeleteApiGroupV2: status %d, %d groups left", del.HttpStatusCode, srv.GroupCount())
	}
	_, err = vc.ShowDetailsOfApiGroupV2(&model.ShowDetailsOfApiGroupV2Request{InstanceId: inst, GroupId: id})
	wantHuaweiError(t, "ShowDetailsOfApiGroupV2 of a deleted group", err, http.StatusNotFound, "APIG.3001")

}

// TestVendorAPIGNameRule creates groups through the vendor's client with
// names its model documents as allowed (Chinese characters, letters,
// digits, -_./, brackets and colons in both widths and the ideographic
// comma, starting with a letter, digit or Chinese character, 3 to 255
// characters), and checks that the fake refuses the ones it rules out, as
// apimgmt-go's validation does before sending.
func TestVendorAPIGNameRule(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	vc := vendorAPIG(t, srv.URL(), srv.Client().Transport, apigrouptest.AccessKey, apigrouptest.SecretKey, apigrouptest.ProjectID)
	ours, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"组（一）：甲、乙", "api（v1）：x", "a、b", "abc", "9_a-b.c/d(e):f", strings.Repeat("组", 255)} {
		_, err := vc.CreateApiGroupV2(&model.CreateApiGroupV2Request{InstanceId: srv.InstanceID, Body: &model.ApiGroupCreate{Name: name}})
		ok(t, "CreateApiGroupV2 "+name, err)
		// The name is taken now; CheckName says so instead of refusing it.
		if free, err := ours.CheckName(context.Background(), name); err != nil || free.Passed {
			t.Errorf("apimgmt-go CheckName %q: %+v, %v; want taken", name, free, err)
		}
	}
	for _, name := range []string{"ab", "（一）", "、ab", "-ab", "a b", "a!b", "ａｂｃ", strings.Repeat("组", 256)} {
		_, err := vc.CreateApiGroupV2(&model.CreateApiGroupV2Request{InstanceId: srv.InstanceID, Body: &model.ApiGroupCreate{Name: name}})
		wantHuaweiError(t, "CreateApiGroupV2 "+name, err, http.StatusBadRequest, "APIG.2012")
		var ve *apigroup.ValidationError
		if _, err := ours.Create(context.Background(), apigroup.CreateInput{Name: name}); !errors.As(err, &ve) {
			t.Errorf("apimgmt-go sends %q, which the vendor rules out: %v", name, err)
		}
	}
}
