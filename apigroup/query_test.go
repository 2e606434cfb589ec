package apigroup_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// TestQueryValuesGoOutAsSigned lists with a name filter holding a space
// and sub-delimiters: the fake must receive %20 (never '+'), each
// character escaped as the signature canonicalises it, and the fake's
// signature check (which recomputes it from the wire) must pass.
func TestQueryValuesGoOutAsSigned(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)
	name := "api group+one&x=y/分组"
	srv.AddGroup(name, "")

	page, err := c.ListPage(context.Background(), &apigroup.ListOptions{Name: name, ExactName: true})
	require.NoError(t, err, "the signature over the wire query verifies")
	require.Len(t, page.Items, 1)
	assert.Equal(t, name, page.Items[0].Name)

	raw := srv.LastRequest().RawQuery
	assert.NotContains(t, raw, "+")
	assert.Contains(t, raw, "name=api%20group%2Bone%26x%3Dy%2F%E5%88%86%E7%BB%84")
	q, err := url.ParseQuery(raw)
	require.NoError(t, err)
	assert.Equal(t, name, q.Get("name"))
	assert.False(t, strings.Contains(raw, " "))
}
