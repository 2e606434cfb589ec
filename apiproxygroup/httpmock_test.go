package apiproxygroup_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

// mockManager is an Apinizer Manager URL: requests never reach it, httpmock answers.
const mockManager = "https://demo.apinizer.com"

// mockGroupsURL is the full URL of the seed's "Update API Proxy Group" call.
const mockGroupsURL = mockManager + "/apiops/projects/MyProject/apiProxyGroups/"

// newMockClient returns a client whose requests go to mt instead of the network.
func newMockClient(t *testing.T, mt *httpmock.MockTransport) *apiproxygroup.Client {
	t.Helper()
	c, err := apiproxygroup.NewClient("MyProject",
		apiproxygroup.WithEndpoint(mockManager),
		apiproxygroup.WithHTTPClient(&http.Client{Transport: mt}),
		apiproxygroup.WithToken(testToken),
	)
	require.NoError(t, err)
	return c
}

// TestUpdateWithHTTPMock shows the seed's PUT on the wire (URL, body, bearer token) and its decoded response.
func TestUpdateWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPut, mockGroupsURL, func(req *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		assert.JSONEq(t, seedBodyWithDeployment, string(body))
		assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
		assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
		return httpmock.NewStringResponse(http.StatusOK, seedResponseWithDeployment), nil
	})

	res, err := newMockClient(t, mt).Update(context.Background(), seedInput("production"))
	require.NoError(t, err)
	require.NotNil(t, res.Group)
	assert.Equal(t, "PaymentAPIGroup", res.Group.Name)
	require.NotNil(t, res.Deployment)
	assert.False(t, res.Deployment.Failed())
	require.Len(t, res.Deployment.Details, 1)
	assert.Equal(t, "worker-abc123", res.Deployment.Details[0].PodName)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Equal(t, 1, mt.GetCallCountInfo()["PUT "+mockGroupsURL])
}

// TestUpdateNotFoundWithHTTPMock shows Apinizer's "not found" (HTTP 400, free text) decoded to ErrNotFound.
func TestUpdateNotFoundWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPut, mockGroupsURL, httpmock.NewStringResponder(http.StatusBadRequest, seedGroupNotFound))

	res, err := newMockClient(t, mt).Update(context.Background(), seedInput(""))
	assert.Nil(t, res)
	require.ErrorIs(t, err, apiproxygroup.ErrNotFound)
	assert.ErrorIs(t, err, apiproxygroup.ErrForbidden, "Apinizer cannot tell a missing group from a missing privilege")
	var e *apiproxygroup.Error
	require.True(t, errors.As(err, &e), "%T", err)
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
	assert.Equal(t, "bad_request", e.Code)
	assert.Equal(t, "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!", e.Message)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a 400 is not retried")
}
