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

func readGroupList(r *jf.Reader, l *gen.AppGroupList) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "count":
			r.Once(&seen, 0)
			l.Count = int32(r.Int(32))
		case "items":
			r.Once(&seen, 1)
			l.Items = jf.ReadCopies(r, readGroup)
		default:
			r.Fail()
		}
	}
}

func readDetail(r *jf.Reader, d *gen.AppGroupDetail) { readMembers(r, d, true) }

// readGroup reads a group, which has the members of a detail but the
// server group's description.
func readGroup(r *jf.Reader, g *gen.AppGroup) {
	var d gen.AppGroupDetail
	readMembers(r, &d, false)
	*g = gen.AppGroup{
		AppCount:           d.AppCount,
		AppServerGroupID:   d.AppServerGroupID,
		AppServerGroupName: d.AppServerGroupName,
		AppType:            d.AppType,
		AuthorizationType:  d.AuthorizationType,
		CreateAt:           d.CreateAt,
		Description:        d.Description,
		ID:                 d.ID,
		Name:               d.Name,
		TenantID:           d.TenantID,
	}
}

// readMembers reads a group into d; with detail false, the server group's
// description is not one of its members.
func readMembers(r *jf.Reader, d *gen.AppGroupDetail, detail bool) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "app_count":
			r.Once(&seen, 0)
			d.AppCount = int32(r.Int(32))
		case "app_server_group_description":
			r.Once(&seen, 1)
			if !detail {
				r.Fail()
			}
			d.AppServerGroupDescription = r.Text()
		case "app_server_group_id":
			r.Once(&seen, 2)
			d.AppServerGroupID = r.Text()
		case "app_server_group_name":
			r.Once(&seen, 3)
			d.AppServerGroupName = r.Text()
		case "app_type":
			r.Once(&seen, 4)
			d.AppType = gen.AppType(r.Text())
		case "authorization_type":
			r.Once(&seen, 5)
			d.AuthorizationType = gen.AuthorizationType(r.Text())
		case "create_at":
			r.Once(&seen, 6)
			d.CreateAt = r.Text()
		case "description":
			r.Once(&seen, 7)
			d.Description = r.Text()
		case "id":
			r.Once(&seen, 8)
			d.ID = r.Text()
		case "name":
			r.Once(&seen, 9)
			d.Name = r.Text()
		case "tenant_id":
			r.Once(&seen, 10)
			d.TenantID = r.Text()
		default:
			r.Fail()
		}
	}
}
