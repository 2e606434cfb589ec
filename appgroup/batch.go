package appgroup

import (
	"context"
	"strconv"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/internal/apierror"
	gen "github.com/apimgmt/apimgmt-go/internal/gen/appgroupgen"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// BatchDeleteResult accounts for every distinct ID given to BatchDelete.
type BatchDeleteResult struct {
	// Deleted are the IDs the service reported deleted (which includes IDs
	// of groups that were already gone), in input order.
	Deleted []string
	// NotDeleted are the IDs not confirmed deleted: those of the request
	// that failed and those never sent, in input order. Batch delete is
	// idempotent, so passing them to BatchDelete again is safe.
	NotDeleted []string
}

// BatchDeleteError is the error of a BatchDelete that failed part-way. It
// wraps the failing request's error, so errors.As(err, &e) with e an *Error,
// and errors.Is with the sentinels, see through it.
type BatchDeleteError struct {
	// BatchDeleteResult says which IDs were deleted and which were not.
	BatchDeleteResult
	// Failed are the IDs of the request that failed (the first ones of
	// NotDeleted). After an ambiguous failure (a timeout, or a 5xx after
	// the request was sent) some of them may in fact be deleted.
	Failed []string
	// Err is the failing request's error, usually an *Error.
	Err error
}

// Error describes the failure and how many groups were deleted.
func (e *BatchDeleteError) Error() string {
	total := len(e.Deleted) + len(e.NotDeleted)
	return e.Err.Error() + " (" + strconv.Itoa(len(e.Deleted)) + " of " + strconv.Itoa(total) +
		" application groups deleted, " + strconv.Itoa(len(e.NotDeleted)) + " not)"
}

// Unwrap returns the failing request's error.
func (e *BatchDeleteError) Unwrap() error { return e.Err }

// BatchDelete deletes the groups with the given IDs, any number of them: it
// drops repeated IDs and sends the rest in requests of at most 20
// (MaxBatchDeleteIDs), one after another. Every ID is validated before the
// first request; an invalid one fails the whole call with a
// *ValidationError and nothing is sent. No IDs means nothing to do.
//
// The result always accounts for every distinct ID. When a request fails,
// BatchDelete stops and returns a *BatchDeleteError, alongside the result:
// the IDs of earlier requests are in Deleted, the failing request's and all
// later ones in NotDeleted. The service reports success for groups that are
// already gone, so retrying with result.NotDeleted is safe.
func (c *Client) BatchDelete(ctx context.Context, ids []string, opts ...apimgmt.CallOption) (BatchDeleteResult, error) {
	const op = "appgroup.BatchDelete"
	var v apierror.Validator
	for i, id := range ids {
		v.ID("ids["+strconv.Itoa(i)+"]", id)
	}
	unique := distinct(ids)
	if err := v.Err(op); err != nil {
		return BatchDeleteResult{NotDeleted: unique}, err
	}
	var res BatchDeleteResult
	for start := 0; start < len(unique); start += MaxBatchDeleteIDs {
		chunk := unique[start:min(start+MaxBatchDeleteIDs, len(unique))]
		_, err := c.gen.BatchDeleteAppGroups(transport.WithOp(ctx, opBatchDelete, opts...), c.projectID,
			gen.BatchDeleteAppGroupsJSONRequestBody{IDs: chunk})
		if err != nil {
			res.NotDeleted = append([]string(nil), unique[start:]...)
			return res, &BatchDeleteError{BatchDeleteResult: res, Failed: append([]string(nil), chunk...), Err: err}
		}
		res.Deleted = append(res.Deleted, chunk...)
	}
	return res, nil
}

// distinct returns ids without repeats, in order.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
