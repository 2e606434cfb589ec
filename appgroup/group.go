package appgroup

import (
	"time"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
)

// Group is an application group: applications installed on an application
// server group, gathered for central management and published to users or
// user groups as a unit.
type Group struct {
	// ID is the application group ID.
	ID string `json:"id"`
	// Name is the application group name.
	Name string `json:"name"`
	// AppServerGroupID is the ID of the application server group bound to
	// the group, or empty when none is bound.
	AppServerGroupID string `json:"app_server_group_id,omitempty"`
	// AppServerGroupName is the name of the bound application server group.
	AppServerGroupName string `json:"app_server_group_name,omitempty"`
	// AppServerGroupDescription is the description of the bound application
	// server group. Only Get returns it.
	AppServerGroupDescription string `json:"app_server_group_description,omitempty"`
	// Description is the application group description.
	Description string `json:"description,omitempty"`
	// AuthorizationType says whether users are authorized per application
	// group (AuthorizationAppGroup, the default) or per application
	// (AuthorizationApp, not supported yet).
	AuthorizationType AuthorizationType `json:"authorization_type,omitempty"`
	// TenantID is the tenant (project) the group belongs to.
	TenantID string `json:"tenant_id,omitempty"`
	// AppType is the application type of the server group behind the group.
	AppType AppType `json:"app_type,omitempty"`
	// CreatedAt is when the group was created (the vendor's "publish time",
	// wire name create_at); zero if absent or unparseable.
	CreatedAt time.Time `json:"create_at,omitzero"`
	// AppCount is the number of applications in the group (0 when the
	// response leaves it out, as Update's does).
	AppCount int32 `json:"app_count,omitempty"`
}

// Enumerations of the API.
type (
	// AuthorizationType says how users are granted access to a group's
	// applications.
	AuthorizationType string
	// AppType is the application type of the server group behind an
	// application group.
	AppType string
	// Rule is a rule that CheckName checks a name against.
	Rule string
)

// The documented values of AuthorizationType, AppType and Rule.
const (
	// AuthorizationApp authorizes users per application (not supported yet
	// by the service).
	AuthorizationApp AuthorizationType = "APP"
	// AuthorizationAppGroup authorizes users per application group (the
	// default when creating).
	AuthorizationAppGroup AuthorizationType = "APP_GROUP"

	// AppTypeSessionDesktop is a session desktop application.
	AppTypeSessionDesktop AppType = "SESSION_DESKTOP_APP"
	// AppTypeCommon is a common application.
	AppTypeCommon AppType = "COMMON_APP"

	// RuleNaming is the naming rule: allowed characters and length.
	RuleNaming Rule = "naming"
	// RuleDuplicate is uniqueness of the name within the project.
	RuleDuplicate Rule = "duplicate"
)

// NameCheck is the result of CheckName.
type NameCheck struct {
	// Passed is the service's check result: true when the name passes the
	// checks. The vendor documents the field only as "check result"; that
	// true means "passed" follows from its description of validate_rule.
	Passed bool `json:"result"`
	// Rule names the rule the name breaks, when the check failed; it may be
	// empty otherwise.
	Rule Rule `json:"validate_rule,omitempty"`
}

func groupFromGen(g *gen.AppGroup) *Group {
	return &Group{
		ID: g.ID, Name: g.Name, Description: g.Description,
		AppServerGroupID: g.AppServerGroupID, AppServerGroupName: g.AppServerGroupName,
		AuthorizationType: AuthorizationType(g.AuthorizationType), AppType: AppType(g.AppType),
		TenantID: g.TenantID, CreatedAt: convert.Time(g.CreateAt), AppCount: g.AppCount,
	}
}

func groupFromDetail(d *gen.AppGroupDetail) *Group {
	g := groupFromGen(&gen.AppGroup{
		ID: d.ID, Name: d.Name, AppServerGroupID: d.AppServerGroupID, AppServerGroupName: d.AppServerGroupName,
		Description: d.Description, AuthorizationType: d.AuthorizationType, TenantID: d.TenantID,
		AppType: d.AppType, CreateAt: d.CreateAt, AppCount: d.AppCount,
	})
	g.AppServerGroupDescription = d.AppServerGroupDescription
	return g
}
