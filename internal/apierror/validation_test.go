package apierror

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// UTF8Body finds exactly what UTF8Deep finds for a value whose every
// string encoding/json wrote into the body, without walking the value when
// the body proves every string valid.
func TestValidatorUTF8Body(t *testing.T) {
	type input struct {
		Name string            `json:"name"`
		Tags []string          `json:"tags"`
		Keys map[string]string `json:"keys"`
	}
	for _, in := range []input{
		{Name: "naïve 名前", Tags: []string{"a"}},
		{Name: bad},
		{Tags: []string{"ok", "\xc3"}},
		{Keys: map[string]string{bad: "v"}},
		{Keys: map[string]string{"k": "\xed\xa0\x80"}}, // a surrogate half
		{Name: "\ufffd sent on purpose"},
		{Name: `a literal \ufffd`},
	} {
		body, err := json.Marshal(in)
		require.NoError(t, err)
		var deep, fromBody Validator
		deep.UTF8Deep("", &in)
		fromBody.UTF8Body(body, &in)
		assert.Equal(t, fieldNames(&deep), fieldNames(&fromBody), "%q", in)
	}

	// Without a body (it could not be encoded) the value is walked.
	var v Validator
	v.UTF8Body(nil, &input{Name: bad})
	assert.Equal(t, []string{"name must be valid UTF-8"}, fieldNames(&v))

	// A body without U+FFFD is proof enough: the value is not walked.
	valid := &input{Name: "n", Tags: []string{"a", "b"}}
	body, err := json.Marshal(valid)
	require.NoError(t, err)
	assert.False(t, bodyMayHoldReplacement(body))
	for _, b := range []string{`{"name":"\ufffd"}`, "{\"name\":\"\xef\xbf\xbd\"}"} {
		assert.True(t, bodyMayHoldReplacement([]byte(b)), b)
	}
}

// encoding/json writes an invalid byte as U+FFFD, in one of the two forms
// UTF8Body looks for, on the toolchain that runs the test: a future
// encoding/json that wrote something else would fail here, not let an
// invalid string through.
func TestEncodingJSONReplacesInvalidUTF8(t *testing.T) {
	for _, s := range []string{bad, "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "x\x80"} {
		body, err := json.Marshal(map[string]string{s: s})
		if err != nil {
			continue // refusing it is fine too: UTF8Body then walks the value
		}
		assert.True(t, bodyMayHoldReplacement(body), "%q encodes as %s", s, body)
	}
}

// FuzzValidatorUTF8Body checks UTF8Body against UTF8Deep for any strings.
func FuzzValidatorUTF8Body(f *testing.F) {
	f.Add("ok", bad, `\ufffd`)
	f.Add("\ufffd", "\xed\xa0\x80", "")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		in := struct {
			A string            `json:"a"`
			B []string          `json:"b"`
			C map[string]string `json:"c"`
		}{a, []string{b}, map[string]string{c: a}}
		body, err := json.Marshal(in)
		if err != nil {
			body = nil
		}
		var deep, fromBody Validator
		deep.UTF8Deep("", &in)
		fromBody.UTF8Body(body, &in)
		if !slices.Equal(fieldNames(&deep), fieldNames(&fromBody)) {
			t.Fatalf("UTF8Deep %q, UTF8Body %q for %s", fieldNames(&deep), fieldNames(&fromBody), body)
		}
	})
}

// hasControlRunes is the definition hasControl follows: a walk over the
// runes of s.
func hasControlRunes(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// hasControl, which looks at bytes, answers as a walk over runes does for
// every string of up to three bytes around a C1 lead byte, valid or not.
func TestHasControlMatchesRunes(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			for _, s := range []string{string([]byte{byte(a), byte(b)}), "x" + string([]byte{byte(a), byte(b)}), string([]byte{byte(a), byte(b), 0xc2})} {
				if hasControl(s) != hasControlRunes(s) {
					t.Fatalf("hasControl(%q) = %v", s, hasControl(s))
				}
			}
		}
	}
}

// FuzzHasControl checks hasControl against the walk over runes.
func FuzzHasControl(f *testing.F) {
	f.Add("plain")
	f.Add("a\u0085b\xc2")
	f.Fuzz(func(t *testing.T, s string) {
		if hasControl(s) != hasControlRunes(s) {
			t.Fatalf("hasControl(%q) = %v", s, hasControl(s))
		}
	})
}
