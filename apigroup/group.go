package apigroup

import (
	"time"

	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
)

// Group is an API group: a set of APIs of one gateway instance, with a
// subdomain that APIG allocates and any independent domains bound to it.
type Group struct {
	// ID is the API group ID.
	ID string `json:"id"`
	// Name is the API group name.
	Name string `json:"name"`
	// Remark is the group's description.
	Remark string `json:"remark,omitempty"`
	// Status is the group's status; StatusValid is the only documented value.
	Status Status `json:"status,omitempty"`
	// SLDomain is the subdomain name that APIG automatically allocates to
	// the group.
	SLDomain string `json:"sl_domain,omitempty"`
	// SLDomains are all the automatically allocated subdomain names.
	SLDomains []string `json:"sl_domains,omitempty"`
	// SLDomainAccessEnabled reports whether the debugging domain name is
	// accessible. The vendor documents true as the default, so an absent
	// value reads as true.
	SLDomainAccessEnabled bool `json:"sl_domain_access_enabled"`
	// URLDomains are the independent domain names bound to the group.
	URLDomains []URLDomain `json:"url_domains,omitempty"`
	// RegisteredAt is the creation time (zero if absent or unparseable).
	RegisteredAt time.Time `json:"register_time,omitzero"`
	// UpdatedAt is the last modification time (zero if absent or
	// unparseable). The APIG docs show values like
	// "2020-07-31T06:55:55Z.866474185Z"; they are parsed too.
	UpdatedAt time.Time `json:"update_time,omitzero"`
	// OnSellStatus says whether the group is listed on KooGallery (not
	// supported currently).
	OnSellStatus OnSellStatus `json:"on_sell_status,omitempty"`
	// IsDefault says whether the group is the instance's default group. The
	// vendor documents no values; its example shows 2 for an ordinary group.
	IsDefault int32 `json:"is_default,omitempty"`
	// Version is the group version: VersionV1 (global group, the default)
	// or VersionV2 (application-level group; not supported currently).
	Version Version `json:"version,omitempty"`
	// CallLimits is the total number of times all APIs in the group can be
	// called (not supported currently).
	CallLimits int32 `json:"call_limits,omitempty"`
	// TimeInterval is the period for limiting API calls (not supported
	// currently).
	TimeInterval int32 `json:"time_interval,omitempty"`
	// TimeUnit is the time unit for limiting API calls (not supported
	// currently).
	TimeUnit string `json:"time_unit,omitempty"`
	// RomaAppID is the ID of the integration application the group belongs
	// to (not supported currently).
	RomaAppID string `json:"roma_app_id,omitempty"`
	// RomaAppName is the name of the integration application the group
	// belongs to (not supported currently).
	RomaAppName string `json:"roma_app_name,omitempty"`
}

// Version is an API group's version. A value the service adds later is
// kept as it came.
type Version string

// Version values.
const (
	// VersionV1 is a global group (the default).
	VersionV1 Version = "V1"
	// VersionV2 is an application-level group (not supported currently).
	VersionV2 Version = "V2"
)

// Status is an API group's status.
type Status int32

// StatusValid means the group is valid.
const StatusValid Status = 1

// OnSellStatus says whether a group is listed on KooGallery.
type OnSellStatus int32

// OnSellStatus values.
const (
	OnSellListed      OnSellStatus = 1
	OnSellNotListed   OnSellStatus = 2
	OnSellUnderReview OnSellStatus = 3
)

// URLDomain is an independent domain name bound to a group.
type URLDomain struct {
	// ID is the domain ID.
	ID string `json:"id,omitempty"`
	// Domain is the domain name.
	Domain string `json:"domain,omitempty"`
	// CNAMEStatus is the CNAME resolution status of the domain name.
	CNAMEStatus CNAMEStatus `json:"cname_status,omitempty"`
	// SSLID is the ID of the bound SSL certificate.
	SSLID string `json:"ssl_id,omitempty"`
	// SSLName is the name of the bound SSL certificate.
	SSLName string `json:"ssl_name,omitempty"`
	// SSLInfos are the SSL certificates bound to the domain name.
	SSLInfos []SSLInfo `json:"ssl_infos,omitempty"`
	// MinSSLVersion is the minimum TLS version (TLSv1.1 by default).
	MinSSLVersion MinSSLVersion `json:"min_ssl_version,omitempty"`
	// VerifiedClientCertificateEnabled reports whether client certificate
	// verification is enabled; it is only effective with a bound certificate.
	VerifiedClientCertificateEnabled bool `json:"verified_client_certificate_enabled"`
	// HasTrustedRootCA reports whether the bound certificate contains a
	// trusted root CA.
	HasTrustedRootCA bool `json:"is_has_trusted_root_ca"`
	// IngressHTTPPort is the inbound HTTP port: -1 for none, 80 by default,
	// or a custom port from 1024 to 49151. 0 means absent.
	IngressHTTPPort int32 `json:"ingress_http_port,omitempty"`
	// IngressHTTPSPort is the inbound HTTPS port: -1 for none, 443 by
	// default, or a custom port from 1024 to 49151. 0 means absent.
	IngressHTTPSPort int32 `json:"ingress_https_port,omitempty"`
}

// CNAMEStatus is the CNAME resolution status of a domain name.
type CNAMEStatus int32

// CNAMEStatus values.
const (
	CNAMEUnresolved CNAMEStatus = 1
	CNAMEResolving  CNAMEStatus = 2
	CNAMEResolved   CNAMEStatus = 3
	CNAMEFailed     CNAMEStatus = 4
)

// MinSSLVersion is the minimum TLS version of a domain.
type MinSSLVersion string

// MinSSLVersion values.
const (
	TLS11 MinSSLVersion = "TLSv1.1"
	TLS12 MinSSLVersion = "TLSv1.2"
)

// SSLInfo is an SSL certificate bound to a domain name.
type SSLInfo struct {
	// SSLID is the certificate ID.
	SSLID string `json:"ssl_id,omitempty"`
	// SSLName is the certificate name.
	SSLName string `json:"ssl_name,omitempty"`
	// AlgorithmType is the certificate algorithm (AlgorithmRSA,
	// AlgorithmECC or AlgorithmSM2; another value is kept as it came).
	AlgorithmType CertificateAlgorithm `json:"algorithm_type,omitempty"`
	// Type is the certificate's visibility (CertificateInstance or
	// CertificateGlobal; another value is kept as it came, 0 when absent).
	Type CertificateScope `json:"type,omitempty"`
	// HasTrustedRootCA reports whether the certificate contains a trusted
	// root CA.
	HasTrustedRootCA bool `json:"is_has_trusted_root_ca"`
}

// CertificateAlgorithm is the algorithm of an SSL certificate.
type CertificateAlgorithm string

// CertificateAlgorithm values.
const (
	AlgorithmRSA CertificateAlgorithm = "RSA"
	AlgorithmECC CertificateAlgorithm = "ECC"
	AlgorithmSM2 CertificateAlgorithm = "SM2"
)

// CertificateScope is where an SSL certificate is visible.
type CertificateScope int32

// CertificateScope values.
const (
	// CertificateInstance is a certificate of this gateway instance.
	CertificateInstance CertificateScope = 1
	// CertificateGlobal is a global certificate.
	CertificateGlobal CertificateScope = 2
)

func groupFromGen(g *gen.APIGroupInfo) *Group {
	out := &Group{
		ID:                    g.ID,
		Name:                  g.Name,
		Remark:                g.Remark,
		Status:                Status(g.Status),
		SLDomain:              g.SLDomain,
		SLDomains:             g.SLDomains,
		SLDomainAccessEnabled: g.SLDomainAccessEnabled == nil || *g.SLDomainAccessEnabled,
		RegisteredAt:          convert.Time(g.RegisterTime),
		UpdatedAt:             convert.Time(g.UpdateTime),
		OnSellStatus:          OnSellStatus(g.OnSellStatus),
		IsDefault:             g.IsDefault,
		Version:               Version(g.Version),
		CallLimits:            g.CallLimits,
		TimeInterval:          g.TimeInterval,
		TimeUnit:              g.TimeUnit,
		RomaAppID:             g.RomaAppID,
		RomaAppName:           g.RomaAppName,
	}
	if g.URLDomains != nil {
		out.URLDomains = make([]URLDomain, len(g.URLDomains))
		for i := range g.URLDomains {
			out.URLDomains[i] = urlDomainFromGen(&g.URLDomains[i])
		}
	}
	return out
}

func urlDomainFromGen(d *gen.URLDomain) URLDomain {
	out := URLDomain{
		ID:                               d.ID,
		Domain:                           d.Domain,
		CNAMEStatus:                      CNAMEStatus(d.CNAMEStatus),
		SSLID:                            d.SSLID,
		SSLName:                          d.SSLName,
		MinSSLVersion:                    MinSSLVersion(d.MinSSLVersion),
		VerifiedClientCertificateEnabled: d.VerifiedClientCertificateEnabled,
		HasTrustedRootCA:                 d.IsHasTrustedRootCA,
		IngressHTTPPort:                  d.IngressHTTPPort,
		IngressHTTPSPort:                 d.IngressHTTPSPort,
	}
	if d.SSLInfos != nil {
		out.SSLInfos = make([]SSLInfo, len(d.SSLInfos))
		for i, s := range d.SSLInfos {
			out.SSLInfos[i] = SSLInfo{
				SSLID:            s.SSLID,
				SSLName:          s.SSLName,
				AlgorithmType:    CertificateAlgorithm(s.AlgorithmType),
				Type:             CertificateScope(s.Type),
				HasTrustedRootCA: s.IsHasTrustedRootCA,
			}
		}
	}
	return out
}
