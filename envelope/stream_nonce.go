package envelope

import "encoding/binary"

// Segment nonce (STREAM, Hoang et al. 2015), 12 bytes:
//
//	nonce prefix (7) || segment counter, uint32 big-endian (4) || last flag (1)
//
// The last flag is 0x01 on the final segment and 0x00 on every other, so a
// stream cut at a segment boundary, or extended past its end, fails to
// authenticate.
const (
	nonceSize   = noncePrefixSize + 4 + 1
	tagSize     = 16
	maxSegments = 1 << 32

	// segmentCiphertextSize is a full segment as stored: plaintext and tag.
	segmentCiphertextSize = segmentSize + tagSize
)

// segmentNonce is the nonce buffer of a stream. It lives in the encoder's
// or decoder's struct: a nonce on the stack would escape to the heap through
// the cipher.AEAD interface, one allocation per segment.
type segmentNonce [nonceSize]byte

// newSegmentNonce returns a nonce buffer for streams with this prefix.
func newSegmentNonce(prefix [noncePrefixSize]byte) segmentNonce {
	var n segmentNonce
	copy(n[:], prefix[:])
	return n
}

// set makes n the nonce of segment counter (< maxSegments) and returns it.
func (n *segmentNonce) set(counter uint64, last bool) []byte {
	binary.BigEndian.PutUint32(n[noncePrefixSize:], uint32(counter))
	n[nonceSize-1] = 0x00
	if last {
		n[nonceSize-1] = 0x01
	}
	return n[:]
}
