// Command genoptions writes options.gen.go into a service package: the type
// aliases (Option, Error, RetryPolicy, ...), the sentinel errors and the
// functional options that every apimgmt-go service shares, each forwarding to
// internal/clientopt or internal/apierror. Generating them keeps the names
// and doc comments identical in every package without copying code by hand.
//
// Usage (from go:generate in the repository root):
//
//	go -C internal/tools run ./cmd/genoptions -pkg apigroup -sets huawei
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

type option struct {
	Doc, Name, Params, Call string
}

var common = []option{
	{"sets the service's base URL explicitly, overriding any region. Use it for a private endpoint, a proxy, or a fake server in tests. NewClient refuses a URL that is not absolute http(s), or that carries user info, a query or a fragment (even an empty \"?\" or \"#\").", "WithEndpoint", "endpoint string", "clientopt.WithEndpoint(endpoint)"},
	{"sets the HTTP client that sends requests. The client is copied and the copy never follows redirects; its timeouts and transport are kept. Without this option the Client uses a client with connect, TLS, response-header and per-attempt timeouts and a connection pool sized for concurrent use.", "WithHTTPClient", "c *http.Client", "clientopt.WithHTTPClient(c)"},
	{"sets the retry policy. RetryPolicy{MaxAttempts: 1} switches retries off; zero fields take the defaults.", "WithRetry", "p RetryPolicy", "clientopt.WithRetry(p)"},
	{"sends one debug record per attempt (operation, method, path, status, attempt, duration, request ID) and one info record per retry to l. Credentials, header values, query strings and bodies are never logged in these records (WithWireLog adds redacted ones).", "WithLogger", "l *slog.Logger", "clientopt.WithLogger(l)"},
	{"appends ua to the User-Agent header, after \"apimgmt-go/<version>\".", "WithUserAgent", "ua string", "clientopt.WithUserAgent(ua)"},
	{"bounds the size of a response body (default 16 MiB). A larger response fails with ErrResponseTooLarge.", "WithMaxResponseBytes", "n int64", "clientopt.WithMaxResponseBytes(n)"},
	{"allows credentials to be sent over plain http:// to hosts that are not loopback addresses. Without it such a call fails with ErrInsecureTransport before anything is sent.", "WithInsecureHTTP", "", "clientopt.WithInsecureHTTP()"},
	{"adds hooks that observe every call and every attempt of the Client, with the operation's name and redacted copies of requests and responses (see apimgmt.Hooks). Hooks given to one call (apimgmt.WithCallHooks) run after them. Hooks cannot change what is sent.", "WithHooks", "h apimgmt.Hooks", "clientopt.WithCallHooks(h)"},
	{"limits the Client to r attempts a second, with bursts of up to burst (golang.org/x/time/rate). Every attempt, retries included, waits for the limiter under the call's context before credentials are applied; a wait the context's deadline cannot cover fails at once with ErrTimeout, and a cancelled context stops the wait at once.", "WithRateLimit", "r rate.Limit, burst int", "clientopt.WithRateLimit(r, burst)"},
	{"is WithRateLimit with a limiter of the caller's, which several clients may share to stay under one quota together.", "WithRateLimiter", "l *rate.Limiter", "clientopt.WithRateLimiter(l)"},
	{"logs every request and response at debug level through the Client's logger (WithLogger; slog.Default() without it): request and status lines, headers, and bodies cut to maxBodyBytes (0 means 4 KiB). Every credential is redacted: credential and cookie headers, secret query values, the secret fields of forms and JSON bodies (passwords, client secrets, tokens) and any value the request's credentials hold. Bodies that are neither JSON, forms nor text are shown by their size only. Meant for debugging; it costs an allocation-heavy copy of every request and response.", "WithWireLog", "maxBodyBytes int", "clientopt.WithWireLog(maxBodyBytes)"},
	// --- issue 15: TLS and transport ---
	{"gives the Client a connection pool of its own with the SDK's settings (connect, TLS and response-header timeouts, HTTP/2, proxies from HTTPS_PROXY, HTTP_PROXY and NO_PROXY) and conf (cloned) as its TLS configuration: custom root CAs (RootCAs), client certificates (Certificates), a higher MinVersion. TLS 1.2 stays the minimum. Close closes the pool's idle connections. It cannot be combined with WithHTTPClient or WithTransport.", "WithTLSConfig", "conf *tls.Config", "clientopt.WithTLSConfig(conf)"},
	{"sends requests through rt (an instrumented or proxying round tripper) under the SDK's per-attempt timeout and redirect policy (redirects are never followed). rt belongs to the caller: Close does not close its connections. It cannot be combined with WithHTTPClient or WithTLSConfig.", "WithTransport", "rt http.RoundTripper", "clientopt.WithTransport(rt)"},
	// --- end issue 15 ---
}

var huawei = []option{
	{"sets the Huawei Cloud region (for example \"cn-north-4\"), from which the Client derives its endpoint. Any region ID is accepted; there is no table to go stale. WithEndpoint overrides it.", "WithRegion", "region string", "clientopt.WithRegion(region)"},
	{"signs every request with an access key and secret key (SDK-HMAC-SHA256). The signature is recomputed for every attempt.", "WithAKSK", "accessKey, secretKey string", "clientopt.WithAKSK(accessKey, secretKey)"},
	{"sets the project ID, used in request paths and sent as X-Project-Id.", "WithProjectID", "projectID string", "clientopt.WithProjectID(projectID)"},
	{"sets the security token of temporary AK/SK credentials, sent as X-Security-Token and signed.", "WithSecurityToken", "token string", "clientopt.WithSecurityToken(token)"},
	{"authenticates with a fixed IAM token in the X-Auth-Token header, instead of AK/SK signing. The token is not refreshed.", "WithToken", "token string", "clientopt.WithToken(token)"},
	{"authenticates with an IAM token from fn, called before every attempt, so it can cache and refresh the token.", "WithTokenFunc", "fn func(ctx context.Context) (string, error)", "clientopt.WithTokenFunc(fn)"},
	{"reads AK/SK credentials from the environment variables HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID and HUAWEICLOUD_SDK_SECURITY_TOKEN, as the vendor's own tools do. AK and SK must be set.", "WithEnvCredentials", "", "clientopt.WithEnvCredentials()"},
	// --- issue 15: credentials providers and IAM password ---
	{"signs requests with keys from p (a vault, a rotation job). p.Retrieve is called on the first call, again in the background shortly before the keys' Expires (callers keep the old keys meanwhile), and after a 401; calls that need keys at the same time share one Retrieve, and a call whose context ends stops waiting for it.", "WithCredentialsProvider", "p CredentialsProvider", "clientopt.WithCredentialsProvider(p)"},
	{"authenticates with IAM user tokens obtained by password (POST /v3/auth/tokens on the IAM endpoint, scoped to the client's project), sent as X-Auth-Token. The token is cached until 5 minutes before its expires_at and fetched again after a 401. The password appears in no error, log or formatted value. The IAM endpoint is WithIAMEndpoint, else HUAWEICLOUD_SDK_IAM_ENDPOINT, else https://iam.{region}.myhuaweicloud.com.", "WithIAMPassword", "user, password, domain string", "clientopt.WithIAMPassword(user, password, domain)"},
	{"sets the IAM endpoint that WithIAMPassword sends to (for example https://iam.cn-north-4.myhuaweicloud.com, or a private endpoint).", "WithIAMEndpoint", "endpoint string", "clientopt.WithIAMEndpoint(endpoint)"},
	// --- end issue 15 ---
}

type sentinel struct{ Name, Doc string }

var sentinels = []sentinel{
	{"ErrNotFound", "the resource does not exist."},
	{"ErrUnauthorized", "the credentials were missing, invalid or expired."},
	{"ErrForbidden", "the credentials lack permission."},
	{"ErrConflict", "the request conflicts with the resource's state."},
	{"ErrPreconditionFailed", "a precondition of the request does not hold."},
	{"ErrThrottled", "the server is limiting the request rate."},
	{"ErrInvalidRequest", "the server rejected the request as malformed."},
	{"ErrServerError", "the server failed."},
	{"ErrTimeout", "the request timed out."},
	{"ErrRedirect", "the server redirected; redirects are never followed."},
	{"ErrNetwork", "the request failed in the network."},
	{"ErrResponseTooLarge", "the response body exceeded the client's limit."},
	{"ErrMalformedResponse", "a success response could not be decoded."},
	{"ErrInsecureTransport", "credentials would have gone over plain http to a non-loopback host."},
	{"ErrValidation", "the input was rejected before anything was sent (a *ValidationError)."},
}

// deployment is the sentinel only a package that deploys exports.
var deployment = sentinel{"ErrDeployment", "a change was saved but deploying it failed."}

const tmpl = `// Code generated by internal/tools/cmd/genoptions; DO NOT EDIT.

package {{.Pkg}}

import (
{{- if .Huawei}}
	"context"
{{- end}}
	"crypto/tls"
	"log/slog"
	"net/http"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"golang.org/x/time/rate"
)

// Option configures a Client. Options have the same names and meanings in
// every apimgmt-go package.
type Option = clientopt.Option

// RetryPolicy says how a Client retries (see apimgmt.RetryPolicy).
type RetryPolicy = apimgmt.RetryPolicy

// Error is the error returned for a call that reached the network and
// failed (see apimgmt.Error). It is the same type in every apimgmt-go
// package, so errors.As(err, &e) with e of type *Error works for any of
// them.
type Error = apimgmt.Error

// Detail is one entry of Google's error details (see apimgmt.Detail).
type Detail = apimgmt.Detail

// ValidationError reports input rejected before anything was sent, naming
// every bad field (see apimgmt.ValidationError). It matches ErrValidation.
type ValidationError = apimgmt.ValidationError

// FieldError is one rejected input field of a ValidationError (see
// apimgmt.FieldError).
type FieldError = apimgmt.FieldError

// Sentinel errors, matched with errors.Is. They are the root package's
// values (apimgmt.ErrNotFound, ...), shared by every apimgmt-go package.
var (
{{- range .Sentinels}}
	// {{.Name}}: {{.Doc}}
	{{.Name}} = apimgmt.{{.Name}}
{{- end}}
)
{{range .Options}}
// {{.Name}} {{.Doc}}
func {{.Name}}({{.Params}}) Option { return {{.Call}} }
{{end}}`

func main() {
	pkg := flag.String("pkg", "", "service package directory name, relative to the repository root")
	sets := flag.String("sets", "", "comma-separated option sets beyond the common one: huawei")
	deploys := flag.Bool("deploy", false, "the package deploys: export ErrDeployment")
	flag.Parse()
	if *pkg == "" {
		fail("-pkg is required")
	}
	opts := slices.Clone(common)
	isHuawei := false
	for _, s := range strings.Split(*sets, ",") {
		switch s {
		case "":
		case "huawei":
			opts = append(opts, huawei...)
			isHuawei = true
		default:
			fail("unknown option set " + s)
		}
	}
	var buf bytes.Buffer
	t := template.Must(template.New("options").Parse(tmpl))
	if err := t.Execute(&buf, map[string]any{"Pkg": *pkg, "Options": opts, "Sentinels": sentinelsFor(*deploys), "Huawei": isHuawei}); err != nil {
		fail(err.Error())
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		fail("formatting: " + err.Error())
	}
	out := filepath.Join("..", "..", *pkg, "options.gen.go")
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "genoptions:", msg)
	os.Exit(2)
}

// sentinelsFor returns the sentinels a package exports: ErrDeployment only
// for the package that deploys.
func sentinelsFor(deploys bool) []sentinel {
	if deploys {
		return append(slices.Clone(sentinels), deployment)
	}
	return sentinels
}
