package apimgmt

import "strings"

// Action is what an Ensure call did to reach the desired state.
type Action string

// The Actions of Ensure.
const (
	// Created means the resource did not exist and Ensure created it.
	Created Action = "created"
	// Updated means the resource existed and Ensure changed some of the
	// fields it manages (listed in Outcome.Changed).
	Updated Action = "updated"
	// Unchanged means the resource already had the desired values of every
	// field Ensure manages, and nothing was written.
	Unchanged Action = "unchanged"
)

// Outcome reports what an Ensure call did. Every service package's Ensure
// returns one with the resource it ensured.
//
// A create whose answer was lost (a network failure after sending, a 5xx, a
// timeout) or that lost a race with another creator (a name conflict) is
// followed by a lookup; when the resource is found there, the Outcome is
// that of comparing it with the desired state (Unchanged or Updated), since
// Ensure cannot tell whose create stored it.
type Outcome struct {
	// Action is what Ensure did.
	Action Action
	// Changed are the wire names of the fields an Updated changed (the
	// JSON member names of the vendor's API, with a dot between the names
	// of nested members, such as "clientRoute.hostList"), sorted. It is
	// empty for Created and Unchanged.
	Changed []string
}

// String returns the action followed by the changed fields in
// parentheses, such as "updated (description, remark)", "created" or
// "unchanged".
func (o Outcome) String() string {
	if o.Action == "" {
		return "none"
	}
	if len(o.Changed) == 0 {
		return string(o.Action)
	}
	return string(o.Action) + " (" + strings.Join(o.Changed, ", ") + ")"
}
