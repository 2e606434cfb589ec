package apigrouptest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call sends an unsigned request (the test turns authentication off) and
// decodes the JSON answer.
func call(t *testing.T, srv *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+"/v2/"+ProjectID+"/apigw/instances/"+InstanceID+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	if len(bytes.TrimSpace(data)) > 0 {
		require.NoError(t, json.Unmarshal(data, &out), string(data))
	}
	return resp.StatusCode, out
}

// vendorLayouts are the layouts the vendor SDK's time type tries, in its
// order (core/sdktime); an answer's times must parse with one of them.
var vendorLayouts = []string{`2006-01-02T15:04:05Z`, `2006-01-02T15:04:05`, `2006-01-02 15:04:05`,
	`2006-01-02T15:04:05+08:00`, time.RFC3339, time.RFC3339Nano}

func vendorParse(s string) (time.Time, bool) {
	for _, l := range vendorLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// TestTimesTheVendorParses checks that create, update, show and list answer
// register_time and update_time in a form the vendor's SDK parses, with
// and without fractional seconds, and the same value everywhere.
func TestTimesTheVendorParses(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.SetAuthenticator(nil)
	for _, created := range []time.Time{
		time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 5, 1, 12, 0, 0, 881543721, time.UTC),
	} {
		updated := created.Add(90*time.Second + 123456789*time.Nanosecond)
		srv.SetClock(func() time.Time { return created })
		status, g := call(t, srv, http.MethodPost, "/api-groups", `{"name":"group_`+created.Format("150405.000000000")[7:]+`"}`)
		require.Equal(t, http.StatusCreated, status, g)
		id := g["id"].(string)
		srv.SetClock(func() time.Time { return updated })
		status, u := call(t, srv, http.MethodPut, "/api-groups/"+id, `{"name":"renamed_`+id[:6]+`"}`)
		require.Equal(t, http.StatusOK, status, u)
		_, show := call(t, srv, http.MethodGet, "/api-groups/"+id, "")
		_, list := call(t, srv, http.MethodGet, "/api-groups?id="+id, "")
		listed := list["groups"].([]any)[0].(map[string]any)

		for what, body := range map[string]map[string]any{"create": g, "update": u, "show": show, "list": listed} {
			for _, field := range []string{"register_time", "update_time"} {
				v, _ := body[field].(string)
				got, ok := vendorParse(v)
				if assert.True(t, ok, "%s %s = %q: the vendor cannot parse it", what, field, v) {
					want := created
					if field == "update_time" && what != "create" {
						want = updated
					}
					assert.True(t, want.Equal(got), "%s %s = %q, want %v", what, field, v, want)
				}
			}
		}
		assert.Equal(t, u["update_time"], show["update_time"])
		assert.Equal(t, u["update_time"], listed["update_time"])
	}
}
