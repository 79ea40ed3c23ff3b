package envelope

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
)

var errWriterClosed = errors.New("envelope: write to a closed stream")

// Encrypt returns a WriteCloser that encrypts what is written to it under dek
// with AES-256-GCM and writes the stream (header, then segments) to dst.
// Close must be called to write the final segment; it does not close dst.
// Memory use is one segment buffer, whatever the size of the content.
func Encrypt(dst io.Writer, dek DataKey) (io.WriteCloser, error) {
	return EncryptWithAlgorithm(dst, dek, AES256GCM)
}

// EncryptWithAlgorithm is Encrypt with a chosen segment AEAD, for machines
// without AES hardware (ChaCha20Poly1305). Decrypt reads either.
func EncryptWithAlgorithm(dst io.Writer, dek DataKey, alg Algorithm) (io.WriteCloser, error) {
	if !alg.known() {
		return nil, fmt.Errorf("envelope: cannot encrypt with unknown algorithm 0x%02x", uint8(alg))
	}
	h := &header{algorithm: alg, keyID: keyID(&dek)}
	// crypto/rand.Read never returns an error (it crashes instead).
	_, _ = rand.Read(h.salt[:])
	_, _ = rand.Read(h.noncePrefix[:])
	h.mac = headerMAC(&dek, h)
	aead, err := payloadAEAD(&dek, h)
	if err != nil {
		return nil, err
	}
	if _, err := dst.Write(h.marshal()); err != nil {
		return nil, fmt.Errorf("envelope: writing stream header: %w", err)
	}
	return &encryptWriter{
		dst:   dst,
		aead:  aead,
		nonce: newSegmentNonce(h.noncePrefix),
		buf:   make([]byte, segmentCiphertextSize),
	}, nil
}

// encryptWriter buffers one segment of plaintext and seals it in place. A
// full segment is sealed only once more input arrives, because until then it
// may be the last one.
type encryptWriter struct {
	dst     io.Writer
	aead    cipher.AEAD
	nonce   segmentNonce
	counter uint64 // index of the segment being buffered
	buf     []byte // plaintext in buf[:n]; room for the tag after it
	n       int
	err     error // sticky: the first failure, or errWriterClosed
}

func (w *encryptWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	written := 0
	for len(p) > 0 {
		if w.n == segmentSize {
			if err := w.sealSegment(false); err != nil {
				w.err = err
				return written, err
			}
		}
		c := copy(w.buf[w.n:segmentSize], p)
		w.n += c
		written += c
		p = p[c:]
	}
	return written, nil
}

// Close seals and writes the final segment. It does not close dst.
func (w *encryptWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	if err := w.sealSegment(true); err != nil {
		w.err = err
		return err
	}
	w.err = errWriterClosed
	return nil
}

// sealSegment encrypts the buffered plaintext as segment w.counter and writes
// it out.
func (w *encryptWriter) sealSegment(last bool) error {
	if w.counter >= maxSegments {
		return fmt.Errorf("%w: segment %d", ErrStreamTooLong, w.counter)
	}
	sealed := w.aead.Seal(w.buf[:0], w.nonce.set(w.counter, last), w.buf[:w.n], nil)
	w.counter++
	w.n = 0
	if _, err := w.dst.Write(sealed); err != nil {
		return fmt.Errorf("envelope: writing stream segment: %w", err)
	}
	return nil
}
