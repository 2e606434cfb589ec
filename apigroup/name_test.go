package apigroup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// specNamePattern returns the pattern the spec gives group names (every
// name schema must give the same one).
func specNamePattern(t *testing.T) *regexp.Regexp {
	t.Helper()
	data, err := os.ReadFile("../openapi/huawei-apig-apigroup.yaml")
	require.NoError(t, err)
	found := regexp.MustCompile(`(?m)^\s+pattern: '(.*)'$`).FindAllStringSubmatch(string(data), -1)
	require.NotEmpty(t, found)
	for _, m := range found[1:] {
		require.Equal(t, found[0][1], m[1], "every group name schema has the same pattern")
	}
	return regexp.MustCompile(found[0][1])
}

// TestNameRuleAgrees checks that the spec's pattern, the client's
// validation and the fake accept the same names: the rule of the vendor's
// model, full-width （）, ： and 、 included.
func TestNameRuleAgrees(t *testing.T) {
	pattern := specNamePattern(t)
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)
	// unsigned posts to a second fake, without authentication, what the
	// client's validation would stop.
	unsigned := apigrouptest.NewServer()
	defer unsigned.Close()
	unsigned.SetAuthenticator(nil)
	fakeStatus := func(name string) int {
		body, err := json.Marshal(map[string]string{"name": name})
		require.NoError(t, err)
		resp, err := unsigned.Client().Post(unsigned.URL()+"/v2/"+apigrouptest.ProjectID+"/apigw/instances/"+apigrouptest.InstanceID+"/api-groups",
			"application/json", bytes.NewReader(body))
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}

	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"api_group_001", true},
		{"订单（测试）", true},
		{"订单：v1、v2", true},
		{"abc(v1):x/y.z-w", true},
		{"分组（一）：甲、乙", true},
		{"ab", false},
		{"_abc", false},
		{"（abc）", false},
		{"、abc", false},
		{"a b c", false},
		{"abc，d", false}, // full-width comma: not in the rule
		{"abc；d", false},
		{"abc!", false},
		{strings.Repeat("a", 255), true},
		{strings.Repeat("a", 256), false},
	} {
		n := utf8.RuneCountInString(tc.name)
		specOK := pattern.MatchString(tc.name) && n >= 3 && n <= 255
		assert.Equal(t, tc.ok, specOK, "spec pattern, %q", tc.name)

		_, err := c.Create(context.Background(), apigroup.CreateInput{Name: tc.name})
		var ve *apierror.ValidationError
		clientOK := !errors.As(err, &ve)
		assert.Equal(t, tc.ok, clientOK, "client validation, %q: %v", tc.name, err)
		if clientOK {
			assert.NoError(t, err, "the fake accepts %q", tc.name)
		}
		want := http.StatusBadRequest
		if tc.ok {
			want = http.StatusCreated
		}
		assert.Equal(t, want, fakeStatus(tc.name), "the fake, %q", tc.name)
	}
}
