package apigroup

import (
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apigroupgen"
	jf "github.com/apimgmt/apimgmt-go/internal/jsonfast"
)

// This file reads a group and a page of groups without reflection
// (internal/jsonfast): decoding the response with encoding/json was half
// of an update. The readers follow only the members the generated models
// have, each once, with strings without escapes and integers in range;
// anything else makes them give up, and the response is decoded with
// encoding/json as before, so what it decodes to never depends on the path
// (TestFastDecode, FuzzFastDecode).

// readGroupText decodes a group, or reports false.
func readGroupText(data []byte) (*gen.APIGroupInfo, bool) { return jf.Decode(data, readGroup) }

// readGroupListText decodes a page of List, each group from a copy of its
// own text (a group kept from a page does not keep the page in memory), or
// reports false.
func readGroupListText(page []byte) (*gen.APIGroupList, bool) { return jf.Decode(page, readGroupList) }

func readGroupList(r *jf.Reader, l *gen.APIGroupList) { jf.ReadObject(r, l, listMembers) }

var listMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.APIGroupList){
	"groups": func(r *jf.Reader, l *gen.APIGroupList) { l.Groups = jf.ReadCopies(r, readGroup) },
	"size":   func(r *jf.Reader, l *gen.APIGroupList) { l.Size = int32(r.Int(32)) },
	"total":  func(r *jf.Reader, l *gen.APIGroupList) { l.Total = r.Int(64) },
})

func readGroup(r *jf.Reader, g *gen.APIGroupInfo) { jf.ReadObject(r, g, groupMembers) }

var groupMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.APIGroupInfo){
	"call_limits":    func(r *jf.Reader, g *gen.APIGroupInfo) { g.CallLimits = int32(r.Int(32)) },
	"id":             func(r *jf.Reader, g *gen.APIGroupInfo) { g.ID = r.Text() },
	"is_default":     func(r *jf.Reader, g *gen.APIGroupInfo) { g.IsDefault = int32(r.Int(32)) },
	"name":           func(r *jf.Reader, g *gen.APIGroupInfo) { g.Name = r.Text() },
	"on_sell_status": func(r *jf.Reader, g *gen.APIGroupInfo) { g.OnSellStatus = gen.APIGroupInfoOnSellStatus(r.Int(32)) },
	"register_time":  func(r *jf.Reader, g *gen.APIGroupInfo) { g.RegisterTime = r.Text() },
	"remark":         func(r *jf.Reader, g *gen.APIGroupInfo) { g.Remark = r.Text() },
	"roma_app_id":    func(r *jf.Reader, g *gen.APIGroupInfo) { g.RomaAppID = r.Text() },
	"roma_app_name":  func(r *jf.Reader, g *gen.APIGroupInfo) { g.RomaAppName = r.Text() },
	"sl_domain":      func(r *jf.Reader, g *gen.APIGroupInfo) { g.SLDomain = r.Text() },
	"sl_domain_access_enabled": func(r *jf.Reader, g *gen.APIGroupInfo) {
		g.SLDomainAccessEnabled = r.BoolPtr()
	},
	"sl_domains":    func(r *jf.Reader, g *gen.APIGroupInfo) { g.SLDomains = jf.ReadTexts[string](r) },
	"status":        func(r *jf.Reader, g *gen.APIGroupInfo) { g.Status = gen.APIGroupInfoStatus(r.Int(32)) },
	"time_interval": func(r *jf.Reader, g *gen.APIGroupInfo) { g.TimeInterval = int32(r.Int(32)) },
	"time_unit":     func(r *jf.Reader, g *gen.APIGroupInfo) { g.TimeUnit = r.Text() },
	"update_time":   func(r *jf.Reader, g *gen.APIGroupInfo) { g.UpdateTime = r.Text() },
	"url_domains":   func(r *jf.Reader, g *gen.APIGroupInfo) { g.URLDomains = jf.ReadSlice(r, readURLDomain) },
	"version":       func(r *jf.Reader, g *gen.APIGroupInfo) { g.Version = gen.APIGroupVersion(r.Text()) },
})

func readURLDomain(r *jf.Reader, d *gen.URLDomain) { jf.ReadObject(r, d, urlDomainMembers) }

var urlDomainMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.URLDomain){
	"cname_status":       func(r *jf.Reader, d *gen.URLDomain) { d.CNAMEStatus = gen.URLDomainCNAMEStatus(r.Int(32)) },
	"domain":             func(r *jf.Reader, d *gen.URLDomain) { d.Domain = r.Text() },
	"id":                 func(r *jf.Reader, d *gen.URLDomain) { d.ID = r.Text() },
	"ingress_http_port":  func(r *jf.Reader, d *gen.URLDomain) { d.IngressHTTPPort = int32(r.Int(32)) },
	"ingress_https_port": func(r *jf.Reader, d *gen.URLDomain) { d.IngressHTTPSPort = int32(r.Int(32)) },
	"is_has_trusted_root_ca": func(r *jf.Reader, d *gen.URLDomain) {
		d.IsHasTrustedRootCA = r.Bool()
	},
	"min_ssl_version": func(r *jf.Reader, d *gen.URLDomain) { d.MinSSLVersion = gen.URLDomainMinSSLVersion(r.Text()) },
	"ssl_id":          func(r *jf.Reader, d *gen.URLDomain) { d.SSLID = r.Text() },
	"ssl_infos":       func(r *jf.Reader, d *gen.URLDomain) { d.SSLInfos = jf.ReadSlice(r, readSSLInfo) },
	"ssl_name":        func(r *jf.Reader, d *gen.URLDomain) { d.SSLName = r.Text() },
	"verified_client_certificate_enabled": func(r *jf.Reader, d *gen.URLDomain) {
		d.VerifiedClientCertificateEnabled = r.Bool()
	},
})

func readSSLInfo(r *jf.Reader, s *gen.SSLInfo) { jf.ReadObject(r, s, sslInfoMembers) }

var sslInfoMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.SSLInfo){
	"algorithm_type": func(r *jf.Reader, s *gen.SSLInfo) { s.AlgorithmType = gen.SSLInfoAlgorithmType(r.Text()) },
	"ssl_id":         func(r *jf.Reader, s *gen.SSLInfo) { s.SSLID = r.Text() },
	"ssl_name":       func(r *jf.Reader, s *gen.SSLInfo) { s.SSLName = r.Text() },
	"type":           func(r *jf.Reader, s *gen.SSLInfo) { s.Type = gen.SSLInfoType(r.Text()) },
})
