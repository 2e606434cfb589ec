package clientopt

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

func TestNewHuawei(t *testing.T) {
	var gotToken, gotProject string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotToken, gotProject = r.Header.Get("X-Auth-Token"), r.Header.Get("X-Project-Id")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error_code":"APIG.3001","error_msg":"API group does not exist"}`))
	}))
	defer srv.Close()

	h, err := NewHuawei("apigroup", []Option{WithEndpoint(srv.URL), WithToken("iam"), WithProjectID("proj1"), WithHTTPClient(srv.Client())}, regionURL)
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/", h.BaseURL)
	assert.Equal(t, "proj1", h.ProjectID)
	require.NotNil(t, h.Pipeline)

	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, h.BaseURL+"x", nil)
	require.NoError(t, err)
	_, err = h.Pipeline.Do(req)
	assert.ErrorIs(t, err, apierror.ErrNotFound)
	var ae *apierror.Error
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "APIG.3001", ae.Code, "Huawei dialect")
	assert.Equal(t, "iam", gotToken)
	assert.Equal(t, "proj1", gotProject)

	h, err = NewHuawei("apigroup", []Option{WithRegion("cn-north-4"), WithAKSK("ak", "sk"), WithProjectID("p")}, regionURL)
	require.NoError(t, err)
	assert.Equal(t, "https://apig.cn-north-4.example.com/v2/", h.BaseURL)
}

func TestNewHuaweiErrors(t *testing.T) {
	cases := []struct {
		name string
		opts []Option
		msg  string
	}{
		{"bad option", []Option{WithHTTPClient(nil)}, "apigroup: WithHTTPClient: nil client"},
		{"no endpoint", []Option{WithToken("t"), WithProjectID("p")}, "apigroup: no endpoint"},
		{"no project", []Option{WithRegion("r"), WithToken("t")}, "apigroup: no project ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, err := NewHuawei("apigroup", c.opts, regionURL)
			require.Error(t, err)
			assert.Nil(t, h)
			assert.Contains(t, err.Error(), c.msg)
		})
	}

	for _, bad := range []string{"..", "a/b", "p?x", "a b"} {
		h, err := NewHuawei("apigroup", []Option{WithRegion("r"), WithToken("t"), WithProjectID(bad)}, regionURL)
		require.Error(t, err, bad)
		assert.Nil(t, h)
		assert.True(t, errors.Is(err, apierror.ErrValidation), bad)
		var ve *apierror.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "apigroup.NewClient", ve.Op)
		require.Len(t, ve.Fields, 1)
		assert.Equal(t, "project_id", ve.Fields[0].Field)
	}
}
