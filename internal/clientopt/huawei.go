package clientopt

import (
	"fmt"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Huawei is what a Huawei Cloud service's NewClient needs to build its
// generated client.
type Huawei struct {
	// BaseURL is the endpoint, ending in "/".
	BaseURL string
	// ProjectID is the project, checked as a path segment.
	ProjectID string
	// Pipeline sends requests with the configured credentials and Huawei's
	// error dialect.
	Pipeline *transport.Pipeline
}

// NewHuawei applies opts for the Huawei service package pkg ("apigroup"):
// it resolves the endpoint (the explicit one, or fromRegion(region)), the
// credentials and the project ID, and builds the pipeline. Configuration
// problems come back prefixed with "pkg: "; a project ID that is not a valid
// path segment is a *apierror.ValidationError for "pkg.NewClient".
func NewHuawei(pkg string, opts []Option, fromRegion func(region string) string) (*Huawei, error) {
	s, err := Apply(opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	s.huaweiRegionFromEnv()
	base, err := s.BaseURL(fromRegion)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	creds, projectID, err := s.HuaweiCredentials()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pkg, err)
	}
	var v apierror.Validator
	v.ID("project_id", projectID)
	if err := v.Err(pkg + ".NewClient"); err != nil {
		return nil, err
	}
	return &Huawei{BaseURL: base, ProjectID: projectID, Pipeline: s.Pipeline(apierror.Huawei, creds)}, nil
}
