package appgroup

import "github.com/apimgmt/apimgmt-go/internal/auth"

// Credentials are Huawei Cloud access keys, permanent or temporary, as a
// CredentialsProvider returns them. The same type serves apigroup and
// appgroup (one definition, in the SDK's internal/auth). Formatting them
// with %v never shows the keys.
type Credentials = auth.HuaweiKeys

// CredentialsProvider supplies Huawei Cloud access keys: plug in a vault or a
// rotation job with WithCredentialsProvider. The same interface serves
// apigroup and appgroup.
type CredentialsProvider = auth.HuaweiProvider

// ErrNoCredentials is matched (errors.Is) by the error of a call when no
// link of the credential chain (environment, profile file, metadata
// service) gave keys; the error names each link and why it gave none.
var ErrNoCredentials = auth.ErrNoHuaweiCredentials
