package apiproduct

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/apimgmt/apimgmt-go/internal/genrt"
	"github.com/apimgmt/apimgmt-go/internal/jsonfast/jsonfasttest"
)

// productOut is what codec.go's writers must write, for encoding/json: every
// field of the product except the response-only times, which are never
// sent (a field of the outer struct hides the embedded one's of the same
// JSON name).
type productOut struct {
	*productFields
	CreatedAt      *struct{} `json:"createdAt,omitempty"`
	LastModifiedAt *struct{} `json:"lastModifiedAt,omitempty"`
}

// referenceEncode is the request body as encoding/json writes it.
func referenceEncode(t testing.TB, p *Product) []byte {
	t.Helper()
	b, err := genrt.MarshalJSON(productOut{productFields: (*productFields)(p)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// referenceDecode is a product as encoding/json decodes it.
func referenceDecode(data []byte) (*Product, error) {
	var in productIn
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, err
	}
	return in.product(), nil
}

// referenceList is a page of List as encoding/json decodes it.
func referenceList(data []byte) (*[]*Product, error) {
	var list productList
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, err
	}
	var out []*Product
	if list.APIProducts != nil {
		out = []*Product{}
		for i := range list.APIProducts {
			out = append(out, list.APIProducts[i].product())
		}
	}
	return &out, nil
}

// checkFastDecode checks the product reader on data against
// encoding/json, and reports whether it accepted data.
func checkFastDecode(t testing.TB, data string) bool {
	t.Helper()
	return jsonfasttest.Check(t, data, readProductText, referenceDecode)
}

// checkFastList is checkFastDecode for a page of List.
func checkFastList(t testing.TB, data string) bool {
	t.Helper()
	read := func(b []byte) (*[]*Product, bool) {
		out, ok := readProductsText(b)
		return &out, ok
	}
	return jsonfasttest.Check(t, data, read, referenceList)
}

// withTimes adds the response-only times to an encoded product, as the API
// sends them.
func withTimes(body []byte, created, modified int64) string {
	s := strings.TrimSuffix(string(body), "}")
	if s != "{" {
		s += ","
	}
	return fmt.Sprintf(`%s"createdAt":"%d","lastModifiedAt":"%d"}`, s, created, modified)
}

// The fast writers write what encoding/json writes, and the fast reader
// reads it back to what encoding/json reads, for products filled at random
// through every field of the public types.
func TestFastCodecMatchesEncodingJSON(t *testing.T) {
	for _, tc := range []struct {
		name     string
		alphabet string
		// plain: every string can be read by the fast path.
		plain bool
	}{
		{"plain strings", jsonfasttest.Plain, true},
		{"strings to escape", jsonfasttest.Escaped, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := jsonfasttest.NewFiller(1, tc.alphabet)
			fast := 0
			for i := range 2000 {
				p := new(Product)
				jsonfasttest.Fill(f, p)
				got := appendProduct(nil, p)
				want := referenceEncode(t, p)
				if !bytes.Equal(got, want) {
					t.Fatalf("product %d:\nfast:          %s\nencoding/json: %s", i, got, want)
				}
				resp := withTimes(want, f.Int64N(1<<45), f.Int64N(1<<45))
				if checkFastDecode(t, resp) {
					fast++
				} else if tc.plain {
					t.Fatalf("product %d: the fast path gave up on %s", i, resp)
				}
				var indented bytes.Buffer
				if err := json.Indent(&indented, []byte(resp), "", "\t "); err != nil {
					t.Fatal(err)
				}
				if !checkFastDecode(t, indented.String()) && tc.plain {
					t.Fatalf("product %d: the fast path gave up on %s", i, indented.String())
				}
				page := `{"apiProduct":[` + resp + "," + string(want) + "]}"
				if !checkFastList(t, page) && tc.plain {
					t.Fatalf("product %d: the fast path gave up on the page %s", i, page)
				}
			}
			t.Logf("%d of 2000 read by the fast path", fast)
			if tc.plain && fast != 2000 {
				t.Error("the fast path read none")
			}
		})
	}
}

// The fast path gives up on everything that encoding/json might decode
// differently from a plain reading, and the product is decoded by
// encoding/json instead (what decodeProduct returns does not change).
func TestFastDecodeGivesUp(t *testing.T) {
	for _, data := range []string{
		``, ` `, `nul`, `[]`, `"x"`, `{`, `{"name":"p"`, `{"name":"p"}x`, `{"name":"p"}{}`,
		`{"name":"p",}`, `{,"name":"p"}`, `{"name" "p"}`, `{"name":"p" "space":"s"}`,
		`{"name":1}`, `{"name":true}`, `{"name":nul}`, `{"proxies":"a"}`, `{"proxies":[1]}`,
		`{"proxies":["a",]}`, `{"proxies":["a" "b"]}`, `{"operationGroup":[]}`, `{"name":null,"name":"p"}`,
		`{"Name":"p"}`, `{"NAME":"p"}`, `{"extra":"x"}`, `{"name":"p","name":"q"}`,
		`{"operationGroup":{"operationConfigs":[]},"operationGroup":{"operationConfigType":"proxy"}}`,
		`{"operationGroup":{"operationConfigs":[{"apiSource":"a","apiSource":"b"}]}}`,
		`{"grpcOperationGroup":{"operationConfigType":"proxy"}}`,
		`{"na\u006de":"p"}`, `{"name":"a\nb"}`, `{"name":"a\"b"}`, "{\"name\":\"a\x01b\"}", "{\"name\":\"\xff\"}",
		"{\"name\":\"\xed\xa0\x80\"}", "\ufeff{}", `{"name":"p"}` + "\x00",
		`{"llmOperationGroup":{"operationConfigs":[{"llmTokenQuota":{"limit":"1","limit":"2"}}]}}`,
	} {
		if checkFastDecode(t, data) {
			t.Errorf("the fast path read %q", data)
		}
	}
	for _, data := range []string{
		`{"apiProduct":[{"name":"p","extra":1}]}`, `{"apiProduct":[],"apiProduct":[]}`, `{"nextPageToken":"x"}`,
		`{"apiProduct":[1]}`, `{"apiProduct":[{}]}x`,
	} {
		if checkFastList(t, data) {
			t.Errorf("the fast path read the page %q", data)
		}
	}
}

// What the fast path reads, it reads as encoding/json does, white space and
// empty values included.
func TestFastDecodeReads(t *testing.T) {
	for _, data := range []string{
		`{}`, " \t\r\n{ \t\r\n} \t\r\n", `{"name":""}`, `{"proxies":[]}`, `{"proxies":[ ]}`, `{"attributes":[{}]}`,
		`{"operationGroup":{}}`, `{"operationGroup":{"operationConfigs":[]}}`, `null`, ` null `,
		`{"name":null,"proxies":null,"operationGroup":null,"attributes":[null]}`, `{"proxies":[null,"a"]}`,
		`{"llmOperationGroup":{"operationConfigs":[{"llmTokenQuota":null,"llmOperations":null}]}}`, `{"createdAt":"x","lastModifiedAt":""}`,
		"{\"name\":\"é日本🙂\u007f\"}", `{"llmOperationGroup":{"operationConfigs":[{}]}}`,
	} {
		if !checkFastDecode(t, data) {
			t.Errorf("the fast path gave up on %q", data)
		}
	}
	for _, data := range []string{`{}`, `null`, `{"apiProduct":null}`, `{"apiProduct":[]}`, `{"apiProduct":[{},{"name":"p"}]}`, `{"apiProduct":[null]}`, ` { "apiProduct" : [ { } ] } `} {
		if !checkFastList(t, data) {
			t.Errorf("the fast path gave up on the page %q", data)
		}
	}
}

// A product read by the fast path keeps nothing for Update (it has no
// members this package does not model); one with such members is read by
// encoding/json and keeps its response.
func TestFastDecodeKeepsNoResponse(t *testing.T) {
	p, ok := readProductText([]byte(`{"name":"p"}`))
	if !ok || p.raw != nil {
		t.Fatalf("got %v, %v; want a product without raw", p, ok)
	}
}

// FuzzFastProductDecode: whatever the response, the fast path either gives
// up or reads it as encoding/json does, as a product and as a page of List.
func FuzzFastProductDecode(f *testing.F) {
	f.Add(`{"name":"p","proxies":["a"],"operationGroup":{"operationConfigs":[{"apiSource":"s","quota":{"limit":"1","interval":"1"}}]},"createdAt":"1"}`)
	f.Add(`{"apiProduct":[{"name":"p"},{"name":"q","attributes":[{"name":"a","value":"b"}]}]}`)
	f.Add(`{"llmOperationGroup":{"operationConfigs":[{"llmOperations":null,"llmTokenQuota":{"limit":"5"}}]},"name":null}`)
	f.Add(`{"name":"p","name":"q"}`)
	f.Fuzz(func(t *testing.T, data string) {
		checkFastDecode(t, data)
		checkFastList(t, data)
	})
}

// FuzzFastProductEncode: products filled at random from the fuzzer's
// alphabet are written as encoding/json writes them, and read back as
// encoding/json reads them.
func FuzzFastProductEncode(f *testing.F) {
	f.Add(uint64(1), "ab")
	f.Add(uint64(2), "\"\\\n\x00<>&\u2028\xffé")
	f.Fuzz(func(t *testing.T, seed uint64, alphabet string) {
		p := new(Product)
		jsonfasttest.Fill(jsonfasttest.NewFiller(seed, alphabet), p)
		got, want := appendProduct(nil, p), referenceEncode(t, p)
		if !bytes.Equal(got, want) {
			t.Fatalf("fast:          %s\nencoding/json: %s", got, want)
		}
		checkFastDecode(t, string(want))
	})
}
