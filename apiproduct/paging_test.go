package apiproduct_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// A server that ignores startKey sends the first page again: List yields
// each product once and then ends with an error matching
// ErrMalformedResponse, rather than ending as if the listing were complete
// (or looping).
func TestListEndsWhenTheServerIgnoresStartKey(t *testing.T) {
	for name, tc := range map[string]struct {
		body, startKey string
		want           []string
	}{
		"the first page again":              {`{"apiProduct":[{"name":"a"},{"name":"b"}]}`, "", []string{"a", "b"}},
		"the start key after others":        {`{"apiProduct":[{"name":"a"},{"name":"b"}]}`, "b", nil},
		"the start key after others, again": {`{"apiProduct":[{"name":"a"},{"name":"b"},{"name":"c"}]}`, "", []string{"a", "b", "c"}},
		"the start key twice in a row":      {`{"apiProduct":[{"name":"b"},{"name":"b"}]}`, "b", nil},
	} {
		t.Run(name, func(t *testing.T) {
			srv := serve(t, reply(http.StatusOK, tc.body))
			c, _ := newClient(t, srv.URL())
			var got []string
			var errs []error
			for p, err := range c.List(context.Background(), &apiproduct.ListOptions{PageSize: 2, StartKey: tc.startKey}) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, p.Name)
				if len(got) > 20 {
					break
				}
			}
			if len(got) > 20 {
				t.Fatalf("List does not end: %d requests", len(srv.Requests()))
			}
			assert.LessOrEqual(t, len(srv.Requests()), 2)
			require.Len(t, errs, 1, "yielded %v", got)
			assert.ErrorIs(t, errs[0], apiproduct.ErrMalformedResponse)
			var e *apiproduct.Error
			require.ErrorAs(t, errs[0], &e)
			assert.Equal(t, "apiproduct.List", e.Op)
			assert.Equal(t, tc.want, got, "each product once")
		})
	}
}
