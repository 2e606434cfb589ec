package apiproxygroup_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apiproxygroup"
	"github.com/apimgmt/apimgmt-go/apiproxygroup/apiproxygrouptest"
)

var envelopes = map[string]apiproxygrouptest.Envelope{
	"status":  apiproxygrouptest.EnvelopeStatus,
	"success": apiproxygrouptest.EnvelopeSuccess,
}

// The whole life of a group, in both envelopes.
func TestLifecycleAgainstFake(t *testing.T) {
	for name, envelope := range envelopes {
		t.Run(name, func(t *testing.T) {
			srv := apiproxygrouptest.NewServer()
			defer srv.Close()
			srv.SetEnvelope(envelope)
			ctx := context.Background()
			c, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
			require.NoError(t, err)

			res, err := c.Create(ctx, apiproxygroup.GroupInput{
				Name: "PaymentAPIGroup", Description: "Payment API Group",
				ClientRoute: apiproxygroup.ClientRoute{
					RelativePaths: []string{"/api/v1/payment"},
					Headers:       []apiproxygroup.Header{{Name: "X-API-Version", Value: "v1"}},
				},
			})
			require.NoError(t, err)
			assert.Nil(t, res.Deployment)
			st, ok := srv.Group("PaymentAPIGroup")
			require.True(t, ok)
			assert.Equal(t, apimgmt.Ptr(true), st.ClientRoute.BufferRequest, "the server's default")

			_, err = c.Create(ctx, apiproxygroup.GroupInput{Name: "PaymentAPIGroup", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/x/"}}})
			assert.ErrorIs(t, err, apiproxygroup.ErrConflict)

			g, err := c.Get(ctx, "PaymentAPIGroup")
			require.NoError(t, err)
			assert.Equal(t, "Payment API Group", g.Description)
			if envelope == apiproxygrouptest.EnvelopeSuccess {
				assert.NotEmpty(t, g.ID)
				assert.Nil(t, g.ClientRoute)
			} else {
				require.NotNil(t, g.ClientRoute)
				assert.Equal(t, []apiproxygroup.Header{{Name: "X-API-Version", Value: "v1"}}, g.ClientRoute.Headers)
			}

			in := seedInput("production")
			res, err = c.Update(ctx, in)
			require.NoError(t, err)
			require.NotNil(t, res.Deployment)
			assert.Len(t, res.Deployment.Details, 2)
			st, _ = srv.Group("PaymentAPIGroup")
			assert.Equal(t, []string{"production"}, st.Deployed)
			assert.Equal(t, in.ClientRoute, st.ClientRoute)

			_, err = c.Deploy(ctx, "PaymentAPIGroup", "development", &apiproxygroup.DeployOptions{Description: "v2.1", Persistent: true})
			require.NoError(t, err)
			in.EnvironmentName = ""
			in.Description = "Changed again"
			_, err = c.Update(ctx, in)
			require.NoError(t, err)

			envs, err := c.Environments(ctx, "PaymentAPIGroup")
			require.NoError(t, err)
			require.Len(t, envs, 2)
			assert.Equal(t, "production", envs[0].Name)
			assert.True(t, envs[0].Deployed)
			if envelope == apiproxygrouptest.EnvelopeStatus {
				assert.Equal(t, apiproxygroup.EnvironmentTest, envs[1].Type)
				assert.True(t, envs[1].RedeployRequired)
				assert.NotEmpty(t, envs[1].AccessURL)
			}

			require.NoError(t, c.AddProxy(ctx, "PaymentAPIGroup", "MyAPI"))
			require.NoError(t, c.AddProxy(ctx, "PaymentAPIGroup", "MyAPI"), "adding again succeeds")
			require.NoError(t, c.AddProxy(ctx, "PaymentAPIGroup", "OrdersAPI"))
			require.NoError(t, c.RemoveProxy(ctx, "PaymentAPIGroup", "OrdersAPI"))
			st, _ = srv.Group("PaymentAPIGroup")
			assert.Equal(t, []string{"MyAPI"}, st.Members)
			err = c.AddProxy(ctx, "PaymentAPIGroup", "NoSuchAPI")
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
			assert.ErrorContains(t, err, "ApiProxy (NoSuchAPI) is not found")

			hist, err := c.DeployHistory(ctx, "PaymentAPIGroup")
			require.NoError(t, err)
			require.Len(t, hist, 2)
			assert.Equal(t, apiproxygroup.DeployRecord{
				Revision: 2, Username: apiproxygrouptest.Username, Date: hist[0].Date,
				Description: "v2.1", Environment: "development", Deploy: true, Persistent: true,
			}, hist[0])
			assert.False(t, hist[0].Date.IsZero())
			rec, err := c.DeployHistoryRecord(ctx, "PaymentAPIGroup", 1)
			require.NoError(t, err)
			assert.Equal(t, "Deployed by APIOPS Api", rec.Description)
			require.NoError(t, c.DeleteDeployHistory(ctx, "PaymentAPIGroup", 1))
			_, err = c.DeployHistoryRecord(ctx, "PaymentAPIGroup", 1)
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
			assert.ErrorContains(t, err, "Deploy history with revision (1) is not found for ApiProxyGroup (PaymentAPIGroup)!")

			res, err = c.Undeploy(ctx, "PaymentAPIGroup", "production", nil)
			require.NoError(t, err)
			assert.True(t, *res.Deployment.Success)
			st, _ = srv.Group("PaymentAPIGroup")
			assert.Equal(t, []string{"development"}, st.Deployed)

			require.NoError(t, c.Delete(ctx, "PaymentAPIGroup"))
			_, err = c.Get(ctx, "PaymentAPIGroup")
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
			err = c.Delete(ctx, "PaymentAPIGroup")
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
			assert.Equal(t, 0, srv.GroupCount())
		})
	}
}

func TestFakeErrorsInBothEnvelopes(t *testing.T) {
	for name, envelope := range envelopes {
		for _, with200 := range []bool{false, true} {
			srv := apiproxygrouptest.NewServer()
			srv.SetEnvelope(envelope)
			srv.SetErrorsWithHTTP200(with200)
			c, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
			require.NoError(t, err)
			ctx := context.Background()
			_, err = c.Update(ctx, seedInput(""))
			var e *apiproxygroup.Error
			require.ErrorAs(t, err, &e, name)
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound, name)
			assert.Equal(t, "API Proxy Group (PaymentAPIGroup) is not found or user does not have privilege to access it!", e.Message, name)
			if with200 {
				assert.Equal(t, 200, e.StatusCode, name)
			} else {
				assert.Equal(t, 400, e.StatusCode, name)
			}

			srv.AddGroup("PaymentAPIGroup", "", "/api/v1/payment")
			_, err = c.Update(ctx, seedInput("staging"))
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound, name)
			assert.ErrorContains(t, err, "Environment (staging) is not found!")
			_, err = c.Deploy(ctx, "PaymentAPIGroup", "staging", nil)
			assert.ErrorContains(t, err, "Environment (staging) is not found or user does not have privilege to access it!")

			other, err := apiproxygroup.NewClient("OtherProject", srv.ClientOptions()...)
			require.NoError(t, err)
			err = listErr(other)
			assert.ErrorIs(t, err, apiproxygroup.ErrNotFound, name)
			assert.ErrorIs(t, err, apiproxygroup.ErrForbidden, name)
			srv.Close()
		}
	}
}

func TestFakeAuthenticationErrors(t *testing.T) {
	for name, envelope := range envelopes {
		srv := apiproxygrouptest.NewServer()
		srv.SetEnvelope(envelope)
		for tok, msg := range map[string]string{
			"not-a-token":           "Token is not valid!",
			"fake-issued-token-999": "Token is not valid!",
		} {
			c, err := apiproxygroup.NewClient(srv.Project, apiproxygroup.WithEndpoint(srv.URL()), apiproxygroup.WithToken(tok))
			require.NoError(t, err)
			err = listErr(c)
			var e *apiproxygroup.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 401, e.StatusCode, name)
			assert.Equal(t, msg, e.Message, name)
			assert.ErrorIs(t, err, apiproxygroup.ErrUnauthorized)
		}
		resp, err := http.Get(srv.URL() + "/apiops/projects/MyProject/apiProxyGroups/")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 401, resp.StatusCode, "no token")
		srv.Close()
	}
}

func TestFakeRejectsWhatTheClientWouldNot(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	post := func(path, body string) *http.Response {
		req, err := http.NewRequest(http.MethodPost, srv.URL()+path, stringsReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+apiproxygrouptest.Token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp
	}
	const groups = "/apiops/projects/MyProject/apiProxyGroups/"
	for _, body := range []string{`{`, `{}`, `{"name":"g"}`, `{"name":"g","clientRoute":{}}`,
		`{"name":"g","clientRoute":{"relativePathList":[""]}}`, `{"name":"g","clientRoute":{"relativePathList":["/a"],"methodList":["FETCH"]}}`} {
		assert.Equal(t, 400, post(groups, body).StatusCode, body)
	}
	assert.Equal(t, 404, post("/apiops/projects/MyProject/apiProxyGroups", `{}`).StatusCode, "no trailing slash")
	assert.Equal(t, 404, post("/apiops/projects/MyProject/other/", `{}`).StatusCode)
	assert.Equal(t, 404, post(groups+"g/unknown/", `{}`).StatusCode)
	srv.AddGroup("g", "", "/g")
	assert.Equal(t, 400, post(groups+"g/environments/production/", `{`).StatusCode)
	assert.Equal(t, 200, post(groups+"g/environments/production/", ``).StatusCode)

	form := func(body string) int {
		resp, err := http.Post(srv.URL()+"/apiops/auth/token", "application/x-www-form-urlencoded", stringsReader(body))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, 400, form("grant_type=password&client_id=a&client_secret=b"))
	assert.Equal(t, 401, form("grant_type=client_credentials&client_id=a&client_secret=b"))
	resp, err := http.Get(srv.URL() + "/apiops/auth/token")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 405, resp.StatusCode)
	resp, err = http.Post(srv.URL()+"/apiops/auth/token", "application/json", stringsReader(`{}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)
}

// Only calls that are safe to repeat are retried after a transient failure.
func TestRetries(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("PaymentAPIGroup", "", "/api/v1/payment")
	c, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	require.NoError(t, err)
	ctx := context.Background()
	fault := apiproxygrouptest.Fault{Status: 503, Body: []byte(`{"status":"FAILURE","resultMessage":"busy"}`)}

	srv.FailNext(1, fault)
	_, err = c.Update(ctx, seedInput(""))
	require.NoError(t, err, "a plain update is retried")

	for name, call := range map[string]func() error{
		"update and deploy": func() error { _, err := c.Update(ctx, seedInput("production")); return err },
		"deploy":            func() error { _, err := c.Deploy(ctx, "PaymentAPIGroup", "production", nil); return err },
		"undeploy":          func() error { _, err := c.Undeploy(ctx, "PaymentAPIGroup", "production", nil); return err },
		"create": func() error {
			_, err := c.Create(ctx, apiproxygroup.GroupInput{Name: "New", ClientRoute: apiproxygroup.ClientRoute{RelativePaths: []string{"/new"}}})
			return err
		},
	} {
		srv.FailNext(1, fault)
		err := call()
		var e *apiproxygroup.Error
		require.ErrorAs(t, err, &e, name)
		assert.Equal(t, 1, e.Attempts, name)
		assert.ErrorIs(t, err, apiproxygroup.ErrServerError, name)
	}

	srv.FailNext(1, apiproxygrouptest.Fault{Drop: true})
	require.NoError(t, c.AddProxy(ctx, "PaymentAPIGroup", "MyAPI"), "adding a member is retried")
	srv.FailNext(1, fault)
	_, err = c.Environments(ctx, "PaymentAPIGroup")
	require.NoError(t, err)
}

// A response that is not JSON fails as malformed; an empty one is an empty
// envelope.
func TestMalformedAndEmptyResponses(t *testing.T) {
	srv, _ := server(t, []int{200}, `<html>`)
	c := newClient(t, srv.URL)
	_, err := c.Update(context.Background(), seedInput(""))
	assert.ErrorIs(t, err, apiproxygroup.ErrMalformedResponse)
	assert.ErrorIs(t, listErr(c), apiproxygroup.ErrMalformedResponse)
	_, err = c.Environments(context.Background(), "g")
	assert.ErrorIs(t, err, apiproxygroup.ErrMalformedResponse)
	_, err = c.DeployHistory(context.Background(), "g")
	assert.ErrorIs(t, err, apiproxygroup.ErrMalformedResponse)

	srv, _ = server(t, []int{200}, ``)
	res, err := newClient(t, srv.URL).Update(context.Background(), seedInput(""))
	require.NoError(t, err)
	assert.Equal(t, "PaymentAPIGroup", res.Group.Name)

	srv, _ = server(t, []int{200}, `{"status":"SUCCESS","resultList":[{"revision":3},{"revision":4}]}`)
	_, err = newClient(t, srv.URL).DeployHistoryRecord(context.Background(), "g", 5)
	assert.ErrorIs(t, err, apiproxygroup.ErrNotFound)
	srv, _ = server(t, []int{200}, `{"status":"SUCCESS","resultList":[{"username":"admin"}]}`)
	rec, err := newClient(t, srv.URL).DeployHistoryRecord(context.Background(), "g", 5)
	require.NoError(t, err)
	assert.Equal(t, "admin", rec.Username, "a one-element answer is the record")

	srv, _ = server(t, []int{200}, `{"success":true,"resultList":[{"environmentName":"production","deployed":true}]}`)
	envs, err := newClient(t, srv.URL).Environments(context.Background(), "g")
	require.NoError(t, err)
	assert.Equal(t, []apiproxygroup.Environment{{Name: "production", Deployed: true}}, envs)
}

// Breaking out of List stops it.
func TestListStopsEarly(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("A", "", "/a")
	srv.AddGroup("B", "", "/b")
	c, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	require.NoError(t, err)
	var names []string
	for g, err := range c.List(context.Background(), nil) {
		require.NoError(t, err)
		names = append(names, g.Name)
		break
	}
	assert.Equal(t, []string{"A"}, names)
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

// ListPage returns every group as one page: Apinizer's list has no paging.
func TestListPageIsEverything(t *testing.T) {
	srv := apiproxygrouptest.NewServer()
	defer srv.Close()
	srv.AddGroup("A", "", "/a")
	srv.AddGroup("B", "", "/b")
	c, err := apiproxygroup.NewClient(srv.Project, srv.ClientOptions()...)
	require.NoError(t, err)
	page, err := c.ListPage(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, "A", page.Items[0].Name)
	assert.EqualValues(t, 2, page.Total)
	assert.Zero(t, page.Offset)
	assert.Empty(t, page.NextPageToken)
}
