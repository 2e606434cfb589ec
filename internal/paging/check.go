package paging

import (
	"strconv"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// Check applies a list's documented paging limits before anything is sent:
// a page size of 0 becomes def, the size must then be 1 to maxSize, and the
// offset must not be negative. Problems are recorded on v under the wire
// names "limit" and "offset".
func Check(v *apierror.Validator, size *int, def, maxSize int, offset int64) {
	if *size == 0 {
		*size = def
	}
	v.Check(*size >= 1 && *size <= maxSize, "limit", "must be 1 to "+strconv.Itoa(maxSize))
	v.Check(offset >= 0, "offset", "must not be negative")
}
