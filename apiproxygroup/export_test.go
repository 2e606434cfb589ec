package apiproxygroup

import (
	"time"

	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// WithClock replaces the client's clock (token expiry) in tests.
func WithClock(now func() time.Time) Option {
	return clientopt.WithHooks(transport.Hooks{Now: now})
}

// TokenExpiry exposes tokenExpiry to the tests.
var TokenExpiry = tokenExpiry
