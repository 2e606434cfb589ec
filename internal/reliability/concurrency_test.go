package reliability_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// sharedFaults are the faults queued on every fake of the concurrency test,
// taken by whichever requests arrive.
func sharedFaults(svc string) []fake.Fault {
	return []fake.Fault{
		{Status: 503, Body: errBody(svc, 503)},
		{Status: 429, Body: errBody(svc, 429), Header: http.Header{"Retry-After": {"1"}}},
		{Drop: true},
		{Drop: true, Reset: true},
		{Status: 200, Body: jsonOf(1024), CutAfter: 50},
		{Status: 200, Body: []byte(`{"id":"trunc`)},
		{Status: 502, Body: []byte(htmlBadGateway), Header: http.Header{"Content-Type": {"text/html"}}},
		{Status: 302, Header: http.Header{"Location": {"/elsewhere"}}},
		{Status: 200, Body: jsonOf(2 * maxBytes)},
		{Delay: 2 * time.Millisecond},
		{Status: 500, Body: errBody(svc, 500), Trickle: 100 * time.Microsecond},
	}
}

// isCreate reports whether a request creates something (or, for appgroup's
// name check, is otherwise not safe to repeat) and so must reach the fake at
// most once; each such call of the test sends a name of its own.
func isCreate(svc string, r fake.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	switch svc {
	case svcAPIGroup:
		return strings.HasSuffix(r.Path, "/api-groups")
	case svcAppGroup:
		return strings.HasSuffix(r.Path, "/app-groups")
	case svcAPIProxyGroup:
		return strings.HasSuffix(r.Path, "/apiProxyGroups/")
	}
	return strings.HasSuffix(r.Path, "/apiproducts")
}

// TestSharedClientUnderFaults runs 64 goroutines that share one HTTP client
// (and one client per service built on it) through mixed operations of all
// four services while the fakes inject faults. It runs clean under -race,
// every failure is a typed error, nothing that is not safe to repeat is sent
// twice, no credential is printed, and at the end, once the client's idle
// connections are closed, the fakes count no connection left open (a
// response body left unclosed would keep one) and no goroutine is left.
func TestSharedClientUnderFaults(t *testing.T) {
	const goroutines, rounds = 64, 6

	// The fakes, with something to read, update and delete.
	agFake, appFake := apigrouptest.NewServer(), appgrouptest.NewServer()
	pgFake, prFake := apiproxygrouptest.NewServer(), apiproducttest.NewServer()
	fakes := map[string]*fake.Server{svcAPIGroup: agFake.Server, svcAppGroup: appFake.Server,
		svcAPIProxyGroup: pgFake.Server, svcAPIProduct: prFake.Server}
	agIDs, appIDs := make([]string, goroutines), make([]string, goroutines)
	for g := range goroutines {
		agIDs[g] = agFake.AddGroup(fmt.Sprintf("seed_%d", g), "")
		appIDs[g] = appFake.AddGroup(appgroup.CreateInput{Name: fmt.Sprintf("seed_%d", g)})
	}
	pgFake.AddGroup(proxyGroup, "Orders", "/orders")
	require.NoError(t, prFake.AddProductJSON(`{"name":"`+product+`","attributes":[{"name":"`+attribute+`","value":"gold"}]}`))

	// One HTTP client for everything.
	d := &dialer{}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 16}
	hc := &http.Client{Transport: tr}
	logs := &logBuffer{}
	sleeps := &sleeper{}
	common := []clientopt.Option{
		clientopt.WithHTTPClient(hc),
		clientopt.WithRetry(policy),
		clientopt.WithLogger(logger(logs)),
		clientopt.WithMaxResponseBytes(maxBytes),
		clientopt.WithHooks(transport.Hooks{Sleep: sleeps.Sleep, Rand: func() float64 { return jitter }}),
	}
	ag, err := apigroup.NewClient(agFake.InstanceID, append(agFake.ClientOptions(), common...)...)
	require.NoError(t, err)
	app, err := appgroup.NewClient(append(appFake.ClientOptions(), common...)...)
	require.NoError(t, err)
	pg, err := apiproxygroup.NewClient(pgFake.Project, append(pgFake.PasswordOptions(), common...)...)
	require.NoError(t, err)
	pr, err := prFake.NewClient(common...)
	require.NoError(t, err)

	for svc, f := range fakes {
		for range 12 {
			for _, fault := range sharedFaults(svc) {
				f.FailNext(1, fault)
			}
		}
	}

	type call func(ctx context.Context, g, r int) error
	calls := map[string][]call{
		svcAPIGroup: {
			func(ctx context.Context, g, r int) error {
				_, err := ag.Create(ctx, apigroup.CreateInput{Name: fmt.Sprintf("new_%d_%d", g, r)})
				return err
			},
			func(ctx context.Context, g, _ int) error { _, err := ag.Get(ctx, agIDs[g]); return err },
			func(ctx context.Context, _, _ int) error { _, err := collect(ag.List(ctx, nil)); return err },
			func(ctx context.Context, g, r int) error {
				_, err := ag.Update(ctx, agIDs[g], apigroup.UpdateInput{Name: fmt.Sprintf("upd_%d_%d", g, r)})
				return err
			},
			func(ctx context.Context, g, _ int) error { return ag.Delete(ctx, agIDs[(g+1)%goroutines]) },
		},
		svcAppGroup: {
			func(ctx context.Context, g, r int) error {
				_, err := app.Create(ctx, appgroup.CreateInput{Name: fmt.Sprintf("new_%d_%d", g, r)})
				return err
			},
			func(ctx context.Context, g, _ int) error { _, err := app.Get(ctx, appIDs[g]); return err },
			func(ctx context.Context, _, _ int) error { _, err := app.ListPage(ctx, nil); return err },
			func(ctx context.Context, g, r int) error {
				_, err := app.Update(ctx, appIDs[g], appgroup.UpdateInput{Description: apimgmt.Ptr(fmt.Sprint(r))})
				return err
			},
			func(ctx context.Context, g, r int) error {
				_, err := app.CheckName(ctx, fmt.Sprintf("check_%d_%d", g, r))
				return err
			},
			func(ctx context.Context, g, _ int) error {
				_, err := app.BatchDelete(ctx, []string{appIDs[(g+1)%goroutines]})
				return err
			},
		},
		svcAPIProxyGroup: {
			func(ctx context.Context, g, r int) error {
				_, err := pg.Create(ctx, apiproxygroup.GroupInput{Name: fmt.Sprintf("new-%d-%d", g, r),
					ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{fmt.Sprintf("/n%d/%d", g, r)}}})
				return err
			},
			func(ctx context.Context, _, _ int) error { _, err := pg.Get(ctx, proxyGroup); return err },
			func(ctx context.Context, _, _ int) error { _, err := collect(pg.List(ctx, nil)); return err },
			func(ctx context.Context, _, _ int) error {
				_, err := pg.Deploy(ctx, proxyGroup, "development", nil)
				return err
			},
			func(ctx context.Context, _, _ int) error { return pg.AddProxy(ctx, proxyGroup, "MyAPI") },
			func(ctx context.Context, _, _ int) error { _, err := pg.DeployHistory(ctx, proxyGroup); return err },
		},
		svcAPIProduct: {
			func(ctx context.Context, g, r int) error {
				_, err := pr.Create(ctx, &apiproduct.Product{Name: fmt.Sprintf("new-%d-%d", g, r)})
				return err
			},
			func(ctx context.Context, _, _ int) error { _, err := pr.Get(ctx, product); return err },
			func(ctx context.Context, _, _ int) error { _, err := collect(pr.List(ctx, nil)); return err },
			func(ctx context.Context, _, r int) error {
				_, err := pr.Modify(ctx, product, func(p *apiproduct.Product) error { p.Description = fmt.Sprint(r); return nil })
				return err
			},
			func(ctx context.Context, _, r int) error {
				_, err := pr.UpdateAttribute(ctx, product, attribute, fmt.Sprint(r))
				return err
			},
			func(ctx context.Context, _, _ int) error { _, err := pr.ListAttributes(ctx, product); return err },
		},
	}

	var (
		mu     sync.Mutex
		errs   []error
		called atomic.Int64
	)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for r := range rounds {
				for i, svc := range serviceNames {
					cs := calls[svc]
					c := cs[(g*7+r*3+i)%len(cs)]
					ctx, cancel := context.WithCancel(context.Background())
					switch (g + r + i) % 13 {
					case 0:
						cancel() // cancelled before it starts
					case 1:
						ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
					}
					err := c(ctx, g, r)
					cancel()
					called.Add(1)
					if err != nil {
						var ae *apierror.Error
						assert.True(t, errors.As(err, &ae), "%s: an untyped error: %v", svc, err)
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				}
			}
		})
	}
	wg.Wait()

	// Nothing that is not safe to repeat reached a fake twice.
	creds := []string{apigrouptest.SecretKey, apigrouptest.AccessKey, appgrouptest.SecretKey, appgrouptest.AccessKey,
		apiproxygrouptest.Password, apiproducttest.Token}
	for svc, f := range fakes {
		reqs := f.Requests()
		creds = append(creds, sentCredentials(reqs)...)
		seen := map[string]int{}
		for _, r := range reqs {
			if !isCreate(svc, r) {
				continue
			}
			var body struct{ Name string }
			if json.Unmarshal(r.Body, &body) == nil {
				seen[r.Path+" "+body.Name]++
			}
		}
		require.NotEmpty(t, seen, svc)
		for k, n := range seen {
			assert.Equal(t, 1, n, "%s: %s sent %d times", svc, k, n)
		}
	}

	// No credential in any error or log line.
	var printed []string
	for _, err := range errs {
		printed = append(printed, texts(nil, err, nil, "")...)
	}
	printed = append(printed, logs.String())
	assert.Empty(t, sightings(creds, printed))

	// With its idle connections closed, the client holds none open: every
	// response body was read and closed, every connection given back.
	open := 0
	for _, f := range fakes {
		open += f.OpenConnections()
	}
	tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for svc, f := range fakes {
		n, err := f.AwaitOpenConnections(ctx, 0)
		assert.NoError(t, err, "%s: %d connections still open", svc, n)
		f.Close()
	}
	goleak.VerifyNone(t)
	t.Logf("%d calls by %d goroutines on one client: %d failed with a typed error, %d backoff waits; %d connections dialled, %d open before the idle ones were closed, 0 after",
		called.Load(), goroutines, len(errs), len(sleeps.Delays()), d.n.Load(), open)
}
