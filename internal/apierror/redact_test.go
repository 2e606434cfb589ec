package apierror

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRedactorForms(t *testing.T) {
	secret := `p@ss w/rd&<"é😀>`
	r := NewRedactor(secret, "", "tok-123456")
	j, _ := json.Marshal(secret)
	for _, form := range []string{
		secret, url.QueryEscape(secret), url.PathEscape(secret), string(j[1 : len(j)-1]),
		strings.ReplaceAll(string(j[1:len(j)-1]), "/", `\/`),
		`p@ss w\/rd\u0026\u003c\"\u00e9\ud83d\ude00\u003e`, `p@ss w/rd&amp;&lt;&#34;é😀&gt;`,
	} {
		got := r.String("before " + form + " after")
		assert.Equal(t, "before "+Redacted+" after", got, "%q", form)
		assert.Equal(t, "x"+Redacted, string(r.Bytes([]byte("x"+form))))
	}
	assert.Equal(t, "a "+Redacted+" b", r.String("a tok-123456 b"))
	plain := []byte("nothing here")
	assert.Same(t, &plain[0], &r.Bytes(plain)[0], "no copy without a secret")

	h := http.Header{"X-Request-Id": {"rid tok-123456"}, "Content-Type": {"application/json"}}
	rh := r.Header(h)
	assert.Equal(t, "rid "+Redacted, rh.Get("X-Request-Id"))
	assert.Equal(t, "rid tok-123456", h.Get("X-Request-Id"), "the response's own header is left alone")

	var none *Redactor
	assert.Nil(t, NewRedactor("", ""))
	assert.Equal(t, "tok-123456", none.String("tok-123456"))
	assert.Equal(t, h, none.Header(h))
}

func TestRedactorPrefersTheWholeValue(t *testing.T) {
	r := NewRedactor("Bearer abcdefgh", "abcdefgh")
	assert.Equal(t, "Authorization: "+Redacted, r.String("Authorization: Bearer abcdefgh"))
}

// A credential redacted before the body copy is cut cannot leave its start
// in Body: FromResponseRedacted redacts the whole body first.
func TestFromResponseRedactsBeforeCutting(t *testing.T) {
	secret := "SECRET-0123456789abcdef"
	body := strings.Repeat("x", MaxBodyCopy-5) + secret
	e := FromResponseRedacted(Huawei, 500, http.Header{"X-Request-Id": {"id " + secret}}, []byte(body), NewRedactor(secret))
	assert.NotContains(t, string(e.Body), "SECRE")
	assert.Equal(t, "id "+Redacted, e.RequestID)
	assert.NotContains(t, e.Message, "SECRE")
}

func TestSanitizeBoundsDetails(t *testing.T) {
	e := &Error{Err: &Error{Message: "inner\u202e"}}
	for range MaxDetails + 5 {
		e.Details = append(e.Details, Detail{Type: "t\x00", Raw: []byte(`{"a":"` + "\u202e" + `"}`)})
	}
	e.Details = append([]Detail{{Type: "big", Raw: []byte(strings.Repeat("y", MaxDetailBytes+1))}}, e.Details...)
	Sanitize(e, nil)
	assert.Len(t, e.Details, MaxDetails, "the oversized one is dropped, the rest bounded in number")
	assert.Equal(t, "t", e.Details[0].Type)
	assert.Equal(t, `{"a":" "}`, string(e.Details[0].Raw))
	assert.Equal(t, "inner", e.Err.(*Error).Message)
}
