package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// HuaweiKeys are Huawei Cloud access keys, permanent or temporary, as a
// HuaweiProvider returns them.
type HuaweiKeys struct {
	// AccessKey and SecretKey sign requests (SDK-HMAC-SHA256).
	AccessKey, SecretKey string
	// SecurityToken is set for temporary keys and sent as X-Security-Token.
	SecurityToken string
	// ProjectID, when set, is the project the keys belong to. The client's
	// project ID (WithProjectID) takes precedence.
	ProjectID string
	// Expires is when temporary keys stop working; the zero time means
	// they do not expire (they are then kept until a 401).
	Expires time.Time
}

// String never prints the keys.
func (k HuaweiKeys) String() string { return "HuaweiKeys{REDACTED}" }

// GoString never prints the keys.
func (k HuaweiKeys) GoString() string { return k.String() }

// HuaweiProvider returns Huawei Cloud access keys: from a vault, a rotation
// job, the ECS metadata service. Retrieve is called when the client has no
// keys, when the keys are close to Expires, and after a 401. Calls that
// need keys at the same time share one Retrieve. It must be safe for
// concurrent use and should honour ctx.
type HuaweiProvider interface {
	Retrieve(ctx context.Context) (HuaweiKeys, error)
}

// Environment variables and files of the Huawei chain, named as the vendor's
// own tools name them.
const (
	EnvHuaweiAccessKey       = "HUAWEICLOUD_SDK_AK"
	EnvHuaweiSecretKey       = "HUAWEICLOUD_SDK_SK"
	EnvHuaweiSecurityToken   = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	EnvHuaweiProjectID       = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvHuaweiRegion          = "HUAWEICLOUD_SDK_REGION"
	EnvHuaweiCredentialsFile = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
	EnvHuaweiIAMEndpoint     = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
	// HuaweiMetadataURL is the ECS/CCE metadata service.
	HuaweiMetadataURL = "http://169.254.169.254"
)

// Refresh margins of temporary keys: renewed in the background when less
// than HuaweiRefreshMargin of validity remains (at most half their
// lifetime), and no longer used when less than HuaweiExpiryMargin remains.
const (
	HuaweiRefreshMargin = 40 * time.Minute
	HuaweiExpiryMargin  = time.Minute
)

// ChainLinkError is one link of the Huawei credential chain that gave no
// keys, and why. It never holds a key.
type ChainLinkError struct {
	Link   string
	Reason string
}

// Error says which link and why.
func (e *ChainLinkError) Error() string { return e.Link + ": " + e.Reason }

// ErrNoHuaweiCredentials is matched by the error of a chain in which no link
// gave keys.
var ErrNoHuaweiCredentials = errors.New("no Huawei Cloud credentials")

// ChainError lists every link of the chain that was tried and why each gave
// no keys.
type ChainError struct{ Links []*ChainLinkError }

// Error names every link tried and why each gave no keys.
func (e *ChainError) Error() string {
	parts := make([]string, len(e.Links))
	for i, l := range e.Links {
		parts[i] = l.Error()
	}
	return "no Huawei Cloud credentials; tried " + strings.Join(parts, "; ")
}

// Describe is the error's text, which holds no secret (see Describer).
func (e *ChainError) Describe() string { return e.Error() }

// Describer is implemented by credential errors whose text is known to hold
// no secret, so the pipeline may show it in the call's error message.
type Describer interface{ Describe() string }

// Is matches ErrNoHuaweiCredentials.
func (e *ChainError) Is(target error) bool { return target == ErrNoHuaweiCredentials }

// HuaweiEnvKeys reads the keys from the environment (getenv, nil for
// os.Getenv). ok is false, with the reason, when AK or SK is missing.
func HuaweiEnvKeys(getenv func(string) string) (HuaweiKeys, *ChainLinkError) {
	if getenv == nil {
		getenv = os.Getenv
	}
	k := HuaweiKeys{
		AccessKey:     getenv(EnvHuaweiAccessKey),
		SecretKey:     getenv(EnvHuaweiSecretKey),
		SecurityToken: getenv(EnvHuaweiSecurityToken),
		ProjectID:     getenv(EnvHuaweiProjectID),
	}
	if k.AccessKey == "" || k.SecretKey == "" {
		return HuaweiKeys{}, &ChainLinkError{Link: "environment", Reason: EnvHuaweiAccessKey + " and " + EnvHuaweiSecretKey + " are not both set"}
	}
	return k, nil
}

// HuaweiProfilePath returns the profile file: HUAWEICLOUD_SDK_CREDENTIALS_FILE,
// else ~/.huaweicloud/credentials ("" when there is no home directory).
func HuaweiProfilePath(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if p := getenv(EnvHuaweiCredentialsFile); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".huaweicloud", "credentials")
}

// HuaweiProfileReader reads the [basic] section of the INI profile file at
// a path (package huaweiprofile); it is passed in so that only the Huawei
// services link the INI parser.
type HuaweiProfileReader func(path string) (HuaweiKeys, *ChainLinkError)

// HuaweiMetadata fetches temporary keys of the server's agency from the ECS
// (or CCE node) metadata service.
type HuaweiMetadata struct {
	// BaseURL is the metadata service; "" means HuaweiMetadataURL.
	BaseURL string
	// Client sends the requests; nil means a client without proxy.
	Client *http.Client
	// session is the metadata session token; "v1" mode keeps it empty.
	session atomic.Pointer[string]
}

// metadataClient is the metadata service's client: the shared transport
// settings without proxy (the service is link-local) and a short timeout.
var metadataClient = &http.Client{
	Transport: func() http.RoundTripper {
		t := sharedTransportTemplate()
		t.Proxy = nil
		return t
	}(),
	Timeout: 5 * time.Second,
}

// sharedTransportTemplate is the metadata client's transport: a small pool
// with short timeouts (package auth does not depend on package transport).
func sharedTransportTemplate() *http.Transport {
	return &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConns:          2,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: 5 * time.Second,
	}
}

// Retrieve fetches the keys: a session token (PUT
// /meta-data/latest/api/token), then GET /openstack/latest/securitykey.
func (m *HuaweiMetadata) Retrieve(ctx context.Context) (HuaweiKeys, error) {
	base := strings.TrimRight(m.BaseURL, "/")
	if base == "" {
		base = HuaweiMetadataURL
	}
	client := m.Client
	if client == nil {
		client = metadataClient
	}
	sess, err := m.sessionToken(ctx, client, base)
	if err != nil {
		return HuaweiKeys{}, err
	}
	k, status, err := m.securityKey(ctx, client, base, sess)
	if status == http.StatusUnauthorized && sess != "" {
		// The session token may have lapsed: one new one, once.
		m.session.Store(nil)
		if sess, err = m.sessionToken(ctx, client, base); err != nil {
			return HuaweiKeys{}, err
		}
		k, _, err = m.securityKey(ctx, client, base, sess)
	}
	return k, err
}

func (m *HuaweiMetadata) sessionToken(ctx context.Context, client *http.Client, base string) (string, error) {
	if s := m.session.Load(); s != nil {
		return *s, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, base+"/meta-data/latest/api/token", nil)
	if err != nil {
		return "", fmt.Errorf("metadata session token: %w", err)
	}
	req.Header.Set("X-Metadata-Token-Ttl-Seconds", "21600")
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("metadata session token: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusServiceUnavailable:
		body = nil // v1 mode: no session token
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("metadata session token: HTTP %d", resp.StatusCode)
	case err != nil:
		return "", fmt.Errorf("metadata session token: %w", err)
	}
	s := strings.TrimSpace(string(body))
	if strings.ContainsAny(s, "\r\n") {
		return "", errors.New("metadata session token: malformed")
	}
	m.session.Store(&s)
	return s, nil
}

// metadataKeys is the securitykey document.
type metadataKeys struct {
	Credential struct {
		Access        string `json:"access"`
		Secret        string `json:"secret"`
		SecurityToken string `json:"securitytoken"`
		ExpiresAt     string `json:"expires_at"`
	} `json:"credential"`
}

func (m *HuaweiMetadata) securityKey(ctx context.Context, client *http.Client, base, sess string) (HuaweiKeys, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/openstack/latest/securitykey", nil)
	if err != nil {
		return HuaweiKeys{}, 0, fmt.Errorf("metadata security key: %w", err)
	}
	if sess != "" {
		req.Header.Set("X-Metadata-Token", sess)
	}
	resp, err := client.Do(req)
	if err != nil {
		return HuaweiKeys{}, 0, fmt.Errorf("metadata security key: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// The body is not quoted: it is the service's, and not needed.
		return HuaweiKeys{}, resp.StatusCode, fmt.Errorf("metadata security key: HTTP %d (is an agency bound to the server?)", resp.StatusCode)
	}
	var doc metadataKeys
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&doc); err != nil {
		return HuaweiKeys{}, resp.StatusCode, errors.New("metadata security key: malformed response")
	}
	c := doc.Credential
	if c.Access == "" || c.Secret == "" {
		return HuaweiKeys{}, resp.StatusCode, errors.New("metadata security key: response has no access and secret")
	}
	k := HuaweiKeys{AccessKey: c.Access, SecretKey: c.Secret, SecurityToken: c.SecurityToken}
	if c.ExpiresAt != "" {
		t, err := time.Parse(time.RFC3339Nano, c.ExpiresAt)
		if err != nil {
			return HuaweiKeys{}, resp.StatusCode, errors.New("metadata security key: expires_at is not a time")
		}
		k.Expires = t
	}
	return k, resp.StatusCode, nil
}

// HuaweiChainProvider is the last links of the chain, used when environment
// and profile gave nothing: the metadata service, whose failure is reported
// together with why the earlier links were passed over.
type HuaweiChainProvider struct {
	Tried    []*ChainLinkError
	Metadata *HuaweiMetadata
}

// Retrieve asks the metadata service.
func (p *HuaweiChainProvider) Retrieve(ctx context.Context) (HuaweiKeys, error) {
	k, err := p.Metadata.Retrieve(ctx)
	if err == nil {
		return k, nil
	}
	if ctx.Err() != nil {
		return HuaweiKeys{}, ctx.Err()
	}
	links := append(append([]*ChainLinkError(nil), p.Tried...), &ChainLinkError{Link: "metadata", Reason: err.Error()})
	return HuaweiKeys{}, &ChainError{Links: links}
}

// ResolveHuaweiChain runs the static links of the chain (environment, then
// profile file, read by readProfile) and returns the keys of the first that has them. When
// neither has, it returns the metadata link, which is asked lazily, on the
// first call, remembering why the others failed. getenv nil means
// os.Getenv; metadataURL "" means HuaweiMetadataURL.
func ResolveHuaweiChain(getenv func(string) string, readProfile HuaweiProfileReader, metadataURL string, client *http.Client) (HuaweiKeys, HuaweiProvider) {
	var tried []*ChainLinkError
	if k, e := HuaweiEnvKeys(getenv); e == nil {
		return k, nil
	} else {
		tried = append(tried, e)
	}
	if readProfile == nil {
		tried = append(tried, &ChainLinkError{Link: "profile", Reason: "not read"})
	} else if k, e := readProfile(HuaweiProfilePath(getenv)); e == nil {
		return k, nil
	} else {
		tried = append(tried, e)
	}
	return HuaweiKeys{}, &HuaweiChainProvider{Tried: tried, Metadata: &HuaweiMetadata{BaseURL: metadataURL, Client: client}}
}

// HuaweiProviderCredentials sign requests with keys from a provider, cached
// and renewed before they expire; after a 401 the keys are asked for again.
type HuaweiProviderCredentials struct {
	cache     *Cache[*HuaweiAKSK]
	projectID string
}

// NewHuaweiProviderCredentials returns credentials that sign with the
// provider's keys. projectID, when set, is sent as X-Project-Id (otherwise
// the keys' own). now nil means time.Now.
func NewHuaweiProviderCredentials(p HuaweiProvider, projectID string, now func() time.Time) *HuaweiProviderCredentials {
	if now == nil {
		now = time.Now
	}
	c := &HuaweiProviderCredentials{projectID: projectID}
	c.cache = NewCache(func(ctx context.Context) (Entry[*HuaweiAKSK], error) {
		k, err := p.Retrieve(ctx)
		if err != nil {
			return Entry[*HuaweiAKSK]{}, err
		}
		pid := projectID
		if pid == "" {
			pid = k.ProjectID
		}
		signer, err := NewHuaweiAKSK(k.AccessKey, k.SecretKey, pid, k.SecurityToken, now)
		if err != nil {
			return Entry[*HuaweiAKSK]{}, err
		}
		e := Entry[*HuaweiAKSK]{Value: signer}
		if !k.Expires.IsZero() {
			life := k.Expires.Sub(now())
			e.RefreshAt = k.Expires.Add(-min(HuaweiRefreshMargin, max(life/2, 0)))
			e.ExpiresAt = k.Expires.Add(-min(HuaweiExpiryMargin, max(life/4, 0)))
		}
		return e, nil
	}, 0, now)
	return c
}

// Apply signs req with the current keys.
func (c *HuaweiProviderCredentials) Apply(ctx context.Context, req *http.Request, body []byte) error {
	s, err := c.cache.Get(ctx)
	if err != nil {
		return err
	}
	return s.Apply(ctx, req, body)
}

// Invalidate drops the keys; the next request asks the provider again.
func (c *HuaweiProviderCredentials) Invalidate() { c.cache.Invalidate() }

// String never prints the keys.
func (c *HuaweiProviderCredentials) String() string { return "HuaweiProviderCredentials{REDACTED}" }
