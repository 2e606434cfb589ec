// Package jsonscan walks the top level of a JSON object without decoding
// it, so that a caller can look at one or two members of a large response
// (Apinizer's "status", the names Apigee sent) without a second full decode.
// It follows well-formed JSON only as far as it needs to; whatever it does
// not follow it reports, and the caller falls back to encoding/json.
package jsonscan

// Members calls fn with the name and the raw value of each top-level member
// of the JSON object data, in order, until fn returns false. The name is
// given without its quotes; the value is the member's JSON text. Members
// reports whether it followed the object: false when data is not an object,
// when a name holds an escape sequence (it would need decoding to compare),
// or when the text ends or breaks off early. Values are skipped, not
// validated.
func Members(data []byte, fn func(name, value []byte) bool) bool {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return true
	}
	for i < len(data) && data[i] == '"' {
		j := i + 1
		for j < len(data) && data[j] != '"' && data[j] != '\\' {
			j++
		}
		if j >= len(data) || data[j] != '"' {
			return false
		}
		name := data[i+1 : j]
		i = skipSpace(data, j+1)
		if i >= len(data) || data[i] != ':' {
			return false
		}
		start := skipSpace(data, i+1)
		end := skipValue(data, start)
		if end <= start {
			return false
		}
		if !fn(name, data[start:end]) {
			return true
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return false
		}
		switch data[i] {
		case '}':
			return true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return false
		}
	}
	return false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index after the JSON value that starts at i, or
// len(data) when it does not end.
func skipValue(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return min(i+1, len(data))
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return len(data)
}
