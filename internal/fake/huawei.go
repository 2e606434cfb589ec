package fake

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/apimgmt/apimgmt-go/internal/auth"
)

// HuaweiCredentials are what a Huawei fake accepts.
type HuaweiCredentials struct {
	AccessKey, SecretKey, ProjectID, Token string
	// MaxSkew is how far X-Sdk-Date may be from Now (default 15 minutes).
	MaxSkew time.Duration
	// Now is the fake's clock (default time.Now).
	Now func() time.Time
}

// HuaweiAuthenticator accepts a request signed with the AK/SK
// (SDK-HMAC-SHA256) or carrying the token in X-Auth-Token. A signature is
// verified by recomputing it over exactly the headers its SignedHeaders
// lists, as the gateway does: x-sdk-date must be among them, every listed
// header must be on the request, and host need not be listed (the vendor's
// own SDK signs user-agent;x-project-id;x-sdk-date).
func HuaweiAuthenticator(c HuaweiCredentials) Authenticator {
	if c.MaxSkew == 0 {
		c.MaxSkew = 15 * time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return func(r *http.Request, body []byte) error {
		if tok := r.Header.Get("X-Auth-Token"); tok != "" {
			if c.Token != "" && tok == c.Token {
				return nil
			}
			//lint:ignore ST1005 the fake answers with the vendor's own message text
			return errors.New("Incorrect token or token resolution failed")
		}
		return verifyHuawei(c, r, body)
	}
}

func verifyHuawei(c HuaweiCredentials, r *http.Request, body []byte) error {
	authz := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(authz, auth.HuaweiAlgorithm+" ")
	if !ok {
		//lint:ignore ST1005 the fake answers with the vendor's own message text
		return errors.New("Authorization header is missing or not SDK-HMAC-SHA256")
	}
	fields := map[string]string{}
	for part := range strings.SplitSeq(rest, ", ") {
		k, v, _ := strings.Cut(part, "=")
		fields[k] = v
	}
	if fields["Access"] != c.AccessKey {
		return errors.New("verify aksk signature fail: unknown access key")
	}
	date := r.Header.Get("X-Sdk-Date")
	t, err := time.Parse(auth.HuaweiDateLayout, date)
	if err != nil {
		return errors.New("verify aksk signature fail: bad X-Sdk-Date")
	}
	if d := c.Now().Sub(t); d > c.MaxSkew || d < -c.MaxSkew {
		return errors.New("verify aksk signature fail: signature expired")
	}
	names := strings.Split(fields["SignedHeaders"], ";")
	if !slices.Contains(names, "x-sdk-date") {
		return errors.New("verify aksk signature fail: x-sdk-date must be signed")
	}
	if c.ProjectID != "" && r.Header.Get("X-Project-Id") != "" && r.Header.Get("X-Project-Id") != c.ProjectID {
		return errors.New("X-Project-Id does not match the credentials")
	}
	hs := make([]auth.SignedHeader, 0, len(names))
	for _, n := range names {
		v, present := r.Header.Get(n), len(r.Header.Values(n)) > 0
		if n == "host" {
			v, present = r.Host, r.Host != ""
		}
		if !present {
			return errors.New("verify aksk signature fail: signed header " + n + " is missing")
		}
		hs = append(hs, auth.SignedHeader{Name: n, Value: v})
	}
	want := auth.HuaweiAuthorization(c.AccessKey, []byte(c.SecretKey), r.Method, r.URL, hs, body, date)
	if want != authz {
		return errors.New("verify aksk signature fail")
	}
	return nil
}

// WriteHuaweiError writes {"error_code": code, "error_msg": message}.
func WriteHuaweiError(w http.ResponseWriter, status int, code, message string) {
	if code == "" && status == http.StatusUnauthorized {
		code = "APIGW.0301"
	}
	w.Header().Set("X-Request-Id", "fake-request-id")
	WriteJSON(w, status, map[string]string{"error_code": code, "error_msg": message})
}
