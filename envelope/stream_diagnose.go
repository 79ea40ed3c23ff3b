package envelope

import "fmt"

// diagnoseWindow is how many positions before and after the expected one
// diagnose tries. Each try is one failed AEAD Open on at most 64 KiB, and it
// runs only once, on the failure path.
const diagnoseWindow = 256

// diagnose explains why segment failed to open at position r.counter with
// the last flag final. An AEAD tag verifies under exactly one nonce (except
// with negligible probability), so finding the nonce it does verify under
// says what happened to the stream:
//
//	right position, other last flag -> truncated (at EOF) or trailing data
//	an earlier position             -> duplicated segment
//	a later position                -> reordered (or missing) segments
//	none                            -> modified bytes
func (r *decryptReader) diagnose(segment []byte, final bool) error {
	i := r.counter
	if len(segment) < tagSize {
		return fmt.Errorf("%w: input ends inside segment %d (%d bytes, less than a tag)", ErrTruncated, i, len(segment))
	}
	if _, err := r.open(segment, i, !final); err == nil {
		if final {
			return fmt.Errorf("%w: input ends after segment %d, which is not marked last", ErrTruncated, i)
		}
		return fmt.Errorf("%w: segment %d is marked last but more input follows", ErrTrailingData, i)
	}
	lo := i - min(i, diagnoseWindow)
	hi := min(i+diagnoseWindow, maxSegments-1)
	for j := lo; j <= hi; j++ {
		if j == i {
			continue
		}
		if r.opensAt(segment, j) {
			if j < i {
				return fmt.Errorf("%w: segment %d is a copy of segment %d", ErrDuplicateSegment, i, j)
			}
			return fmt.Errorf("%w: segment %d belongs at position %d", ErrReorderedSegment, i, j)
		}
	}
	if final && len(segment) < segmentCiphertextSize {
		return fmt.Errorf("%w: final segment %d (%d bytes) was modified, or the input was cut inside it", ErrCorrupted, i, len(segment))
	}
	return fmt.Errorf("%w: segment %d was modified", ErrCorrupted, i)
}

// opensAt reports whether segment authenticates at position j, with either
// last flag.
func (r *decryptReader) opensAt(segment []byte, j uint64) bool {
	if _, err := r.open(segment, j, false); err == nil {
		return true
	}
	_, err := r.open(segment, j, true)
	return err == nil
}
