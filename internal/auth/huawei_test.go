package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The three published vectors of the vendor's signer (reference/huawei.md §4):
// AK "AccessKey", SK "SecretKey", X-Sdk-Date 20060102T150405Z, and only
// x-sdk-date signed (the vendor's SDK leaves content-type and names with "_"
// out, and Go keeps Host outside the header map).
func TestHuaweiVectorGET(t *testing.T) {
	u, _ := url.Parse("https://example.huaweicloud.com/path?limit=1")
	got := HuaweiAuthorization("AccessKey", []byte("SecretKey"), "GET", u,
		[]SignedHeader{{"x-sdk-date", "20060102T150405Z"}}, nil, "20060102T150405Z")
	assert.Equal(t, "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", got)

	cr := string(AppendHuaweiCanonicalRequest(nil, "GET", u, []SignedHeader{{"x-sdk-date", "20060102T150405Z"}}, nil))
	assert.Equal(t, "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", cr)
}

func TestHuaweiVectorPOST(t *testing.T) {
	u, _ := url.Parse("https://example.huaweicloud.com/path?key=value")
	body := []byte("{\"Name\":\"test\",\"Id\":1}\n")
	got := HuaweiAuthorization("AccessKey", []byte("SecretKey"), "POST", u,
		[]SignedHeader{{"x-sdk-date", "20060102T150405Z"}}, body, "20060102T150405Z")
	assert.Equal(t, "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59", got)

	// The trailing newline is part of the signed body.
	other := HuaweiAuthorization("AccessKey", []byte("SecretKey"), "POST", u,
		[]SignedHeader{{"x-sdk-date", "20060102T150405Z"}}, body[:len(body)-1], "20060102T150405Z")
	assert.NotEqual(t, got, other)
}

func TestHuaweiVectorQueryEncoding(t *testing.T) {
	q := url.Values{}
	q.Set("limit", "1")
	q.Set("enable", "true")
	q.Set("test", "一 (&=?!#%.*)")
	q.Set("path", "/tmp/123")
	q["multi"] = []string{"1", "2", "3"}
	got := string(AppendHuaweiCanonicalQuery(nil, q.Encode()))
	assert.Equal(t, "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29", got)
}

func TestCanonicalURI(t *testing.T) {
	for escaped, want := range map[string]string{
		"":                      "/",
		"/":                     "/",
		"/v2/p/api-groups":      "/v2/p/api-groups/",
		"/v2/p/api-groups/":     "/v2/p/api-groups/",
		"/a%3Ab/c d":            "/a%3Ab/c%20d/",
		"/a%2Fb/x":              "/a%2Fb/x/",
		"/%E4%B8%80/~x_y.z-":    "/%E4%B8%80/~x_y.z-/",
		"/app-groups/a:b@c+d=e": "/app-groups/a%3Ab%40c%2Bd%3De/",
	} {
		u, err := url.Parse("https://h" + escaped)
		require.NoError(t, err)
		assert.Equal(t, want, string(appendCanonicalURI(nil, u)), escaped)
	}
}

func TestHuaweiAKSKApply(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 21, 8, 9, 10, 0, time.FixedZone("CST", 8*3600)) }
	c, err := NewHuaweiAKSK("AK123", "SK456", "proj1", "stoken", now)
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodPut, "https://apig.cn-north-4.myhuaweicloud.com/v2/proj1/apigw/instances/i1/api-groups/g1", nil)
	body := []byte(`{"name":"api_group_001"}`)
	require.NoError(t, c.Apply(context.Background(), req, body))

	assert.Equal(t, "20261121T000910Z", req.Header.Get("X-Sdk-Date"))
	assert.Equal(t, "proj1", req.Header.Get("X-Project-Id"))
	assert.Equal(t, "stoken", req.Header.Get("X-Security-Token"))
	auth := req.Header.Get("Authorization")
	assert.True(t, strings.HasPrefix(auth, "SDK-HMAC-SHA256 Access=AK123, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature="), auth)
	for _, s := range []string{c.String(), fmt.Sprintf("%v %+v %#v", c, c, c)} {
		assert.NotContains(t, s, "SK456")
		assert.NotContains(t, s, "AK123")
		assert.NotContains(t, s, "stoken")
	}

	// Applying again (a retry) replaces, never appends.
	require.NoError(t, c.Apply(context.Background(), req, body))
	assert.Len(t, req.Header.Values("Authorization"), 1)
	assert.Len(t, req.Header.Values("X-Sdk-Date"), 1)
}

func TestNewHuaweiAKSKRejects(t *testing.T) {
	_, err := NewHuaweiAKSK("", "sk", "", "", nil)
	assert.Error(t, err)
	_, err = NewHuaweiAKSK("ak", "sk\r\nX-Evil: 1", "", "", nil)
	assert.Error(t, err)
}

func TestHuaweiDateCacheFollowsTheClock(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c, err := NewHuaweiAKSK("ak", "sk", "", "", func() time.Time { return now })
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, "https://h/x", nil)
	require.NoError(t, c.Apply(context.Background(), req, nil))
	first := req.Header.Get("Authorization")
	assert.Equal(t, "20260102T030405Z", req.Header.Get("X-Sdk-Date"))

	now = now.Add(999 * time.Millisecond) // same second: same date, same signature
	require.NoError(t, c.Apply(context.Background(), req, nil))
	assert.Equal(t, first, req.Header.Get("Authorization"))

	now = now.Add(time.Millisecond) // next second
	require.NoError(t, c.Apply(context.Background(), req, nil))
	assert.Equal(t, "20260102T030406Z", req.Header.Get("X-Sdk-Date"))
	assert.NotEqual(t, first, req.Header.Get("Authorization"))
}
