package clientopt

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An endpoint refused for any reason is never echoed with what could be a
// credential in it: a password or user name, a query string or fragment.
func TestBaseURLErrorsHideCredentials(t *testing.T) {
	for _, endpoint := range []string{
		"ftp://user:hunter2@apig.example.com",
		"http://user:hunter2@a b.com/",
		"https://hunter2@apig.example.com/",
		"https://apig.example.com/?access_token=hunter2",
		"https://apig.example.com/#hunter2",
		"apig.example.com/?key=hunter2",
		"https://user:hunter2@apig.example.com:99999999/",
		"mailto:hunter2@example.com",
	} {
		s := Settings{Endpoint: endpoint}
		_, err := s.BaseURL(nil)
		require.Error(t, err, endpoint)
		assert.NotContains(t, err.Error(), "hunter2", endpoint)
	}
	s := Settings{Endpoint: "ftp://user:hunter2@apig.example.com/v1"}
	_, err := s.BaseURL(nil)
	assert.EqualError(t, err, `endpoint "ftp://apig.example.com/v1" is not an absolute http(s) URL`)
}
