package apiproxygroup

import (
	"bytes"
	"testing"

	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
	"github.com/apimgmt/apimgmt-go/internal/jsonfast/jsonfasttest"
)

// referenceBody is the request body of Create and Update as encoding/json
// writes the generated model: what appendGroupBody must write.
func referenceBody(t testing.TB, in *GroupInput) []byte {
	t.Helper()
	b, err := genrt.MarshalJSON(gen.APIProxyGroup{
		Name:            in.Name,
		Description:     in.Description,
		ClientRoute:     routeToGen(&in.ClientRoute),
		EnvironmentName: in.EnvironmentName,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// routeToGen is the generated model of a route.
func routeToGen(r *ClientRoute) gen.ClientRoute {
	out := gen.ClientRoute{
		RelativePathList: r.RelativePaths,
		BufferRequest:    r.BufferRequest,
		BufferResponse:   r.BufferResponse,
	}
	if len(r.Methods) > 0 {
		ms := make([]gen.HTTPRequestMethod, len(r.Methods))
		for i, m := range r.Methods {
			ms[i] = gen.HTTPRequestMethod(m)
		}
		out.MethodList = ms
	}
	if len(r.Hosts) > 0 {
		out.HostList = r.Hosts
	}
	if len(r.Headers) > 0 {
		hs := make([]gen.ClientRouteHeader, len(r.Headers))
		for i, h := range r.Headers {
			hs[i] = gen.ClientRouteHeader{Name: h.Name, Value: h.Value}
		}
		out.HeaderList = hs
	}
	return out
}

// checkFastEnvelope checks the envelope reader on data against
// encoding/json, and reports whether it accepted data.
func checkFastEnvelope(t testing.TB, data string) bool {
	t.Helper()
	return jsonfasttest.Check(t, data, readEnvelopeText, jsonfasttest.Unmarshal[gen.Envelope])
}

// The fast writer writes what encoding/json writes, for inputs filled at
// random through every field.
func TestFastCodecMatchesEncodingJSON(t *testing.T) {
	for _, alphabet := range []string{jsonfasttest.Plain, jsonfasttest.Escaped} {
		f := jsonfasttest.NewFiller(1, alphabet)
		for i := range 2000 {
			var in GroupInput
			jsonfasttest.Fill(f, &in)
			if got, want := appendGroupBody(nil, &in), referenceBody(t, &in); !bytes.Equal(got, want) {
				t.Fatalf("input %d:\nfast:          %s\nencoding/json: %s", i, got, want)
			}
		}
	}
}

func TestFastEnvelope(t *testing.T) {
	for _, data := range []string{
		`{}`, `null`, `{"success": true}`, `{"success":false,"resultMessage":"m"}`, ` { "status" : "failure" } `,
		`{"status":null,"success":null,"resultMessage":null}`, `{"status":"SUCCESS","resultMessage":"é日本 <&>"}`,
	} {
		if !checkFastEnvelope(t, data) {
			t.Errorf("the fast path gave up on %q", data)
		}
	}
	for _, data := range []string{
		``, ` `, `{`, `[]`, `{"success":1}`, `{"success":"true"}`, `{"Success":true}`, `{"success":true,"success":false}`,
		`{"resultCount":0}`, `{"resultList":[]}`, `{"deploymentResult":{"success":true}}`, `{"resultMessage":"a\nb"}`,
		`{"success":true}x`, `{"success":true,}`, `{"status":1}`,
	} {
		if checkFastEnvelope(t, data) {
			t.Errorf("the fast path read %q", data)
		}
	}
}

// checkFastGroupList is checkFastEnvelope for the answer of List.
func checkFastGroupList(t testing.TB, data string) bool {
	t.Helper()
	return jsonfasttest.Check(t, data, readGroupListText, jsonfasttest.Unmarshal[gen.APIProxyGroupListEnvelope])
}

// The fast reader reads answers of List, filled at random through every
// field of the generated model and written by encoding/json, as
// encoding/json reads them; with strings that need no escape, it reads
// every one.
func TestFastGroupList(t *testing.T) {
	for _, alphabet := range []string{jsonfasttest.Plain, jsonfasttest.Escaped} {
		f := jsonfasttest.NewFiller(1, alphabet)
		for i := range 2000 {
			var l gen.APIProxyGroupListEnvelope
			jsonfasttest.Fill(f, &l)
			data, err := genrt.MarshalJSON(l)
			if err != nil {
				t.Fatal(err)
			}
			if !checkFastGroupList(t, string(data)) && alphabet == jsonfasttest.Plain {
				t.Fatalf("input %d: the fast path gave up on %s", i, data)
			}
		}
	}
	for _, data := range []string{
		`{"resultList":[{"name":"g","Name":"h"}]}`, `{"resultList":[],"resultList":[]}`, `{"resultCount":1.5}`,
		`{"resultList":[{"clientRoute":{"methodList":[1]}}]}`, `{"resultList":[{"extra":1}]}`, `{"success":true,"success":true}`,
	} {
		if checkFastGroupList(t, data) {
			t.Errorf("the fast path read %q", data)
		}
	}
}

// FuzzFastEnvelopeDecode: whatever the response, the fast readers either
// give up or read it as encoding/json does.
func FuzzFastEnvelopeDecode(f *testing.F) {
	for _, s := range []string{
		`{"success": true}`, `{"status":"FAILURE","resultMessage":"m"}`, `{"success":true,"deploymentResult":{}}`,
		`{"status":"SUCCESS","resultList":[{"name":"g","clientRoute":{"relativePathList":["/a"],"headerList":[{"name":"h"}],"bufferRequest":true}}],"resultCount":1}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		checkFastEnvelope(t, data)
		checkFastGroupList(t, data)
	})
}

// FuzzFastGroupEncode: inputs filled at random from the fuzzer's alphabet
// are written as encoding/json writes them.
func FuzzFastGroupEncode(f *testing.F) {
	f.Add(uint64(1), "ab")
	f.Add(uint64(2), "\"\\\n\x00<>&\u2028\xffé")
	f.Fuzz(func(t *testing.T, seed uint64, alphabet string) {
		var in GroupInput
		jsonfasttest.Fill(jsonfasttest.NewFiller(seed, alphabet), &in)
		if got, want := appendGroupBody(nil, &in), referenceBody(t, &in); !bytes.Equal(got, want) {
			t.Fatalf("fast:          %s\nencoding/json: %s", got, want)
		}
	})
}
