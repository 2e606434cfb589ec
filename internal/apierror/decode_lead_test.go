package apierror

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCleanStripsSpoofingCharacters(t *testing.T) {
	body := []byte("{\"error_code\":\"X\",\"error_msg\":\"ok\u202egnp.exe\u2028next\u200bline\"}")
	e := FromResponse(Huawei, 400, http.Header{}, body)
	assert.Equal(t, "ok gnp.exe next line", e.Message)
}

func TestErrorTextMentionsCancellation(t *testing.T) {
	e := FromResponse(Huawei, 503, http.Header{}, []byte(`{"error_code":"APIG.9999","error_msg":"System error"}`))
	e.Err = errors.Join(errors.New("x"), context.Canceled)
	assert.Contains(t, e.Error(), "System error; context canceled")
	e.Err = context.DeadlineExceeded
	e.Message = ""
	assert.Equal(t, "HTTP 503 APIG.9999 - context deadline exceeded", e.Error())
}
