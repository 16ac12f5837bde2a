package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A clerk reads the Chinese message of a known failure and never the
// technical chain of an unknown one; codes survive wrapping.
func TestErrorMessage(t *testing.T) {
	cause := errors.New("sqlite: disk I/O error (SQLITE_IOERR)")
	known := fmt.Errorf("saving: %w", Wrap(EInvalid, cause, "磁盘已满"))
	if got := ErrorMessage(known); got != "磁盘已满" {
		t.Errorf("ErrorMessage(known) = %q", got)
	}
	if ErrorCode(known) != EInvalid || !errors.Is(known, cause) {
		t.Error("wrapping lost the code or the cause")
	}
	unknown := fmt.Errorf("x: %w", cause)
	if got := ErrorMessage(unknown); got != InternalMessage || strings.Contains(got, "sqlite") {
		t.Errorf("ErrorMessage(unknown) = %q, want the internal message without the chain", got)
	}
	if ErrorCode(unknown) != EInternal {
		t.Error("unknown error not internal")
	}
}
