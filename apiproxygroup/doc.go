// Package apiproxygroup manages the API Proxy Groups of an Apinizer project
// over Apinizer's Management API ("apiops"): create, get, list, update
// (optionally deploying in the same call), read-modify-write (Modify),
// create-or-update (Ensure) and delete groups, deploy and
// undeploy them, list the environments they are deployed to, add and remove
// member API proxies, and read and prune their deploy history.
//
// A Client is bound to one project. Its base URL is the Apinizer Manager URL
// (the client adds /apiops). It authenticates with a Personal API Access
// Token, or with a username and password that it exchanges for a token,
// caches, refreshes before expiry and replaces after a 401. It retries what is
// safe to retry, never follows redirects, and returns typed errors:
//
//	client, err := apiproxygroup.NewClient("MyProject",
//		apiproxygroup.WithEndpoint("https://demo.apinizer.com"),
//		apiproxygroup.WithToken(os.Getenv("APINIZER_TOKEN")),
//	)
//	if err != nil {
//		return err
//	}
//	// Update replaces the whole group: every field is sent, an empty one as
//	// "" or []. To change some fields and keep the rest, Update the Input()
//	// of a group read with Get, or use Modify.
//	res, err := client.Update(ctx, apiproxygroup.GroupInput{
//		Name:        "PaymentAPIGroup",
//		Description: "Updated Payment API Group",
//		ClientRoute: apiproxygroup.ClientRoute{
//			RelativePaths:  []string{"/api/v2/payment"},
//			Methods:        []apiproxygroup.Method{"GET", "POST", "PUT", "DELETE"},
//			BufferRequest:  apimgmt.Ptr(true),
//			BufferResponse: apimgmt.Ptr(true),
//		},
//		EnvironmentName: "production", // deploy after saving
//	})
//	var depErr *apiproxygroup.DeploymentError
//	switch {
//	case errors.As(err, &depErr):
//		// Saved, but some pods failed: res.Deployment has the whole outcome.
//		for _, f := range depErr.Failures {
//			log.Printf("%s/%s: %s", f.EnvName, f.PodName, f.Detail)
//		}
//	case errors.Is(err, apiproxygroup.ErrNotFound):
//		// no such group or environment (or no permission for it)
//	case err != nil:
//		return err
//	}
//
// Apinizer documents two response envelopes, {"success": true, ...} and
// {"status": "SUCCESS" | "FAILURE", "resultMessage", ...}; both are decoded,
// and a FAILURE is an error even with HTTP 200. The API reports unknown
// resources and missing permissions as HTTP 400 with a free-text message;
// the documented messages are matched to ErrNotFound, ErrForbidden and
// ErrConflict, and the message is kept in Error.Message. Apinizer's
// "is not found or user does not have privilege" matches both ErrNotFound
// and ErrForbidden, since the server cannot tell them apart.
//
// Input is validated before anything is sent; a violation is a
// *ValidationError naming every bad field.
//
// Package apiproxygrouptest provides a stateful in-memory fake of the API for
// tests.
//
// This package follows the conventions of every apimgmt-go package, written
// down once in the root package [github.com/apimgmt/apimgmt-go]: the
// constructor's positional scope, the option names, the operations' shape
// (a context first, a trailing ...apimgmt.CallOption), the Page type, and
// the shared Error, ValidationError, sentinels and RetryPolicy, of which
// this package's names are aliases.
package apiproxygroup
