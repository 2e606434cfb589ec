package desired

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests when a goroutine outlives them: a
// connection, timer or token fetch left running after a timeout or a
// cancellation shows up here.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
