package apiproxygroup

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/convert"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/apiproxygroupgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// DeploymentError reports a deployment that failed on one or more
// environments or pods: a result anywhere in the deployment outcome with
// success false, or an envelope that says FAILURE next to a deployment
// outcome. It is returned together with the call's non-nil *Result, which
// says what was saved and holds the whole deployment outcome. It matches
// ErrDeployment with errors.Is.
type DeploymentError struct {
	// Op names the operation, for example "apiproxygroup.Update".
	Op string
	// Environment is the environment the call deployed to.
	Environment string
	// Saved reports whether the group itself was saved before the
	// deployment failed (Create and Update).
	Saved bool
	// Message is the server's result message, when it sent one.
	Message string
	// Failures lists each failed step, innermost first: the pods whose
	// deployment failed, or the summary when it names no failing pod.
	Failures []DeploymentFailure
}

// DeploymentFailure is one failed step of a deployment.
type DeploymentFailure struct {
	// EnvName is the environment name, when the server gave it.
	EnvName string
	// PodName and PodIP name the gateway pod, when the server gave them.
	PodName string
	PodIP   string
	// Detail is the server's detail or error message for the step.
	Detail string
}

// String describes the step: environment/pod (ip): detail.
func (f DeploymentFailure) String() string {
	var b strings.Builder
	b.WriteString(f.EnvName)
	if f.PodName != "" {
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(f.PodName)
	}
	if f.PodIP != "" {
		b.WriteString(" (" + f.PodIP + ")")
	}
	if b.Len() == 0 {
		b.WriteString("deployment")
	}
	if f.Detail != "" {
		b.WriteString(": " + f.Detail)
	}
	return strings.TrimSpace(b.String())
}

// Error says what was saved and lists every failed step.
func (e *DeploymentError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op + ": ")
	}
	if e.Saved {
		b.WriteString("the group was saved but ")
	}
	b.WriteString("the deployment")
	if e.Environment != "" {
		b.WriteString(" to " + e.Environment)
	}
	b.WriteString(" failed")
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if n := len(e.Failures); n > 0 {
		b.WriteString(" (" + strconv.Itoa(n) + " failed: ")
		for i, f := range e.Failures {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(f.String())
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Is makes a *DeploymentError match ErrDeployment.
func (e *DeploymentError) Is(target error) bool { return target == apierror.ErrDeployment }

// Failed reports whether any step of the deployment, at any depth, reports
// success false.
func (d *DeploymentResult) Failed() bool {
	return d != nil && len(d.Failures()) > 0
}

// Failures lists the failed steps, innermost first: a step with success
// false is listed unless one of its nested steps already is. Steps the server
// reports twice are listed once.
func (d *DeploymentResult) Failures() []DeploymentFailure {
	var out []DeploymentFailure
	seen := map[DeploymentFailure]bool{}
	d.collect(&out, seen)
	return out
}

func (d *DeploymentResult) collect(out *[]DeploymentFailure, seen map[DeploymentFailure]bool) bool {
	if d == nil {
		return false
	}
	nested := false
	for i := range d.Details {
		nested = d.Details[i].collect(out, seen) || nested
	}
	nested = d.FirstFromAPIResultList.collect(out, seen) || nested
	failed := d.Success != nil && !*d.Success
	if failed && !nested {
		f := DeploymentFailure{
			EnvName: apierror.Clean(d.EnvName),
			PodName: apierror.Clean(d.PodName),
			PodIP:   apierror.Clean(d.PodIP),
			Detail:  apierror.Clean(d.Detail),
		}
		if !seen[f] {
			seen[f] = true
			*out = append(*out, f)
		}
	}
	return failed || nested
}

// decodeResult decodes the envelope of a call that saves or deploys into
// res, whose Group the caller has set for a save (nil for a deployment). A
// deployment that failed anywhere, or a failure envelope next to a
// deployment outcome, gives the result and a *DeploymentError.
func decodeResult(op, env string, res *Result, resp *http.Response, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	e, err := decodeEnvelope(op, resp)
	if err != nil {
		return nil, err
	}
	res.Message, res.Deployment = e.ResultMessage, deploymentFromGen(e.DeploymentResult)
	// decodeEnvelope already failed a FAILURE envelope without a deployment
	// outcome; one with an outcome is a deployment failure.
	envFailed := convert.Val(e.Status) == "FAILURE" || (e.Success != nil && !*e.Success)
	if failures := res.Deployment.Failures(); envFailed || len(failures) > 0 {
		// The error's texts are the server's: the request's credentials
		// are redacted from them, as from an *Error's.
		r := transport.ResponseRedactor(resp)
		for i := range failures {
			f := &failures[i]
			f.EnvName, f.PodName, f.PodIP, f.Detail = r.String(f.EnvName), r.String(f.PodName), r.String(f.PodIP), r.String(f.Detail)
		}
		return res, &DeploymentError{
			Op: op, Environment: env, Saved: res.Group != nil,
			Message: apierror.Clean(r.String(res.Message)), Failures: failures,
		}
	}
	return res, nil
}

// decodeEnvelope decodes a response that carries only an envelope. An empty
// body is an empty (successful) envelope.
func decodeEnvelope(op string, resp *http.Response) (*gen.Envelope, error) {
	e := new(gen.Envelope)
	if len(bytes.TrimSpace(transport.Bytes(resp))) > 0 {
		if err := transport.DecodeJSON(op, resp, e); err != nil {
			return nil, err
		}
		if err := envelopeFailure(op, resp, e.Status, e.Success); err != nil {
			return nil, err
		}
	}
	if e.Status != nil {
		*e.Status = gen.ResultStatus(strings.ToUpper(string(*e.Status)))
	}
	return e, nil
}

// envelopeFailure is the failure a decoded envelope reports without a
// deployment result, or nil (transport.EnvelopeFailure): every operation
// declared with EnvelopeOp checks its answer with it.
func envelopeFailure(op string, resp *http.Response, status *gen.ResultStatus, success *bool) error {
	return transport.EnvelopeFailure(op, resp, string(convert.Val(status)), success)
}
