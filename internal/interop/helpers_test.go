package interop

import (
	"errors"
	"net/http"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	workspaceapp "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspaceapp/v1"
)

func ptr[T any](v T) *T { return &v }

// huaweiConfig returns the vendor's HTTP settings for a client talking to a
// fake through rt: no retries, so an answer the fake gives is the answer
// the test sees.
func huaweiConfig(rt http.RoundTripper) *config.HttpConfig {
	return config.DefaultHttpConfig().WithHttpRoundTripper(rt).WithRetries(0)
}

func huaweiCredentials(t *testing.T, ak, sk, project string) *basic.Credentials {
	t.Helper()
	cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(project).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

// vendorAPIG returns huaweicloud-sdk-go-v3's APIG v2 client for the
// endpoint, signing with ak/sk for project.
func vendorAPIG(t *testing.T, endpoint string, rt http.RoundTripper, ak, sk, project string) *apig.ApigClient {
	t.Helper()
	hc, err := apig.ApigClientBuilder().WithEndpoints([]string{endpoint}).
		WithCredential(huaweiCredentials(t, ak, sk, project)).WithHttpConfig(huaweiConfig(rt)).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return apig.NewApigClient(hc)
}

// vendorWorkspace returns huaweicloud-sdk-go-v3's Workspace application
// client for the endpoint, signing with ak/sk for project.
func vendorWorkspace(t *testing.T, endpoint string, rt http.RoundTripper, ak, sk, project string) *workspaceapp.WorkspaceAppClient {
	t.Helper()
	hc, err := workspaceapp.WorkspaceAppClientBuilder().WithEndpoints([]string{endpoint}).
		WithCredential(huaweiCredentials(t, ak, sk, project)).WithHttpConfig(huaweiConfig(rt)).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return workspaceapp.NewWorkspaceAppClient(hc)
}

// wantHuaweiError checks that err is the vendor SDK's error for an answer
// with the given status and error code.
func wantHuaweiError(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("%s: got %v (%T), want a ServiceResponseError %d %s", what, err, err, status, code)
	}
	if se.StatusCode != status || se.ErrorCode != code {
		t.Fatalf("%s: got %d %s (%s), want %d %s", what, se.StatusCode, se.ErrorCode, se.ErrorMessage, status, code)
	}
}

// ok fails the test on err, naming the vendor operation.
func ok(t *testing.T, op string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("vendor %s: %v", op, err)
	}
}
