package desired

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	apimgmt "github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want []string
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, nil},
		{`{"a":1}`, `{"a":2}`, []string{"a"}},
		{`{"a":1}`, `{"b":1}`, []string{"a", "b"}},
		{`{"r":{"h":["x"],"p":["/"]}}`, `{"r":{"h":["y"],"p":["/"]}}`, []string{"r.h"}},
		{`{"l":[{"k":1}]}`, `{"l":[{"k":2}]}`, []string{"l"}},
		{`{"a":{"x":1}}`, `{"a":"s"}`, []string{"a"}},
		{`{"n":1.50}`, `{"n":1.5}`, []string{"n"}},
	} {
		assert.Equal(t, tc.want, Diff([]byte(tc.a), []byte(tc.b)), "%s %s", tc.a, tc.b)
	}
}

func TestMayExist(t *testing.T) {
	withStatus := func(code int, kinds ...error) error {
		e := &apierror.Error{StatusCode: code}
		for _, k := range kinds {
			apierror.AddKind(e, k)
		}
		return fmt.Errorf("wrapped: %w", e)
	}
	assert.True(t, MayExist(withStatus(0, apierror.ErrNetwork)))
	assert.True(t, MayExist(withStatus(http.StatusBadGateway)))
	assert.True(t, MayExist(withStatus(http.StatusRequestTimeout)))
	assert.True(t, MayExist(withStatus(http.StatusConflict, apierror.ErrConflict)))
	assert.True(t, MayExist(withStatus(http.StatusBadRequest, apierror.ErrConflict)), "APIG's name conflict is a 400")
	assert.True(t, MayExist(context.DeadlineExceeded))
	assert.False(t, MayExist(withStatus(http.StatusBadRequest)))
	assert.False(t, MayExist(withStatus(http.StatusForbidden)))
	var v apierror.Validator
	v.Add("name", "is required")
	assert.False(t, MayExist(v.Err("op")))
}

func TestEnsureLooksUpAfterAnAmbiguousCreate(t *testing.T) {
	lost := &apierror.Error{StatusCode: http.StatusBadGateway}
	finds := 0
	stored := false
	flow := Flow[string]{
		Find: func(context.Context) (string, bool, error) {
			finds++
			return "x", stored, nil
		},
		Create: func(context.Context) (string, error) { return "", lost },
		Reconcile: func(_ context.Context, v string) (string, []string, error) {
			return v, nil, nil
		},
	}
	_, _, err := Ensure(context.Background(), flow)
	assert.ErrorIs(t, err, lost, "not found after the create: the create's error")
	assert.Equal(t, 2, finds)

	flow.Create = func(context.Context) (string, error) { stored = true; return "", lost }
	v, out, err := Ensure(context.Background(), flow)
	assert.NoError(t, err)
	assert.Equal(t, "x", v)
	assert.Equal(t, apimgmt.Outcome{Action: apimgmt.Unchanged}, out)

	// A lookup failure is returned as is, and nothing is created.
	boom := errors.New("boom")
	flow.Find = func(context.Context) (string, bool, error) { return "", false, boom }
	flow.Create = func(context.Context) (string, error) { t.Error("created"); return "", nil }
	_, _, err = Ensure(context.Background(), flow)
	assert.ErrorIs(t, err, boom)
}

func TestOutcomeString(t *testing.T) {
	assert.Equal(t, "created", apimgmt.Outcome{Action: apimgmt.Created}.String())
	assert.Equal(t, "updated (a, b.c)", apimgmt.Outcome{Action: apimgmt.Updated, Changed: []string{"a", "b.c"}}.String())
	assert.Equal(t, "none", apimgmt.Outcome{}.String())
}
