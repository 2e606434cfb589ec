package apiproduct_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// ListPage turns Apigee's inclusive startKey into a page token: following
// NextPageToken returns every product once, and the last page has none.
func TestListPageFollowsTokens(t *testing.T) {
	all := []string{"a", "b", "c", "d", "e", "f", "g"}
	for name, inclusive := range map[string]bool{"inclusive startKey (Apigee)": true, "exclusive startKey": false} {
		t.Run(name, func(t *testing.T) {
			srv := listServer(t, all, inclusive)
			c, _ := newClient(t, srv.URL())
			var got []string
			opts := &apiproduct.ListOptions{PageSize: 3}
			for range len(all) + 1 {
				page, err := c.ListPage(context.Background(), opts)
				require.NoError(t, err)
				assert.EqualValues(t, -1, page.Total, "Apigee does not say")
				assert.LessOrEqual(t, len(page.Items), 3)
				for _, p := range page.Items {
					got = append(got, p.Name)
				}
				if page.NextPageToken == "" {
					break
				}
				opts.PageToken = page.NextPageToken
			}
			assert.Equal(t, all, got, "each product once, in order")
		})
	}
}

func TestListPageTokenAndStartKeyExclude(t *testing.T) {
	c, _ := newClient(t, listServer(t, nil, true).URL())
	_, err := c.ListPage(context.Background(), &apiproduct.ListOptions{PageToken: "a", StartKey: "b"})
	var ve *apiproduct.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "pageToken", ve.Fields[0].Field)
}

// List continues after a PageToken as ListPage does.
func TestListFromPageToken(t *testing.T) {
	srv := listServer(t, []string{"a", "b", "c", "d", "e"}, true)
	c, _ := newClient(t, srv.URL())
	assert.Equal(t, []string{"c", "d", "e"}, names(t, c.List(context.Background(), &apiproduct.ListOptions{PageSize: 2, PageToken: "b"})))
}
