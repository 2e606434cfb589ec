package apierror

// Clean makes a server-supplied text safe to print on one line, as the
// messages of *Error are: valid UTF-8, no control characters, white space
// collapsed, at most 256 characters. Service packages use it for texts that
// reach their own error types (a deployment's per-pod details).
func Clean(s string) string { return clean(s) }
