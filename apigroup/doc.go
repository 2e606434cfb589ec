// Package apigroup manages the API groups of a Huawei Cloud API Gateway
// (APIG) dedicated instance: create, get (by ID or by name), list, update
// (name and remark), read-modify-write (Modify), create-or-update (Ensure),
// delete, and check whether a name is taken, over APIG's v2 API.
//
// A Client is bound to one gateway instance. It signs every request with
// AK/SK credentials (SDK-HMAC-SHA256) or sends an IAM token, retries what is
// safe to retry, never follows redirects, and returns typed errors:
//
//	client, err := apigroup.NewClient("eddc4d25480b4cd6b512f270a1b8b341",
//		apigroup.WithRegion("cn-north-4"),
//		apigroup.WithEnvCredentials(), // HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID
//	)
//	if err != nil {
//		return err
//	}
//	group, err := client.Update(ctx, groupID, apigroup.UpdateInput{
//		Name:   "api_group_001",
//		Remark: apimgmt.Ptr("API group 1"),
//	})
//	switch {
//	case errors.Is(err, apigroup.ErrNotFound):
//		// no such group
//	case err != nil:
//		var e *apigroup.Error
//		if errors.As(err, &e) {
//			log.Printf("APIG said %s: %s (request %s)", e.Code, e.Message, e.RequestID)
//		}
//		return err
//	}
//
// Input is validated against the documented constraints before anything is
// sent; a violation is a *ValidationError naming every bad field.
//
// Package apigrouptest provides an in-memory fake of the API for tests.
//
// This package follows the conventions of every apimgmt-go package, written
// down once in the root package [github.com/apimgmt/apimgmt-go]: the
// constructor's positional scope, the option names, the operations' shape
// (a context first, a trailing ...apimgmt.CallOption), the Page type, and
// the shared Error, ValidationError, sentinels and RetryPolicy, of which
// this package's names are aliases.
package apigroup
