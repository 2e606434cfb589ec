package apiproduct_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

func TestSeedProductDecodesFully(t *testing.T) {
	p := seed(t)
	want := &apiproduct.Product{
		Name:         "weather-premium",
		DisplayName:  "Weather Premium",
		Description:  "Forecast and history endpoints of the weather API, 10,000 calls a month.",
		ApprovalType: apiproduct.ApprovalManual,
		Attributes:   []apiproduct.Attribute{{Name: "access", Value: "public"}, {Name: "tier", Value: "premium"}},
		Environments: []string{"test", "prod"},
		Proxies:      []string{"weather-v1"},
		OperationGroup: &apiproduct.OperationGroup{
			OperationConfigType: apiproduct.ConfigProxy,
			OperationConfigs: []apiproduct.OperationConfig{{
				APISource:  "weather-v1",
				Operations: []apiproduct.Operation{{Resource: "/forecast/**", Methods: []string{"GET"}}},
				Quota:      &apiproduct.Quota{Limit: "1000", Interval: "1", TimeUnit: apiproduct.Day},
				Attributes: []apiproduct.Attribute{{Name: "cost", Value: "low"}},
			}},
		},
		GraphQLOperationGroup: &apiproduct.GraphQLOperationGroup{
			OperationConfigType: apiproduct.ConfigRemoteService,
			OperationConfigs: []apiproduct.GraphQLOperationConfig{{
				APISource:  "weather-graph",
				Operations: []apiproduct.GraphQLOperation{{Operation: "forecast", OperationTypes: []apiproduct.GraphQLOperationType{apiproduct.GraphQLQuery}}},
				Quota:      &apiproduct.Quota{Limit: "50", Interval: "1", TimeUnit: apiproduct.Minute},
			}},
		},
		GRPCOperationGroup: &apiproduct.GRPCOperationGroup{
			OperationConfigs: []apiproduct.GRPCOperationConfig{{
				APISource: "weather-grpc", Service: "weather.v1.Forecasts", Methods: []string{"GetForecast"},
				Quota: &apiproduct.Quota{Limit: "10", Interval: "2", TimeUnit: apiproduct.Hour},
			}},
		},
		Quota:             "10000",
		QuotaInterval:     "1",
		QuotaTimeUnit:     apiproduct.Month,
		QuotaCounterScope: apiproduct.QuotaCounterScopeProxy,
		Scopes:            []string{"weather.read"},
		Space:             "red-team",
		CreatedAt:         time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC),
		LastModifiedAt:    time.UnixMilli(1731456000123).UTC(),
	}
	// Compare through JSON: Product keeps unexported bookkeeping.
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(p)
	assert.JSONEq(t, string(wantJSON), string(gotJSON))
	assert.Equal(t, int64(1731456000123), p.LastModifiedAt.UnixMilli())
	assert.Equal(t, time.UTC, p.CreatedAt.Location())
}

func TestLLMAndPayloadGroupsRoundTrip(t *testing.T) {
	const body = `{"name":"ai","llmOperationGroup":{"operationConfigs":[{"apiSource":"gemini-proxy",` +
		`"llmOperations":[{"resource":"/v1/chat","model":"gemini-pro","methods":["POST"]}],` +
		`"llmTokenQuota":{"limit":"50000","interval":"12","timeUnit":"hour"},"attributes":[{"name":"a","value":"b"}]}]},` +
		`"llmQuota":"100000","llmQuotaInterval":"1","llmQuotaTimeUnit":"day",` +
		`"payloadOperationGroup":{"operationConfigs":[{"apiSource":"mcp","operations":[{"operation":"tools/call/get_weather"}],` +
		`"quota":{"limit":"5","interval":"1"}}]}}`
	srv := serve(t, reply(http.StatusOK, body))
	c, _ := newClient(t, srv.URL())
	p, err := c.Get(context.Background(), "ai")
	require.NoError(t, err)
	require.NotNil(t, p.LLMOperationGroup)
	llm := p.LLMOperationGroup.OperationConfigs[0]
	assert.Equal(t, "gemini-pro", llm.LLMOperations[0].Model)
	assert.Equal(t, apiproduct.LLMTokenQuota{Limit: "50000", Interval: "12", TimeUnit: apiproduct.Hour}, llm.LLMTokenQuota)
	assert.Equal(t, apiproduct.Day, p.LLMQuotaTimeUnit)
	assert.Equal(t, "tools/call/get_weather", p.PayloadOperationGroup.OperationConfigs[0].Operations[0].Operation)

	// Sent back unchanged, the body is the same JSON.
	_, err = c.Update(context.Background(), p)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(srv.Requests()[1].Body))
}

// The seed's call: PUT of the whole product to the escaped path, with the
// bearer token, and never the response-only fields.
func TestUpdateWireExact(t *testing.T) {
	p := seed(t)
	p.Name = "weather premium $5 50%"
	p.Description = "changed"
	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, _ := newClient(t, srv.URL())
	_, err := c.Update(context.Background(), p)
	require.NoError(t, err)

	require.Len(t, srv.Requests(), 1)
	r := srv.LastRequest()
	assert.Equal(t, map[string]string{
		"method":        http.MethodPut,
		"escaped path":  "/v1/organizations/acme-prod/apiproducts/weather%20premium%20$5%2050%25",
		"path":          "/v1/organizations/acme-prod/apiproducts/weather premium $5 50%",
		"query":         "",
		"authorization": "Bearer " + testToken,
		"content type":  "application/json",
	}, map[string]string{
		"method":        r.Method,
		"escaped path":  r.RawPath,
		"path":          r.Path,
		"query":         r.RawQuery,
		"authorization": r.Header.Get("Authorization"),
		"content type":  r.Header.Get("Content-Type"),
	})
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "apimgmt-go/"))

	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(seedProduct), &want))
	delete(want, "createdAt")
	delete(want, "lastModifiedAt")
	want["name"] = "weather premium $5 50%"
	want["description"] = "changed"
	wantJSON, _ := json.Marshal(want)
	assert.JSONEq(t, string(wantJSON), string(r.Body))
	assert.NotContains(t, string(r.Body), "createdAt")
	assert.NotContains(t, string(r.Body), "lastModifiedAt")
}

func TestModifyChangesOnlyWhatTheCallbackChanges(t *testing.T) {
	srv, c := fakeClient(t)
	// A field this SDK does not model must survive the read-modify-write.
	obj := strings.Replace(seedProduct, `"space": "red-team",`, `"space": "red-team", "futureField": {"x": [1, 2]},`, 1)
	require.NoError(t, srv.AddProductJSON(obj))

	got, err := c.Modify(context.Background(), "weather-premium", func(p *apiproduct.Product) error {
		p.DisplayName = "Weather Premium (new)"
		p.Environments = append(p.Environments, "staging")
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "Weather Premium (new)", got.DisplayName)
	assert.Equal(t, time.UnixMilli(1700000000000).UTC(), got.CreatedAt, "createdAt is kept")

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodGet, reqs[0].Method)
	assert.Equal(t, http.MethodPut, reqs[1].Method)
	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(obj), &want))
	delete(want, "createdAt")
	delete(want, "lastModifiedAt")
	want["displayName"] = "Weather Premium (new)"
	want["environments"] = []any{"test", "prod", "staging"}
	wantJSON, _ := json.Marshal(want)
	assert.JSONEq(t, string(wantJSON), string(reqs[1].Body))
}

func TestModifyErrors(t *testing.T) {
	srv, c := fakeClient(t)
	srv.AddProduct("p1", "P1")
	ctx := context.Background()

	boom := errors.New("boom")
	_, err := c.Modify(ctx, "p1", func(*apiproduct.Product) error { return boom })
	assert.ErrorIs(t, err, boom)

	_, err = c.Modify(ctx, "p1", func(p *apiproduct.Product) error { p.Name = "p2"; return nil })
	assert.ErrorIs(t, err, apiproduct.ErrValidation)
	assert.ErrorContains(t, err, "name cannot be changed")

	_, err = c.Modify(ctx, "p1", func(p *apiproduct.Product) error { p.ApprovalType = "sometimes"; return nil })
	assert.ErrorIs(t, err, apiproduct.ErrValidation)

	_, err = c.Modify(ctx, "missing", func(*apiproduct.Product) error { return nil })
	assert.ErrorIs(t, err, apiproduct.ErrNotFound)

	_, err = c.Modify(ctx, "p1", nil)
	assert.ErrorIs(t, err, apiproduct.ErrValidation)

	for _, r := range srv.Requests() {
		assert.NotEqual(t, http.MethodPut, r.Method, "nothing may be written")
	}
}

func TestAttributesAndMoveAgainstFake(t *testing.T) {
	const name = "Gold $ 100%"
	srv, c := fakeClient(t)
	ctx := context.Background()
	_, err := c.Create(ctx, &apiproduct.Product{Name: name, DisplayName: "Gold", Attributes: []apiproduct.Attribute{{Name: "access", Value: "private"}}})
	require.NoError(t, err)

	got, err := c.ReplaceAttributes(ctx, name, []apiproduct.Attribute{{Name: "access", Value: "public"}, {Name: "tier", Value: "gold"}})
	require.NoError(t, err)
	assert.Len(t, got, 2)
	list, err := c.ListAttributes(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, []apiproduct.Attribute{{Name: "access", Value: "public"}, {Name: "tier", Value: "gold"}}, list)

	a, err := c.UpdateAttribute(ctx, name, "tier", "platinum")
	require.NoError(t, err)
	assert.Equal(t, &apiproduct.Attribute{Name: "tier", Value: "platinum"}, a)
	a, err = c.GetAttribute(ctx, name, "tier")
	require.NoError(t, err)
	assert.Equal(t, "platinum", a.Value)
	assert.Equal(t, "/v1/organizations/fake-org/apiproducts/Gold%20$%20100%25/attributes/tier", srv.LastRequest().RawPath)

	a, err = c.DeleteAttribute(ctx, name, "tier")
	require.NoError(t, err)
	assert.Equal(t, "platinum", a.Value)
	_, err = c.GetAttribute(ctx, name, "tier")
	assert.ErrorIs(t, err, apiproduct.ErrNotFound)
	_, err = c.DeleteAttribute(ctx, name, "tier")
	assert.ErrorIs(t, err, apiproduct.ErrNotFound)

	none, err := c.ReplaceAttributes(ctx, name, nil)
	require.NoError(t, err)
	assert.Empty(t, none)
	assert.JSONEq(t, `{"attribute":[]}`, string(srv.LastRequest().Body))

	moved, err := c.Move(ctx, name, "blue-team")
	require.NoError(t, err)
	assert.Equal(t, "blue-team", moved.Space)
	assert.Equal(t, "/v1/organizations/fake-org/apiproducts/Gold%20$%20100%25:move", srv.LastRequest().RawPath)
	moved, err = c.Move(ctx, name, "")
	require.NoError(t, err)
	assert.Empty(t, moved.Space)
	assert.JSONEq(t, `{}`, string(srv.LastRequest().Body))

	require.NoError(t, c.Delete(ctx, name))
	_, err = c.Get(ctx, name)
	assert.ErrorIs(t, err, apiproduct.ErrNotFound)
	_, err = c.ListAttributes(ctx, name)
	assert.ErrorIs(t, err, apiproduct.ErrNotFound)
}

func TestMalformedSuccessBodies(t *testing.T) {
	srv := serve(t, reply(http.StatusOK, `not json`))
	c, _ := newClient(t, srv.URL())
	ctx := context.Background()
	_, err := c.Get(ctx, "p")
	assert.ErrorIs(t, err, apiproduct.ErrMalformedResponse)
	_, err = c.ListAttributes(ctx, "p")
	assert.ErrorIs(t, err, apiproduct.ErrMalformedResponse)
	_, err = c.GetAttribute(ctx, "p", "a")
	assert.ErrorIs(t, err, apiproduct.ErrMalformedResponse)
}
