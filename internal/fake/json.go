package fake

import (
	"encoding/json"
	"net/http"
)

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// DecodeJSON decodes a request body into v, reporting whether it was valid.
func DecodeJSON(body []byte, v any) bool {
	return json.Unmarshal(body, v) == nil
}

// Convert turns a value as the fake answers it on the wire into the
// service's type, v, through JSON, as a client would decode it.
func Convert(wire, v any) error {
	b, err := json.Marshal(wire)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
