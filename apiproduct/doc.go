// Package apiproduct manages the API products of a Google Apigee
// organization over the Apigee API v1 (organizations.apiproducts): create,
// get, list, update (a PUT of the whole product), a read-modify-write Modify,
// create-or-update (Ensure), delete and move, and the product's custom
// attributes (replace all, list, get, update one, delete one).
//
// A Client is bound to one organization. It sends an OAuth 2.0 access token
// with the cloud-platform scope (from any oauth2.TokenSource, a fixed token,
// or Application Default Credentials), retries what is safe to retry
// (honouring Google's RetryInfo), never follows redirects, and returns typed
// errors:
//
//	client, err := apiproduct.NewClient("my-org", apiproduct.WithDefaultCredentials())
//	if err != nil {
//		return err
//	}
//	// Update replaces the whole product, so change it by read-modify-write.
//	p, changed, err := client.Modify(ctx, "weather-premium", func(p *apiproduct.Product) error {
//		p.DisplayName = "Weather Premium"
//		p.Environments = []string{"test", "prod"}
//		return nil
//	})
//	switch {
//	case errors.Is(err, apiproduct.ErrNotFound):
//		// no such product
//	case err != nil:
//		var e *apiproduct.Error
//		if errors.As(err, &e) {
//			log.Printf("Apigee said %s %s: %s (request %s)", e.Status, e.Code, e.Message, e.RequestID)
//		}
//		return err
//	}
//
// Product names are internal names (not display names); their documented
// character set includes space, $ and %, and they are escaped in the request
// path. Input is validated against the documented constraints before
// anything is sent; a violation is a *ValidationError naming every bad
// field.
//
// Errors decode Google's error body: Error.Status is the canonical status
// (NOT_FOUND, FAILED_PRECONDITION, ...) as the server sent it, Error.Code the
// ErrorInfo reason, Error.RequestID the RequestInfo request ID and
// Error.RetryAfter the RetryInfo delay; Google's HTML error pages become an
// *Error too.
//
// Package apiproducttest provides an in-memory fake of the API for tests.
//
// This package follows the conventions of every apimgmt-go package, written
// down once in the root package [github.com/apimgmt/apimgmt-go]: the
// constructor's positional scope, the option names, the operations' shape
// (a context first, a trailing ...apimgmt.CallOption), the Page type, and
// the shared Error, ValidationError, sentinels and RetryPolicy, of which
// this package's names are aliases.
package apiproduct
