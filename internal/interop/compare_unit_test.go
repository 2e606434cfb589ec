package interop

import (
	"reflect"
	"slices"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
	apigmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
)

// fakeModel is a vendor-style model for the comparer's own tests.
type fakeModel struct {
	Name   string                            `json:"name"`
	Count  int32                             `json:"count"`
	Big    int64                             `json:"big,omitempty,string"`
	Tags   []string                          `json:"tags"`
	Min    *apigmodel.UrlDomainMinSslVersion `json:"min,omitempty"`
	Nested *struct {
		A bool `json:"a"`
	} `json:"nested,omitempty"`
	At     *sdktime.SdkTime             `json:"at,omitempty"`
	Hidden int                          `json:"-"`
	Status apigmodel.ApiGroupInfoStatus `json:"status"`
	Gone   string                       `json:"gone"`
}

const rightSchema = `
components:
  schemas:
    Model:
      type: object
      properties:
        name: {type: string}
        count: {type: integer, format: int32}
        big: {type: string, format: int64}
        tags: {type: array, items: {type: string}}
        min: {allOf: [{$ref: '#/components/schemas/MinVersion'}], default: TLSv1.1}
        nested: {type: object, properties: {a: {type: boolean}}}
        at: {type: string, format: date-time}
        status: {type: integer, format: int32, enum: [1]}
        gone: {type: string}
    MinVersion: {type: string, enum: [TLSv1.2, TLSv1.1]}
`

// wrongSchema gets one thing wrong in each property but big and at.
const wrongSchema = `
components:
  schemas:
    Model:
      type: object
      properties:
        name: {type: integer, format: int32}
        count: {type: integer, format: int64}
        big: {type: string, format: int64}
        tags: {type: string}
        min: {type: string, enum: [TLSv1.1]}
        nested: {type: object, properties: {a: {type: string}, b: {type: string}}}
        at: {type: string, format: date-time}
        status: {type: string, enum: ["1"]}
        extra: {type: string}
`

func compareModel(t *testing.T, text string) []string {
	t.Helper()
	doc, err := parseDocument([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	c := &comparer{doc: doc, enums: map[reflect.Type][]string{}}
	for _, e := range []any{apigmodel.GetUrlDomainMinSslVersionEnum(), apigmodel.GetApiGroupInfoStatusEnum()} {
		c.enums[enumOf(e)] = vendorEnum(e)
	}
	c.value("", reflect.TypeFor[fakeModel](), false, &schema{Ref: "#/components/schemas/Model"})
	slices.Sort(c.diffs)
	return c.diffs
}

// TestComparerFindsEveryKindOfDifference shows the spec comparison can
// fail: a deliberately wrong schema gives one difference per mistake, and
// the right one none.
func TestComparerFindsEveryKindOfDifference(t *testing.T) {
	if d := compareModel(t, rightSchema); len(d) != 0 {
		t.Errorf("the right schema differs: %q", d)
	}
	want := []string{
		"Model.count: the vendor has int32 (integer/int32), the spec integer/int64",
		"Model.extra: the spec has this field, the vendor's interop.fakeModel does not",
		"Model.gone: the vendor has this field (string), the spec does not",
		"Model.min: the vendor's enum is [TLSv1.1 TLSv1.2], the spec's [TLSv1.1]",
		"Model.name: the vendor has string (string), the spec integer/int32",
		"Model.nested.a: the vendor has bool (boolean), the spec string",
		"Model.nested.b: the spec has this field, the vendor's struct { A bool \"json:\\\"a\\\"\" } does not",
		"Model.status: the vendor has int32 (integer/int32), the spec string",
		"Model.tags: the vendor has an array, the spec type \"string\"",
	}
	if got := compareModel(t, wrongSchema); !slices.Equal(got, want) {
		t.Errorf("the wrong schema gives\n%q\nwant\n%q", got, want)
	}
}
