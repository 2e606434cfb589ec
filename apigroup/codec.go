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

func readGroupList(r *jf.Reader, l *gen.APIGroupList) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "groups":
			r.Once(&seen, 0)
			l.Groups = jf.ReadCopies(r, readGroup)
		case "size":
			r.Once(&seen, 1)
			l.Size = int32(r.Int(32))
		case "total":
			r.Once(&seen, 2)
			l.Total = r.Int(64)
		default:
			r.Fail()
		}
	}
}

func readGroup(r *jf.Reader, g *gen.APIGroupInfo) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "call_limits":
			r.Once(&seen, 0)
			g.CallLimits = int32(r.Int(32))
		case "id":
			r.Once(&seen, 1)
			g.ID = r.Text()
		case "is_default":
			r.Once(&seen, 2)
			g.IsDefault = int32(r.Int(32))
		case "name":
			r.Once(&seen, 3)
			g.Name = r.Text()
		case "on_sell_status":
			r.Once(&seen, 4)
			g.OnSellStatus = gen.APIGroupInfoOnSellStatus(r.Int(32))
		case "register_time":
			r.Once(&seen, 5)
			g.RegisterTime = r.Text()
		case "remark":
			r.Once(&seen, 6)
			g.Remark = r.Text()
		case "roma_app_id":
			r.Once(&seen, 7)
			g.RomaAppID = r.Text()
		case "roma_app_name":
			r.Once(&seen, 8)
			g.RomaAppName = r.Text()
		case "sl_domain":
			r.Once(&seen, 9)
			g.SLDomain = r.Text()
		case "sl_domain_access_enabled":
			r.Once(&seen, 10)
			g.SLDomainAccessEnabled = r.BoolPtr()
		case "sl_domains":
			r.Once(&seen, 11)
			g.SLDomains = jf.ReadTexts[string](r)
		case "status":
			r.Once(&seen, 12)
			g.Status = gen.APIGroupInfoStatus(r.Int(32))
		case "time_interval":
			r.Once(&seen, 13)
			g.TimeInterval = int32(r.Int(32))
		case "time_unit":
			r.Once(&seen, 14)
			g.TimeUnit = r.Text()
		case "update_time":
			r.Once(&seen, 15)
			g.UpdateTime = r.Text()
		case "url_domains":
			r.Once(&seen, 16)
			g.URLDomains = jf.ReadSlice(r, readURLDomain)
		case "version":
			r.Once(&seen, 17)
			g.Version = gen.APIGroupVersion(r.Text())
		default:
			r.Fail()
		}
	}
}

func readURLDomain(r *jf.Reader, d *gen.URLDomain) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "cname_status":
			r.Once(&seen, 0)
			d.CNAMEStatus = gen.URLDomainCNAMEStatus(r.Int(32))
		case "domain":
			r.Once(&seen, 1)
			d.Domain = r.Text()
		case "id":
			r.Once(&seen, 2)
			d.ID = r.Text()
		case "ingress_http_port":
			r.Once(&seen, 3)
			d.IngressHTTPPort = int32(r.Int(32))
		case "ingress_https_port":
			r.Once(&seen, 4)
			d.IngressHTTPSPort = int32(r.Int(32))
		case "is_has_trusted_root_ca":
			r.Once(&seen, 5)
			d.IsHasTrustedRootCA = r.Bool()
		case "min_ssl_version":
			r.Once(&seen, 6)
			d.MinSSLVersion = gen.URLDomainMinSSLVersion(r.Text())
		case "ssl_id":
			r.Once(&seen, 7)
			d.SSLID = r.Text()
		case "ssl_infos":
			r.Once(&seen, 8)
			d.SSLInfos = jf.ReadSlice(r, readSSLInfo)
		case "ssl_name":
			r.Once(&seen, 9)
			d.SSLName = r.Text()
		case "verified_client_certificate_enabled":
			r.Once(&seen, 10)
			d.VerifiedClientCertificateEnabled = r.Bool()
		default:
			r.Fail()
		}
	}
}

func readSSLInfo(r *jf.Reader, s *gen.SSLInfo) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		switch k {
		case "algorithm_type":
			r.Once(&seen, 0)
			s.AlgorithmType = gen.SSLInfoAlgorithmType(r.Text())
		case "ssl_id":
			r.Once(&seen, 1)
			s.SSLID = r.Text()
		case "ssl_name":
			r.Once(&seen, 2)
			s.SSLName = r.Text()
		case "type":
			r.Once(&seen, 3)
			s.Type = gen.SSLInfoType(r.Text())
		default:
			r.Fail()
		}
	}
}
