package auth_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/apimgmt/apimgmt-go/internal/auth"
	"github.com/apimgmt/apimgmt-go/internal/auth/huaweiprofile"
)

// fakeMetadata is a loopback ECS metadata service: it hands out keys
// generation by generation, counting fetches; block, when set, holds every
// key request until it is closed.
type fakeMetadata struct {
	srv     *httptest.Server
	gen     atomic.Int64
	fetches atomic.Int64
	expires func() time.Time
	block   chan struct{}
	started chan struct{} // receives once per key request, when set
}

func newFakeMetadata(t *testing.T, expires func() time.Time) *fakeMetadata {
	m := &fakeMetadata{expires: expires}
	m.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/meta-data/latest/api/token":
			if r.Header.Get("X-Metadata-Token-Ttl-Seconds") == "" {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			fmt.Fprint(w, "session-1")
		case r.Method == http.MethodGet && r.URL.Path == "/openstack/latest/securitykey":
			if r.Header.Get("X-Metadata-Token") != "session-1" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			m.fetches.Add(1)
			if m.started != nil {
				m.started <- struct{}{}
			}
			if m.block != nil {
				select {
				case <-m.block:
				case <-r.Context().Done():
					return
				}
			}
			g := m.gen.Load()
			doc := map[string]any{"credential": map[string]string{
				"access": fmt.Sprintf("AK%d", g), "secret": fmt.Sprintf("SK%d", g), "securitytoken": fmt.Sprintf("ST%d", g),
				"expires_at": m.expires().UTC().Format("2006-01-02T15:04:05.000000Z"),
			}}
			_ = json.NewEncoder(w).Encode(doc)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(m.srv.Close)
	return m
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func writeProfile(t *testing.T, body string) string {
	p := filepath.Join(t.TempDir(), "credentials")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// TestChainOrder takes each link away in turn: environment, then profile
// file, then metadata service, then nothing (an error naming every link).
func TestChainOrder(t *testing.T) {
	far := func() time.Time { return time.Now().Add(6 * time.Hour) }
	md := newFakeMetadata(t, far)
	profile := writeProfile(t, "[basic]\nak = PAK\nsk = PSK\nproject_id = pp\nsecurity_token = PST\n")
	full := map[string]string{
		auth.EnvHuaweiAccessKey: "EAK", auth.EnvHuaweiSecretKey: "ESK", auth.EnvHuaweiProjectID: "ep",
		auth.EnvHuaweiCredentialsFile: profile,
	}

	k, p := auth.ResolveHuaweiChain(env(full), huaweiprofile.Read, md.srv.URL, nil)
	assert.Nil(t, p)
	assert.Equal(t, "EAK", k.AccessKey, "environment first")
	assert.Equal(t, "ep", k.ProjectID)

	noEnv := map[string]string{auth.EnvHuaweiCredentialsFile: profile}
	k, p = auth.ResolveHuaweiChain(env(noEnv), huaweiprofile.Read, md.srv.URL, nil)
	assert.Nil(t, p)
	assert.Equal(t, auth.HuaweiKeys{AccessKey: "PAK", SecretKey: "PSK", ProjectID: "pp", SecurityToken: "PST"}, k, "then the profile file")

	missing := map[string]string{auth.EnvHuaweiCredentialsFile: filepath.Join(t.TempDir(), "none")}
	_, p = auth.ResolveHuaweiChain(env(missing), huaweiprofile.Read, md.srv.URL, nil)
	require.NotNil(t, p, "then the metadata service")
	k, err := p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "AK0", k.AccessKey)
	assert.Equal(t, "ST0", k.SecurityToken)
	assert.False(t, k.Expires.IsZero())

	md.srv.Close()
	_, p = auth.ResolveHuaweiChain(env(missing), huaweiprofile.Read, md.srv.URL, nil)
	_, err = p.Retrieve(context.Background())
	require.ErrorIs(t, err, auth.ErrNoHuaweiCredentials)
	msg := err.Error()
	for _, want := range []string{"environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not both set", "does not exist", "metadata: "} {
		assert.Contains(t, msg, want)
	}
}

func TestProfileErrorsShowNoSecret(t *testing.T) {
	for name, body := range map[string]string{
		"no basic":   "[global]\nak = SECRETAK\nsk = SECRETSK\n",
		"no sk":      "[basic]\nak = SECRETAK\n",
		"not an INI": "[basic\nak = SECRETAK\n",
	} {
		_, e := huaweiprofile.Read(writeProfile(t, body))
		require.NotNil(t, e, name)
		assert.NotContains(t, e.Error(), "SECRET", name)
	}
}

// TestProviderRotationAndSingleFlight: 64 concurrent calls cause one
// metadata fetch; keys close to expiry are renewed in the background while
// calls keep signing with the old ones (none fails), and past expiry they
// wait for new ones.
func TestProviderRotationAndSingleFlight(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	md := newFakeMetadata(t, func() time.Time { return clock().Add(2 * time.Hour) })
	md.block = make(chan struct{})
	md.started = make(chan struct{}, 10)
	creds := auth.NewHuaweiProviderCredentials(&auth.HuaweiMetadata{BaseURL: md.srv.URL}, "proj", clock)

	sign := func() (string, error) {
		req, _ := http.NewRequest(http.MethodGet, "https://apig.example.com/v2/proj/x", nil)
		if err := creds.Apply(context.Background(), req, nil); err != nil {
			return "", err
		}
		return req.Header.Get("Authorization"), nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 64 {
		wg.Go(func() {
			_, err := sign()
			errs <- err
		})
	}
	<-md.started
	close(md.block)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, md.fetches.Load(), "64 concurrent calls, one fetch")

	// 90 min later: inside the 40 min refresh window, still valid. Calls use
	// AK0 while one background fetch gets AK1.
	md.gen.Store(1)
	md.block = make(chan struct{})
	advance(90 * time.Minute)
	for range 8 {
		h, err := sign()
		require.NoError(t, err)
		assert.Contains(t, h, "Access=AK0", "old keys while the new ones are fetched")
	}
	<-md.started
	close(md.block)
	require.Eventually(t, func() bool {
		h, err := sign()
		return err == nil && strings.Contains(h, "Access=AK1")
	}, 5*time.Second, time.Millisecond)
	assert.EqualValues(t, 2, md.fetches.Load(), "one refresh for all the calls in the window")

	// Past expiry (minus margin) a call waits for new keys.
	md.gen.Store(2)
	md.block = nil
	advance(3 * time.Hour)
	h, err := sign()
	require.NoError(t, err)
	assert.Contains(t, h, "Access=AK2")
	assert.Contains(t, fmt.Sprintf("%v %+v %#v", creds, creds, creds), "REDACTED")
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", auth.HuaweiKeys{SecretKey: "SK9"}, auth.HuaweiKeys{SecretKey: "SK9"}, auth.HuaweiKeys{SecretKey: "SK9"}), "SK9")
}

// TestCancelDuringHungFetch: a call returns within 100 ms of its context
// ending while the metadata service hangs, and no goroutine is left once
// the fetch ends.
func TestCancelDuringHungFetch(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	md := newFakeMetadata(t, func() time.Time { return time.Now().Add(time.Hour) })
	md.block = make(chan struct{})
	md.started = make(chan struct{}, 1)
	defer md.srv.Close()
	defer close(md.block)
	creds := auth.NewHuaweiProviderCredentials(&auth.HuaweiMetadata{BaseURL: md.srv.URL}, "proj", nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan time.Time, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, "https://apig.example.com/", nil)
		err := creds.Apply(ctx, req, nil)
		assert.ErrorIs(t, err, context.Canceled)
		done <- time.Now()
	}()
	<-md.started
	start := time.Now()
	cancel()
	assert.Less(t, (<-done).Sub(start), 100*time.Millisecond)
}

// A hung fetch that ignores cancellation still lets the caller go.
func TestCacheCallerLeavesFetchThatIgnoresContext(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	release := make(chan struct{})
	started := make(chan struct{}, 2)
	c := auth.NewCache(func(context.Context) (auth.Entry[string], error) {
		started <- struct{}{}
		<-release
		return auth.Entry[string]{Value: "v"}, nil
	}, time.Minute, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Get(ctx); done <- err }()
	<-started
	t0 := time.Now()
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	assert.Less(t, time.Since(t0), 100*time.Millisecond)
	close(release) // the fetch ends; goleak checks its goroutine is gone
	v, err := c.Get(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "v", v)
}
