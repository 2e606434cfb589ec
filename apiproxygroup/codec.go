package apiproxygroup

import (
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	jf "github.com/apimgmt/apimgmt-go/internal/jsonfast"
)

// This file writes the request body of Create and Update and reads the
// common envelope without reflection (internal/jsonfast): encoding and
// decoding them with encoding/json was a third of an update. The writer
// writes, byte for byte, what encoding/json writes for the generated model
// (TestFastCodecMatchesEncodingJSON); the reader follows only an envelope
// of success, status and resultMessage and gives up on anything else, which
// is then decoded with encoding/json as before (FuzzFastEnvelopeDecode).

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
// resultMessage from src, or reports false.
func readEnvelopeText(src string) (*gen.Envelope, bool) {
	r := jf.NewReader(src)
	e := new(gen.Envelope)
	if r.Object() {
		var seen uint64
		for {
			k, ok := r.Key()
			if !ok {
				break
			}
			switch k {
			case "success":
				r.Once(&seen, 0)
				e.Success = r.BoolPtr()
			case "status":
				r.Once(&seen, 1)
				if !r.Null() {
					s := gen.ResultStatus(r.Text())
					e.Status = &s
				}
			case "resultMessage":
				r.Once(&seen, 2)
				e.ResultMessage = r.Text()
			default:
				r.Fail()
			}
		}
	}
	return e, r.End()
}
