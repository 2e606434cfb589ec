package apiproduct_test

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// testOrg and testToken are the organization and the token of newClient.
const testOrg, testToken = "acme-prod", "ya29.test-access-token"

// seedProduct is the product of the seed's update call (every field of the
// seed's GoogleCloudApigeeV1ApiProduct, plus the gRPC group and a Space) as
// the server returns it, with the int64 times as strings.
const seedProduct = `{
  "name": "weather-premium",
  "displayName": "Weather Premium",
  "description": "Forecast and history endpoints of the weather API, 10,000 calls a month.",
  "approvalType": "manual",
  "attributes": [{"name": "access", "value": "public"}, {"name": "tier", "value": "premium"}],
  "environments": ["test", "prod"],
  "proxies": ["weather-v1"],
  "operationGroup": {
    "operationConfigType": "proxy",
    "operationConfigs": [{
      "apiSource": "weather-v1",
      "operations": [{"resource": "/forecast/**", "methods": ["GET"]}],
      "quota": {"limit": "1000", "interval": "1", "timeUnit": "day"},
      "attributes": [{"name": "cost", "value": "low"}]
    }]
  },
  "graphqlOperationGroup": {
    "operationConfigType": "remoteservice",
    "operationConfigs": [{
      "apiSource": "weather-graph",
      "operations": [{"operation": "forecast", "operationTypes": ["query"]}],
      "quota": {"limit": "50", "interval": "1", "timeUnit": "minute"}
    }]
  },
  "grpcOperationGroup": {
    "operationConfigs": [{
      "apiSource": "weather-grpc",
      "service": "weather.v1.Forecasts",
      "methods": ["GetForecast"],
      "quota": {"limit": "10", "interval": "2", "timeUnit": "hour"}
    }]
  },
  "quota": "10000",
  "quotaInterval": "1",
  "quotaTimeUnit": "month",
  "quotaCounterScope": "PROXY",
  "scopes": ["weather.read"],
  "space": "red-team",
  "createdAt": "1700000000000",
  "lastModifiedAt": "1731456000123"
}`

// serve starts a server that records every request (the fakes' shared
// machinery, without a credential check) and answers with h.
func serve(t *testing.T, h http.HandlerFunc) *fake.Server {
	t.Helper()
	srv := fake.NewServer(h, nil, fake.WriteGoogleError)
	t.Cleanup(srv.Close)
	return srv
}

// reply answers every request with status and body.
func reply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// sleeps records the backoff waits instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) hooks() transport.Hooks {
	return transport.Hooks{
		Sleep: func(_ context.Context, d time.Duration) error {
			s.mu.Lock()
			s.d = append(s.d, d)
			s.mu.Unlock()
			return nil
		},
		Rand: func() float64 { return 0.5 },
	}
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newClient returns a client for endpoint with a fixed token, whose backoff
// waits are recorded rather than slept.
func newClient(t *testing.T, endpoint string, extra ...apiproduct.Option) (*apiproduct.Client, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	opts := append([]apiproduct.Option{
		apiproduct.WithEndpoint(endpoint),
		apiproduct.WithToken(testToken),
		clientopt.WithHooks(sl.hooks()),
	}, extra...)
	c, err := apiproduct.NewClient(testOrg, opts...)
	require.NoError(t, err)
	return c, sl
}

// fakeClient returns a fake Apigee and a client for it.
func fakeClient(t *testing.T) (*apiproducttest.Server, *apiproduct.Client) {
	t.Helper()
	srv := apiproducttest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.NewClient()
	require.NoError(t, err)
	return srv, c
}

// seed returns seedProduct as Get decodes it.
func seed(t *testing.T) *apiproduct.Product {
	t.Helper()
	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, _ := newClient(t, srv.URL())
	p, err := c.Get(context.Background(), "weather-premium")
	require.NoError(t, err)
	return p
}
