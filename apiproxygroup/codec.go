package apiproxygroup

import (
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	jf "github.com/apimgmt/apimgmt-go/internal/jsonfast"
)

// This file writes the request body of Create and Update and reads the
// common envelope and the answer of List without reflection (internal/jsonfast): encoding and
// decoding them with encoding/json was a third of an update. The writer
// writes, byte for byte, what encoding/json writes for the generated model
// (TestFastCodecMatchesEncodingJSON). The readers (the common envelope of
// success, status and resultMessage, and the answer of List) follow only
// the members the generated models have, each once, and give up on
// anything else, which is then decoded with encoding/json as before
// (TestFastEnvelope, TestFastGroupList, FuzzFastEnvelopeDecode).

// appendGroupBody appends the request body of Create and Update: what
// genrt.MarshalJSON writes for the gen.APIProxyGroup of in.
func appendGroupBody(b []byte, in *GroupInput) []byte {
	r := &in.ClientRoute
	b = append(b, '{')
	b = jf.Key(b, "clientRoute")
	b = append(b, '{')
	b = jf.OmitNilBool(b, "bufferRequest", r.BufferRequest)
	b = jf.OmitNilBool(b, "bufferResponse", r.BufferResponse)
	b = jf.OmitEmptyObjects(b, "headerList", r.Headers, appendHeader)
	b = jf.OmitEmptyTexts(b, "hostList", r.Hosts)
	b = jf.OmitEmptyTexts(b, "methodList", r.Methods)
	b = jf.Texts(b, "relativePathList", r.RelativePaths)
	b = append(b, '}')
	b = jf.OmitEmptyText(b, "description", in.Description)
	b = jf.OmitEmptyText(b, "environmentName", in.EnvironmentName)
	b = jf.Text(b, "name", in.Name)
	return append(b, '}')
}

func appendHeader(b []byte, h *Header) []byte {
	b = append(b, '{')
	b = jf.Text(b, "name", h.Name)
	b = jf.OmitEmptyText(b, "value", h.Value)
	return append(b, '}')
}

// readEnvelopeText decodes an envelope of success, status and
// resultMessage, or reports false.
func readEnvelopeText(data []byte) (*gen.Envelope, bool) { return jf.Decode(data, readEnvelope) }

// readGroupListText decodes the answer of List, each group from a copy of
// its own text (a group kept from the list does not keep the whole answer
// in memory), or reports false.
func readGroupListText(data []byte) (*gen.APIProxyGroupListEnvelope, bool) {
	return jf.Decode(data, readGroupList)
}

func readEnvelope(r *jf.Reader, e *gen.Envelope) {
	if !r.Object() {
		return
	}
	var seen uint64
	for {
		k, ok := r.Key()
		if !ok {
			return
		}
		if !envelopeMember(r, k, &seen, &e.Success, &e.Status, &e.ResultMessage) {
			r.Fail()
		}
	}
}

// envelopeMember reads the member k of the common envelope into its fields
// (bits 0 to 2 of seen), and reports false when k is not one of them.
func envelopeMember(r *jf.Reader, k string, seen *uint64, success **bool, status **gen.ResultStatus, message *string) bool {
	switch k {
	case "success":
		r.Once(seen, 0)
		*success = r.BoolPtr()
	case "status":
		r.Once(seen, 1)
		if !r.Null() {
			s := gen.ResultStatus(r.Text())
			*status = &s
		}
	case "resultMessage":
		r.Once(seen, 2)
		*message = r.Text()
	default:
		return false
	}
	return true
}

func readGroupList(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) {
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
		case "resultCount":
			r.Once(&seen, 3)
			e.ResultCount = int32(r.Int(32))
		case "resultList":
			r.Once(&seen, 4)
			e.ResultList = jf.ReadCopies(r, readSummary)
		default:
			if !envelopeMember(r, k, &seen, &e.Success, &e.Status, &e.ResultMessage) {
				r.Fail()
			}
		}
	}
}

func readSummary(r *jf.Reader, g *gen.APIProxyGroupSummary) {
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
		case "applySettingsToApiProxies":
			r.Once(&seen, 0)
			g.ApplySettingsToAPIProxies = r.BoolPtr()
		case "clientRoute":
			r.Once(&seen, 1)
			g.ClientRoute = jf.ReadPtr(r, readRoute)
		case "description":
			r.Once(&seen, 2)
			g.Description = r.Text()
		case "directAccessToApiProxiesDisabled":
			r.Once(&seen, 3)
			g.DirectAccessToAPIProxiesDisabled = r.BoolPtr()
		case "id":
			r.Once(&seen, 4)
			g.ID = r.Text()
		case "name":
			r.Once(&seen, 5)
			g.Name = r.Text()
		case "relativePath":
			r.Once(&seen, 6)
			g.RelativePath = r.Text()
		case "relativePathEnabled":
			r.Once(&seen, 7)
			g.RelativePathEnabled = r.BoolPtr()
		default:
			r.Fail()
		}
	}
}

func readRoute(r *jf.Reader, c *gen.ClientRoute) {
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
		case "bufferRequest":
			r.Once(&seen, 0)
			c.BufferRequest = r.BoolPtr()
		case "bufferResponse":
			r.Once(&seen, 1)
			c.BufferResponse = r.BoolPtr()
		case "headerList":
			r.Once(&seen, 2)
			c.HeaderList = jf.ReadSlice(r, readRouteHeader)
		case "hostList":
			r.Once(&seen, 3)
			c.HostList = jf.ReadTexts[string](r)
		case "methodList":
			r.Once(&seen, 4)
			c.MethodList = jf.ReadTexts[gen.HTTPRequestMethod](r)
		case "relativePathList":
			r.Once(&seen, 5)
			c.RelativePathList = jf.ReadTexts[string](r)
		default:
			r.Fail()
		}
	}
}

func readRouteHeader(r *jf.Reader, h *gen.ClientRouteHeader) {
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
		case "name":
			r.Once(&seen, 0)
			h.Name = r.Text()
		case "value":
			r.Once(&seen, 1)
			h.Value = r.Text()
		default:
			r.Fail()
		}
	}
}
