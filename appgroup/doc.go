// Package appgroup manages the application groups of Huawei Cloud Workspace
// Application Streaming (the "WorkspaceApp" service): create, get (by ID or
// by name), list, update, read-modify-write (Modify), create-or-update
// (Ensure), delete, batch delete, the name check and unbinding a server
// group from its application groups, over the service's v1 API
// (/v1/{project_id}/app-groups).
//
// An application group gathers applications installed on an application
// server group so they can be managed and published to users or user groups
// as a unit.
//
// A Client is bound to one project. It finds its endpoint from the region
// (the service uses appstream.{region}.myhuaweicloud.com in cn-north-4,
// cn-north-9, cn-southwest-2, cn-east-3 and cn-south-1, and
// workspace.{region}.myhuaweicloud.com elsewhere; WithEndpoint overrides
// either), signs every request with AK/SK credentials (SDK-HMAC-SHA256) or
// sends an IAM token, retries what is safe to retry, never follows
// redirects, and returns typed errors:
//
//	client, err := appgroup.NewClient(
//		appgroup.WithRegion("cn-north-4"),
//		appgroup.WithEnvCredentials(), // HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID
//	)
//	if err != nil {
//		return err
//	}
//	group, err := client.Update(ctx, "575772274859184145", appgroup.UpdateInput{
//		Name:        apimgmt.Ptr("finance_apps"),
//		Description: apimgmt.Ptr(""), // clear it; a nil field is left alone
//	})
//	switch {
//	case errors.Is(err, appgroup.ErrNotFound):
//		// no such group
//	case err != nil:
//		var e *appgroup.Error
//		if errors.As(err, &e) {
//			log.Printf("Workspace said %s: %s (request %s)", e.Code, e.Message, e.RequestID)
//		}
//		return err
//	}
//
// Update is a PATCH: UpdateInput's fields are pointers, and only the fields
// that are set are sent. A server group can be bound to an application group
// only while none is bound (see UpdateInput.AppServerGroupID).
//
// List returns an iterator that fetches pages as the loop needs them.
// BatchDelete takes any number of IDs, sends them 20 at a time, and on a
// failure reports which IDs were deleted and which were not
// (BatchDeleteResult, BatchDeleteError).
//
// Input is validated against the documented constraints before anything is
// sent; a violation is a *ValidationError naming every bad field.
//
// Package appgrouptest provides an in-memory fake of the API for tests.
//
// This package follows the conventions of every apimgmt-go package, written
// down once in the root package [github.com/apimgmt/apimgmt-go]: the
// constructor's positional scope, the option names, the operations' shape
// (a context first, a trailing ...apimgmt.CallOption), the Page type, and
// the shared Error, ValidationError, sentinels and RetryPolicy, of which
// this package's names are aliases.
package appgroup
