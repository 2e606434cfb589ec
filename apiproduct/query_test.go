package apiproduct_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// TestQueryValuesGoOutAsSent lists with attribute filters holding a space
// and sub-delimiters: the fake must receive %20 (never '+'), as Google's
// own client sends it, with every other character escaped.
func TestQueryValuesGoOutAsSent(t *testing.T) {
	srv := apiproducttest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	require.NoError(t, err)
	name, value := "access level", "read+write&x=y/ü"

	for _, err := range c.List(context.Background(), &apiproduct.ListOptions{AttributeName: name, AttributeValue: value}) {
		require.NoError(t, err)
	}

	raw := srv.LastRequest().RawQuery
	assert.NotContains(t, raw, "+")
	assert.Contains(t, raw, "attributename=access%20level")
	assert.Contains(t, raw, "attributevalue=read%2Bwrite%26x%3Dy%2F%C3%BC")
	q, err := url.ParseQuery(raw)
	require.NoError(t, err)
	assert.Equal(t, name, q.Get("attributename"))
	assert.Equal(t, value, q.Get("attributevalue"))
}
