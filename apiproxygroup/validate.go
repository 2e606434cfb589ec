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

// checkDeployment checks the arguments of Deploy and Undeploy.
func checkDeployment(op, group, env string, opts *DeployOptions) error {
	var v apierror.Validator
	v.PathSegment("apiProxyGroupName", group)
	v.PathSegment("environmentName", env)
	v.UTF8Deep("", opts)
	return v.Err(op)
}

// checkGroup applies the documented constraints of a group body; that every
// string in it is valid UTF-8 is checked on its encoded body (UTF8Body). The
// name becomes a path segment of every later call on the group, so a name
// those calls would refuse ("." or "..", a slash) cannot be created either.
func checkGroup(v *apierror.Validator, in *GroupInput) {
	switch {
	case in.Name == "":
		v.Add("name", "is required")
	case in.Name == "." || in.Name == "..":
		v.Add("name", "must not be \".\" or \"..\"")
	case strings.ContainsFunc(in.Name, unicode.IsSpace):
		v.Add("name", "must not contain spaces")
	case strings.ContainsAny(in.Name, "/\\"):
		v.Add("name", "must not contain a slash")
	default:
		v.NoControl("name", in.Name)
	}
	v.NoControl("environmentName", in.EnvironmentName)
	checkRoute(v, &in.ClientRoute)
}

func checkRoute(v *apierror.Validator, r *ClientRoute) {
	if len(r.RelativePaths) == 0 {
		v.Add("clientRoute.relativePathList", "needs at least one relative path")
	}
	// Field names are built only for a problem, so that checking a valid
	// route allocates nothing.
	for i, p := range r.RelativePaths {
		switch {
		case len(p) < MinRelativePathLen:
			v.Add(indexed("clientRoute.relativePathList", i, ""), "must have at least 2 characters")
		case p[0] != '/':
			v.Add(indexed("clientRoute.relativePathList", i, ""), "must start with /")
		default:
			noControlAt(v, "clientRoute.relativePathList", i, "", p)
		}
	}
	for i, m := range r.Methods {
		if !m.Valid() {
			v.Add(indexed("clientRoute.methodList", i, ""), "must be one of GET, POST, PUT, HEAD, OPTIONS, DELETE, PATCH, TRACE, ALL")
		}
	}
	for i, h := range r.Hosts {
		switch {
		case h == "":
			v.Add(indexed("clientRoute.hostList", i, ""), "must not be empty")
		default:
			noControlAt(v, "clientRoute.hostList", i, "", h)
		}
	}
	for i, h := range r.Headers {
		switch {
		case strings.TrimSpace(h.Name) == "":
			v.Add(indexed("clientRoute.headerList", i, ".name"), "must not be empty")
		default:
			noControlAt(v, "clientRoute.headerList", i, ".name", h.Name)
		}
	}
}

// noControlAt applies Validator.NoControl to value, naming the field
// name[i]suffix, which is built only when value fails the check.
func noControlAt(v *apierror.Validator, name string, i int, suffix, value string) {
	var probe apierror.Validator
	if !probe.NoControl(name, value) {
		v.NoControl(indexed(name, i, suffix), value)
	}
}

// indexed returns name[i] followed by suffix.
func indexed(name string, i int, suffix string) string {
	return name + "[" + strconv.Itoa(i) + "]" + suffix
}
