package apigroup

import (
	"fmt"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/auth/huaweiprofile"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Client manages the API groups of one APIG gateway instance. It is safe
// for concurrent use; create one per instance and reuse it.
type Client struct {
	gen        *gen.Client
	projectID  string
	instanceID string
	endpoint   string
	pipeline   *transport.Pipeline // issue 15: Close
}

// NewClient returns a client for the API groups of the gateway instance
// instanceID. It needs an endpoint (WithRegion or WithEndpoint), a project ID
// and credentials (WithAKSK, WithToken, WithTokenFunc or
// WithEnvCredentials). Nothing is sent until the first call.
func NewClient(instanceID string, opts ...Option) (*Client, error) {
	var v apierror.Validator
	v.ID("instance_id", instanceID)
	if err := v.Err("apigroup.NewClient"); err != nil {
		return nil, err
	}
	h, err := clientopt.NewHuawei("apigroup", append([]Option{clientopt.WithProfileReader(huaweiprofile.Read)}, opts...), Endpoint)
	if err != nil {
		return nil, err
	}
	g, err := gen.NewClient(h.BaseURL, gen.WithHTTPClient(h.Pipeline))
	if err != nil {
		return nil, fmt.Errorf("apigroup: %w", err)
	}
	return &Client{gen: g, projectID: h.ProjectID, instanceID: instanceID, endpoint: h.BaseURL, pipeline: h.Pipeline}, nil
}

// Endpoint returns the APIG endpoint of a region:
// https://apig.{region}.myhuaweicloud.com, or the .eu host for eu-west-101.
func Endpoint(region string) string {
	if region == "eu-west-101" {
		return "https://apig." + region + ".myhuaweicloud.eu"
	}
	return "https://apig." + region + ".myhuaweicloud.com"
}

// InstanceID returns the gateway instance the client manages (the
// instance_id path parameter).
func (c *Client) InstanceID() string { return c.instanceID }

// ProjectID returns the project ID the client sends in its paths (from
// WithProjectID or the environment).
func (c *Client) ProjectID() string { return c.projectID }

// BaseURL returns the endpoint the client sends to.
func (c *Client) BaseURL() string { return c.endpoint }

// Operations, with whether each is safe to repeat.
var (
	ops = transport.Service("apigroup")

	opCreate = ops.Op("Create", transport.NotIdempotent)
	opGet    = ops.Op("Get", transport.Idempotent)
	opList   = ops.Op("List", transport.Idempotent)
	opUpdate = ops.Op("Update", transport.Idempotent)
	opDelete = ops.Op("Delete", transport.Idempotent)
	// CheckName only reads whether a name is taken.
	opCheckName = ops.Op("CheckName", transport.Idempotent)
)
