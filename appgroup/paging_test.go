package appgroup_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
)

// A server that does not advance through the pages (it ignores offset, or
// sends more groups than its count) ends List with an error matching
// ErrMalformedResponse after the groups it sent, instead of looping forever
// or yielding groups twice.
func TestListEndsWhenTheServerDoesNotAdvance(t *testing.T) {
	page := `"items":[{"id":"g1","name":"one"},{"id":"g2","name":"two"}]`
	for name, tc := range map[string]struct {
		count  int
		offset int64
		ids    []string
	}{
		"offset ignored, large count":  {1000, 0, []string{"g1", "g2"}},
		"offset ignored, honest count": {3, 0, []string{"g1", "g2"}},
		"more groups than the count":   {1, 0, nil},
		"a page past the count":        {2, 2, nil},
	} {
		t.Run(name, func(t *testing.T) {
			srv := server(t, 200, `{"count":`+strconv.Itoa(tc.count)+`,`+page+`}`)
			c := newClient(t, srv.URL())
			var ids []string
			var errs []error
			for g, err := range c.List(context.Background(), &appgroup.ListOptions{PageSize: 2, Offset: tc.offset}) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, g.ID)
				if len(ids) > 20 {
					break
				}
			}
			if len(ids) > 20 {
				t.Fatalf("List does not end: %d requests", len(srv.Requests()))
			}
			assert.Equal(t, tc.ids, ids)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], appgroup.ErrMalformedResponse)
			var e *appgroup.Error
			require.ErrorAs(t, errs[0], &e)
			assert.Equal(t, "appgroup.List", e.Op)
			assert.LessOrEqual(t, len(srv.Requests()), 2)
		})
	}
}
