package apiproduct_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

// mockProducts is the products collection of testOrg on the real Apigee host:
// requests never reach it, httpmock answers.
const mockProducts = "https://apigee.googleapis.com/v1/organizations/" + testOrg + "/apiproducts/"

// newMockClient returns a client whose requests go to mt instead of the network.
func newMockClient(t *testing.T, mt *httpmock.MockTransport) *apiproduct.Client {
	t.Helper()
	c, err := apiproduct.NewClient(testOrg,
		apiproduct.WithEndpoint("https://apigee.googleapis.com"),
		apiproduct.WithHTTPClient(&http.Client{Transport: mt}),
		apiproduct.WithToken(testToken),
	)
	require.NoError(t, err)
	return c
}

// TestModifyWithHTTPMock shows Modify's GET then the seed's PUT of the whole product, a space in the name sent as %20.
func TestModifyWithHTTPMock(t *testing.T) {
	const name = "weather premium"
	productURL := mockProducts + "weather%20premium"
	stored := strings.Replace(seedProduct, `"name": "weather-premium"`, `"name": "`+name+`"`, 1)
	updated := strings.Replace(stored, "Forecast and history endpoints of the weather API, 10,000 calls a month.", "changed", 1)

	// What the PUT must carry: the stored product, changed, without the response-only times.
	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(stored), &want))
	delete(want, "createdAt")
	delete(want, "lastModifiedAt")
	want["description"] = "changed"
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)

	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, productURL, httpmock.NewStringResponder(http.StatusOK, stored))
	mt.RegisterResponder(http.MethodPut, productURL, func(req *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		assert.JSONEq(t, string(wantJSON), string(body))
		assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
		return httpmock.NewStringResponse(http.StatusOK, updated), nil
	})

	p, _, err := newMockClient(t, mt).Modify(context.Background(), name, func(p *apiproduct.Product) error {
		p.Description = "changed"
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, name, p.Name)
	assert.Equal(t, "changed", p.Description)
	assert.Equal(t, []string{"test", "prod"}, p.Environments)
	assert.Equal(t, 2, mt.GetTotalCallCount())
	assert.Equal(t, map[string]int{"GET " + productURL: 1, "PUT " + productURL: 1}, mt.GetCallCountInfo())
}

// TestModifyNotFoundWithHTTPMock shows Google's 404 error body decoded to a typed error, and nothing written.
func TestModifyNotFoundWithHTTPMock(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, mockProducts+"gold",
		httpmock.NewStringResponder(http.StatusNotFound, googleCases["not found with details"].body))

	p, _, err := newMockClient(t, mt).Modify(context.Background(), "gold", func(*apiproduct.Product) error {
		t.Error("change called for a missing product")
		return nil
	})
	assert.Nil(t, p)
	require.ErrorIs(t, err, apiproduct.ErrNotFound)
	var e *apiproduct.Error
	require.True(t, errors.As(err, &e), "%T", err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "NOT_FOUND", e.Status)
	assert.Equal(t, "13436187165271406532", e.RequestID)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a 404 is not retried, and no PUT follows")
}
