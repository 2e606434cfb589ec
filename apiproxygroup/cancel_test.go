package apiproxygroup_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/oauth2"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

type hungSource struct{ started, release chan struct{} }

func (h hungSource) Token() (*oauth2.Token, error) {
	h.started <- struct{}{}
	<-h.release
	return nil, io.EOF
}

// TestCancelDuringHungTokenFetch: with a token source that hangs, and with
// a token endpoint that hangs (WithPassword), a call returns within 100 ms
// of its context ending, and no goroutine is left once the fetch ends.
func TestCancelDuringHungTokenFetch(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	started, release := make(chan struct{}, 1), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	defer close(release)
	for name, opt := range map[string]apiproxygroup.Option{
		"token source": apiproxygroup.WithTokenSource(hungSource{started, release}),
		"password":     apiproxygroup.WithPassword("user", "pw"),
	} {
		t.Run(name, func(t *testing.T) {
			c, err := apiproxygroup.NewClient("MyProject", apiproxygroup.WithEndpoint(srv.URL), opt)
			require.NoError(t, err)
			defer c.Close()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { _, err := c.Get(ctx, "g"); done <- err }()
			<-started
			t0 := time.Now()
			cancel()
			err = <-done
			assert.Less(t, time.Since(t0), 100*time.Millisecond)
			assert.ErrorIs(t, err, context.Canceled)
		})
	}
}
