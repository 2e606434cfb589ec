package oauth2cred

import (
	"context"
	"errors"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

var oauthT0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type oauthClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *oauthClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *oauthClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// issuer hands out tok-1, tok-2, ... each valid for life (0: no expiry).
type issuer struct {
	clk  *oauthClock
	life time.Duration
	n    atomic.Int32
}

func (s *issuer) fetch(context.Context) (*oauth2.Token, error) {
	n := s.n.Add(1)
	t := &oauth2.Token{AccessToken: "tok-" + string(rune('0'+n))}
	if s.life != 0 {
		t.Expiry = s.clk.Now().Add(s.life)
	}
	return t, nil
}

func header(t *testing.T, o *Token) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
	require.NoError(t, o.Apply(context.Background(), req, nil))
	return req.Header.Get("Authorization")
}

func TestOAuth2CachesAndRefreshesBeforeExpiry(t *testing.T) {
	clk := &oauthClock{now: oauthT0}
	src := &issuer{clk: clk, life: time.Hour}
	o := NewFunc(src.fetch, Options{Now: clk.Now})
	assert.Equal(t, "Bearer tok-1", header(t, o))
	clk.Add(time.Hour - DefaultLeeway - time.Second)
	assert.Equal(t, "Bearer tok-1", header(t, o))
	clk.Add(time.Second)
	assert.Equal(t, "Bearer tok-2", header(t, o))

	// A short-lived token is replaced after half its life at the latest.
	src.life = 10 * time.Second
	o.Invalidate()
	assert.Equal(t, "Bearer tok-3", header(t, o))
	clk.Add(4 * time.Second)
	assert.Equal(t, "Bearer tok-3", header(t, o))
	clk.Add(time.Second)
	assert.Equal(t, "Bearer tok-4", header(t, o))
}

func TestOAuth2InvalidateAndNoExpiry(t *testing.T) {
	clk := &oauthClock{now: oauthT0}
	src := &issuer{clk: clk}
	o := NewFunc(src.fetch, Options{Now: clk.Now})
	assert.Equal(t, "Bearer tok-1", header(t, o))
	clk.Add(1000 * time.Hour)
	assert.Equal(t, "Bearer tok-1", header(t, o), "no expiry and no bound: kept")
	var inv auth.Invalidator = o
	inv.Invalidate()
	assert.Equal(t, "Bearer tok-2", header(t, o))

	bounded := NewFunc(src.fetch, Options{Now: clk.Now, MaxLifetime: time.Minute, Leeway: time.Second})
	assert.Equal(t, "Bearer tok-3", header(t, bounded))
	clk.Add(58 * time.Second)
	assert.Equal(t, "Bearer tok-3", header(t, bounded))
	clk.Add(time.Second)
	assert.Equal(t, "Bearer tok-4", header(t, bounded))
}

func TestOAuth2ExpiryHookAndMaxLifetime(t *testing.T) {
	clk := &oauthClock{now: oauthT0}
	src := &issuer{clk: clk, life: 24 * time.Hour}
	var seen time.Time
	o := NewFunc(src.fetch, Options{
		Now:         clk.Now,
		MaxLifetime: time.Hour,
		Expiry: func(tok *oauth2.Token, fetchedAt time.Time) time.Time {
			seen = fetchedAt
			return tok.Expiry
		},
	})
	assert.Equal(t, "Bearer tok-1", header(t, o))
	assert.Equal(t, oauthT0, seen)
	clk.Add(time.Hour - DefaultLeeway)
	assert.Equal(t, "Bearer tok-2", header(t, o), "a day-long expiry is bounded by MaxLifetime")

	// A token that arrives expired serves only its own request.
	past := NewFunc(src.fetch, Options{Now: clk.Now, Expiry: func(_ *oauth2.Token, at time.Time) time.Time { return at.Add(-time.Second) }})
	assert.Equal(t, "Bearer tok-3", header(t, past))
	assert.Equal(t, "Bearer tok-4", header(t, past))
}

func TestOAuth2Errors(t *testing.T) {
	boom := errors.New("boom")
	o := NewFunc(func(context.Context) (*oauth2.Token, error) { return nil, boom }, Options{})
	_, err := o.Token(context.Background())
	assert.ErrorIs(t, err, boom)

	o = NewFunc(func(context.Context) (*oauth2.Token, error) { return &oauth2.Token{}, nil }, Options{})
	_, err = o.Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrEmptyToken)
	o = NewFunc(func(context.Context) (*oauth2.Token, error) { return nil, nil }, Options{})
	_, err = o.Token(context.Background())
	assert.ErrorIs(t, err, auth.ErrEmptyToken)

	o = New(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "a\r\nX-Injected: 1"}), Options{})
	req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
	assert.ErrorContains(t, o.Apply(context.Background(), req, nil), "line break")
	assert.Empty(t, req.Header.Get("Authorization"))
}

// Concurrent callers share one fetch; a caller whose context ends stops
// waiting for it.
func TestOAuth2SingleFetchAndCancellation(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	var calls atomic.Int32
	o := NewFunc(func(ctx context.Context) (*oauth2.Token, error) {
		if calls.Add(1) == 1 {
			close(started)
		}
		<-release
		return &oauth2.Token{AccessToken: "shared"}, nil
	}, Options{})

	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = o.Token(context.Background())
		}()
	}
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := o.Token(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	close(release)
	wg.Wait()
	for _, g := range got {
		assert.Equal(t, "shared", g)
	}
	assert.EqualValues(t, 1, calls.Load())
}
