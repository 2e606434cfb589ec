package appgroup_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// TestDisassociateServerGroup unbinds a server group from its application
// groups in the fake: the groups bound to it lose the binding, others keep
// theirs, a repeat succeeds and changes nothing, an unknown server group is
// ErrNotFound, and an empty ID is refused before sending.
func TestDisassociateServerGroup(t *testing.T) {
	ctx := context.Background()
	srv := appgrouptest.NewServer()
	defer srv.Close()
	c, err := appgroup.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	const other = "other-server-group"
	srv.AddServerGroup(other, "other", "", appgroup.AppTypeCommon)
	a := srv.AddGroup(appgroup.CreateInput{Name: "a", AppServerGroupID: appgrouptest.ServerGroupID}).ID
	b := srv.AddGroup(appgroup.CreateInput{Name: "b", AppServerGroupID: appgrouptest.ServerGroupID}).ID
	o := srv.AddGroup(appgroup.CreateInput{Name: "o", AppServerGroupID: other}).ID

	require.NoError(t, c.DisassociateServerGroup(ctx, appgrouptest.ServerGroupID))
	req := srv.LastRequest()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/v1/"+appgrouptest.ProjectID+"/app-groups/actions/disassociate-app-group", req.Path)
	assert.Equal(t, "server_group_id="+appgrouptest.ServerGroupID, req.RawQuery)
	assert.Empty(t, req.Body)
	for id, want := range map[string]string{a: "", b: "", o: other} {
		g, ok := srv.Group(id)
		require.True(t, ok)
		assert.Equal(t, want, g.AppServerGroupID, g.Name)
	}

	require.NoError(t, c.DisassociateServerGroup(ctx, appgrouptest.ServerGroupID), "a repeat leaves the same state")
	g, _ := srv.Group(o)
	assert.Equal(t, other, g.AppServerGroupID)

	err = c.DisassociateServerGroup(ctx, "no-such-server-group")
	require.ErrorIs(t, err, appgroup.ErrNotFound)

	srv.ResetRequests()
	for _, bad := range []string{"", "a b", "a/b"} {
		err = c.DisassociateServerGroup(ctx, bad)
		var ve *appgroup.ValidationError
		require.True(t, errors.As(err, &ve), "%q: %v", bad, err)
	}
	assert.Empty(t, srv.Requests(), "nothing is sent for a refused ID")
}
