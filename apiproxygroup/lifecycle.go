package apiproxygroup

// Close releases what the client owns and makes later calls fail. A client
// built with WithTLSConfig has a connection pool of its own, whose idle
// connections Close closes. A client built without WithHTTPClient,
// WithTLSConfig or WithTransport shares the SDK's process-wide connection
// pool (like http.DefaultTransport), which Close leaves open for the other
// clients; a client passed with WithHTTPClient, and a round tripper passed
// with WithTransport, belong to the caller and are never closed. Calls in
// flight finish. Close is idempotent and returns nil.
func (c *Client) Close() error { return c.pipe.Close() }
