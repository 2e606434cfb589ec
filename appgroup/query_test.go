package appgroup_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// TestQueryValuesGoOutAsSigned lists with a name filter holding a space
// and sub-delimiters: the fake must receive %20 (never '+'), each
// character escaped as the signature canonicalises it, and the fake's
// signature check (which recomputes it from the wire) must pass.
func TestQueryValuesGoOutAsSigned(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	c, err := appgroup.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	name := "office apps+one&x=y/应用"

	_, err = c.ListPage(context.Background(), &appgroup.ListOptions{Name: name})
	require.NoError(t, err, "the signature over the wire query verifies")

	raw := srv.LastRequest().RawQuery
	assert.NotContains(t, raw, "+")
	assert.Contains(t, raw, "name=office%20apps%2Bone%26x%3Dy%2F%E5%BA%94%E7%94%A8")
	q, err := url.ParseQuery(raw)
	require.NoError(t, err)
	assert.Equal(t, name, q.Get("name"))
}
