package apiproduct_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

func TestNewClient(t *testing.T) {
	for name, opts := range map[string][]apiproduct.Option{
		"no credentials":     nil,
		"empty token":        {apiproduct.WithToken("")},
		"line break":         {apiproduct.WithToken("a\r\nX-Evil: 1")},
		"nil token source":   {apiproduct.WithTokenSource(nil)},
		"not an http(s) URL": {apiproduct.WithToken("t"), apiproduct.WithEndpoint("ftp://x")},
	} {
		_, err := apiproduct.NewClient("org", opts...)
		assert.Error(t, err, name)
	}
	_, err := apiproduct.NewClient("org")
	assert.ErrorContains(t, err, "no credentials")
	for _, org := range []string{"", "a b", "a/b", ".."} {
		_, err = apiproduct.NewClient(org, apiproduct.WithToken("t"))
		assert.ErrorIs(t, err, apiproduct.ErrValidation, org)
	}

	c, err := apiproduct.NewClient("org", apiproduct.WithToken("t"))
	require.NoError(t, err)
	assert.Equal(t, "https://apigee.googleapis.com/", c.BaseURL())
	assert.Equal(t, "org", c.Organization())
	c, err = apiproduct.NewClient("org", apiproduct.WithToken("t"), apiproduct.WithEndpoint("https://apigee.mtls.googleapis.com"))
	require.NoError(t, err)
	assert.Equal(t, "https://apigee.mtls.googleapis.com/", c.BaseURL())
}

// countingSource hands out numbered tokens.
type countingSource struct{ n atomic.Int32 }

func (s *countingSource) Token() (*oauth2.Token, error) {
	n := s.n.Add(1)
	return &oauth2.Token{AccessToken: fmt.Sprint("tok-", n)}, nil
}

func TestTokenSourceRefreshedOnceAfter401(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-2" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error":{"code":401,"message":"expired","status":"UNAUTHENTICATED"}}`)
			return
		}
		_, _ = io.WriteString(w, seedProduct)
	})
	src := &countingSource{}
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithTokenSource(src))
	require.NoError(t, err)
	for range 2 {
		_, err = c.Get(context.Background(), "weather-premium")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 2, src.n.Load(), "one fetch, one refresh after the 401, then cached")
	assert.Len(t, srv.Requests(), 3)
}

func TestNoTokenOverPlainHTTPToARemoteHost(t *testing.T) {
	src := &countingSource{}
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint("http://apigee.example.com"), apiproduct.WithTokenSource(src))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "p")
	assert.ErrorIs(t, err, apiproduct.ErrInsecureTransport)
	assert.Zero(t, src.n.Load(), "no token is even fetched")
}

type failingSource struct{}

func (failingSource) Token() (*oauth2.Token, error) { return nil, errors.New("no token today") }

func TestTokenSourceErrorIsUnauthorized(t *testing.T) {
	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithTokenSource(failingSource{}))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "p")
	assert.ErrorIs(t, err, apiproduct.ErrUnauthorized)
	assert.Empty(t, srv.Requests())
}

func TestDefaultCredentialsMissing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(dir, "does-not-exist.json"))
	t.Setenv("HOME", dir)
	opt := apiproduct.WithDefaultCredentials() // building the option looks nothing up
	_, err := apiproduct.NewClient(testOrg, opt)
	require.Error(t, err)
	assert.ErrorContains(t, err, "no Application Default Credentials")
	assert.ErrorContains(t, err, "GOOGLE_APPLICATION_CREDENTIALS")
}

func TestDefaultCredentialsFromFile(t *testing.T) {
	var tokenCalls atomic.Int32
	tokenSrv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		tokenCalls.Add(1)
		_ = r.ParseForm()
		if r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("refresh_token") != "refresh-1" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"adc-token","token_type":"Bearer","expires_in":3600}`)
	})
	file := filepath.Join(t.TempDir(), "adc.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"type":"authorized_user","client_id":"cid","client_secret":"csecret",`+
		`"refresh_token":"refresh-1","token_uri":"`+tokenSrv.URL()+`"}`), 0o600))
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", file)

	srv := serve(t, reply(http.StatusOK, seedProduct))
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint(srv.URL()), apiproduct.WithDefaultCredentials())
	require.NoError(t, err)
	assert.Zero(t, tokenCalls.Load(), "no token before the first call")
	for range 2 {
		_, err = c.Get(context.Background(), "weather-premium")
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, tokenCalls.Load())
	for _, r := range srv.Requests() {
		assert.Equal(t, "Bearer adc-token", r.Header.Get("Authorization"))
	}
}

// WithEnvCredentials takes the credentials the environment names, and only
// those: without GOOGLE_APPLICATION_CREDENTIALS it fails, even where gcloud's
// file would be found.
func TestEnvCredentials(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	gcloud := filepath.Join(home, ".config", "gcloud")
	require.NoError(t, os.MkdirAll(gcloud, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(gcloud, "application_default_credentials.json"),
		[]byte(`{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}`), 0o600))
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "")
	_, err := apiproduct.NewClient(testOrg, apiproduct.WithEnvCredentials())
	require.ErrorContains(t, err, "GOOGLE_APPLICATION_CREDENTIALS is not set")

	file := filepath.Join(t.TempDir(), "sa.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"type":"authorized_user","client_id":"cid","client_secret":"cs","refresh_token":"r1","token_uri":"http://127.0.0.1:1/token"}`), 0o600))
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", file)
	c, err := apiproduct.NewClient(testOrg, apiproduct.WithEndpoint("http://127.0.0.1:1"), apiproduct.WithEnvCredentials())
	require.NoError(t, err)
	assert.Equal(t, testOrg, c.Organization())
}
