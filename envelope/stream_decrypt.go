package envelope

import (
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
)

// Decrypt reads a stream's header from src, checks it against dek and returns
// a Reader of the plaintext. Errors in the header are returned here; errors in
// segments are returned by Read, after the plaintext of every segment before
// the bad one.
//
// Read only ever returns authenticated plaintext, in order, but the content
// is complete only when Read returns io.EOF: a caller that acts on data as it
// streams must be ready to undo it on any other error.
func Decrypt(src io.Reader, dek DataKey) (io.Reader, error) {
	h, err := readHeader(src)
	if err != nil {
		return nil, err
	}
	if err := h.verify(&dek); err != nil {
		return nil, err
	}
	aead, err := payloadAEAD(&dek, h)
	if err != nil {
		return nil, err
	}
	return &decryptReader{
		src:        src,
		aead:       aead,
		nonce:      newSegmentNonce(h.noncePrefix),
		ciphertext: make([]byte, segmentCiphertextSize+1),
		plaintext:  make([]byte, segmentSize),
	}, nil
}

// decryptReader reads one segment ahead by a byte: whether more input
// follows a segment decides whether it must carry the last flag. Plaintext
// goes to its own buffer because a failed Open may overwrite its output, and
// diagnose needs the ciphertext intact.
type decryptReader struct {
	src     io.Reader
	aead    cipher.AEAD
	nonce   segmentNonce
	counter uint64 // index of the next segment to read

	ciphertext   []byte // a full segment plus the lookahead byte
	hasLookahead bool   // ciphertext[segmentCiphertextSize] starts the next segment

	plaintext []byte
	unread    []byte // authenticated plaintext not yet returned, in plaintext
	err       error  // sticky: io.EOF after the last segment, or the failure
}

func (r *decryptReader) Read(p []byte) (int, error) {
	for len(r.unread) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if len(p) == 0 {
			return 0, nil
		}
		r.err = r.nextSegment()
	}
	n := copy(p, r.unread)
	r.unread = r.unread[n:]
	return n, nil
}

// nextSegment reads, authenticates and decrypts the next segment into
// r.unread. It returns io.EOF with the final segment.
func (r *decryptReader) nextSegment() error {
	segment, final, err := r.readSegment()
	if err != nil {
		return err
	}
	plaintext, err := r.open(segment, r.counter, final)
	if err != nil {
		return r.diagnose(segment, final)
	}
	r.counter++
	r.unread = plaintext
	if final {
		return io.EOF
	}
	return nil
}

// readSegment returns the next segment's ciphertext, and whether the input
// ends right after it.
func (r *decryptReader) readSegment() (segment []byte, final bool, err error) {
	if r.counter >= maxSegments {
		return nil, false, fmt.Errorf("%w: no last segment within %d segments", ErrStreamTooLong, uint64(maxSegments))
	}
	start := 0
	if r.hasLookahead {
		r.ciphertext[0] = r.ciphertext[segmentCiphertextSize]
		start = 1
	}
	n, err := io.ReadFull(r.src, r.ciphertext[start:])
	n += start
	switch {
	case err == nil:
		r.hasLookahead = true
		return r.ciphertext[:segmentCiphertextSize], false, nil
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		r.hasLookahead = false
		if n == 0 {
			return nil, false, fmt.Errorf("%w: no segments after the header", ErrTruncated)
		}
		return r.ciphertext[:n], true, nil
	default:
		return nil, false, fmt.Errorf("envelope: reading stream segment %d: %w", r.counter, err)
	}
}

// open authenticates and decrypts segment as the one at position counter.
func (r *decryptReader) open(segment []byte, counter uint64, last bool) ([]byte, error) {
	return r.aead.Open(r.plaintext[:0], r.nonce.set(counter, last), segment, nil)
}
