package transport

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/genrt"
)

// Credential redaction is designed once, here: the pipeline reads back the
// credentials a request carried when it was sent (the headers credentials
// set, and the secret fields of an OAuth2 token request's form) and redacts
// them from every piece of server text kept in an error or a log record,
// whatever the service and whatever set them.

// secretHeaders are the request headers whose values are credentials.
var secretHeaders = []string{"Authorization", "Proxy-Authorization", "X-Auth-Token", "X-Security-Token"}

// secretFormFields are the fields of a form-encoded body (an OAuth2 token
// request, such as Apinizer's password grant) whose values are credentials.
var secretFormFields = []string{"client_secret", "password", "refresh_token", "client_assertion", "assertion"}

// redactorFor returns the redactor for the credentials that req carried;
// body is the request body as sent (nil for none, or to read it back with
// req.GetBody). It is built only when an error or a log record needs it.
func redactorFor(req *http.Request, body []byte) *apierror.Redactor {
	if req == nil {
		return nil
	}
	var secrets []string
	for _, name := range secretHeaders {
		for _, v := range req.Header[name] {
			secrets = append(secrets, v)
			secrets = append(secrets, authorizationParts(v)...)
		}
	}
	if isForm(req.Header.Get("Content-Type")) {
		if body == nil && req.GetBody != nil {
			if rc, err := req.GetBody(); err == nil {
				body, _ = io.ReadAll(io.LimitReader(rc, 1<<20))
				_ = rc.Close()
			}
		}
		// ParseQuery keeps the fields it could parse when another is bad.
		form, _ := url.ParseQuery(string(body))
		for _, f := range secretFormFields {
			secrets = append(secrets, form[f]...)
		}
	}
	return apierror.NewRedactor(secrets...)
}

// authorizationParts returns the secrets inside an Authorization value
// besides the whole value: a bearer token, the decoded Basic credentials
// and password, or the parameters of a scheme such as SDK-HMAC-SHA256
// (Access, Signature), SignedHeaders excepted.
func authorizationParts(v string) []string {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
	rest = strings.TrimSpace(rest)
	if !ok || rest == "" {
		return nil
	}
	parts := []string{rest}
	switch {
	case strings.EqualFold(scheme, "Bearer"):
	case strings.EqualFold(scheme, "Basic"):
		if dec, err := base64.StdEncoding.DecodeString(rest); err == nil {
			parts = append(parts, string(dec))
			if _, pass, ok := strings.Cut(string(dec), ":"); ok {
				parts = append(parts, pass)
			}
		}
	default:
		for p := range strings.SplitSeq(rest, ",") {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && !strings.EqualFold(k, "SignedHeaders") {
				parts = append(parts, strings.Trim(val, `"`))
			}
		}
	}
	return parts
}

func isForm(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// lazyRedactor builds the redactor of one attempt at most once.
type lazyRedactor struct {
	req  *http.Request
	body []byte
	done bool
	r    *apierror.Redactor
}

func (l *lazyRedactor) get() *apierror.Redactor {
	if !l.done {
		l.r, l.done = redactorFor(l.req, l.body), true
	}
	return l.r
}

// sanitizeMalformed sanitizes an error made from a success response, with
// the credentials of the request that got it. A Body copied from the
// response's in-memory body is copied again from the redacted whole, so
// that a credential cut by the copy's bound cannot leave its start behind.
func sanitizeMalformed(e *apierror.Error, resp *http.Response) {
	r := redactorFor(resp.Request, nil)
	if m, ok := resp.Body.(*genrt.Body); ok && r != nil && len(e.Body) > 0 {
		if whole := m.Bytes(); bytes.HasPrefix(whole, e.Body) {
			whole = r.Bytes(whole)
			e.Body = append([]byte(nil), whole[:min(len(whole), apierror.MaxBodyCopy)]...)
		}
	}
	apierror.Sanitize(e, r)
}

// successFailure reports a failure envelope inside a 2xx answer
// (apierror.FailureInSuccess), its texts taken again from the body and
// headers with the request's credentials redacted, so that no text kept
// from them can hold one. redactor is called only for a failure.
func successFailure(d apierror.Dialect, resp *http.Response, data []byte, redactor func() *apierror.Redactor) *apierror.Error {
	e := apierror.FailureInSuccess(d, resp.StatusCode, resp.Header, data)
	if e == nil {
		return nil
	}
	r := redactor()
	if r != nil {
		if again := apierror.FailureInSuccess(d, resp.StatusCode, r.Header(resp.Header), r.Bytes(data)); again != nil {
			e = again
		}
	}
	apierror.Sanitize(e, r)
	return e
}

// ResponseRedactor returns the redactor of the credentials that the request
// of resp, a response of Pipeline.Do, carried (nil when it carried none),
// for a service that keeps server text in an error type of its own.
func ResponseRedactor(resp *http.Response) *apierror.Redactor {
	if resp == nil {
		return nil
	}
	return redactorFor(resp.Request, nil)
}
