package apigrouptest

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
)

// TestFaultAimedAtCreate drives the fake with the real client: a fault
// aimed at Create lets the Get before it through, hits the Create once, and
// with Commit the group is stored though the client saw a failure.
func TestFaultAimedAtCreate(t *testing.T) {
	srv := NewServer()
	t.Cleanup(srv.Close)
	client, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	seeded := srv.AddGroup(apigroup.CreateInput{Name: "seeded", Remark: "kept"})
	assert.Equal(t, "kept", seeded.Remark)
	assert.NotEmpty(t, seeded.ID)

	srv.FailNext(1, Fault{Op: "Create", Status: http.StatusBadRequest,
		Body: []byte(`{"error_code":"APIG.3201","error_msg":"The API group name already exists"}`)})
	got, err := client.Get(ctx, seeded.ID)
	require.NoError(t, err, "the fault is aimed at Create, not at Get")
	assert.Equal(t, seeded, got, "AddGroup returns the group as Get does")
	_, err = client.Create(ctx, apigroup.CreateInput{Name: "first"})
	var apiErr *apigroup.Error
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, "APIG.3201", apiErr.Code)
	assert.Equal(t, 1, srv.GroupCount(), "the failed Create stored nothing")
	_, err = client.Create(ctx, apigroup.CreateInput{Name: "first"})
	require.NoError(t, err, "the fault fired once")

	srv.FailNext(1, Fault{Op: "Create", Drop: true, Commit: true})
	_, err = client.Create(ctx, apigroup.CreateInput{Name: "ambiguous"})
	require.Error(t, err, "the client saw the connection drop")
	assert.Equal(t, 3, srv.GroupCount(), "the ambiguous Create stored the group")
	var names []string
	for g, err := range client.List(ctx, &apigroup.ListOptions{Name: "ambiguous"}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"ambiguous"}, names)

	var ops []string
	for _, r := range srv.Requests() {
		ops = append(ops, r.Op)
	}
	assert.Equal(t, []string{"Get", "Create", "Create", "Create", "List"}, ops)
}
