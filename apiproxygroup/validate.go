package apiproxygroup

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
)

// MinRelativePathLen is the documented minimum length of a relative path.
const MinRelativePathLen = 2

// checkSegments checks values that become path segments, given as field,
// value pairs: not empty, ".", ".." or with a slash or a control character
// (the generated client escapes everything else; a space is sent as %20).
func checkSegments(op string, fieldValues ...string) error {
	var v apierror.Validator
	for i := 0; i+1 < len(fieldValues); i += 2 {
		v.PathSegment(fieldValues[i], fieldValues[i+1])
	}
	return v.Err(op)
}

// checkGroup applies the documented constraints of a group body.
func checkGroup(v *apierror.Validator, in *GroupInput) {
	switch {
	case in.Name == "":
		v.Add("name", "is required")
	case strings.ContainsFunc(in.Name, unicode.IsSpace):
		v.Add("name", "must not contain spaces")
	case strings.ContainsAny(in.Name, "/\\"):
		v.Add("name", "must not contain a slash")
	default:
		v.NoControl("name", in.Name)
	}
	if in.EnvironmentName != "" {
		v.NoControl("environmentName", in.EnvironmentName)
	}
	checkRoute(v, &in.ClientRoute)
}

func checkRoute(v *apierror.Validator, r *ClientRoute) {
	if len(r.RelativePaths) == 0 {
		v.Add("clientRoute.relativePathList", "needs at least one relative path")
	}
	for i, p := range r.RelativePaths {
		field := "clientRoute.relativePathList[" + strconv.Itoa(i) + "]"
		switch {
		case len(p) < MinRelativePathLen:
			v.Add(field, "must have at least 2 characters")
		case p[0] != '/':
			v.Add(field, "must start with /")
		default:
			v.NoControl(field, p)
		}
	}
	for i, m := range r.Methods {
		if !m.Valid() {
			v.Add("clientRoute.methodList["+strconv.Itoa(i)+"]", "must be one of GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE, ALL")
		}
	}
	for i, h := range r.Hosts {
		field := "clientRoute.hostList[" + strconv.Itoa(i) + "]"
		if h == "" {
			v.Add(field, "must not be empty")
		} else {
			v.NoControl(field, h)
		}
	}
	for i, h := range r.Headers {
		field := "clientRoute.headerList[" + strconv.Itoa(i) + "].name"
		if strings.TrimSpace(h.Name) == "" {
			v.Add(field, "must not be empty")
		} else {
			v.NoControl(field, h.Name)
		}
	}
}
