// Package oauth2cred caches OAuth2 access tokens as request credentials
// that the pipeline can invalidate after a 401. It is apart from package auth
// so that the Huawei services, which need no OAuth2, do not link
// golang.org/x/oauth2.
package oauth2cred

import (
	"context"
	"github.com/apimgmt/apimgmt-go/internal/auth"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// DefaultLeeway is how long before its expiry an OAuth2 token is
// replaced, so that it does not expire in flight.
const DefaultLeeway = 10 * time.Second

// Options tune an Token cache. The zero value trusts the token's
// own Expiry, refreshes DefaultLeeway early and uses time.Now.
type Options struct {
	// Expiry returns when a token fetched at fetchedAt (by Now) stops being
	// valid; the zero time means unknown. nil means tok.Expiry.
	Expiry func(tok *oauth2.Token, fetchedAt time.Time) time.Time
	// MaxLifetime bounds how long one token is used, whatever its expiry
	// says or when it has none, so that a wrong or missing expiry cannot keep
	// an expired token in use forever. 0 means no bound: a token without an
	// expiry is then kept until a 401 invalidates it.
	MaxLifetime time.Duration
	// Leeway is how early a token is replaced before it expires: at most
	// half of the token's lifetime. 0 means DefaultLeeway.
	Leeway time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// FetchTimeout bounds one token fetch, which runs apart from the
	// callers; 0 means auth.DefaultFetchTimeout.
	FetchTimeout time.Duration
	// OnInvalidate, when set, is called after a 401 before the cached
	// token is dropped: for example to rebuild a token source that caches.
	OnInvalidate func()
}

// Token is a cache of OAuth2 access tokens that sends the token as
// Authorization: Bearer <token>. Unlike oauth2.ReuseTokenSource it can be
// invalidated: it implements auth.Invalidator, so the request pipeline drops a
// token the server rejected with 401 and fetches a new one for a single
// retry. Concurrent callers share one fetch (an auth.Cache), which runs in
// its own goroutine: a caller whose context ends returns at once, even while
// the token source hangs. It is safe for concurrent use.
type Token struct {
	opts   Options
	cache  *auth.Cache[string]
	header *auth.HeaderToken
}

// New returns a cache around src. src is asked for a token whenever the
// cache needs one, so it should fetch a new token on every call rather than
// cache one itself (an oauth2.ReuseTokenSource would hand back the token the
// server has just rejected).
func New(src oauth2.TokenSource, opts Options) *Token {
	return NewFunc(func(context.Context) (*oauth2.Token, error) { return src.Token() }, opts)
}

// NewFunc is New for a fetch function that takes a context: it keeps the
// values of the context of the request that needs the token (for example
// oauth2.HTTPClient for a clientcredentials.Config's Token method) but not
// its cancellation; each fetch is bounded by FetchTimeout.
func NewFunc(fetch func(ctx context.Context) (*oauth2.Token, error), opts Options) *Token {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Leeway <= 0 {
		opts.Leeway = DefaultLeeway
	}
	o := &Token{opts: opts}
	o.cache = auth.NewCache(func(ctx context.Context) (auth.Entry[string], error) {
		fetchedAt := o.opts.Now()
		t, err := fetch(ctx)
		if err != nil {
			return auth.Entry[string]{}, err
		}
		if t == nil || t.AccessToken == "" {
			return auth.Entry[string]{}, auth.ErrEmptyToken
		}
		return auth.Entry[string]{Value: t.AccessToken, RefreshAt: o.refreshTime(t, fetchedAt)}, nil
	}, opts.FetchTimeout, opts.Now)
	o.header = auth.Bearer(o.Token)
	return o
}

// Apply sets Authorization: Bearer <token>.
func (o *Token) Apply(ctx context.Context, req *http.Request, body []byte) error {
	return o.header.Apply(ctx, req, body)
}

// Invalidate drops the cached token and calls Options.OnInvalidate (which
// may rebuild a caching source); the next request fetches a new one.
func (o *Token) Invalidate() {
	if o.opts.OnInvalidate != nil {
		o.opts.OnInvalidate()
	}
	o.cache.Invalidate()
}

// Token returns the cached access token, fetching a new one when there is
// none or it is due for refresh.
func (o *Token) Token(ctx context.Context) (string, error) {
	return o.cache.Get(ctx)
}

// refreshTime is when a token fetched at fetchedAt is replaced: its expiry
// less the leeway (at most half its lifetime), bounded by MaxLifetime. The
// zero time means never (no expiry and no bound); a token that arrives
// already expired serves only the request that fetched it.
func (o *Token) refreshTime(t *oauth2.Token, fetchedAt time.Time) time.Time {
	exp := t.Expiry
	if o.opts.Expiry != nil {
		exp = o.opts.Expiry(t, fetchedAt)
	}
	if limit := o.opts.MaxLifetime; limit > 0 && (exp.IsZero() || exp.After(fetchedAt.Add(limit))) {
		exp = fetchedAt.Add(limit)
	}
	if exp.IsZero() {
		return exp
	}
	life := exp.Sub(fetchedAt)
	if life <= 0 {
		// Already expired when it arrived: use it for this request only.
		return fetchedAt
	}
	return exp.Add(-min(o.opts.Leeway, life/2))
}
