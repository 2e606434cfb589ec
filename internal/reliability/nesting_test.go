package reliability_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apimgmt/apimgmt-go/internal/apierror"
	"github.com/apimgmt/apimgmt-go/internal/fake"
	"github.com/apimgmt/apimgmt-go/internal/transport"
)

// nestedOpen is how each service's list answer opens: its count, then its
// list member.
var nestedOpen = map[string]string{
	svcAPIGroup:      `{"total":1,"groups":[`,
	svcAppGroup:      `{"count":1,"items":[`,
	svcAPIProxyGroup: `{"success":true,"resultCount":1,"resultList":[`,
	svcAPIProduct:    `{"apiProduct":[`,
}

// TestDeepNestingAtTheSizeLimit answers List and Get of every service with
// a body just under the default size limit made of the list's opening and
// then nothing but [. The call must end with an *Error matching
// ErrMalformedResponse (encoding/json's depth limit), without a crash (a
// recursive reader overflows the goroutine stack, which no recover
// catches), and allocate no more than a small multiple of the body. Most of
// what it allocates is the body itself, read without a Content-Length: the
// buffer io.ReadAll grows (about 2x the body in all, 4x under -race). A
// decoder that built anything per level would take many times more.
func TestDeepNestingAtTheSizeLimit(t *testing.T) {
	const size = transport.DefaultMaxResponseBytes - 1
	for _, o := range ops {
		if strings.Fields(o.name)[0] != "List" && o.name != "Get" {
			continue
		}
		t.Run(o.String(), func(t *testing.T) {
			open := nestedOpen[o.svc]
			body := []byte(open + strings.Repeat("[", size-len(open)))
			h, err := newHarness(o.svc, config{defaultLimit: true})
			require.NoError(t, err)
			defer h.close()
			ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
			defer cancel()
			require.NoError(t, o.setup(ctx, h))
			h.settle()
			h.fake.FailNext(1, fake.Fault{Status: 200, Body: body})

			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err = o.call(ctx, h)
			runtime.ReadMemStats(&after)

			var e *apierror.Error
			require.True(t, errors.As(err, &e), "%v (%T) is not an *Error", err, err)
			assert.ErrorIs(t, err, apierror.ErrMalformedResponse)
			assert.Equal(t, 200, e.StatusCode)
			assert.Len(t, h.fake.Requests(), 1, "not retried")
			allocated := after.TotalAlloc - before.TotalAlloc
			assert.Less(t, allocated, uint64(8*len(body)), "bytes allocated during the call, for a body of %d", len(body))
			t.Logf("%d bytes allocated for a body of %d: %v", allocated, len(body), err)
		})
	}
}
