package envelope

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Stream header v1 (docs/encryption.md, "Content streams"), 97 bytes:
//
//	off len field
//	  0   4 magic "MSDS"
//	  4   1 version 0x01
//	  5   1 algorithm (0x01 AES-256-GCM, 0x02 ChaCha20-Poly1305)
//	  6   4 segment size, uint32 big-endian, 65536
//	 10  16 salt (random)
//	 26   7 nonce prefix (random)
//	 33  32 key ID (HKDF of the data key)
//	 65  32 MAC: HMAC-SHA256(header MAC key, bytes 0..64)
const (
	streamMagic     = "MSDS"
	streamVersion   = 0x01
	segmentSize     = 64 * 1024
	saltSize        = 16
	noncePrefixSize = 7
	keyIDSize       = 32
	headerMACSize   = 32
	headerMACOffset = 65
	headerSize      = headerMACOffset + headerMACSize
)

// header is a parsed stream header.
type header struct {
	algorithm   Algorithm
	salt        [saltSize]byte
	noncePrefix [noncePrefixSize]byte
	keyID       [keyIDSize]byte
	mac         [headerMACSize]byte
}

// marshal returns the 97-byte encoding of h.
func (h *header) marshal() []byte {
	b := make([]byte, 0, headerSize)
	b = append(b, streamMagic...)
	b = append(b, streamVersion, byte(h.algorithm))
	b = binary.BigEndian.AppendUint32(b, segmentSize)
	b = append(b, h.salt[:]...)
	b = append(b, h.noncePrefix[:]...)
	b = append(b, h.keyID[:]...)
	return append(b, h.mac[:]...)
}

// readHeader reads one header from r and parses it. It checks the format
// only; verify checks it against a data key.
func readHeader(r io.Reader) (*header, error) {
	var b [headerSize]byte
	n, err := io.ReadFull(r, b[:])
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("envelope: reading stream header: %w", err)
	}
	// On a short read, judge what is there: a cut-off header is ErrTruncated,
	// input that is not a stream at all is ErrMalformedHeader.
	if m := min(n, len(streamMagic)); string(b[:m]) != streamMagic[:m] {
		return nil, fmt.Errorf("%w: bad magic %q", ErrMalformedHeader, b[:m])
	}
	if n > len(streamMagic) && b[len(streamMagic)] != streamVersion {
		return nil, fmt.Errorf("%w: stream version 0x%02x", ErrUnsupportedVersion, b[len(streamMagic)])
	}
	if n < headerSize {
		return nil, fmt.Errorf("%w: input ends after %d of the %d stream header bytes", ErrTruncated, n, headerSize)
	}
	return parseHeaderFields(&b)
}

// parseHeaderFields parses the fields after the version of a complete
// header whose magic and version readHeader has checked.
func parseHeaderFields(b *[headerSize]byte) (*header, error) {
	h := &header{algorithm: Algorithm(b[5])}
	if !h.algorithm.known() {
		return nil, fmt.Errorf("%w: unknown algorithm 0x%02x", ErrMalformedHeader, b[5])
	}
	if size := binary.BigEndian.Uint32(b[6:10]); size != segmentSize {
		return nil, fmt.Errorf("%w: segment size %d, version 1 requires %d", ErrMalformedHeader, size, segmentSize)
	}
	copy(h.salt[:], b[10:26])
	copy(h.noncePrefix[:], b[26:33])
	copy(h.keyID[:], b[33:65])
	copy(h.mac[:], b[65:97])
	return h, nil
}
