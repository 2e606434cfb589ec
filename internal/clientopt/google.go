package clientopt

import (
	"fmt"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Google is what a Google Cloud service's NewClient needs to build its
// generated client.
type Google struct {
	// BaseURL is the endpoint, ending in "/".
	BaseURL string
	// Pipeline sends requests with the configured OAuth 2.0 credentials and
	// Google's error dialect.
	Pipeline *transport.Pipeline
}

// NewGoogle applies opts for the Google service package pkg ("apiproduct"):
// the endpoint is the explicit one or defaultEndpoint, and credentials must
// have been set by one of the package's own options (Settings.Credentials).
// Configuration problems come back prefixed with "pkg: ".
func NewGoogle(pkg string, opts []Option, defaultEndpoint string) (*Google, error) {
	s, err := Apply(opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	if s.Endpoint == "" {
		s.Endpoint = defaultEndpoint
	}
	base, err := s.BaseURL(nil)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: %w", pkg, err)
	case s.Credentials == nil:
		return nil, fmt.Errorf("%s: no credentials: set WithTokenSource, WithToken or WithDefaultCredentials", pkg)
	}
	return &Google{BaseURL: base, Pipeline: s.Pipeline(apierror.Google, s.Credentials)}, nil
}
