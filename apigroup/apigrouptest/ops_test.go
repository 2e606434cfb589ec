package apigrouptest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
)

// TestOperationNames checks that the fake names each client call's request
// after the method, the name Fault.Op matches.
func TestOperationNames(t *testing.T) {
	srv := NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	id := ""
	calls := []struct {
		op   string
		call func() error
	}{
		{"Create", func() error {
			g, err := c.Create(ctx, apigroup.CreateInput{Name: "group_one"})
			if err == nil {
				id = g.ID
			}
			return err
		}},
		{"Get", func() error { _, err := c.Get(ctx, id); return err }},
		{"List", func() error { _, err := c.ListPage(ctx, nil); return err }},
		{"Update", func() error { _, err := c.Update(ctx, id, apigroup.UpdateInput{Name: "group_two"}); return err }},
		{"CheckName", func() error { _, err := c.CheckName(ctx, "free_name"); return err }},
		{"Delete", func() error { return c.Delete(ctx, id) }},
	}
	for _, tc := range calls {
		require.NoError(t, tc.call(), tc.op)
		assert.Equal(t, tc.op, srv.LastRequest().Op)
	}
}
