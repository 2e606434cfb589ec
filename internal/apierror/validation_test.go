package apierror

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const bad = "a\xffb"

type deepInner struct {
	Value   string            `json:"value,omitempty"`
	Tags    []string          `json:"tags"`
	Labels  map[string]string `json:"labels"`
	Count   int               `json:"count"`
	private string
}

type Embedded struct {
	Flat string `json:"flat"`
}

type deepOuter struct {
	Embedded
	Name    string       `json:"name"`
	NoTag   string       // named by its Go name
	Skipped string       `json:"-"` // not in the body, still checked
	Ptr     *string      `json:"ptr"`
	Inner   deepInner    `json:"inner"`
	Items   []*deepInner `json:"items"`
	Any     any          `json:"any"`
	Array   [2]string    `json:"array"`
	Kind    textKind     `json:"kind"`
	Numbers []int        `json:"numbers"`
}

type textKind string

func fieldNames(v *Validator) []string {
	var out []string
	for _, f := range v.fields {
		out = append(out, f.Field+" "+f.Problem)
	}
	return out
}

// UTF8Deep finds every invalid string, names it by its wire path, and
// reports nothing for a valid value.
func TestValidatorUTF8Deep(t *testing.T) {
	p := bad
	in := &deepOuter{
		Embedded: Embedded{Flat: bad},
		Name:     bad, NoTag: bad, Skipped: bad, Ptr: &p,
		Inner: deepInner{Value: bad, Tags: []string{"ok", bad}, Labels: map[string]string{"k": bad, bad: "v"}, private: bad},
		Items: []*deepInner{nil, {Value: bad}},
		Any:   []any{"ok", bad},
		Array: [2]string{"", bad},
		Kind:  textKind(bad),
	}
	var v Validator
	v.UTF8Deep("", in)
	assert.ElementsMatch(t, []string{
		"flat must be valid UTF-8",
		"name must be valid UTF-8",
		"NoTag must be valid UTF-8",
		"Skipped must be valid UTF-8",
		"ptr must be valid UTF-8",
		"inner.value must be valid UTF-8",
		"inner.tags[1] must be valid UTF-8",
		`inner.labels["k"] must be valid UTF-8`,
		`inner.labels["a\xffb"] must be valid UTF-8`,
		"items[1].value must be valid UTF-8",
		"any[1] must be valid UTF-8",
		"array[1] must be valid UTF-8",
		"kind must be valid UTF-8",
	}, fieldNames(&v))
	assert.ErrorIs(t, v.Err("op"), ErrValidation)

	var root Validator
	root.UTF8Deep("attribute", []deepInner{{}, {Value: bad}})
	assert.Equal(t, []string{"attribute[1].value must be valid UTF-8"}, fieldNames(&root))

	var ok Validator
	ok.UTF8Deep("", &deepOuter{Name: "naïve 名前", Items: []*deepInner{{Tags: []string{"x"}}}})
	ok.UTF8Deep("", nil)
	ok.UTF8Deep("", (*deepOuter)(nil))
	assert.NoError(t, ok.Err("op"))

	valid := &deepOuter{Name: "n", Inner: deepInner{Tags: []string{"a", "b"}}, Items: []*deepInner{{Value: "v"}}, Any: "x"}
	ok.UTF8Deep("", valid) // warm the type cache
	assert.Zero(t, testing.AllocsPerRun(100, func() { ok.UTF8Deep("", valid) }), "checking a valid value without maps allocates nothing")
}

type cyclic struct {
	Name string  `json:"name"`
	Next *cyclic `json:"next"`
}

// A cyclic value ends, with a problem, instead of overflowing the stack.
func TestValidatorUTF8DeepCycle(t *testing.T) {
	c := &cyclic{Name: "x"}
	c.Next = c
	var v Validator
	v.UTF8Deep("", c)
	err := v.Err("op")
	assert.ErrorContains(t, err, "is nested too deeply")
}

func TestValidatorUTF8AndDuplicates(t *testing.T) {
	var v Validator
	assert.True(t, v.UTF8("space", "ok ✓"))
	assert.False(t, v.UTF8("space", bad))
	v.UTF8Deep("", &struct {
		Space string `json:"space"`
	}{bad})
	assert.EqualError(t, v.Err("op"), "op: invalid input: space must be valid UTF-8", "the same problem is listed once")
	assert.False(t, v.PathSegment("id", bad))
	assert.False(t, v.UTF8("id", bad))
	assert.Len(t, v.fields, 2)
}

// UTF8Deep does not make the value it checks escape to the heap: an
// operation's input checked by address stays on the caller's stack.
func TestValidatorUTF8DeepKeepsTheValueOnTheStack(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		in := deepOuter{Name: "n", Array: [2]string{"a", "b"}}
		var v Validator
		v.UTF8Deep("", &in)
		if v.Err("op") != nil {
			t.Error("unexpected problem")
		}
	}))
}
