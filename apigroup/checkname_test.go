package apigroup_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// TestCheckName drives CheckApiGroupsV2 against the fake: a free name, a
// taken one, a name the rule refuses (nothing sent) and a server failure.
func TestCheckName(t *testing.T) {
	ctx := context.Background()
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)

	free, err := c.CheckName(ctx, "订单（测试）")
	require.NoError(t, err)
	assert.True(t, free.Passed)
	req := srv.LastRequest()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/v2/"+apigrouptest.ProjectID+"/apigw/instances/"+apigrouptest.InstanceID+"/api-groups/check", req.Path)
	assert.JSONEq(t, `{"group_name":"订单（测试）"}`, string(req.Body))

	srv.AddGroup("订单（测试）", "")
	free, err = c.CheckName(ctx, "订单（测试）")
	require.NoError(t, err)
	assert.False(t, free.Passed, "APIG.3201 means taken")
	assert.Equal(t, apigroup.RuleNameExists, free.Rule)

	srv.ResetRequests()
	_, err = c.CheckName(ctx, "_bad")
	var ve *apigroup.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.Empty(t, srv.Requests(), "nothing is sent")

	srv.FailNext(1, apigrouptest.Fault{Status: http.StatusForbidden, Body: []byte(`{"error_code":"APIG.1005","error_msg":"No permissions to request this method"}`)})
	free, err = c.CheckName(ctx, "another_name")
	assert.Nil(t, free)
	require.ErrorIs(t, err, apigroup.ErrForbidden)
}

// TestCheckNameStatus takes any 2xx as "free", as the spec says, and the
// vendor's 400 with another code as an error.
func TestCheckNameStatus(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusNoContent} {
		srv, reqs := server(t, status, "")
		free, err := newClient(t, srv.URL).CheckName(context.Background(), "api_group_001")
		require.NoError(t, err)
		assert.True(t, free.Passed, "status %d", status)
		require.Len(t, *reqs, 1)
		independentVerify(t, (*reqs)[0], testSK)
	}
	srv, _ := server(t, http.StatusBadRequest, `{"error_code":"APIG.2012","error_msg":"Invalid parameter value,parameterName:group_name"}`)
	free, err := newClient(t, srv.URL).CheckName(context.Background(), "api_group_001")
	assert.Nil(t, free)
	require.ErrorIs(t, err, apigroup.ErrInvalidRequest)
}
