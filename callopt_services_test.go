package apimgmt_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// service is one service package against its fake: get reads an existing
// resource through a client built with the extra client options.
type service struct {
	name    string
	op      string
	fake    *fake.Server
	secrets []string // the credentials the client sends
	get     func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error
}

func services(t *testing.T) []service {
	t.Helper()
	ag := apigrouptest.NewServer()
	t.Cleanup(ag.Close)
	agID := ag.AddGroup(apigroup.CreateInput{Name: "group_one"}).ID

	wg := appgrouptest.NewServer()
	t.Cleanup(wg.Close)
	wgID := wg.AddGroup(appgroup.CreateInput{Name: "group_one"}).ID

	ap := apiproxygrouptest.NewServer()
	t.Cleanup(ap.Close)
	ap.AddGroup(apiproxygroup.GroupInput{Name: "group-one"})

	pr := apiproducttest.NewServer()
	t.Cleanup(pr.Close)
	pr.AddProduct(&apiproduct.Product{Name: "product-one", DisplayName: "Product one", ApprovalType: apiproduct.ApprovalAuto})

	return []service{
		{"apigroup", "apigroup.Get", ag.Server, []string{apigrouptest.SecretKey}, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			c, err := apigroup.NewClient(ag.InstanceID, append(ag.ClientOptions(), asOpts[apigroup.Option](extra)...)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, agID, opts...)
			return err
		}},
		{"apigroup-iam-token", "apigroup.Get", ag.Server, []string{apigrouptest.Token}, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			base := []apigroup.Option{apigroup.WithEndpoint(ag.URL()), apigroup.WithProjectID(apigrouptest.ProjectID), apigroup.WithToken(apigrouptest.Token),
				apigroup.WithRetry(apigroup.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond})}
			c, err := apigroup.NewClient(ag.InstanceID, append(base, asOpts[apigroup.Option](extra)...)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, agID, opts...)
			return err
		}},
		{"apigroup-security-token", "apigroup.Get", ag.Server, []string{apigrouptest.SecretKey, "sts-security-token-value"}, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			base := append(ag.ClientOptions(), apigroup.WithSecurityToken("sts-security-token-value"))
			c, err := apigroup.NewClient(ag.InstanceID, append(base, asOpts[apigroup.Option](extra)...)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, agID, opts...)
			return err
		}},
		{"appgroup", "appgroup.Get", wg.Server, nil, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			c, err := appgroup.NewClient(append(wg.ClientOptions(), asOpts[appgroup.Option](extra)...)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, wgID, opts...)
			return err
		}},
		{"apiproxygroup", "apiproxygroup.Get", ap.Server, []string{apiproxygrouptest.Password}, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			c, err := apiproxygroup.NewClient(apiproxygrouptest.Project, append(ap.PasswordOptions(), asOpts[apiproxygroup.Option](extra)...)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, "group-one", opts...)
			return err
		}},
		{"apiproduct", "apiproduct.Get", pr.Server, []string{apiproducttest.Token}, func(ctx context.Context, extra []any, opts ...apimgmt.CallOption) error {
			c, err := pr.NewClient(asOpts[apiproduct.Option](extra)...)
			require.NoError(t, err)
			_, err = c.Get(ctx, "product-one", opts...)
			return err
		}},
	}
}

// asOpts converts the extra client options of a test to a package's Option.
func asOpts[O any](extra []any) []O {
	var out []O
	for _, e := range extra {
		out = append(out, e.(O))
	}
	return out
}

// lastReq returns the last request the fake answered for op's path (the
// token request of apiproxygroup aside).
func lastReq(f *fake.Server) fake.Request {
	reqs := f.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if !strings.Contains(reqs[i].Path, "token") {
			return reqs[i]
		}
	}
	return fake.Request{}
}

func TestCallOptionsOnEveryService(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			ctx := context.Background()

			// A header reaches the wire (and AK/SK signatures still verify).
			require.NoError(t, s.get(ctx, nil, apimgmt.WithHeader("X-Correlation-Id", "corr-1")))
			assert.Equal(t, "corr-1", lastReq(s.fake).Header.Get("X-Correlation-Id"))

			// A credential header is refused before sending.
			n := len(s.fake.Requests())
			err := s.get(ctx, nil, apimgmt.WithHeader("Authorization", "Bearer mine"))
			assert.ErrorIs(t, err, apimgmt.ErrValidation)
			assert.Len(t, s.fake.Requests(), n)

			// A retry override: one attempt only, then five.
			for _, max := range []int{1, 5} {
				s.fake.ResetRequests()
				s.fake.FailNext(10, fake.Fault{Status: 503, Body: []byte(`{}`), Match: func(r *http.Request) bool { return !strings.Contains(r.URL.Path, "token") }})
				err = s.get(ctx, nil, apimgmt.WithCallRetry(apimgmt.RetryPolicy{MaxAttempts: max, BaseDelay: time.Millisecond}))
				assert.Error(t, err)
				got := 0
				for _, r := range s.fake.Requests() {
					if !strings.Contains(r.Path, "token") {
						got++
					}
				}
				assert.Equal(t, max, got, "attempts with MaxAttempts %d", max)
				s.fake.ClearFaults()
			}

			// A per-call timeout.
			s.fake.FailNext(1, fake.Fault{Delay: time.Minute, Match: func(r *http.Request) bool { return !strings.Contains(r.URL.Path, "token") }})
			start := time.Now()
			err = s.get(ctx, nil, apimgmt.WithCallTimeout(100*time.Millisecond))
			assert.ErrorIs(t, err, apimgmt.ErrTimeout)
			assert.Less(t, time.Since(start), 10*time.Second)
			s.fake.ClearFaults()

			// The response of a success, with its request ID.
			s.fake.FailNext(1, fake.Fault{Header: http.Header{"X-Request-Id": {"rid-success"}}, Match: func(r *http.Request) bool { return !strings.Contains(r.URL.Path, "token") }})
			var got apimgmt.Response
			require.NoError(t, s.get(ctx, nil, apimgmt.WithCaptureResponse(&got)))
			assert.Equal(t, 200, got.StatusCode)
			assert.Equal(t, "rid-success", got.RequestID)
			assert.Equal(t, 1, got.Attempts)
		})
	}
}

// TestHooksOnEveryService: a client hook sees every attempt with the
// operation's name and none of the client's credentials.
func TestHooksOnEveryService(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			var mu sync.Mutex
			var seen []string
			h := apimgmt.Hooks{
				Attempt: func(ctx context.Context, a *apimgmt.Attempt) func(*apimgmt.Response, error) {
					return func(r *apimgmt.Response, err error) {
						mu.Lock()
						defer mu.Unlock()
						seen = append(seen, fmt.Sprintf("%s #%d %d | %v %v %v | %v %v", a.Op, a.Number, r.StatusCode, a.Request.URL, a.Request.Header, a.Request.Host, r.Header, err))
					}
				},
			}
			s.fake.FailNext(1, fake.Fault{Status: 503, Body: []byte(`{}`), Match: func(r *http.Request) bool { return !strings.Contains(r.URL.Path, "token") }})
			var extra []any
			switch strings.SplitN(s.name, "-", 2)[0] {
			case "apigroup":
				extra = []any{apigroup.WithHooks(h)}
			case "appgroup":
				extra = []any{appgroup.WithHooks(h)}
			case "apiproxygroup":
				extra = []any{apiproxygroup.WithHooks(h)}
			case "apiproduct":
				extra = []any{apiproduct.WithHooks(h)}
			}
			require.NoError(t, s.get(context.Background(), extra))
			var ours []string
			for _, l := range seen {
				if strings.HasPrefix(l, s.op+" ") {
					ours = append(ours, l)
				}
			}
			require.Len(t, ours, 2, "%q", seen)
			assert.True(t, strings.HasPrefix(ours[0], s.op+" #1 503"), ours[0])
			assert.True(t, strings.HasPrefix(ours[1], s.op+" #2 200"), ours[1])
			all := strings.Join(seen, "\n")
			for _, secret := range append(s.secrets, apigrouptest.Token, apiproxygrouptest.Token) {
				assert.NotContains(t, all, secret)
			}
			assert.Contains(t, all, "REDACTED")
			for _, r := range s.fake.Requests() {
				for _, k := range []string{"Authorization", "X-Auth-Token"} {
					for _, v := range r.Header[k] {
						assert.NotContains(t, all, v)
					}
				}
			}
		})
	}
}

// TestWireLogOnEveryService scans the wire log of every service (AK/SK,
// IAM-free bearer token, the Apinizer password grant and its token
// response) for the credentials the requests carried.
func TestWireLogOnEveryService(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			var extra []any
			switch strings.SplitN(s.name, "-", 2)[0] {
			case "apigroup":
				extra = []any{apigroup.WithLogger(l), apigroup.WithWireLog(0)}
			case "appgroup":
				extra = []any{appgroup.WithLogger(l), appgroup.WithWireLog(0)}
			case "apiproxygroup":
				extra = []any{apiproxygroup.WithLogger(l), apiproxygroup.WithWireLog(0)}
			case "apiproduct":
				extra = []any{apiproduct.WithLogger(l), apiproduct.WithWireLog(0)}
			}
			s.fake.ResetRequests()
			require.NoError(t, s.get(context.Background(), extra))
			out := buf.String()
			assert.Contains(t, out, "wire request")
			assert.Contains(t, out, "wire response")
			for _, secret := range s.secrets {
				assert.NotContains(t, out, secret)
			}
			for _, r := range s.fake.Requests() {
				for _, k := range []string{"Authorization", "X-Auth-Token", "X-Security-Token"} {
					for _, v := range r.Header[k] {
						_, sig, _ := strings.Cut(v, "Signature=")
						assert.NotContains(t, out, v)
						if sig != "" {
							assert.NotContains(t, out, sig)
						}
						if tok, ok := strings.CutPrefix(v, "Bearer "); ok {
							assert.NotContains(t, out, tok)
						}
					}
				}
			}
		})
	}
}
