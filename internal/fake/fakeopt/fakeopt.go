// Package fakeopt builds the client options that point a service client at
// one of the in-memory fakes. It is separate from package fake so that fake
// does not depend on the client settings (and through them on the pipeline).
package fakeopt

import (
	"github.com/apimgmt/apimgmt-go/internal/clientopt"
	"github.com/apimgmt/apimgmt-go/internal/fake"
)

// Huawei returns the options for a Huawei service client talking to the
// fake at url with the AK/SK and project of c, and fast retries.
func Huawei(url string, c fake.HuaweiCredentials) []clientopt.Option {
	return []clientopt.Option{
		clientopt.WithEndpoint(url),
		clientopt.WithAKSK(c.AccessKey, c.SecretKey),
		clientopt.WithProjectID(c.ProjectID),
		clientopt.WithRetry(FastRetry),
	}
}
