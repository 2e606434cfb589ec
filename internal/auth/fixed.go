package auth

import (
	"context"
	"net/http"
)

// Fixed returns c without the Invalidator it may implement, for a token that
// cannot be replaced (a fixed access token): a 401 is then final, and the
// pipeline does not send the request again with the same token.
func Fixed(c Credentials) Credentials { return fixed{c} }

type fixed struct{ c Credentials }

// Apply applies the wrapped credentials.
func (f fixed) Apply(ctx context.Context, req *http.Request, body []byte) error {
	return f.c.Apply(ctx, req, body)
}
