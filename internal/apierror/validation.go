package apierror

import (
	"strings"
	"unicode/utf8"
)

// FieldError is one rejected input field.
type FieldError struct {
	// Field is the field's name as the vendor spells it on the wire, with a
	// path for nested fields ("clientRoute.relativePathList[0]").
	Field string
	// Problem says what is wrong, in a short sentence fragment.
	Problem string
}

// ValidationError reports input that was rejected before anything was sent.
// It lists every bad field, not only the first. It matches ErrValidation with
// errors.Is.
type ValidationError struct {
	// Op names the operation, for example "apigroup.Update".
	Op string
	// Fields lists every rejected field.
	Fields []FieldError
}

// Error lists the operation and every bad field.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteByte(' ')
		b.WriteString(f.Problem)
	}
	return b.String()
}

// Is makes a *ValidationError match ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Validator collects field errors. The zero value is ready to use.
type Validator struct {
	fields []FieldError
}

// Add records a problem with a field.
func (v *Validator) Add(field, problem string) {
	v.fields = append(v.fields, FieldError{Field: field, Problem: problem})
}

// Check records problem for field when ok is false.
func (v *Validator) Check(ok bool, field, problem string) {
	if !ok {
		v.Add(field, problem)
	}
}

// Err returns a *ValidationError for op when any problem was recorded, and
// nil otherwise.
func (v *Validator) Err(op string) error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Op: op, Fields: v.fields}
}

// PathSegment checks a value that becomes one path segment: it must not be
// empty, "." or "..", and must not contain a slash, a backslash or a control
// character, because any of these would address a different resource, and
// it must be valid UTF-8. Other characters are escaped by the generated
// client.
func (v *Validator) PathSegment(field, value string) bool {
	switch {
	case value == "":
		v.Add(field, "is required")
	case value == "." || value == "..":
		v.Add(field, "must not be \".\" or \"..\"")
	case strings.ContainsAny(value, "/\\"):
		v.Add(field, "must not contain a slash")
	case hasControl(value):
		v.Add(field, "must not contain control characters")
	case !utf8.ValidString(value):
		// Identifiers also travel in JSON bodies, where encoding/json
		// would silently replace the invalid bytes and so name another
		// resource.
		v.Add(field, "must be valid UTF-8")
	default:
		return true
	}
	return false
}

// ID checks an opaque identifier used as a path segment: as PathSegment, and
// additionally no white space or %?# characters, at most 128 bytes.
func (v *Validator) ID(field, value string) bool {
	if !v.PathSegment(field, value) {
		return false
	}
	switch {
	case strings.ContainsAny(value, " \t%?#"):
		v.Add(field, "must not contain spaces or any of %?#")
	case len(value) > 128:
		v.Add(field, "must be at most 128 characters")
	default:
		return true
	}
	return false
}

// NoControl checks that a free-text value carries no control characters
// (CR and LF included), which could otherwise split a header or a log line.
func (v *Validator) NoControl(field, value string) bool {
	if hasControl(value) {
		v.Add(field, "must not contain control characters")
		return false
	}
	return true
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}
