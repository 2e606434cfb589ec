package apimgmt_test

import (
	"errors"
	"fmt"

	"github.com/apimgmt/apimgmt-go"
)

// An error from any service package is an *apimgmt.Error that matches the
// shared sentinels.
func Example() {
	var err error = &apimgmt.Error{
		Op: "apigroup.Get", Method: "GET", Path: "/v2/p/apigw/instances/i/api-groups/g",
		StatusCode: 404, Code: "APIG.3001", Message: "API group does not exist",
		RequestID: "r-1", Kinds: []error{apimgmt.ErrNotFound},
	}
	err = fmt.Errorf("sync: %w", err)

	var e *apimgmt.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, e.RequestID)
	}
	fmt.Println(errors.Is(err, apimgmt.ErrNotFound))
	fmt.Println(err)
	// Output:
	// 404 APIG.3001 r-1
	// true
	// sync: apigroup.Get: GET /v2/p/apigw/instances/i/api-groups/g: HTTP 404 APIG.3001 - API group does not exist (request id r-1)
}

// %#v prints an *Error's fields; a body the server sent shows only by its
// length.
func ExampleError_GoString() {
	e := &apimgmt.Error{Op: "apiproduct.Get", StatusCode: 403, Status: "PERMISSION_DENIED", Body: []byte(`{"error":{}}`), Kinds: []error{apimgmt.ErrForbidden}}
	fmt.Printf("%#v\n", e)
	// Output:
	// &apimgmt.Error{Op:"apiproduct.Get", StatusCode:403, Status:"PERMISSION_DENIED", Body:<12 bytes>, Kinds:["apimgmt: forbidden"]}
}

// Ptr sets an optional (pointer) input field.
func ExamplePtr() {
	remark := apimgmt.Ptr("owned by team A")
	fmt.Println(*remark)
	// Output: owned by team A
}

// A ValidationError lists every rejected field and matches ErrValidation.
func ExampleValidationError() {
	var err error = &apimgmt.ValidationError{Op: "apigroup.Create", Fields: []apimgmt.FieldError{
		{Field: "name", Problem: "is required"},
		{Field: "remark", Problem: "must be at most 1000 characters"},
	}}
	fmt.Println(errors.Is(err, apimgmt.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// apigroup.Create: invalid input: name is required; remark must be at most 1000 characters
}
