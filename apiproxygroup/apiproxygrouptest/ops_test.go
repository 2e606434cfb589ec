package apiproxygrouptest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

// TestOperationNames checks that the fake names each client call's request
// after the method, the name Fault.Op matches (Get reads through "List").
func TestOperationNames(t *testing.T) {
	srv := NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	in := apiproxygroup.GroupInput{Name: "G", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/g"}}}
	calls := []struct {
		op   string
		call func() error
	}{
		{"Create", func() error { _, err := c.Create(ctx, in); return err }},
		{"List", func() error { _, err := c.Get(ctx, "G"); return err }},
		{"Update", func() error { _, err := c.Update(ctx, in); return err }},
		{"AddProxy", func() error { return c.AddProxy(ctx, "G", "MyAPI") }},
		{"RemoveProxy", func() error { return c.RemoveProxy(ctx, "G", "MyAPI") }},
		{"Deploy", func() error { _, err := c.Deploy(ctx, "G", "production", nil); return err }},
		{"Environments", func() error { _, err := c.Environments(ctx, "G"); return err }},
		{"DeployHistory", func() error { _, err := c.DeployHistory(ctx, "G"); return err }},
		{"DeployHistoryRecord", func() error { _, err := c.DeployHistoryRecord(ctx, "G", 1); return err }},
		{"Undeploy", func() error { _, err := c.Undeploy(ctx, "G", "production", nil); return err }},
		{"DeleteDeployHistory", func() error { return c.DeleteDeployHistory(ctx, "G", 1) }},
		{"Delete", func() error { return c.Delete(ctx, "G") }},
	}
	for _, tc := range calls {
		require.NoError(t, tc.call(), tc.op)
		assert.Equal(t, tc.op, srv.LastRequest().Op)
	}

	pc, err := apiproxygroup.NewClient(srv.Project, srv.PasswordOptions()...)
	require.NoError(t, err)
	_, err = pc.Environments(ctx, "missing")
	require.Error(t, err)
	assert.Equal(t, "Token", srv.Requests()[len(srv.Requests())-2].Op, "the token endpoint is \"Token\"")
}
