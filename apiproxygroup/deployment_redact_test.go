package apiproxygroup_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

// A gateway that echoes the request's Authorization header into a
// deployment outcome must not make the token appear in the
// *DeploymentError: its message and every failure are redacted as the
// pipeline redacts the texts of an *Error.
func TestDeploymentErrorRedactsEchoedCredentials(t *testing.T) {
	echo := fmt.Sprintf(`{"status":"FAILURE","resultMessage":"rejected Authorization: Bearer %[1]s","deploymentResult":{"success":false,"detailList":[
		{"envName":"production","podName":"p-%[1]s","podIp":"10.0.0.9","success":false,"detail":"token %[1]s refused"}]}}`, testToken)
	srv, _ := server(t, []int{200}, echo)
	_, err := newClient(t, srv.URL).Update(context.Background(), seedInput("production"))
	var de *apiproxygroup.DeploymentError
	require.ErrorAs(t, err, &de)
	for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", de), de.Message} {
		if strings.Contains(text, testToken) {
			t.Errorf("the token shows in %q", text)
		}
	}
	for _, f := range de.Failures {
		if strings.Contains(f.PodName+f.Detail, testToken) {
			t.Errorf("the token shows in failure %+v", f)
		}
	}
}
