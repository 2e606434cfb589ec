package apiproduct_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// everyNestedType has every nested type of a product: the REST, GraphQL, gRPC,
// LLM and payload operation groups with their configurations, operations,
// quotas and attributes.
const everyNestedType = `{
  "name": "weather-premium",
  "displayName": "Weather Premium",
  "approvalType": "auto",
  "attributes": [{"name": "access", "value": "public"}, {"name": "tier", "value": "gold"}],
  "environments": ["prod"],
  "operationGroup": {
    "operationConfigType": "proxy",
    "operationConfigs": [{
      "apiSource": "weather-v1",
      "operations": [{"resource": "/forecast", "methods": ["GET"]}],
      "quota": {"limit": "1000", "interval": "1", "timeUnit": "day"},
      "attributes": [{"name": "cost", "value": "low"}]
    }, {
      "apiSource": "weather-v2",
      "operations": [{"resource": "/history"}]
    }]
  },
  "graphqlOperationGroup": {
    "operationConfigType": "proxy",
    "operationConfigs": [{
      "apiSource": "weather-graph",
      "operations": [{"operation": "forecast", "operationTypes": ["query"]}],
      "quota": {"limit": "50", "interval": "1", "timeUnit": "minute"},
      "attributes": [{"name": "cost", "value": "high"}]
    }]
  },
  "grpcOperationGroup": {
    "operationConfigs": [{
      "apiSource": "weather-grpc",
      "service": "weather.v1.Forecasts",
      "methods": ["GetForecast"],
      "quota": {"limit": "10", "interval": "2", "timeUnit": "hour"},
      "attributes": [{"name": "cost", "value": "mid"}]
    }]
  },
  "llmOperationGroup": {
    "operationConfigs": [{
      "apiSource": "weather-llm",
      "llmOperations": [{"resource": "/chat", "model": "gemini", "methods": ["POST"]}],
      "llmTokenQuota": {"limit": "100000", "interval": "1", "timeUnit": "day"},
      "attributes": [{"name": "cost", "value": "tokens"}]
    }]
  },
  "payloadOperationGroup": {
    "operationConfigs": [{
      "apiSource": "weather-mcp",
      "operations": [{"operation": "tools/call/get_weather"}],
      "quota": {"limit": "5", "interval": "1", "timeUnit": "minute"},
      "attributes": [{"name": "cost", "value": "call"}]
    }]
  },
  "createdAt": "1700000000000",
  "lastModifiedAt": "1731456000123"
}`

// unmodelledPaths are the objects of everyNestedType, at every depth, that get
// a member the package does not model.
var unmodelledPaths = []string{
	"",
	"attributes[0]",
	"attributes[1]",
	"operationGroup",
	"operationGroup.operationConfigs[0]",
	"operationGroup.operationConfigs[0].operations[0]",
	"operationGroup.operationConfigs[0].quota",
	"operationGroup.operationConfigs[0].attributes[0]",
	"operationGroup.operationConfigs[1].operations[0]",
	"graphqlOperationGroup",
	"graphqlOperationGroup.operationConfigs[0]",
	"graphqlOperationGroup.operationConfigs[0].operations[0]",
	"graphqlOperationGroup.operationConfigs[0].quota",
	"graphqlOperationGroup.operationConfigs[0].attributes[0]",
	"grpcOperationGroup",
	"grpcOperationGroup.operationConfigs[0]",
	"grpcOperationGroup.operationConfigs[0].quota",
	"grpcOperationGroup.operationConfigs[0].attributes[0]",
	"llmOperationGroup",
	"llmOperationGroup.operationConfigs[0]",
	"llmOperationGroup.operationConfigs[0].llmOperations[0]",
	"llmOperationGroup.operationConfigs[0].llmTokenQuota",
	"llmOperationGroup.operationConfigs[0].attributes[0]",
	"payloadOperationGroup",
	"payloadOperationGroup.operationConfigs[0]",
	"payloadOperationGroup.operationConfigs[0].operations[0]",
	"payloadOperationGroup.operationConfigs[0].quota",
	"payloadOperationGroup.operationConfigs[0].attributes[0]",
}

// unmodelled is the member put at each path: nested, with a number whose
// text must survive as it is.
const unmodelled = `{"rollout": {"stage": 2, "ratio": 1.50, "tags": [{"k": "a"}]}}`

// decodeJSON decodes data into a tree of maps, slices and json.Number.
func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v), "%s", data)
	return v
}

// at returns the object at path in the tree v (nil when it is not there).
func at(v any, path string) map[string]any {
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

// withMember returns doc with the member name: value (JSON) added to the
// object at path.
func withMember(t *testing.T, doc, path, name, value string) string {
	t.Helper()
	tree := decodeJSON(t, []byte(doc))
	obj := at(tree, path)
	require.NotNil(t, obj, "no object at %q", path)
	obj[name] = decodeJSON(t, []byte(value))
	out, err := json.Marshal(tree)
	require.NoError(t, err)
	return string(out)
}

// productServer answers GET with the product, a List with a page holding
// it, and PUT with the product sent, and records the PUT bodies.
type productServer struct {
	mu      sync.Mutex
	product string
	puts    [][]byte
}

func (s *productServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPut:
		body, _ := io.ReadAll(r.Body)
		s.puts = append(s.puts, body)
		_, _ = w.Write(body)
	case strings.HasSuffix(r.URL.Path, "/apiproducts"):
		_, _ = io.WriteString(w, `{"apiProduct": [{"name": "other", "future": {"x": 1}}, `+s.product+`, {"name": "plain"}]}`)
	default:
		_, _ = io.WriteString(w, s.product)
	}
}

func (s *productServer) lastPut(t *testing.T) any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotEmpty(t, s.puts, "nothing was PUT")
	return decodeJSON(t, s.puts[len(s.puts)-1])
}

func newProductServer(t *testing.T, product string) (*productServer, *apiproduct.Client) {
	t.Helper()
	s := &productServer{product: product}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, _ := newClient(t, srv.URL)
	return s, c
}

// readProduct reads the product named "weather-premium" the way named.
func readProduct(t *testing.T, c *apiproduct.Client, how string) *apiproduct.Product {
	t.Helper()
	ctx := context.Background()
	switch how {
	case "Get":
		p, err := c.Get(ctx, "weather-premium")
		require.NoError(t, err)
		return p
	case "List":
		for p, err := range c.List(ctx, &apiproduct.ListOptions{Expand: true}) {
			require.NoError(t, err)
			if p.Name == "weather-premium" {
				return p
			}
		}
	case "Update":
		p, err := c.Get(ctx, "weather-premium")
		require.NoError(t, err)
		p, err = c.Update(ctx, p) // the product the update answers with
		require.NoError(t, err)
		return p
	}
	t.Fatalf("%s: product not read", how)
	return nil
}

// Every member the package does not model, at every depth of every nested
// type, survives an Update of a product that was read by Get, by List with
// Expand, or by Update itself, while the change is sent.
func TestUpdateKeepsUnmodelledMembersAtEveryDepth(t *testing.T) {
	for _, how := range []string{"Get", "List", "Update"} {
		for _, path := range unmodelledPaths {
			t.Run(how+"/"+path, func(t *testing.T) {
				s, c := newProductServer(t, withMember(t, everyNestedType, path, "future", unmodelled))
				p := readProduct(t, c, how)
				p.Description = "changed"
				_, err := c.Update(context.Background(), p)
				require.NoError(t, err)
				sent := s.lastPut(t)
				obj := at(sent, path)
				require.NotNil(t, obj, "%s is not sent", path)
				assert.Equal(t, decodeJSON(t, []byte(unmodelled)), obj["future"], "%s.future", path)
				assert.Equal(t, "changed", at(sent, "")["description"])
				assert.NotContains(t, at(sent, ""), "createdAt")
				assert.NotContains(t, at(sent, ""), "lastModifiedAt")
			})
		}
	}
}

// A product listed next to one with unmodelled members keeps nothing of its
// neighbour's.
func TestListedProductKeepsOnlyItsOwnMembers(t *testing.T) {
	s, c := newProductServer(t, everyNestedType)
	for p, err := range c.List(context.Background(), &apiproduct.ListOptions{Expand: true}) {
		require.NoError(t, err)
		if p.Name != "plain" {
			continue
		}
		_, err := c.Update(context.Background(), p)
		require.NoError(t, err)
	}
	assert.Equal(t, map[string]any{"name": "plain"}, s.lastPut(t))
}

// A modelled field the caller cleared is not sent, at any depth, although
// the product as read had it.
func TestUpdateSendsClearedFieldsCleared(t *testing.T) {
	s, c := newProductServer(t, withMember(t, everyNestedType, "", "future", unmodelled))
	p := readProduct(t, c, "Get")
	p.DisplayName = ""
	p.Environments = nil
	p.GRPCOperationGroup = nil
	p.OperationGroup.OperationConfigs[0].Quota = nil
	p.OperationGroup.OperationConfigs[0].Operations[0].Methods = nil
	p.LLMOperationGroup.OperationConfigs[0].LLMTokenQuota.TimeUnit = ""
	_, err := c.Update(context.Background(), p)
	require.NoError(t, err)
	sent := s.lastPut(t)
	top := at(sent, "")
	assert.NotContains(t, top, "displayName")
	assert.NotContains(t, top, "environments")
	assert.NotContains(t, top, "grpcOperationGroup")
	assert.NotContains(t, at(sent, "operationGroup.operationConfigs[0]"), "quota")
	assert.NotContains(t, at(sent, "operationGroup.operationConfigs[0].operations[0]"), "methods")
	assert.NotContains(t, at(sent, "llmOperationGroup.operationConfigs[0].llmTokenQuota"), "timeUnit")
	assert.Contains(t, top, "future")
}

// An element removed from an array is not sent again, and the unmodelled
// members of the elements kept go with them, wherever they moved; an element
// changed in place in an array of unchanged length keeps its own; an added
// one carries none.
func TestUpdateArraysNeitherResurrectNorMisattribute(t *testing.T) {
	doc := withMember(t, everyNestedType, "attributes[0]", "future", `"of-access"`)
	doc = withMember(t, doc, "attributes[1]", "future", `"of-tier"`)
	doc = withMember(t, doc, "operationGroup.operationConfigs[0]", "future", `"of-v1"`)
	doc = withMember(t, doc, "operationGroup.operationConfigs[1]", "future", `"of-v2"`)
	ctx := context.Background()

	t.Run("remove", func(t *testing.T) {
		s, c := newProductServer(t, doc)
		p := readProduct(t, c, "Get")
		p.Attributes = p.Attributes[1:] // drop access
		p.OperationGroup.OperationConfigs = p.OperationGroup.OperationConfigs[:1]
		_, err := c.Update(ctx, p)
		require.NoError(t, err)
		sent := s.lastPut(t)
		attrs := sent.(map[string]any)["attributes"].([]any)
		require.Len(t, attrs, 1)
		assert.Equal(t, map[string]any{"name": "tier", "value": "gold", "future": "of-tier"}, attrs[0])
		configs := at(sent, "operationGroup")["operationConfigs"].([]any)
		require.Len(t, configs, 1)
		assert.Equal(t, "of-v1", configs[0].(map[string]any)["future"])
	})
	t.Run("reorder", func(t *testing.T) {
		s, c := newProductServer(t, doc)
		p := readProduct(t, c, "Get")
		a := p.Attributes
		a[0], a[1] = a[1], a[0]
		_, err := c.Update(ctx, p)
		require.NoError(t, err)
		sent := s.lastPut(t)
		assert.Equal(t, map[string]any{"name": "tier", "value": "gold", "future": "of-tier"}, at(sent, "attributes[0]"))
		assert.Equal(t, map[string]any{"name": "access", "value": "public", "future": "of-access"}, at(sent, "attributes[1]"))
	})
	t.Run("change in place", func(t *testing.T) {
		s, c := newProductServer(t, doc)
		p := readProduct(t, c, "Get")
		p.Attributes[1].Value = "platinum"
		_, err := c.Update(ctx, p)
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"name": "tier", "value": "platinum", "future": "of-tier"}, at(s.lastPut(t), "attributes[1]"))
	})
	t.Run("remove and add", func(t *testing.T) {
		s, c := newProductServer(t, doc)
		p := readProduct(t, c, "Get")
		p.Attributes = append(p.Attributes[1:], apiproduct.Attribute{Name: "new", Value: "v"})
		_, err := c.Update(ctx, p)
		require.NoError(t, err)
		sent := s.lastPut(t)
		assert.Equal(t, map[string]any{"name": "tier", "value": "gold", "future": "of-tier"}, at(sent, "attributes[0]"))
		assert.Equal(t, map[string]any{"name": "new", "value": "v"}, at(sent, "attributes[1]"))
	})
}

// Against the fake (which stores products as JSON), an Update of a product
// read by Get or List keeps every unmodelled member at every depth: the
// stored product is the one read, with the change alone.
func TestUpdateAgainstFakeKeepsUnmodelledMembers(t *testing.T) {
	doc := everyNestedType
	for i, path := range unmodelledPaths {
		doc = withMember(t, doc, path, "future"+strconv.Itoa(i), unmodelled)
	}
	for _, how := range []string{"Get", "List"} {
		t.Run(how, func(t *testing.T) {
			srv, c := fakeClient(t)
			require.NoError(t, srv.AddProductJSON(doc))
			before, ok := srv.ProductJSON("weather-premium")
			require.True(t, ok)
			p := readProduct(t, c, how)
			p.Description = "changed"
			_, err := c.Update(context.Background(), p)
			require.NoError(t, err)
			after, ok := srv.ProductJSON("weather-premium")
			require.True(t, ok)
			want := at(decodeJSON(t, []byte(before)), "")
			got := at(decodeJSON(t, []byte(after)), "")
			want["description"] = "changed"
			delete(want, "lastModifiedAt")
			delete(got, "lastModifiedAt")
			assert.Equal(t, want, got)
		})
	}
}
