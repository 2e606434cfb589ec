package apigroup_test

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
	"github.com/apimgmt/apimgmt-go/apigroup"
)

// mockEndpoint is a real APIG host: requests never reach it, httpmock answers.
const mockEndpoint = "https://apig.cn-north-4.myhuaweicloud.com"

// mockGroupURL is the full URL of the seed's "Modifying an API Group" call.
const mockGroupURL = mockEndpoint + "/v2/" + testProject + "/apigw/instances/" + testInst + "/api-groups/" + testGroup

// newMockClient returns a client whose requests go to mt instead of the network.
func newMockClient(t *testing.T, mt *httpmock.MockTransport) *apigroup.Client {
	t.Helper()
	c, err := apigroup.NewClient(testInst,
		apigroup.WithEndpoint(mockEndpoint),
		apigroup.WithHTTPClient(&http.Client{Transport: mt}),
		apigroup.WithAKSK(testAK, testSK),
		apigroup.WithProjectID(testProject),
	)
	require.NoError(t, err)
	return c
}

// TestUpdateWithHTTPMock shows the seed's PUT on the wire (URL, body, signed headers) and its decoded response.
func TestUpdateWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPut, mockGroupURL, func(req *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		assert.JSONEq(t, `{"name":"api_group_001","remark":"API group 1"}`, string(body))
		assert.Regexp(t, `^SDK-HMAC-SHA256 Access=`+testAK+`, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$`, req.Header.Get("Authorization"))
		assert.Regexp(t, `^\d{8}T\d{6}Z$`, req.Header.Get("X-Sdk-Date"))
		assert.Equal(t, testProject, req.Header.Get("X-Project-Id"))
		return httpmock.NewStringResponse(http.StatusOK, seedUpdateResponse), nil
	})

	g, err := newMockClient(t, mt).Update(context.Background(), testGroup,
		apigroup.UpdateInput{Name: "api_group_001", Remark: apimgmt.Ptr("API group 1")})
	require.NoError(t, err)
	assert.Equal(t, testGroup, g.ID)
	assert.Equal(t, "api_group_001", g.Name)
	assert.Equal(t, "API group 1", g.Remark)
	assert.Equal(t, apigroup.StatusValid, g.Status)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Equal(t, 1, mt.GetCallCountInfo()["PUT "+mockGroupURL])
}

// TestUpdateNotFoundWithHTTPMock shows APIG's documented 404 body decoded to a typed error.
func TestUpdateNotFoundWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPut, mockGroupURL, httpmock.NewStringResponder(http.StatusNotFound,
		`{"error_code":"APIG.3001","error_msg":"API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist"}`))

	g, err := newMockClient(t, mt).Update(context.Background(), testGroup, apigroup.UpdateInput{Name: "api_group_001"})
	assert.Nil(t, g)
	require.ErrorIs(t, err, apigroup.ErrNotFound)
	var e *apigroup.Error
	require.True(t, errors.As(err, &e), "%T", err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "APIG.3001", e.Code)
	assert.Equal(t, "API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist", e.Message)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a 404 is not retried")
}
