package appgroup

import (
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
	jf "github.com/apimgmt/apimgmt-go/internal/jsonfast"
)

// This file reads groups and pages of groups without reflection
// (internal/jsonfast). The readers follow only the members the generated
// models have, each once, with strings without escapes and integers in
// range; anything else makes them give up, and the response is decoded with
// encoding/json as before, so what it decodes to never depends on the path
// (TestFastDecode, FuzzFastDecode).

// readGroupText decodes the group answered by Create and Update, or reports
// false.
func readGroupText(data []byte) (*gen.AppGroup, bool) { return jf.Decode(data, readGroup) }

// readDetailText decodes the group answered by Get, or reports false.
func readDetailText(data []byte) (*gen.AppGroupDetail, bool) { return jf.Decode(data, readDetail) }

// readGroupListText decodes a page of List, each group from a copy of its
// own text (a group kept from a page does not keep the page in memory), or
// reports false.
func readGroupListText(page []byte) (*gen.AppGroupList, bool) { return jf.Decode(page, readGroupList) }

func readGroupList(r *jf.Reader, l *gen.AppGroupList) { jf.ReadObject(r, l, listMembers) }

var listMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.AppGroupList){
	"count": func(r *jf.Reader, l *gen.AppGroupList) { l.Count = int32(r.Int(32)) },
	"items": func(r *jf.Reader, l *gen.AppGroupList) { l.Items = jf.ReadCopies(r, readGroup) },
})

func readDetail(r *jf.Reader, d *gen.AppGroupDetail) { jf.ReadObject(r, d, detailMembers) }

func readGroup(r *jf.Reader, g *gen.AppGroup) { jf.ReadObject(r, g, groupMembers) }

// A group has the members of a detail but the server group's description.
// (Reading a detail and copying it into a group would cost an allocation
// per group: the detail escapes through ReadObject's function values.)
var groupMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.AppGroup){
	"app_count":             func(r *jf.Reader, g *gen.AppGroup) { g.AppCount = int32(r.Int(32)) },
	"app_server_group_id":   func(r *jf.Reader, g *gen.AppGroup) { g.AppServerGroupID = r.Text() },
	"app_server_group_name": func(r *jf.Reader, g *gen.AppGroup) { g.AppServerGroupName = r.Text() },
	"app_type":              func(r *jf.Reader, g *gen.AppGroup) { g.AppType = gen.AppType(r.Text()) },
	"authorization_type":    func(r *jf.Reader, g *gen.AppGroup) { g.AuthorizationType = gen.AuthorizationType(r.Text()) },
	"create_at":             func(r *jf.Reader, g *gen.AppGroup) { g.CreateAt = r.Text() },
	"description":           func(r *jf.Reader, g *gen.AppGroup) { g.Description = r.Text() },
	"id":                    func(r *jf.Reader, g *gen.AppGroup) { g.ID = r.Text() },
	"name":                  func(r *jf.Reader, g *gen.AppGroup) { g.Name = r.Text() },
	"tenant_id":             func(r *jf.Reader, g *gen.AppGroup) { g.TenantID = r.Text() },
})

var detailMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.AppGroupDetail){
	"app_count": func(r *jf.Reader, d *gen.AppGroupDetail) { d.AppCount = int32(r.Int(32)) },
	"app_server_group_description": func(r *jf.Reader, d *gen.AppGroupDetail) {
		d.AppServerGroupDescription = r.Text()
	},
	"app_server_group_id":   func(r *jf.Reader, d *gen.AppGroupDetail) { d.AppServerGroupID = r.Text() },
	"app_server_group_name": func(r *jf.Reader, d *gen.AppGroupDetail) { d.AppServerGroupName = r.Text() },
	"app_type":              func(r *jf.Reader, d *gen.AppGroupDetail) { d.AppType = gen.AppType(r.Text()) },
	"authorization_type": func(r *jf.Reader, d *gen.AppGroupDetail) {
		d.AuthorizationType = gen.AuthorizationType(r.Text())
	},
	"create_at":   func(r *jf.Reader, d *gen.AppGroupDetail) { d.CreateAt = r.Text() },
	"description": func(r *jf.Reader, d *gen.AppGroupDetail) { d.Description = r.Text() },
	"id":          func(r *jf.Reader, d *gen.AppGroupDetail) { d.ID = r.Text() },
	"name":        func(r *jf.Reader, d *gen.AppGroupDetail) { d.Name = r.Text() },
	"tenant_id":   func(r *jf.Reader, d *gen.AppGroupDetail) { d.TenantID = r.Text() },
})
