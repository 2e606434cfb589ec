package interop

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspaceapp/v1/model"

	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// appGroupView is what the vendor's application group models (AppGroup and
// the Create, Show and Update responses) hold, read by field name.
type appGroupView struct {
	ID, Name, AppServerGroupID, AppServerGroupName, Description string
	AuthorizationType, TenantID, AppType                        string
	CreatedAt                                                   time.Time
	AppCount                                                    int32
}

func viewOfVendorAppGroup(t *testing.T, v any) appGroupView {
	t.Helper()
	rv := reflect.Indirect(reflect.ValueOf(v))
	str := func(name string) string {
		x := rv.FieldByName(name)
		if x.IsNil() {
			return ""
		}
		x = x.Elem()
		if x.Kind() == reflect.Struct { // one of the vendor's enums
			return x.MethodByName("Value").Call(nil)[0].String()
		}
		return x.String()
	}
	out := appGroupView{
		ID: str("Id"), Name: str("Name"), AppServerGroupID: str("AppServerGroupId"), AppServerGroupName: str("AppServerGroupName"),
		Description: str("Description"), AuthorizationType: str("AuthorizationType"), TenantID: str("TenantId"), AppType: str("AppType"),
	}
	if at, _ := rv.FieldByName("CreateAt").Interface().(*sdktime.SdkTime); at != nil {
		out.CreatedAt = time.Time(*at)
	}
	if n, _ := rv.FieldByName("AppCount").Interface().(*int32); n != nil {
		out.AppCount = *n
	}
	return out
}

func viewOfOurAppGroup(g *appgroup.Group) appGroupView {
	return appGroupView{
		ID: g.ID, Name: g.Name, AppServerGroupID: g.AppServerGroupID, AppServerGroupName: g.AppServerGroupName,
		Description: g.Description, AuthorizationType: string(g.AuthorizationType), TenantID: g.TenantID,
		AppType: string(g.AppType), CreatedAt: g.CreatedAt, AppCount: g.AppCount,
	}
}

// sameAppGroup checks the vendor's decoding of an answer against the group
// the fake holds.
func sameAppGroup(t *testing.T, srv *appgrouptest.Server, op string, vendor any) {
	t.Helper()
	got := viewOfVendorAppGroup(t, vendor)
	held, ok := srv.Group(got.ID)
	if !ok {
		t.Fatalf("vendor %s decoded group %q, which the fake does not hold", op, got.ID)
	}
	if want := viewOfOurAppGroup(held); !reflect.DeepEqual(got, want) {
		t.Errorf("vendor %s decoded\n%+v\nthe fake holds\n%+v", op, got, want)
	}
}

// TestVendorWorkspaceClientAgainstFake drives every application group
// operation of huaweicloud-sdk-go-v3's Workspace application client
// (create, show, update, list, check, disassociate, delete, batch delete)
// against appgrouptest, and decodes every answer into the vendor's models.
func TestVendorWorkspaceClientAgainstFake(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	vc := vendorWorkspace(t, srv.URL(), srv.Client().Transport, appgrouptest.AccessKey, appgrouptest.SecretKey, appgrouptest.ProjectID)
	authz, types := model.GetAuthorizationTypeEnumEnum(), model.GetAppTypeEnumEnum()

	// CreateAppGroup, bound to the fake's server group.
	created, err := vc.CreateAppGroup(&model.CreateAppGroupRequest{Body: &model.CreateAppGroupReq{
		Name: "interop_应用组-1", AppServerGroupId: ptr(appgrouptest.ServerGroupID), Description: ptr("made by the vendor SDK"),
		AuthorizationType: &authz.APP_GROUP, AppType: &types.COMMON_APP,
	}})
	ok(t, "CreateAppGroup", err)
	sameAppGroup(t, srv, "CreateAppGroup", created)
	id := *created.Id
	if *created.Name != "interop_应用组-1" || *created.AppServerGroupId != appgrouptest.ServerGroupID || created.AppType.Value() != "COMMON_APP" {
		t.Errorf("CreateAppGroup answered %v", created)
	}

	// ShowAppGroupDetail, with the server group's description.
	shown, err := vc.ShowAppGroupDetail(&model.ShowAppGroupDetailRequest{AppGroupId: id})
	ok(t, "ShowAppGroupDetail", err)
	sameAppGroup(t, srv, "ShowAppGroupDetail", shown)
	if held, _ := srv.Group(id); shown.AppServerGroupDescription == nil || *shown.AppServerGroupDescription != held.AppServerGroupDescription {
		t.Errorf("ShowAppGroupDetail: app_server_group_description %v, the fake holds %q", shown.AppServerGroupDescription, held.AppServerGroupDescription)
	}

	// UpdateAppGroup (PATCH): only what is sent changes.
	updated, err := vc.UpdateAppGroup(&model.UpdateAppGroupRequest{AppGroupId: id, Body: &model.UpdateAppGroupReq{Description: ptr("changed")}})
	ok(t, "UpdateAppGroup", err)
	sameAppGroup(t, srv, "UpdateAppGroup", updated)
	if *updated.Description != "changed" || *updated.Name != "interop_应用组-1" {
		t.Errorf("UpdateAppGroup answered %v", updated)
	}

	// ListAppGroup, with every filter.
	other := srv.AddGroup(appgroup.CreateInput{Name: "interop_other", AppType: appgroup.AppTypeSessionDesktop}).ID
	all, err := vc.ListAppGroup(&model.ListAppGroupRequest{Limit: ptr[int32](100)})
	ok(t, "ListAppGroup", err)
	if *all.Count != 2 || len(*all.Items) != 2 {
		t.Fatalf("ListAppGroup: %v", all)
	}
	for _, g := range *all.Items {
		sameAppGroup(t, srv, "ListAppGroup", &g)
	}
	filtered := map[string]*model.ListAppGroupRequest{
		id:    {AppServerGroupId: ptr(appgrouptest.ServerGroupID), AuthorizationType: ptr("APP_GROUP"), AppType: ptr("COMMON_APP")},
		other: {Name: ptr("interop_other"), AppGroupId: ptr(other), Offset: ptr[int32](0), Limit: ptr[int32](1)},
	}
	for want, req := range filtered {
		page, err := vc.ListAppGroup(req)
		ok(t, "ListAppGroup", err)
		if *page.Count != 1 || *(*page.Items)[0].Id != want {
			t.Errorf("ListAppGroup %v: %v, want only %s", req, page, want)
		}
	}

	// CheckAppGroup: a free name, a taken one, a badly formed one.
	for name, want := range map[string]string{"interop_free": "", "interop_other": "duplicate", "not valid!": "naming"} {
		res, err := vc.CheckAppGroup(&model.CheckAppGroupRequest{Body: &model.CheckAppGroupReq{Name: name}})
		ok(t, "CheckAppGroup", err)
		rule := ""
		if res.ValidateRule != nil {
			rule = res.ValidateRule.Value()
		}
		if *res.Result != (want == "") || rule != want {
			t.Errorf("CheckAppGroup %q: result %v rule %q, want rule %q", name, *res.Result, rule, want)
		}
	}

	// DisassociateAppGroup unbinds the server group from its groups.
	dis, err := vc.DisassociateAppGroup(&model.DisassociateAppGroupRequest{ServerGroupId: appgrouptest.ServerGroupID})
	ok(t, "DisassociateAppGroup", err)
	if held, _ := srv.Group(id); dis.HttpStatusCode/100 != 2 || held.AppServerGroupID != "" {
		t.Errorf("DisassociateAppGroup: status %d, group still bound to %q", dis.HttpStatusCode, held.AppServerGroupID)
	}

	// DeleteAppGroup and BatchDeleteAppGroup.
	del, err := vc.DeleteAppGroup(&model.DeleteAppGroupRequest{AppGroupId: id})
	ok(t, "DeleteAppGroup", err)
	if _, held := srv.Group(id); del.HttpStatusCode/100 != 2 || held {
		t.Errorf("DeleteAppGroup: status %d, group still held: %v", del.HttpStatusCode, held)
	}
	batch, err := vc.BatchDeleteAppGroup(&model.BatchDeleteAppGroupRequest{Body: &model.DeleteAppGroupReq{Ids: []string{other, id}}})
	ok(t, "BatchDeleteAppGroup", err)
	if batch.HttpStatusCode/100 != 2 || srv.GroupCount() != 0 {
		t.Errorf("BatchDeleteAppGroup: status %d, %d groups left", batch.HttpStatusCode, srv.GroupCount())
	}
	_, err = vc.ShowAppGroupDetail(&model.ShowAppGroupDetailRequest{AppGroupId: id})
	wantHuaweiError(t, "ShowAppGroupDetail of a deleted group", err, http.StatusNotFound, appgrouptest.CodeNotFound)
}
