package clientopt

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/auth"
)

func TestNewGoogle(t *testing.T) {
	withCreds := func(s *Settings) { s.Credentials = auth.Bearer(auth.StaticToken("t")) }

	g, err := NewGoogle("svc", []Option{withCreds}, "https://apigee.googleapis.com")
	require.NoError(t, err)
	assert.Equal(t, "https://apigee.googleapis.com/", g.BaseURL)
	assert.NotNil(t, g.Pipeline)

	g, err = NewGoogle("svc", []Option{withCreds, WithEndpoint("http://127.0.0.1:8080/x")}, "https://apigee.googleapis.com/")
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8080/x/", g.BaseURL)

	_, err = NewGoogle("svc", nil, "https://apigee.googleapis.com/")
	assert.EqualError(t, err, "svc: no credentials: set WithTokenSource, WithToken or WithDefaultCredentials")
	_, err = NewGoogle("svc", []Option{withCreds, WithEndpoint("ftp://x")}, "")
	assert.ErrorContains(t, err, "svc: endpoint")
	_, err = NewGoogle("svc", []Option{WithHTTPClient(nil)}, "https://apigee.googleapis.com/")
	assert.ErrorContains(t, err, "svc: WithHTTPClient")
}
