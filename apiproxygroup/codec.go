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

func readEnvelope(r *jf.Reader, e *gen.Envelope) { jf.ReadObject(r, e, envelopeMembers) }

var envelopeMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.Envelope){
	"success":       func(r *jf.Reader, e *gen.Envelope) { e.Success = r.BoolPtr() },
	"status":        func(r *jf.Reader, e *gen.Envelope) { e.Status = readStatus(r) },
	"resultMessage": func(r *jf.Reader, e *gen.Envelope) { e.ResultMessage = r.Text() },
})

// readStatus reads an envelope's status; null reads as nil.
func readStatus(r *jf.Reader) *gen.ResultStatus {
	if r.Null() {
		return nil
	}
	s := gen.ResultStatus(r.Text())
	return &s
}

func readGroupList(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) { jf.ReadObject(r, e, listMembers) }

var listMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.APIProxyGroupListEnvelope){
	"success":       func(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) { e.Success = r.BoolPtr() },
	"status":        func(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) { e.Status = readStatus(r) },
	"resultMessage": func(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) { e.ResultMessage = r.Text() },
	"resultCount":   func(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) { e.ResultCount = int32(r.Int(32)) },
	"resultList": func(r *jf.Reader, e *gen.APIProxyGroupListEnvelope) {
		e.ResultList = jf.ReadCopies(r, readSummary)
	},
})

func readSummary(r *jf.Reader, g *gen.APIProxyGroupSummary) { jf.ReadObject(r, g, summaryMembers) }

var summaryMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.APIProxyGroupSummary){
	"applySettingsToApiProxies": func(r *jf.Reader, g *gen.APIProxyGroupSummary) {
		g.ApplySettingsToAPIProxies = r.BoolPtr()
	},
	"clientRoute": func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.ClientRoute = jf.ReadPtr(r, readRoute) },
	"description": func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.Description = r.Text() },
	"directAccessToApiProxiesDisabled": func(r *jf.Reader, g *gen.APIProxyGroupSummary) {
		g.DirectAccessToAPIProxiesDisabled = r.BoolPtr()
	},
	"id":                  func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.ID = r.Text() },
	"name":                func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.Name = r.Text() },
	"relativePath":        func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.RelativePath = r.Text() },
	"relativePathEnabled": func(r *jf.Reader, g *gen.APIProxyGroupSummary) { g.RelativePathEnabled = r.BoolPtr() },
})

func readRoute(r *jf.Reader, c *gen.ClientRoute) { jf.ReadObject(r, c, routeMembers) }

var routeMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.ClientRoute){
	"bufferRequest":    func(r *jf.Reader, c *gen.ClientRoute) { c.BufferRequest = r.BoolPtr() },
	"bufferResponse":   func(r *jf.Reader, c *gen.ClientRoute) { c.BufferResponse = r.BoolPtr() },
	"headerList":       func(r *jf.Reader, c *gen.ClientRoute) { c.HeaderList = jf.ReadSlice(r, readRouteHeader) },
	"hostList":         func(r *jf.Reader, c *gen.ClientRoute) { c.HostList = jf.ReadTexts[string](r) },
	"methodList":       func(r *jf.Reader, c *gen.ClientRoute) { c.MethodList = jf.ReadTexts[gen.HTTPRequestMethod](r) },
	"relativePathList": func(r *jf.Reader, c *gen.ClientRoute) { c.RelativePathList = jf.ReadTexts[string](r) },
})

func readRouteHeader(r *jf.Reader, h *gen.ClientRouteHeader) { jf.ReadObject(r, h, routeHeaderMembers) }

var routeHeaderMembers = jf.NewMembers(map[string]func(*jf.Reader, *gen.ClientRouteHeader){
	"name":  func(r *jf.Reader, h *gen.ClientRouteHeader) { h.Name = r.Text() },
	"value": func(r *jf.Reader, h *gen.ClientRouteHeader) { h.Value = r.Text() },
})
