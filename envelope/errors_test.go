package envelope

import (
	"errors"
	"testing"
)

// The sentinel families each decoder can return. A failure must match
// exactly the sentinel its test expects and no other of its family, so that
// callers can rely on errors.Is to tell the failures apart.
var (
	streamErrors = []error{
		ErrMalformedHeader, ErrUnsupportedVersion, ErrWrongKey, ErrHeaderTampered,
		ErrTruncated, ErrReorderedSegment, ErrDuplicateSegment, ErrCorrupted,
		ErrTrailingData, ErrStreamTooLong,
	}
	envelopeErrors = []error{
		ErrInvalidBinding, ErrMalformedEnvelope, ErrUnsupportedVersion, ErrUnknownSuite,
		ErrNotRecipient, ErrBindingMismatch, ErrEnvelopeTampered,
	}
	publicKeyErrors = []error{ErrMalformedPublicKey, ErrUnsupportedVersion, ErrUnknownSuite}
)

func checkSentinel(t *testing.T, name string, err, want error, family []error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: got %v, want %v", name, err, want)
		return
	}
	for _, other := range family {
		if other != want && errors.Is(err, other) {
			t.Errorf("%s: %v also matches %v", name, err, other)
		}
	}
}
