package apierror

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A failure envelope next to a deployment outcome is left to the service
// package, in either envelope; without one it is an error.
func TestFailureInSuccessWithDeploymentResult(t *testing.T) {
	for _, body := range []string{
		`{"status":"FAILURE","resultMessage":"Deployment failed","deploymentResult":{"success":false}}`,
		`{"status":"failure","deploymentResult":{"success":true}}`,
		`{"success":false,"deploymentResult":{"success":false}}`,
	} {
		assert.Nil(t, FailureInSuccess(Apinizer, 200, nil, []byte(body)), body)
	}
	for _, body := range []string{
		`{"status":"FAILURE","resultMessage":"x","deploymentResult":null}`,
		`{"status":"FAILURE","resultMessage":"x"}`,
	} {
		assert.NotNil(t, FailureInSuccess(Apinizer, 200, nil, []byte(body)), body)
	}
}

func TestApinizerDocumentedMessages(t *testing.T) {
	for msg, kinds := range map[string][]error{
		"ApiProxyGroup: (PaymentAPIGroup) is already created! If you want to udate it use update endpoint!": {ErrInvalidRequest, ErrConflict},
		"Project(MyProject) was not found or user does not have privilege to access it!":                    {ErrInvalidRequest, ErrNotFound, ErrForbidden},
		"User does not have required permission for this operation!":                                        {ErrInvalidRequest, ErrForbidden},
		"Deploy history with revision (8) is not found for ApiProxyGroup (PaymentAPIGroup)!":                {ErrInvalidRequest, ErrNotFound},
		"ApiProxy (MyAPI) is not found or user does not have privilege to access it!":                       {ErrInvalidRequest, ErrNotFound, ErrForbidden},
		"name value can not be empty!": {ErrInvalidRequest},
	} {
		e := FromResponse(Apinizer, 400, nil, []byte(`{"status":"FAILURE","resultMessage":"`+msg+`"}`))
		assert.Equal(t, msg, e.Message)
		assertKinds(t, e, kinds...)
	}
	// The 401 messages, also when they come with HTTP 200.
	for _, msg := range []string{"Token was expired!", "Token is not valid!", "Token can not be validated!",
		"Empty Key! Client must be authenticated to access this resource."} {
		e := FailureInSuccess(Apinizer, 200, nil, []byte(`{"status":"FAILURE","resultMessage":"`+msg+`"}`))
		require.NotNil(t, e, msg)
		assertKinds(t, e, ErrInvalidRequest, ErrUnauthorized)
		e = FromResponse(Apinizer, 401, nil, []byte(`{"error":"unauthorized_client","error_description":"`+msg+`"}`))
		assertKinds(t, e, ErrUnauthorized)
	}
	e := FromResponse(Apinizer, 400, nil, []byte(`{"status":"FAILURE","resultMessage":"Tokenizer is not valid"}`))
	assertKinds(t, e, ErrInvalidRequest)
}
