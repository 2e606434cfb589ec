package appgroup_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/appgroup"
)

// TestMistypedFieldKeepsGroupReadable: a field of an unexpected JSON type
// outside a group's identity leaves it readable with that field zero, and
// unknown enum values are kept; a mistyped ID still makes the answer
// unreadable.
func TestMistypedFieldKeepsGroupReadable(t *testing.T) {
	answer := func(body string) *appgroup.Client {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(srv.Close)
		c, err := appgroup.NewClient(appgroup.WithEndpoint(srv.URL), appgroup.WithAKSK("AK", "SK"), appgroup.WithProjectID("p1"))
		require.NoError(t, err)
		return c
	}
	group := `{"id":"575772274859184145","name":"office","app_count":"3","description":"kept",
"authorization_type":"USER","app_type":"VIRTUAL_APP","create_at":"2023-06-06T14:14:02.246Z"}`
	g, err := answer(group).Get(context.Background(), "575772274859184145")
	require.NoError(t, err)
	assert.Equal(t, "office", g.Name)
	assert.Equal(t, "kept", g.Description)
	assert.Zero(t, g.AppCount)
	assert.Equal(t, appgroup.AuthorizationType("USER"), g.AuthorizationType, "an unknown value is kept")
	assert.Equal(t, appgroup.AppType("VIRTUAL_APP"), g.AppType)

	p, err := answer(`{"count":1,"items":[`+group+`]}`).ListPage(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, int64(1), p.Total)

	_, err = answer(`{"id":5,"name":"office"}`).Get(context.Background(), "575772274859184145")
	require.ErrorIs(t, err, appgroup.ErrMalformedResponse)
	_, err = answer(`{"count":"1","items":[]}`).ListPage(context.Background(), nil)
	require.ErrorIs(t, err, appgroup.ErrMalformedResponse)
}
