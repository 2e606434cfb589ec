package appgroup_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// mockEndpoint is a real Workspace host: requests never reach it, httpmock answers.
const mockEndpoint = "https://appstream.cn-north-4.myhuaweicloud.com"

// mockGroupURL is the full URL of the seed's "Modifying an Application Group" call.
const mockGroupURL = mockEndpoint + "/v1/" + testProject + "/app-groups/" + testGroup

// newMockClient returns a client whose requests go to mt instead of the network.
func newMockClient(t *testing.T, mt *httpmock.MockTransport) *appgroup.Client {
	t.Helper()
	c, err := appgroup.NewClient(
		appgroup.WithEndpoint(mockEndpoint),
		appgroup.WithHTTPClient(&http.Client{Transport: mt}),
		appgroup.WithAKSK(testAK, testSK),
		appgroup.WithProjectID(testProject),
	)
	require.NoError(t, err)
	return c
}

// TestUpdateWithHTTPMock shows the seed's PATCH on the wire (URL, body, signed headers) and its decoded response.
func TestUpdateWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPatch, mockGroupURL, func(req *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		assert.JSONEq(t, `{"name":"finance_apps","app_server_group_id":"`+testServer+`","description":"AAAA"}`, string(body))
		assert.Regexp(t, `^SDK-HMAC-SHA256 Access=`+testAK+`, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$`, req.Header.Get("Authorization"))
		assert.Regexp(t, `^\d{8}T\d{6}Z$`, req.Header.Get("X-Sdk-Date"))
		assert.Equal(t, testProject, req.Header.Get("X-Project-Id"))
		return httpmock.NewStringResponse(http.StatusOK, appgrouptest.ExampleUpdateResponse), nil
	})

	g, err := newMockClient(t, mt).Update(context.Background(), testGroup, appgroup.UpdateInput{
		Name:             apimgmt.Ptr("finance_apps"),
		AppServerGroupID: apimgmt.Ptr(testServer),
		Description:      apimgmt.Ptr("AAAA"),
	})
	require.NoError(t, err)
	assert.Equal(t, testGroup, g.ID)
	assert.Equal(t, "Open Test for the API for Modifying an Application Group", g.Name)
	assert.Equal(t, "AAAA", g.Description)
	assert.Equal(t, appgroup.AuthorizationAppGroup, g.AuthorizationType)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Equal(t, 1, mt.GetCallCountInfo()["PATCH "+mockGroupURL])
}

// TestUpdateNotFoundWithHTTPMock shows a 404 in Workspace's {error_code, error_msg} body decoded to a typed error.
func TestUpdateNotFoundWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	// The vendor documents the 404 and its body, but no example code: use the fake's.
	mt.RegisterResponder(http.MethodPatch, mockGroupURL, httpmock.NewStringResponder(http.StatusNotFound,
		`{"error_code":"`+appgrouptest.CodeNotFound+`","error_msg":"The application group 575772274859184145 does not exist."}`))

	g, err := newMockClient(t, mt).Update(context.Background(), testGroup, appgroup.UpdateInput{Name: apimgmt.Ptr("finance_apps")})
	assert.Nil(t, g)
	require.ErrorIs(t, err, appgroup.ErrNotFound)
	var e *appgroup.Error
	require.True(t, errors.As(err, &e), "%T", err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, appgrouptest.CodeNotFound, e.Code)
	assert.Equal(t, "The application group 575772274859184145 does not exist.", e.Message)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a 404 is not retried")
}
