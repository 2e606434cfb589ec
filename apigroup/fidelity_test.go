package apigroup_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/apigroup"
	"github.com/apimgmt/apimgmt-go/apigroup/apigrouptest"
)

// vendorGroup is a group as the vendor's model has it: a domain with
// certificates (ssl_infos[].type an integer, is_has_trusted_root_ca), the
// update time in the documentation's irregular form, and values the
// vendor may add later (status 5, version V3, cname_status 9, TLSv1.3,
// algorithm DSA, certificate type 7) that must decode and be kept.
const vendorGroup = `{"id":"c77f5e81d9cb4424bf704ef2b0ac7600","name":"api_group_001","status":5,
"sl_domain":"c77f.apic.example.com","register_time":"2020-07-31T06:55:55Z","update_time":"2020-07-31T06:55:55Z.866474185Z",
"on_sell_status":4,"version":"V3","is_default":2,"sl_domain_access_enabled":false,
"url_domains":[{"id":"d1","domain":"www.example.com","cname_status":9,"ssl_id":"s1","ssl_name":"cert",
 "min_ssl_version":"TLSv1.3","verified_client_certificate_enabled":true,"is_has_trusted_root_ca":true,
 "ingress_http_port":-1,"ingress_https_port":443,
 "ssl_infos":[{"ssl_id":"s1","ssl_name":"cert","algorithm_type":"RSA","type":1,"is_has_trusted_root_ca":true},
              {"ssl_id":"s2","ssl_name":"cert2","algorithm_type":"DSA","type":7,"is_has_trusted_root_ca":false},
              {"ssl_id":"s3","algorithm_type":"SM2","type":2}]}]}`

func checkVendorGroup(t *testing.T, g *apigroup.Group) {
	t.Helper()
	assert.Equal(t, apigroup.Status(5), g.Status)
	assert.Equal(t, apigroup.Version("V3"), g.Version)
	assert.Equal(t, apigroup.OnSellStatus(4), g.OnSellStatus)
	assert.False(t, g.SLDomainAccessEnabled)
	assert.Equal(t, time.Date(2020, 7, 31, 6, 55, 55, 866474185, time.UTC), g.UpdatedAt, "the documented irregular form")
	assert.Equal(t, time.Date(2020, 7, 31, 6, 55, 55, 0, time.UTC), g.RegisteredAt)
	require.Len(t, g.URLDomains, 1)
	d := g.URLDomains[0]
	assert.Equal(t, apigroup.CNAMEStatus(9), d.CNAMEStatus)
	assert.Equal(t, apigroup.MinSSLVersion("TLSv1.3"), d.MinSSLVersion)
	assert.True(t, d.HasTrustedRootCA)
	assert.True(t, d.VerifiedClientCertificateEnabled)
	assert.Equal(t, int32(-1), d.IngressHTTPPort)
	assert.Equal(t, []apigroup.SSLInfo{
		{SSLID: "s1", SSLName: "cert", AlgorithmType: apigroup.AlgorithmRSA, Type: apigroup.CertificateInstance, HasTrustedRootCA: true},
		{SSLID: "s2", SSLName: "cert2", AlgorithmType: "DSA", Type: 7},
		{SSLID: "s3", AlgorithmType: apigroup.AlgorithmSM2, Type: apigroup.CertificateGlobal},
	}, d.SSLInfos)
}

// TestGroupWithCertificateDecodes reads a group whose domain has
// certificates, shaped as the vendor's model, through every call that
// answers with a group: none fails, and unknown enum values are kept.
func TestGroupWithCertificateDecodes(t *testing.T) {
	ctx := context.Background()
	t.Run("get", func(t *testing.T) {
		srv, _ := server(t, http.StatusOK, vendorGroup)
		g, err := newClient(t, srv.URL).Get(ctx, testGroup)
		require.NoError(t, err)
		checkVendorGroup(t, g)
	})
	t.Run("create", func(t *testing.T) {
		srv, _ := server(t, http.StatusCreated, vendorGroup)
		g, err := newClient(t, srv.URL).Create(ctx, apigroup.CreateInput{Name: "api_group_001"})
		require.NoError(t, err)
		checkVendorGroup(t, g)
	})
	t.Run("update", func(t *testing.T) {
		srv, _ := server(t, http.StatusOK, vendorGroup)
		g, err := newClient(t, srv.URL).Update(ctx, testGroup, apigroup.UpdateInput{Name: "api_group_001"})
		require.NoError(t, err)
		checkVendorGroup(t, g)
	})
	t.Run("list", func(t *testing.T) {
		srv, _ := server(t, http.StatusOK, `{"total":1,"size":1,"groups":[`+vendorGroup+`]}`)
		p, err := newClient(t, srv.URL).ListPage(ctx, nil)
		require.NoError(t, err)
		require.Len(t, p.Items, 1)
		checkVendorGroup(t, p.Items[0])
	})
}

// TestFakeServesCertificates binds a domain with certificates in the fake
// and reads it back through Get and List.
func TestFakeServesCertificates(t *testing.T) {
	srv := apigrouptest.NewServer()
	defer srv.Close()
	c, err := apigroup.NewClient(srv.InstanceID, srv.ClientOptions()...)
	require.NoError(t, err)
	id := srv.AddGroup("group_with_domain", "")
	want := apigroup.URLDomain{ID: "d1", Domain: "www.example.com", CNAMEStatus: apigroup.CNAMEResolved,
		SSLID: "s1", SSLName: "cert", MinSSLVersion: apigroup.TLS12, HasTrustedRootCA: true,
		IngressHTTPPort: 80, IngressHTTPSPort: 443,
		SSLInfos: []apigroup.SSLInfo{
			{SSLID: "s1", SSLName: "cert", AlgorithmType: apigroup.AlgorithmRSA, Type: apigroup.CertificateInstance, HasTrustedRootCA: true},
			{SSLID: "s2", SSLName: "global", AlgorithmType: apigroup.AlgorithmECC, Type: apigroup.CertificateGlobal},
		}}
	require.True(t, srv.BindDomain(id, want))
	assert.False(t, srv.BindDomain("no-such-group", want))

	g, err := c.Get(context.Background(), id)
	require.NoError(t, err)
	assert.Equal(t, []apigroup.URLDomain{want}, g.URLDomains)
	p, err := c.ListPage(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, []apigroup.URLDomain{want}, p.Items[0].URLDomains)
}

// TestMistypedFieldKeepsGroupReadable: a field of an unexpected JSON type
// outside the group's identity (here the old string form of
// ssl_infos[].type and a quoted is_default) leaves the group readable with
// that field zero; a mistyped ID still makes the answer unreadable.
func TestMistypedFieldKeepsGroupReadable(t *testing.T) {
	body := `{"id":"g1","name":"api_group_001","is_default":"2","remark":"kept",
"url_domains":[{"domain":"www.example.com","ssl_infos":[{"ssl_id":"s1","type":"instance"}]}]}`
	srv, _ := server(t, http.StatusOK, body)
	g, err := newClient(t, srv.URL).Get(context.Background(), testGroup)
	require.NoError(t, err)
	assert.Equal(t, "g1", g.ID)
	assert.Equal(t, "kept", g.Remark)
	assert.Zero(t, g.IsDefault)
	require.Len(t, g.URLDomains, 1)
	assert.Equal(t, "www.example.com", g.URLDomains[0].Domain)
	assert.Equal(t, []apigroup.SSLInfo{{SSLID: "s1"}}, g.URLDomains[0].SSLInfos)

	srv, _ = server(t, http.StatusOK, `{"total":1,"size":"1","groups":[`+body+`]}`)
	p, err := newClient(t, srv.URL).ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), p.Total)
	require.Len(t, p.Items, 1)

	srv, _ = server(t, http.StatusOK, `{"id":7,"name":"x"}`)
	_, err = newClient(t, srv.URL).Get(context.Background(), testGroup)
	require.ErrorIs(t, err, apigroup.ErrMalformedResponse)
	for _, bad := range []string{`{"total":"1","groups":[]}`, `{"total":1,"groups":[{"id":7}]}`} {
		srv, _ = server(t, http.StatusOK, bad)
		_, err = newClient(t, srv.URL).ListPage(context.Background(), nil)
		require.ErrorIs(t, err, apigroup.ErrMalformedResponse, bad)
	}
}
