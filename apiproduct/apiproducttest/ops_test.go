package apiproducttest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// TestOperationNames checks that the fake names each client call's request
// after the method, the name Fault.Op matches.
func TestOperationNames(t *testing.T) {
	srv := NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	calls := []struct {
		op   string
		call func() error
	}{
		{"Create", func() error { _, err := c.Create(ctx, &apiproduct.Product{Name: "p", DisplayName: "P"}); return err }},
		{"Get", func() error { _, err := c.Get(ctx, "p"); return err }},
		{"List", func() error {
			for _, err := range c.List(ctx, nil) {
				return err
			}
			return nil
		}},
		{"Update", func() error { _, err := c.Update(ctx, &apiproduct.Product{Name: "p", DisplayName: "Q"}); return err }},
		{"Move", func() error { _, err := c.Move(ctx, "p", "red"); return err }},
		{"ReplaceAttributes", func() error {
			_, err := c.ReplaceAttributes(ctx, "p", []apiproduct.Attribute{{Name: "a", Value: "1"}})
			return err
		}},
		{"ListAttributes", func() error { _, err := c.ListAttributes(ctx, "p"); return err }},
		{"GetAttribute", func() error { _, err := c.GetAttribute(ctx, "p", "a"); return err }},
		{"UpdateAttribute", func() error { _, err := c.UpdateAttribute(ctx, "p", "a", "2"); return err }},
		{"DeleteAttribute", func() error { _, err := c.DeleteAttribute(ctx, "p", "a"); return err }},
		{"Delete", func() error { return c.Delete(ctx, "p") }},
	}
	for _, tc := range calls {
		require.NoError(t, tc.call(), tc.op)
		assert.Equal(t, tc.op, srv.LastRequest().Op)
	}
}
