package appgroup_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/fuzzcheck"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
)

// Fuzz targets for issue #7: every response model decoded from arbitrary
// bytes through the client's own path (pipeline, signer, generated client,
// mapping), and the input validators driven through the public calls.

const (
	fzHost    = "workspace.fuzz.example"
	fzProject = "a4da8115c9d8464ead3a38309130523f"
	fzGroup   = "575772274859184145"
	fzServer  = "2ad44c6d-b829-4e89-a44a-5f25577f7788"
)

func fzClient(t *testing.T, rt *fuzzcheck.Transport, project string) (*appgroup.Client, error) {
	t.Helper()
	return appgroup.NewClient(
		appgroup.WithEndpoint("https://"+fzHost),
		appgroup.WithHTTPClient(&http.Client{Transport: rt}),
		appgroup.WithAKSK("AKWORKSPACETEST00001", "sk-workspace-test-secret"),
		appgroup.WithProjectID(project))
}

func fzCheckGroup(t *testing.T, g *appgroup.Group) {
	t.Helper()
	if g == nil {
		t.Fatal("nil group")
	}
	if !g.CreatedAt.IsZero() && g.CreatedAt.Location().String() != "UTC" {
		t.Fatalf("CreatedAt %v is not in UTC", g.CreatedAt)
	}
}

// fzIdentity is a group's identity: the fields an answer cannot do without.
type fzIdentity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FuzzDecodeResponses decodes arbitrary 200 bodies as the answer to every
// call that reads one: Group (Create, Update; Get from the detail model),
// NameCheck (CheckName) and the list (ListPage, List).
func FuzzDecodeResponses(f *testing.F) {
	for _, b := range []string{
		appgrouptest.ExampleUpdateResponse,
		`{"count":1,"items":[` + appgrouptest.ExampleUpdateResponse + `]}`,
		`{"id":"1","name":"office-apps","app_server_group_id":"sg","app_server_group_name":"servers","app_server_group_description":"d","app_type":"COMMON_APP","app_count":3,"create_at":"2023-06-06 14:14:02"}`,
		`{"result":false,"validate_rule":"duplicate"}`,
		`{"result":true}`,
		`{"count":2147483647,"items":[null,{}]}`,
		`{"count":2147483648}`, `{"items":{}}`, `{"result":"yes"}`, `{"create_at":5}`,
		`[]`, `null`, ``, `{`, `{"id": 5`, "\xff",
	} {
		f.Add([]byte(b), "req-123")
	}
	f.Add([]byte(`{"name":1}`), "rid\twith tab \x80")
	f.Fuzz(func(t *testing.T, body []byte, rid string) {
		ctx := context.Background()
		rt, c := fuzzcheck.DecodeClient(t, body, rid, func(rt *fuzzcheck.Transport) (*appgroup.Client, error) { return fzClient(t, rt, fzProject) })
		// A field of an unexpected type outside a group's identity (ID,
		// name) or a page's (count, the groups' IDs and names) leaves the
		// rest readable.
		groupOK := fuzzcheck.Decodes[gen.AppGroup, fzIdentity](body)
		detailOK := fuzzcheck.Decodes[gen.AppGroupDetail, fzIdentity](body)
		checkOK := fuzzcheck.Object[gen.CheckAppGroupNameResult](body)
		listOK := fuzzcheck.Decodes[gen.AppGroupList, struct {
			Count int32        `json:"count"`
			Items []fzIdentity `json:"items"`
		}](body)

		g, err := c.Create(ctx, appgroup.CreateInput{Name: "office-apps"})
		fuzzcheck.CheckDecoded(t, "Create", g != nil, err, groupOK, body)
		if g != nil {
			fzCheckGroup(t, g)
		}
		g, err = c.Get(ctx, fzGroup)
		fuzzcheck.CheckDecoded(t, "Get", g != nil, err, detailOK, body)
		if g != nil {
			fzCheckGroup(t, g)
		}
		g, err = c.Update(ctx, fzGroup, appgroup.UpdateInput{Description: apimgmt.Ptr("d")})
		fuzzcheck.CheckDecoded(t, "Update", g != nil, err, groupOK, body)
		nc, err := c.CheckName(ctx, "office-apps")
		fuzzcheck.CheckDecoded(t, "CheckName", nc != nil, err, checkOK, body)
		if err := c.Delete(ctx, fzGroup); err != nil {
			t.Fatalf("Delete: a 200 is success whatever the body: %v", err)
		}
		if res, err := c.BatchDelete(ctx, []string{"a", "b", "a"}); err != nil || !slices.Equal(res.Deleted, []string{"a", "b"}) {
			t.Fatalf("BatchDelete: a 200 is success whatever the body: %v, %v", res, err)
		}
		page, err := c.ListPage(ctx, nil)
		fuzzcheck.CheckPage(t, page, err, listOK, body, func(p *appgroup.Page) []*appgroup.Group { return p.Items }, fzCheckGroup)
		fuzzcheck.CheckList(t, rt, c.List(ctx, nil), listOK, body)
	})
}

// fzValidName is the documented name rule: 1 to 64 characters, each a
// letter, a digit, a Chinese character (U+4E00 to U+9FFF), _ or -.
func fzValidName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > 64 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' || 0x4E00 <= r && r <= 0x9FFF) {
			return false
		}
	}
	return true
}

// FuzzValidation drives every call with arbitrary IDs, names, descriptions
// and list options. set chooses the fields of Update (bit 0 name, 1 server
// group, 2 description); ids is a comma-separated list for BatchDelete.
func FuzzValidation(f *testing.F) {
	f.Add(fzProject, fzGroup, "office-apps", fzServer, "Office apps", "APP_GROUP", "COMMON_APP", uint8(7), "1,2,3", "office", int32(0), int32(0))
	f.Add(fzProject, "..", "财务-apps_1", "", "", "", "", uint8(0), "a,,b", "", int32(101), int32(-1))
	f.Add("p/q", "a/b", "office apps", "sg?x", "line\r\nbreak", "APP", "SESSION_DESKTOP_APP", uint8(1), strings.Repeat("x,", 45), "n&x=y", int32(100), int32(5))
	f.Add("p", ".", strings.Repeat("名", 65), "%", "\x00", "app_group", "other", uint8(2), "id\x00,ok", "\xff", int32(-1), int32(0))
	f.Add(fzProject, "g#1", "", "sg", "d", "", "", uint8(4), "", "", int32(1), int32(1<<30))
	f.Fuzz(func(t *testing.T, project, groupID, name, serverID, description, authType, appType string, set uint8, ids, listName string, pageSize, offset int32) {
		ctx := context.Background()
		rt := &fuzzcheck.Transport{Body: []byte(`{}`)}
		c := fuzzcheck.ValidationClient(t, rt, func() (*appgroup.Client, error) { return fzClient(t, rt, project) }, func() { project = fzProject })
		base := []string{"v1", project, "app-groups"}
		item := []string{"v1", project, "app-groups", groupID}
		body := func(r fuzzcheck.Request) map[string]any {
			var m map[string]any
			if err := json.Unmarshal(r.Body, &m); err != nil {
				t.Fatalf("body %q: %v", r.Body, err)
			}
			return m
		}

		_, err := c.Get(ctx, groupID)
		fuzzcheck.Outcome(t, "Get", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, item...) })
		err = c.Delete(ctx, groupID)
		fuzzcheck.Outcome(t, "Delete", rt, err, nil, func(r fuzzcheck.Request) { fuzzcheck.CheckRequest(t, fzHost, r, item...) })

		_, err = c.Create(ctx, appgroup.CreateInput{Name: name, AppServerGroupID: serverID, Description: description,
			AuthorizationType: appgroup.AuthorizationType(authType), AppType: appgroup.AppType(appType)})
		fuzzcheck.Outcome(t, "Create", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, base...)
			if m := body(r); !fzValidName(name) || m["name"] != name {
				t.Fatalf("sent the name %q for %q", m["name"], name)
			}
		})

		var in appgroup.UpdateInput
		if set&1 != 0 {
			in.Name = &name
		}
		if set&2 != 0 {
			in.AppServerGroupID = &serverID
		}
		if set&4 != 0 {
			in.Description = &description
		}
		_, err = c.Update(ctx, groupID, in)
		fuzzcheck.Outcome(t, "Update", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, item...)
			m := body(r)
			if len(m) == 0 || len(m) != bitCount(set&7) {
				t.Fatalf("sent %q for the fields %03b", r.Body, set&7)
			}
			if in.Name != nil && (!fzValidName(name) || m["name"] != name) {
				t.Fatalf("sent the name %q for %q", m["name"], name)
			}
		})

		_, err = c.CheckName(ctx, name)
		fuzzcheck.Outcome(t, "CheckName", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, "v1", project, "app-groups", "rules", "validate")
			if n := utf8.RuneCountInString(name); n < 1 || n > appgroup.CheckNameMaxLen {
				t.Fatalf("sent a name of %d characters", n)
			}
		})

		_, err = c.ListPage(ctx, &appgroup.ListOptions{AppServerGroupID: serverID, AppGroupID: groupID, Name: listName,
			AuthorizationType: appgroup.AuthorizationType(authType), AppType: appgroup.AppType(appType), PageSize: int(pageSize), Offset: int64(offset)})
		fuzzcheck.Outcome(t, "ListPage", rt, err, nil, func(r fuzzcheck.Request) {
			fuzzcheck.CheckRequest(t, fzHost, r, base...)
			q, err := url.ParseQuery(r.Req.URL.RawQuery)
			if err != nil || q.Get("name") != listName || q.Get("app_group_id") != groupID || q.Get("app_server_group_id") != serverID {
				t.Fatalf("query %q (%v) does not carry the filters", r.Req.URL.RawQuery, err)
			}
			if pageSize < 0 || pageSize > appgroup.MaxPageSize || offset < 0 {
				t.Fatalf("sent page size %d and offset %d", pageSize, offset)
			}
		})

		// BatchDelete: nothing sent for a rejected ID; otherwise every
		// distinct ID once, in order, at most 20 a request.
		var list []string
		if ids != "" {
			list = strings.Split(ids, ",")
		}
		var distinct []string
		for _, id := range list {
			if !slices.Contains(distinct, id) {
				distinct = append(distinct, id)
			}
		}
		res, err := c.BatchDelete(ctx, list)
		sent := rt.Sent
		rt.Sent = nil
		if errors.Is(err, appgroup.ErrValidation) {
			if len(sent) != 0 || !slices.Equal(res.NotDeleted, distinct) || len(res.Deleted) != 0 {
				t.Fatalf("BatchDelete rejected %q (%v) but sent %d requests, result %+v", list, err, len(sent), res)
			}
			return
		}
		if err != nil {
			t.Fatalf("BatchDelete: %v", err)
		}
		var got []string
		for _, r := range sent {
			fuzzcheck.CheckRequest(t, fzHost, r, "v1", project, "app-groups", "batch-delete")
			var b struct {
				IDs []string `json:"ids"`
			}
			if err := json.Unmarshal(r.Body, &b); err != nil || len(b.IDs) == 0 || len(b.IDs) > appgroup.MaxBatchDeleteIDs {
				t.Fatalf("batch-delete body %q: %v", r.Body, err)
			}
			got = append(got, b.IDs...)
		}
		if !slices.Equal(got, distinct) || !slices.Equal(res.Deleted, distinct) {
			t.Fatalf("BatchDelete(%q) sent %q, reported %q", list, got, res.Deleted)
		}
		for _, id := range distinct {
			if id == "" || id == "." || id == ".." || strings.ContainsAny(id, "/\\") || strings.ContainsFunc(id, unicode.IsControl) {
				t.Fatalf("BatchDelete sent the ID %q", id)
			}
		}
	})
}

func bitCount(b uint8) int {
	n := 0
	for ; b != 0; b &= b - 1 {
		n++
	}
	return n
}
