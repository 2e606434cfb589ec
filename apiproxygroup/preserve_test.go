package apiproxygroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

// listWithUnmodelled is a list whose groups, client route and headers have
// members the package does not model ("future"), next to the legacy fields
// that Update cannot set.
const listWithUnmodelled = `{"status": "SUCCESS", "resultList": [
  {"id": "1", "name": "other", "future": "of-other"},
  {"name": "PaymentAPIGroup", "description": "Payment", "relativePath": "/legacy", "relativePathEnabled": true,
   "future": {"stage": 2, "ratio": 1.50},
   "clientRoute": {"relativePathList": ["/pay"], "methodList": ["GET"], "hostList": ["a.example.com"],
     "headerList": [{"name": "X-V", "value": "1", "future": "of-X-V"}, {"name": "X-W", "value": "2", "future": "of-X-W"}],
     "bufferRequest": false, "future": {"sticky": true}}}
]}`

// decodeTree decodes data into maps, slices and json.Number.
func decodeTree(t *testing.T, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	require.NoError(t, dec.Decode(&v), "%s", data)
	return v
}

// objectAt returns the object at path (a.b[i]) in v, or nil.
func objectAt(v any, path string) map[string]any {
	if path != "" {
		for _, step := range strings.Split(path, ".") {
			name, index, indexed := strings.Cut(strings.TrimSuffix(step, "]"), "[")
			m, _ := v.(map[string]any)
			v = m[name]
			if indexed {
				i, _ := strconv.Atoi(index)
				l, _ := v.([]any)
				if i >= len(l) {
					return nil
				}
				v = l[i]
			}
		}
	}
	m, _ := v.(map[string]any)
	return m
}

// readGroup reads PaymentAPIGroup from the list as named.
func readGroup(t *testing.T, c *apiproxygroup.Client, how string) *apiproxygroup.Group {
	t.Helper()
	if how == "Get" {
		g, err := c.Get(context.Background(), "PaymentAPIGroup")
		require.NoError(t, err)
		return g
	}
	for g, err := range c.List(context.Background(), nil) {
		require.NoError(t, err)
		if g.Name == "PaymentAPIGroup" {
			return g
		}
	}
	t.Fatal("group not listed")
	return nil
}

// putBody returns the body of the one PUT the server saw.
func putBody(t *testing.T, rec interface{ all() []recorded }) map[string]any {
	t.Helper()
	var puts [][]byte
	for _, r := range rec.all() {
		if r.method == http.MethodPut {
			puts = append(puts, r.body)
		}
	}
	require.Len(t, puts, 1)
	return decodeTree(t, puts[0])
}

// The members the package does not model, in the group, its client route
// and each header, survive Update of the Input of a group read by Get or
// List; so do the legacy fields Update cannot set; the change is sent.
func TestUpdateKeepsUnmodelledMembersOfGroupsAndRoutes(t *testing.T) {
	want := map[string]string{
		"":                          `{"stage": 2, "ratio": 1.50}`,
		"clientRoute":               `{"sticky": true}`,
		"clientRoute.headerList[0]": `"of-X-V"`,
		"clientRoute.headerList[1]": `"of-X-W"`,
	}
	for _, how := range []string{"Get", "List"} {
		t.Run(how, func(t *testing.T) {
			srv, rec := server(t, []int{http.StatusOK}, listWithUnmodelled, `{"success": true}`)
			c := newClient(t, srv.URL)
			in := readGroup(t, c, how).Input()
			in.Description = "changed"
			_, err := c.Update(context.Background(), in)
			require.NoError(t, err)
			sent := putBody(t, rec)
			for path, value := range want {
				obj := objectAt(sent, path)
				require.NotNil(t, obj, "%s is not sent", path)
				assert.Equal(t, decodeTree(t, []byte(`{"v":`+value+`}`))["v"], obj["future"], "%s.future", path)
			}
			assert.Equal(t, "changed", sent["description"])
			assert.Equal(t, "/legacy", sent["relativePath"])
			assert.Equal(t, true, sent["relativePathEnabled"])
			assert.Equal(t, false, objectAt(sent, "clientRoute")["bufferRequest"])
		})
	}
}

// The group an Update answers with carries the same members, so a second
// Update of it keeps them too.
func TestUpdateResultKeepsUnmodelledMembers(t *testing.T) {
	srv, rec := server(t, []int{http.StatusOK}, listWithUnmodelled, `{"success": true}`)
	c := newClient(t, srv.URL)
	res, err := c.Update(context.Background(), readGroup(t, c, "Get").Input())
	require.NoError(t, err)
	_, err = c.Update(context.Background(), res.Group.Input())
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 3)
	assert.JSONEq(t, string(reqs[1].body), string(reqs[2].body))
	assert.Contains(t, decodeTree(t, reqs[2].body), "future")
}

// Fields cleared in the input are sent cleared (as "" and []), and a header
// removed from the route is not sent again, while the kept one keeps its
// own unmodelled member.
func TestUpdateOfReadGroupSendsClearedFieldsAndRemovedHeaders(t *testing.T) {
	srv, rec := server(t, []int{http.StatusOK}, listWithUnmodelled, `{"success": true}`)
	c := newClient(t, srv.URL)
	in := readGroup(t, c, "Get").Input()
	in.Description = ""
	in.ClientRoute.Hosts = nil
	in.ClientRoute.Methods = nil
	in.ClientRoute.BufferRequest = nil
	in.ClientRoute.Headers = in.ClientRoute.Headers[1:]
	_, err := c.Update(context.Background(), in)
	require.NoError(t, err)
	sent := putBody(t, rec)
	assert.Equal(t, "", sent["description"])
	route := objectAt(sent, "clientRoute")
	assert.Equal(t, []any{}, route["hostList"])
	assert.Equal(t, []any{}, route["methodList"])
	assert.NotContains(t, route, "bufferRequest")
	assert.Equal(t, []any{map[string]any{"name": "X-W", "value": "2", "future": "of-X-W"}}, route["headerList"])
}

// Update replaces the group: every field of the input is on the wire, the
// empty ones as "" and [], so what is sent is what is stored.
func TestUpdateSendsEveryField(t *testing.T) {
	srv, rec := server(t, []int{http.StatusOK}, `{"success": true}`)
	c := newClient(t, srv.URL)
	_, err := c.Update(context.Background(), apiproxygroup.GroupInput{
		Name:        "PaymentAPIGroup",
		ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/pay"}},
	})
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 1)
	assert.JSONEq(t, `{"name": "PaymentAPIGroup", "description": "",
		"clientRoute": {"relativePathList": ["/pay"], "methodList": [], "hostList": [], "headerList": []}}`, string(reqs[0].body))
}
