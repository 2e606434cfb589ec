package apigroup_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
)

const groupJSON = `{"id":"g1","name":"group_1"}`

// apig answers every request with a group, or 401 when reject says so.
func apig(t *testing.T, reject func(r *http.Request) bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if reject != nil && reject(r) {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error_code":"APIG.1002","error_msg":"Incorrect token"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, groupJSON)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fakeIAM hands out tok-1, tok-2, ... and counts them; a wrong password
// gets 401; block, when set, holds requests until closed.
type fakeIAM struct {
	srv     *httptest.Server
	n       atomic.Int32
	block   chan struct{}
	started chan struct{}
}

func newFakeIAM(t *testing.T) *fakeIAM {
	f := &fakeIAM{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v3/auth/tokens" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if f.started != nil {
			f.started <- struct{}{}
		}
		if f.block != nil {
			select {
			case <-f.block:
			case <-r.Context().Done():
				return
			}
		}
		var body struct {
			Auth struct {
				Identity struct {
					Methods  []string
					Password struct {
						User struct {
							Name, Password string
							Domain         struct{ Name string }
						}
					}
				}
				Scope struct{ Project struct{ ID string } }
			}
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		u := body.Auth.Identity.Password.User
		if u.Name != "alice" || u.Password != "pa55-w0rd" || u.Domain.Name != "acme" || body.Auth.Scope.Project.ID != "proj" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error":{"message":"The username or password is wrong.","title":"Unauthorized"}}`)
			return
		}
		n := f.n.Add(1)
		w.Header().Set("X-Subject-Token", fmt.Sprintf("tok-%d", n))
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"token":{"expires_at":%q}}`, time.Now().Add(24*time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z"))
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// TestIAMPasswordRenewedAfter401: the token comes from the fake IAM, is
// cached, and a 401 gets a new one for the single repeat.
func TestIAMPasswordRenewedAfter401(t *testing.T) {
	iam := newFakeIAM(t)
	var revoked atomic.Bool
	srv := apig(t, func(r *http.Request) bool { return revoked.Load() && r.Header.Get("X-Auth-Token") == "tok-1" })
	c, err := apigroup.NewClient("inst", apigroup.WithEndpoint(srv.URL), apigroup.WithProjectID("proj"),
		apigroup.WithIAMPassword("alice", "pa55-w0rd", "acme"), apigroup.WithIAMEndpoint(iam.srv.URL))
	require.NoError(t, err)
	defer c.Close()
	ctx := context.Background()
	for range 3 {
		_, err = c.Get(ctx, "g1")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, iam.n.Load(), "cached")
	revoked.Store(true)
	_, err = c.Get(ctx, "g1")
	require.NoError(t, err)
	assert.EqualValues(t, 2, iam.n.Load(), "a new token after the 401")
}

func TestIAMPasswordNeverShown(t *testing.T) {
	iam := newFakeIAM(t)
	srv := apig(t, nil)
	c, err := apigroup.NewClient("inst", apigroup.WithEndpoint(srv.URL), apigroup.WithProjectID("proj"),
		apigroup.WithIAMPassword("alice", "wrong-secret-pw", "acme"), apigroup.WithIAMEndpoint(iam.srv.URL))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Get(context.Background(), "g1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "HTTP 401")
	for _, s := range []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, c)} {
		assert.NotContains(t, s, "wrong-secret-pw")
	}
}

// TestCancelDuringHungIAM: a call returns within 100 ms of its context
// ending while IAM hangs; goleak finds nothing once the request ends.
func TestCancelDuringHungIAM(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	iam := newFakeIAM(t)
	iam.block, iam.started = make(chan struct{}), make(chan struct{}, 1)
	defer iam.srv.Close()
	defer close(iam.block)
	c, err := apigroup.NewClient("inst", apigroup.WithEndpoint("https://apig.example.com"), apigroup.WithProjectID("proj"),
		apigroup.WithIAMPassword("alice", "pa55-w0rd", "acme"), apigroup.WithIAMEndpoint(iam.srv.URL))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.Get(ctx, "g1"); done <- err }()
	<-iam.started
	t0 := time.Now()
	cancel()
	err = <-done
	assert.Less(t, time.Since(t0), 100*time.Millisecond)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestChainThroughClient: with no credential option the client signs with
// the metadata service's temporary keys and reads region and project from
// the environment.
func TestChainThroughClient(t *testing.T) {
	md := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/meta-data/latest/api/token":
			_, _ = io.WriteString(w, "sess")
		case "/openstack/latest/securitykey":
			fmt.Fprintf(w, `{"credential":{"access":"MDAK","secret":"MDSK","securitytoken":"MDST","expires_at":%q}}`,
				time.Now().Add(6*time.Hour).UTC().Format(time.RFC3339))
		}
	}))
	defer md.Close()
	var seen sync.Map
	srv := apig(t, func(r *http.Request) bool {
		seen.Store("auth", r.Header.Get("Authorization"))
		seen.Store("st", r.Header.Get("X-Security-Token"))
		return false
	})
	env := map[string]string{"HUAWEICLOUD_SDK_PROJECT_ID": "proj", "HUAWEICLOUD_SDK_CREDENTIALS_FILE": t.TempDir() + "/none"}
	c, err := apigroup.NewClient("inst", apigroup.WithEndpoint(srv.URL),
		clientopt.WithChainHooks(func(k string) string { return env[k] }, md.URL))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Get(context.Background(), "g1")
	require.NoError(t, err)
	a, _ := seen.Load("auth")
	st, _ := seen.Load("st")
	assert.Contains(t, a, "Access=MDAK")
	assert.Equal(t, "MDST", st)

	env["HUAWEICLOUD_SDK_REGION"] = "cn-north-4"
	c2, err := apigroup.NewClient("inst", clientopt.WithChainHooks(func(k string) string { return env[k] }, md.URL))
	require.NoError(t, err)
	assert.Contains(t, c2.BaseURL(), "cn-north-4", "region from HUAWEICLOUD_SDK_REGION")
}

// connCounter counts a server's connections as they open and close.
type connCounter struct{ opened, closed atomic.Int32 }

func (c *connCounter) hook(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		c.opened.Add(1)
	case http.StateClosed, http.StateHijacked:
		c.closed.Add(1)
	}
}

// TestCloseReleasesConnections: a client with a pool of its own
// (WithTLSConfig, custom roots) closes every connection on Close.
func TestCloseReleasesConnections(t *testing.T) {
	var cc connCounter
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, groupJSON)
	}))
	srv.Config.ConnState = cc.hook
	srv.StartTLS()
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	c, err := apigroup.NewClient("inst", apigroup.WithEndpoint(srv.URL), apigroup.WithProjectID("proj"),
		apigroup.WithAKSK("ak", "sk"), apigroup.WithTLSConfig(&tls.Config{RootCAs: roots}))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			_, err := c.Get(context.Background(), "g1")
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	require.Positive(t, cc.opened.Load())
	require.NoError(t, c.Close())
	require.Eventually(t, func() bool { return cc.closed.Load() == cc.opened.Load() }, 5*time.Second, time.Millisecond,
		"opened %d, closed %d", cc.opened.Load(), cc.closed.Load())
}

// TestThousandClientsShareOnePool: clients built without an HTTP option
// share the SDK's transport, so a thousand of them, used one after another,
// use one connection.
func TestThousandClientsShareOnePool(t *testing.T) {
	var cc connCounter
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, groupJSON)
	}))
	srv.Config.ConnState = cc.hook
	srv.Start()
	defer srv.Close()
	for i := range 1000 {
		c, err := apigroup.NewClient("inst", apigroup.WithEndpoint(srv.URL), apigroup.WithProjectID(fmt.Sprint("p", i)), apigroup.WithAKSK("ak", "sk"))
		require.NoError(t, err)
		_, err = c.Get(context.Background(), "g1")
		require.NoError(t, err)
		require.NoError(t, c.Close())
	}
	assert.EqualValues(t, 1, cc.opened.Load(), "one pool, one connection")
	assert.Zero(t, cc.closed.Load(), "Close leaves the shared pool's connections to the other clients")
}
