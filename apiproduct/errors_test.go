package apiproduct_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apiproduct"
	"github.com/apimgmt/apimgmt-go/apiproduct/apiproducttest"
)

// googleCase is one error response and what it must decode to.
type googleCase struct {
	status      int
	contentType string
	body        string
	// want
	gStatus, reason, requestID, msg string
	sentinel                        error
	attempts                        int
}

var googleCases = map[string]googleCase{
	"not found with details": {
		status: 404,
		body: `{"error":{"code":404,"message":"resource organizations/acme-prod/apiproducts/gold not found","status":"NOT_FOUND","details":[` +
			`{"@type":"type.googleapis.com/google.rpc.PreconditionFailure","violations":[{"type":"keymanagement.service.apiproduct_doesnot_exist","subject":"gold"}]},` +
			`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"13436187165271406532"}]}}`,
		gStatus: "NOT_FOUND", requestID: "13436187165271406532",
		msg: "resource organizations/acme-prod/apiproducts/gold not found", sentinel: apiproduct.ErrNotFound, attempts: 1,
	},
	"failed precondition without details": {
		status:  400,
		body:    `{"error":{"code":400,"message":"no connections available from the Apigee connect agent(s)","status":"FAILED_PRECONDITION"}}`,
		gStatus: "FAILED_PRECONDITION", msg: "no connections available from the Apigee connect agent(s)",
		sentinel: apiproduct.ErrPreconditionFailed, attempts: 1,
	},
	"already exists on 409": {
		status:  409,
		body:    `{"error":{"code":409,"message":"cannot create resource; already exists","status":"ALREADY_EXISTS"}}`,
		gStatus: "ALREADY_EXISTS", msg: "cannot create resource; already exists", sentinel: apiproduct.ErrConflict, attempts: 1,
	},
	"unauthenticated with ErrorInfo": {
		status: 401,
		body: `{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED","details":[` +
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_TYPE_UNSUPPORTED","domain":"googleapis.com","metadata":{"service":"apigee.googleapis.com"}}]}}`,
		gStatus: "UNAUTHENTICATED", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", msg: "Request had invalid authentication credentials.",
		sentinel: apiproduct.ErrUnauthorized, attempts: 1, // a fixed token is not sent again
	},
	"permission denied with ErrorInfo": {
		status: 403,
		body: `{"error":{"code":403,"message":"Permission 'apigee.apiproducts.update' denied on resource","status":"PERMISSION_DENIED","details":[` +
			`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"apigee.googleapis.com"},` +
			`{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"r-403"}]}}`,
		gStatus: "PERMISSION_DENIED", reason: "IAM_PERMISSION_DENIED", requestID: "r-403",
		msg: "Permission 'apigee.apiproducts.update' denied on resource", sentinel: apiproduct.ErrForbidden, attempts: 1,
	},
	"unavailable is retried": {
		status:  503,
		body:    `{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}`,
		gStatus: "UNAVAILABLE", msg: "The service is currently unavailable.", sentinel: apiproduct.ErrServerError, attempts: 3,
	},
	"HTML page": {
		status: 404, contentType: "text/html; charset=UTF-8", body: apiproducttest.HTMLNotFound,
		msg: "Error 404 (Not Found)!!1", sentinel: apiproduct.ErrNotFound, attempts: 1,
	},
	"HTML 502 from a proxy": {
		status: 502, contentType: "text/html",
		body: "<html><head><title>502 Server Error</title></head><body>That's an error.</body></html>",
		msg:  "502 Server Error", sentinel: apiproduct.ErrServerError, attempts: 3,
	},
}

func TestGoogleErrorsDecode(t *testing.T) {
	for name, tc := range googleCases {
		t.Run(name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				ct := tc.contentType
				if ct == "" {
					ct = "application/json; charset=UTF-8"
				}
				w.Header().Set("Content-Type", ct)
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			})
			c, _ := newClient(t, srv.URL())
			got, err := c.Update(context.Background(), &apiproduct.Product{Name: "gold", DisplayName: "Gold"})
			assert.Nil(t, got)
			var e *apiproduct.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.gStatus, e.Status, "status as the server gave it")
			assert.Equal(t, tc.reason, e.Code)
			assert.Equal(t, tc.requestID, e.RequestID)
			assert.Equal(t, tc.msg, e.Message)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.Equal(t, "apiproduct.Update", e.Op)
			assert.Equal(t, tc.attempts, e.Attempts)
			assert.Len(t, srv.Requests(), tc.attempts)
			assert.NotContains(t, err.Error(), testToken)
			assert.NotContains(t, fmt.Sprintf("%v %+v", err, e), testToken)
		})
	}
}

func TestRetryInfoHonoured(t *testing.T) {
	var n atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[`+
				`{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com"},`+
				`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2s"}]}}`)
			return
		}
		_, _ = io.WriteString(w, seedProduct)
	})
	c, sl := newClient(t, srv.URL())
	p, err := c.Get(context.Background(), "weather-premium")
	require.NoError(t, err)
	assert.Equal(t, "weather-premium", p.Name)
	waits := sl.all()
	require.Len(t, waits, 1)
	assert.GreaterOrEqual(t, waits[0], 2*time.Second)
}

func TestRetryInfoBeyondTheCapIsNotWaited(t *testing.T) {
	srv := serve(t, reply(http.StatusTooManyRequests, `{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[`+
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"120s"}]}}`))
	c, sl := newClient(t, srv.URL())
	_, err := c.Get(context.Background(), "p")
	var e *apiproduct.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 120*time.Second, e.RetryAfter)
	assert.ErrorIs(t, err, apiproduct.ErrThrottled)
	assert.Empty(t, sl.all())
	assert.Len(t, srv.Requests(), 1)
}

func TestCreateIsNotRetriedButUpdateIs(t *testing.T) {
	srv := serve(t, reply(http.StatusServiceUnavailable, `{"error":{"code":503,"message":"unavailable","status":"UNAVAILABLE"}}`))
	c, _ := newClient(t, srv.URL())
	_, err := c.Create(context.Background(), &apiproduct.Product{Name: "p", DisplayName: "P"})
	assert.ErrorIs(t, err, apiproduct.ErrServerError)
	assert.Len(t, srv.Requests(), 1)

	for _, call := range []func() error{
		func() error { _, err := c.Move(context.Background(), "p", "s"); return err },
		func() error { _, err := c.ReplaceAttributes(context.Background(), "p", nil); return err },
		func() error { _, err := c.UpdateAttribute(context.Background(), "p", "a", "v"); return err },
	} {
		before := len(srv.Requests())
		assert.Error(t, call())
		assert.Len(t, srv.Requests(), before+3, "a POST that sets a value is retried")
	}
}
