package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// IAMTokenMargin is how long before its expires_at an IAM token is
// replaced (at most half its lifetime).
const IAMTokenMargin = 5 * time.Minute

// IAMPassword fetches Huawei IAM user tokens by password
// (POST {Endpoint}/v3/auth/tokens, project-scoped). Its String and GoString
// never show the password, and no error it returns quotes the request body.
type IAMPassword struct {
	// Endpoint is the IAM base URL, such as https://iam.cn-north-4.myhuaweicloud.com.
	Endpoint string
	// User, Password and Domain are the IAM user name, its password and the
	// account (domain) name.
	User, Password, Domain string
	// ProjectID scopes the token to a project by ID; when empty, Project
	// (a project name, which is the region ID for a region's default
	// project) is used.
	ProjectID, Project string
	// Client sends the request; nil means http.DefaultClient.
	Client *http.Client
}

// String never prints the password.
func (p *IAMPassword) String() string { return "IAMPassword{user: " + p.User + ", password: REDACTED}" }

// GoString never prints the password.
func (p *IAMPassword) GoString() string { return p.String() }

// IAMEndpoint returns the IAM endpoint of a region: the override when set
// (HUAWEICLOUD_SDK_IAM_ENDPOINT, https:// added when it has no scheme), else
// https://iam.{region}.myhuaweicloud.com (.eu for eu-west-101).
func IAMEndpoint(override, region string) string {
	if override != "" {
		if !strings.Contains(override, "://") {
			override = "https://" + override
		}
		return strings.TrimRight(override, "/")
	}
	if region == "eu-west-101" {
		return "https://iam.eu-west-101.myhuaweicloud.eu"
	}
	return "https://iam." + region + ".myhuaweicloud.com"
}

type iamScope struct {
	Project struct {
		ID   string `json:"id,omitempty"`
		Name string `json:"name,omitempty"`
	} `json:"project"`
}

type iamRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   struct {
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope iamScope `json:"scope"`
	} `json:"auth"`
}

// iamError is a failed IAM token request. Its text names the user, the
// status or the cause, never the password or the request body.
type iamError struct {
	msg string
	err error
}

func (e *iamError) Error() string    { return e.msg }
func (e *iamError) Unwrap() error    { return e.err }
func (e *iamError) Describe() string { return e.msg }

// Fetch requests a token and returns it with its expiry. Its errors hold
// no password.
func (p *IAMPassword) Fetch(ctx context.Context) (string, time.Time, error) {
	tok, exp, err := p.fetch(ctx)
	if err != nil {
		return "", time.Time{}, &iamError{msg: err.Error(), err: err}
	}
	return tok, exp, nil
}

func (p *IAMPassword) fetch(ctx context.Context) (string, time.Time, error) {
	var r iamRequest
	r.Auth.Identity.Methods = []string{"password"}
	u := &r.Auth.Identity.Password.User
	u.Name, u.Password, u.Domain.Name = p.User, p.Password, p.Domain
	if p.ProjectID != "" {
		r.Auth.Scope.Project.ID = p.ProjectID
	} else {
		r.Auth.Scope.Project.Name = p.Project
	}
	body, err := json.Marshal(&r)
	if err != nil {
		return "", time.Time{}, errors.New("IAM token: encoding the request failed")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(p.Endpoint, "/")+"/v3/auth/tokens?nocatalog=true", bytes.NewReader(body))
	if err != nil {
		return "", time.Time{}, errors.New("IAM token: bad IAM endpoint")
	}
	req.Header.Set("Content-Type", "application/json;charset=utf8")
	client := p.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", time.Time{}, fmt.Errorf("IAM token: %w", ctx.Err())
		}
		// A *url.Error quotes only method and URL, never the body.
		return "", time.Time{}, fmt.Errorf("IAM token: %w", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return "", time.Time{}, fmt.Errorf("IAM token for user %q: HTTP %d", p.User, resp.StatusCode)
	}
	tok := resp.Header.Get("X-Subject-Token")
	if tok == "" || strings.ContainsAny(tok, "\r\n") {
		return "", time.Time{}, errors.New("IAM token: no X-Subject-Token in the response")
	}
	var doc struct {
		Token struct {
			ExpiresAt string `json:"expires_at"`
		} `json:"token"`
	}
	var exp time.Time
	if json.Unmarshal(data, &doc) == nil && doc.Token.ExpiresAt != "" {
		exp, _ = time.Parse(time.RFC3339Nano, doc.Token.ExpiresAt)
	}
	return tok, exp, nil
}

// IAMTokenCredentials send a cached IAM token as X-Auth-Token (and the
// project as X-Project-Id), fetched again shortly before it expires and
// after a 401.
type IAMTokenCredentials struct {
	cache  *Cache[string]
	header *HeaderToken
	proj   []string
}

// NewIAMTokenCredentials returns credentials around fetch; now nil means
// time.Now. A token without a known expiry is kept until a 401.
func NewIAMTokenCredentials(fetch func(ctx context.Context) (string, time.Time, error), projectID string, now func() time.Time) *IAMTokenCredentials {
	if now == nil {
		now = time.Now
	}
	c := &IAMTokenCredentials{}
	if projectID != "" {
		c.proj = []string{projectID}
	}
	c.cache = NewCache(func(ctx context.Context) (Entry[string], error) {
		tok, exp, err := fetch(ctx)
		if err != nil {
			return Entry[string]{}, err
		}
		e := Entry[string]{Value: tok}
		if !exp.IsZero() {
			life := exp.Sub(now())
			e.RefreshAt = exp.Add(-min(IAMTokenMargin, max(life/2, 0)))
		}
		return e, nil
	}, 0, now)
	c.header = &HeaderToken{Header: "X-Auth-Token", Token: c.cache.Get}
	return c
}

// Apply sets X-Auth-Token and X-Project-Id.
func (c *IAMTokenCredentials) Apply(ctx context.Context, req *http.Request, body []byte) error {
	if c.proj != nil {
		req.Header["X-Project-Id"] = c.proj
	}
	return c.header.Apply(ctx, req, body)
}

// Invalidate drops the token; the next request fetches a new one.
func (c *IAMTokenCredentials) Invalidate() { c.cache.Invalidate() }

// String never prints the token.
func (c *IAMTokenCredentials) String() string { return "IAMTokenCredentials{REDACTED}" }
