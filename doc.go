// Package apimgmt is the landing page of apimgmt-go, a Go SDK for the
// management APIs of API gateways, and holds the vocabulary every service
// package shares: the error type and its sentinels, the retry policy, the
// page type, per-call options and hooks, the Outcome of Ensure, the fakes'
// Fault, and Ptr.
//
// # Services
//
// Import one package per vendor resource:
//
//   - [github.com/apimgmt/apimgmt-go/apigroup]: Huawei Cloud APIG API groups
//   - [github.com/apimgmt/apimgmt-go/appgroup]: Huawei Cloud Workspace application groups
//   - [github.com/apimgmt/apimgmt-go/apiproxygroup]: Apinizer API proxy groups
//   - [github.com/apimgmt/apimgmt-go/apiproduct]: Google Apigee API products
//
// # One shape in every package
//
// Constructor. NewClient(scope..., opts...) takes, positionally and in the
// order of the vendor's URL paths, the scope inside the account that the
// paths put above the resource, and nothing else:
//
//	apigroup.NewClient(instanceID, opts...)      // /v2/{project_id}/apigw/instances/{instance_id}/api-groups
//	appgroup.NewClient(opts...)                  // /v1/{project_id}/app-groups
//	apiproxygroup.NewClient(projectName, opts...) // /apiops/projects/{projectName}/apiProxyGroups
//	apiproduct.NewClient(organization, opts...)  // /v1/organizations/{organization}/apiproducts
//
// The account scope that travels with Huawei credentials (the project ID)
// is not positional: it is the option WithProjectID, or comes from the
// environment with WithEnvCredentials, like the rest of the credentials.
// The client's accessor for its positional scope is named after the path
// parameter (InstanceID, ProjectName, Organization), the Huawei clients'
// ProjectID returns the project, and BaseURL returns the base URL every
// package's client sends to.
//
// Options. The same name means the same thing in every package:
// WithEndpoint, WithHTTPClient, WithRetry, WithLogger, WithUserAgent,
// WithMaxResponseBytes, WithInsecureHTTP, WithHooks, WithRateLimit,
// WithRateLimiter and WithWireLog everywhere; credentials are
// WithToken (a static token, in the header each vendor uses: Huawei's
// X-Auth-Token, a bearer token for Apinizer and Google), WithTokenFunc
// (Huawei: a function asked for the token before every attempt) or
// WithTokenSource (Apinizer and Google: an oauth2.TokenSource), and
// WithEnvCredentials (each vendor's own environment variables; see each
// package). Where a vendor has the notion, WithRegion (Huawei) and
// WithProjectID (Huawei) name it the same way; a package has no option for
// a notion its vendor lacks.
//
// Operations. Every operation takes a context first, then what identifies
// the resource (unless the value it takes carries it), then the value, and
// a trailing opts ...CallOption last (a slot for per-call settings, so
// adding one never changes a signature):
//
//	Create(ctx, in, opts...) (*T, error)
//	Get(ctx, id, opts...) (*T, error)
//	List(ctx, listOpts, opts...) iter.Seq2[*T, error]
//	ListPage(ctx, listOpts, opts...) (*Page, error)
//	Update(ctx, id, in, opts...) (*T, error)   // APIG, Workspace: the ID is the server's
//	Update(ctx, value, opts...)                // Apinizer, Apigee: the name is in the value
//	Modify(ctx, id, change, opts...) (*T, bool, error)
//	Ensure(ctx, desired, opts...) (*T, Outcome, error)
//	Delete(ctx, id, opts...) error
//	GetByName(ctx, name, opts...) (*T, error)  // APIG, Workspace: found by an exact name
//
// The id is the vendor's: a server-assigned ID for APIG and Workspace
// groups, the name for Apinizer groups and Apigee products (whose names
// are their identity, so the value sent to Update carries it and a
// separate argument could only disagree with it). Apinizer's Create and
// Update return a Result, which holds the saved group and the outcome of
// the deployment they can start.
//
// List pages for the caller and stops with an error on a server that does
// not advance; ListPage returns one page, a Page[*T] (each package has the
// alias Page): APIG and Workspace page by offset (Total and Offset), Apigee
// by page token (NextPageToken, which goes back in ListOptions.PageToken),
// and Apinizer does not page (one page holds everything). listOpts may be
// nil. ListOptions.PageSize is an int in every package, offsets are int64,
// and DefaultPageSize and MaxPageSize are the vendor's page bounds in the
// packages that page.
//
// Update keeps the vendor's semantics, which each Update's doc states: APIG
// sets the name and remark (PUT of those two fields), Workspace patches the
// fields the input sets (PATCH), and Apinizer and Apigee replace the whole
// resource (PUT). Vendor verbs keep their vendor's meaning and are named
// alike where they mean alike (CheckName in apigroup and appgroup, both
// returning a NameCheck; Deploy and Undeploy in apiproxygroup; BatchDelete
// in appgroup; Move and the attribute calls in apiproduct).
//
// Modify reads the resource, calls change on it, and writes it back only
// when change changed something (the bool reports whether it wrote); the
// members of the resource this SDK does not model survive it at any depth.
// Ensure is create-or-update by name: it creates the resource when it is
// missing, otherwise changes the fields it manages (each package's Ensure
// says which) only when they differ, and reports an Outcome (Created,
// Updated with the changed fields, or Unchanged). Its create is sent once;
// after a failure that may have stored the resource, or a name conflict,
// it looks the resource up before it reports, so it never makes a
// duplicate.
//
// # Per-call options and hooks
//
// The trailing CallOptions change one call: WithHeader (an extra header),
// WithCallRetry, WithCallTimeout, WithCaptureResponse (status, redacted
// headers and request ID, of a success too) and WithCallHooks. Hooks
// observe every call and every attempt with the operation's name (such as
// "apigroup.Update") and redacted copies of the request and response; give
// them to a client with WithHooks. See the examples/otel module for
// OpenTelemetry built on them.
//
// # Credentials
//
// Credentials are attached by the request pipeline per attempt (a Huawei
// signature covers the time, so it is recomputed; a refreshed token is
// fetched again), and never over plain http to a host that is not a
// loopback address unless WithInsecureHTTP says so (ErrInsecureTransport).
// Huawei: WithAKSK (with WithSecurityToken for temporary keys), WithToken,
// WithTokenFunc, WithIAMPassword (an IAM token fetched by user name and
// password), WithCredentialsProvider (keys from a provider of your own), or
// WithEnvCredentials (HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID,
// _SECURITY_TOKEN); with none of them, the vendor tools' chain: the
// environment, the profile file (~/.huaweicloud/credentials), then the
// ECS/CCE metadata service's temporary keys, renewed before they expire.
// Apinizer: WithToken (a Personal API Access Token), WithPassword,
// WithTokenSource, or WithEnvCredentials (APINIZER_TOKEN, or
// APINIZER_USERNAME and APINIZER_PASSWORD). Google: WithToken,
// WithTokenSource, WithEnvCredentials (the service account file named by
// GOOGLE_APPLICATION_CREDENTIALS) or WithDefaultCredentials (the whole
// Application Default Credentials chain). Refreshable credentials fetch a
// new token after a 401 and send the call once more; a token fetch never
// holds a call past its context. Clients have Close; without an HTTP option
// they share one tuned transport.
//
// # Errors
//
// A call that reached the network and failed returns an *Error (reach it
// with errors.As); it matches one or more sentinels (ErrNotFound,
// ErrConflict, ErrThrottled, ...) with errors.Is. Input rejected before
// anything is sent is a *ValidationError naming every bad field; it
// matches ErrValidation. Every package's Error, ValidationError, sentinels
// and RetryPolicy are aliases of the ones here, so a check written against
// one package works for all. No error text ever shows a credential, a
// header value or a query string.
//
// # Fakes
//
// Each service package has an in-memory fake of its vendor API for your
// own tests (apigroup/apigrouptest, appgroup/appgrouptest,
// apiproxygroup/apiproxygrouptest, apiproduct/apiproducttest): a stateful
// loopback httptest server that speaks the vendor's wire format and checks
// credentials. The four have one API: NewServer, ClientOptions, NewClient,
// AddGroup (AddProduct in apiproducttest), SetClock, SetLatency, Requests,
// and FailNext with a Fault, defined here, whose Op aims it at one
// operation ("Create", ...) and whose Commit makes the fake carry the
// request out before it fails (a write that took effect although the
// client saw an error).
package apimgmt
