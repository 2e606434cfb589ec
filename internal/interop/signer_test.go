package interop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	apigmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
	wsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspaceapp/v1/model"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
	"github.com/apimgmt/apimgmt-go/appgroup"
	"github.com/apimgmt/apimgmt-go/appgroup/appgrouptest"
)

// vendorVerifier checks AK/SK signatures by recomputing them with the
// vendor's own signer (huaweicloud-sdk-go-v3 core/auth/signer), over the
// headers the request says it signed, with its X-Sdk-Date. It reads the
// request as a gateway that takes the wire literally would: the query is
// split on & and =, and each part percent-decoded without turning '+' into
// a space.
type vendorVerifier struct {
	ak, sk string

	mu       sync.Mutex
	verified int
	failures []string
}

// check is a fake.Authenticator.
func (v *vendorVerifier) check(r *http.Request, body []byte) error {
	err := v.recompute(r, body)
	v.mu.Lock()
	defer v.mu.Unlock()
	if err != nil {
		v.failures = append(v.failures, fmt.Sprintf("%s %s?%s: %v", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, err))
		return err
	}
	v.verified++
	return nil
}

func (v *vendorVerifier) recompute(r *http.Request, body []byte) error {
	authz := r.Header.Get("Authorization")
	rest, found := strings.CutPrefix(authz, "SDK-HMAC-SHA256 ")
	if !found {
		return errors.New("not an SDK-HMAC-SHA256 signature")
	}
	fields := map[string]string{}
	for part := range strings.SplitSeq(rest, ", ") {
		k, val, _ := strings.Cut(part, "=")
		fields[k] = val
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	b := request.NewHttpRequestBuilder().WithEndpoint("http://" + r.Host).WithMethod(r.Method).WithPath(r.URL.Path)
	hasDate := false
	for _, name := range signed {
		val := r.Header.Get(name)
		if name == "host" {
			val = r.Host
		}
		hasDate = hasDate || name == "x-sdk-date"
		// The vendor's signer looks X-Sdk-Date up by its canonical name.
		b.AddHeaderParam(http.CanonicalHeaderKey(name), val)
	}
	if !hasDate {
		return errors.New("x-sdk-date is not signed")
	}
	query := map[string][]string{}
	if r.URL.RawQuery != "" {
		for part := range strings.SplitSeq(r.URL.RawQuery, "&") {
			rk, rv, _ := strings.Cut(part, "=")
			k, err1 := url.PathUnescape(rk)
			val, err2 := url.PathUnescape(rv)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("query %q is not percent-encoded", part)
			}
			query[k] = append(query[k], val)
		}
	}
	for k, vals := range query {
		b.AddQueryParam(k, reflect.ValueOf(vals))
	}
	if len(body) > 0 {
		b.WithBody("", string(body))
	}
	headers, err := signer.Sign(b.Build(), v.ak, v.sk)
	if err != nil {
		return err
	}
	if want := headers["Authorization"]; want != authz {
		return fmt.Errorf("the vendor's signer computes\n\t%s\nthe request carries\n\t%s", want, authz)
	}
	return nil
}

// refused returns how many requests the check refused.
func (v *vendorVerifier) refused() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.failures)
}

// done checks that every request was verified and at least n were.
func (v *vendorVerifier) done(t *testing.T, n int) {
	t.Helper()
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, f := range v.failures {
		t.Errorf("the vendor's signer rejects %s", f)
	}
	if v.verified < n {
		t.Errorf("%d requests verified, want at least %d", v.verified, n)
	}
}

// Awkward values: unicode, spaces, every sub-delimiter, percent signs.
var (
	awkwardIDs     = []string{"组-ünï", "id!$&'()*+,;=", "a:b@c", "~._-"}
	awkwardFilters = []string{"api group one", "组（一）：甲、乙", "a+b", "x!$&'()*,;=y", "100%", "a=b&c=d", "ü é"}
)

// notAuthError fails when err is the fake's 401 (the signature was
// refused); other errors (not found, conflict) are the operation's answer.
func notAuthError(t *testing.T, what string, err error) {
	t.Helper()
	var ae *apigroup.Error // the same type as appgroup.Error
	if errors.As(err, &ae) && ae.StatusCode == http.StatusUnauthorized {
		t.Errorf("%s: %v", what, err)
	}
}

// TestVendorSignerVerifiesAPIGroupRequests sends apigroup's requests,
// awkward IDs, names and filters included, to apigrouptest with its
// signature check replaced by the vendor's signer.
func TestVendorSignerVerifiesAPIGroupRequests(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	v := &vendorVerifier{ak: apigrouptest.AccessKey, sk: apigrouptest.SecretKey}
	srv.SetAuthenticator(v.check)
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	for _, name := range []string{"组（一）：甲、乙", "api_group.one/(1):x", "Ünïcode"} {
		_, err := c.Create(ctx, apigroup.CreateInput{Name: name, Remark: "remark with spaces, ünïcode and !$&'()*+,;="})
		notAuthError(t, "Create "+name, err)
	}
	g, err := c.Create(ctx, apigroup.CreateInput{Name: "interop_signed"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(awkwardIDs, g.ID) {
		_, err := c.Get(ctx, id)
		notAuthError(t, "Get "+id, err)
		_, err = c.Update(ctx, id, apigroup.UpdateInput{Name: "interop_signed", Remark: apimgmt.Ptr("a b")})
		notAuthError(t, "Update "+id, err)
	}
	for _, f := range awkwardFilters {
		_, err := c.ListPage(ctx, &apigroup.ListOptions{Name: f})
		notAuthError(t, "List name="+f, err)
		_, err = c.ListPage(ctx, &apigroup.ListOptions{Name: f, ExactName: true, ID: awkwardIDs[1], PageSize: 7, Offset: 3})
		notAuthError(t, "List with every filter, name="+f, err)
	}
	for _, name := range []string{"组（一）：甲、乙", "interop_signed", "api_group.one/(1):x"} {
		_, err := c.CheckName(ctx, name)
		notAuthError(t, "CheckName "+name, err)
	}
	for _, id := range append(awkwardIDs, g.ID) {
		notAuthError(t, "Delete "+id, c.Delete(ctx, id))
	}
	ours := len(srv.Requests())

	// The vendor's own requests pass the same check.
	vc := vendorAPIG(t, srv.URL(), srv.Client().Transport, apigrouptest.AccessKey, apigrouptest.SecretKey, apigrouptest.ProjectID)
	for _, f := range awkwardFilters {
		_, err := vc.ListApiGroupsV2(&apigmodel.ListApiGroupsV2Request{InstanceId: srv.InstanceID, Name: ptr(f), Id: ptr(awkwardIDs[1]), PreciseSearch: ptr("name"), Limit: ptr[int32](7)})
		ok(t, "ListApiGroupsV2", err)
	}
	v.done(t, ours+len(awkwardFilters))
}

// TestVendorSignerVerifiesAppGroupRequests sends appgroup's requests,
// awkward IDs, names and filters included, to appgrouptest with its
// signature check replaced by the vendor's signer.
func TestVendorSignerVerifiesAppGroupRequests(t *testing.T) {
	srv := appgrouptest.NewServer()
	defer srv.Close()
	v := &vendorVerifier{ak: appgrouptest.AccessKey, sk: appgrouptest.SecretKey}
	srv.SetAuthenticator(v.check)
	c, err := appgroup.NewClient(srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	g, err := c.Create(ctx, appgroup.CreateInput{Name: "应用组_signed-1", Description: "spaces, ünïcode and !$&'()*+,;=",
		AppServerGroupID: appgrouptest.ServerGroupID, AuthorizationType: appgroup.AuthorizationAppGroup, AppType: appgroup.AppTypeCommon})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(awkwardIDs, g.ID) {
		_, err := c.Get(ctx, id)
		notAuthError(t, "Get "+id, err)
		_, err = c.Update(ctx, id, appgroup.UpdateInput{Description: apimgmt.Ptr("a b !$&'()*+,;=")})
		notAuthError(t, "Update "+id, err)
	}
	for _, f := range awkwardFilters {
		_, err := c.ListPage(ctx, &appgroup.ListOptions{Name: f})
		notAuthError(t, "List name="+f, err)
		_, err = c.ListPage(ctx, &appgroup.ListOptions{Name: f, AppGroupID: awkwardIDs[1], AppServerGroupID: awkwardIDs[0],
			AuthorizationType: appgroup.AuthorizationAppGroup, AppType: appgroup.AppTypeSessionDesktop, PageSize: 7, Offset: 3})
		notAuthError(t, "List with every filter, name="+f, err)
		_, err = c.CheckName(ctx, f)
		notAuthError(t, "CheckName "+f, err)
	}
	for _, id := range append(awkwardIDs, appgrouptest.ServerGroupID) {
		notAuthError(t, "DisassociateServerGroup "+id, c.DisassociateServerGroup(ctx, id))
	}
	_, err = c.BatchDelete(ctx, append(awkwardIDs, g.ID))
	notAuthError(t, "BatchDelete", err)
	for _, id := range append(awkwardIDs, g.ID) {
		notAuthError(t, "Delete "+id, c.Delete(ctx, id))
	}
	ours := len(srv.Requests())

	// The vendor's own requests pass the same check.
	vc := vendorWorkspace(t, srv.URL(), srv.Client().Transport, appgrouptest.AccessKey, appgrouptest.SecretKey, appgrouptest.ProjectID)
	for _, f := range awkwardFilters {
		_, err := vc.ListAppGroup(&wsmodel.ListAppGroupRequest{Name: ptr(f), AppGroupId: ptr(awkwardIDs[1]), AppType: ptr("COMMON_APP"), Limit: ptr[int32](7)})
		ok(t, "ListAppGroup", err)
		_, err = vc.DisassociateAppGroup(&wsmodel.DisassociateAppGroupRequest{ServerGroupId: appgrouptest.ServerGroupID + f})
		wantHuaweiError(t, "DisassociateAppGroup of an unknown server group", err, http.StatusNotFound, appgrouptest.CodeNotFound)
	}
	v.done(t, ours+2*len(awkwardFilters))
}

// tamper changes each request after apimgmt-go signed it.
type tamper struct {
	base   http.RoundTripper
	change func(r *http.Request)
}

func (tp tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	tp.change(r)
	return tp.base.RoundTrip(r)
}

// TestVendorVerifierRefusesTamperedRequests shows the check above can
// fail: a query changed after signing, a space sent as '+' where %20 was
// signed, and a changed body are refused.
func TestVendorVerifierRefusesTamperedRequests(t *testing.T) {
	for name, change := range map[string]func(r *http.Request){
		"query":  func(r *http.Request) { r.URL.RawQuery += "&offset=1" },
		"plus":   func(r *http.Request) { r.URL.RawQuery = strings.ReplaceAll(r.URL.RawQuery, "%20", "+") },
		"path":   func(r *http.Request) { r.URL.Path += "x"; r.URL.RawPath = "" },
		"x-date": func(r *http.Request) { r.Header.Set("X-Sdk-Date", "20260101T000000Z") },
		"unsigned": func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "x-sdk-date", "x-sdk-datum", 1))
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := apigrouptest.NewServer()
			defer srv.Close()
			v := &vendorVerifier{ak: apigrouptest.AccessKey, sk: apigrouptest.SecretKey}
			srv.SetAuthenticator(v.check)
			opts := append(srv.ClientOptions(), apigroup.WithHTTPClient(&http.Client{Transport: tamper{srv.Client().Transport, change}}),
				apigroup.WithRetry(apigroup.RetryPolicy{MaxAttempts: 1}))
			c, err := apigroup.NewClient(srv.InstanceID, opts...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListPage(context.Background(), &apigroup.ListOptions{Name: "api group one"})
			var ae *apigroup.Error
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnauthorized || v.refused() == 0 {
				t.Errorf("a request tampered with (%s) passed: %v", name, err)
			}
		})
	}
}
