package appgroup

import (
	"fmt"

	"github.com/apimgmt/apimgmt-go/internal/auth/huaweiprofile"
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// Client manages the application groups of one Huawei Cloud project. It is
// safe for concurrent use; create one per project and region and reuse it.
type Client struct {
	gen       *gen.Client
	projectID string
	endpoint  string
	pipeline  *transport.Pipeline // issue 15: Close
}

// NewClient returns a client for the application groups of a project. It
// needs an endpoint (WithRegion or WithEndpoint), a project ID (WithProjectID,
// or HUAWEICLOUD_SDK_PROJECT_ID with WithEnvCredentials) and credentials
// (WithAKSK, WithToken, WithTokenFunc or WithEnvCredentials).
// Nothing is sent until the first call.
func NewClient(opts ...Option) (*Client, error) {
	h, err := clientopt.NewHuawei("appgroup", append([]Option{clientopt.WithProfileReader(huaweiprofile.Read)}, opts...), Endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{projectID: h.ProjectID, endpoint: h.BaseURL, pipeline: h.Pipeline}
	if c.gen, err = gen.NewClient(h.BaseURL, gen.WithHTTPClient(h.Pipeline)); err != nil {
		return nil, fmt.Errorf("appgroup: %w", err)
	}
	return c, nil
}

// Endpoint returns the Workspace Application Streaming endpoint of a region.
// The service has two host patterns: https://appstream.{region}.myhuaweicloud.com
// for cn-north-4, cn-north-9, cn-southwest-2, cn-east-3 and cn-south-1, and
// https://workspace.{region}.myhuaweicloud.com for every other region. Any
// region ID is accepted, so a region the vendor adds later works without an
// SDK update (if it uses the workspace pattern; otherwise use WithEndpoint).
func Endpoint(region string) string {
	switch region {
	case "cn-north-4", "cn-north-9", "cn-southwest-2", "cn-east-3", "cn-south-1":
		return "https://appstream." + region + ".myhuaweicloud.com"
	}
	return "https://workspace." + region + ".myhuaweicloud.com"
}

// ProjectID returns the project whose application groups the client manages.
func (c *Client) ProjectID() string { return c.projectID }

// BaseURL returns the endpoint the client sends to.
func (c *Client) BaseURL() string { return c.endpoint }

// Operations, with whether each is safe to repeat. Update only sets fields,
// so repeating it leaves the same state; the vendor documents Delete and
// BatchDelete as succeeding when repeated; DisassociateServerGroup sets a
// state (the server group bound to nothing), which a repeat leaves as it is.
var (
	ops = transport.Service("appgroup")

	opCreate      = ops.Op("Create", transport.NotIdempotent)
	opGet         = ops.Op("Get", transport.Idempotent)
	opList        = ops.Op("List", transport.Idempotent)
	opUpdate      = ops.Op("Update", transport.Idempotent)
	opDelete      = ops.Op("Delete", transport.Idempotent)
	opBatchDelete = ops.Op("BatchDelete", transport.Idempotent)
	opCheckName   = ops.Op("CheckName", transport.Idempotent) // a POST that only reads
	// Unbinding a server group twice leaves it bound to nothing, as once.
	opDisassociate = ops.Op("DisassociateServerGroup", transport.Idempotent)
)
