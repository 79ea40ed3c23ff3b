package mask

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// RLEMagic starts every encoded mask; it names the format and its version.
const RLEMagic = "MSECRLE1"

// MaxRLEPixels bounds the frame a decoded mask may claim, so a hostile
// encoding cannot make the decoder allocate without limit.
const MaxRLEPixels = 1 << 28

// EncodeRLE returns the canonical run-length encoding of m:
//
//	"MSECRLE1" uvarint(W) uvarint(H) uvarint(n) uvarint(run_1) ... uvarint(run_n)
//
// Pixels are scanned row by row, top to bottom, left to right; runs may cross
// rows. Runs alternate between unmasked and masked, starting with unmasked,
// so run_1 is 0 when the first pixel is masked; every other run is at least
// 1 and the runs add up to W*H. Uvarints are Go's encoding/binary unsigned
// varints in their shortest form. One mask has exactly one encoding, so the
// SHA-256 of these bytes identifies the mask.
func EncodeRLE(m *Mask) []byte {
	var runs []uint64
	cur := uint8(0)
	n := uint64(0)
	for _, v := range m.Pix {
		if v != cur {
			runs = append(runs, n)
			cur, n = v, 0
		}
		n++
	}
	runs = append(runs, n)
	buf := make([]byte, 0, len(RLEMagic)+binary.MaxVarintLen64*(3+len(runs)))
	buf = append(buf, RLEMagic...)
	buf = binary.AppendUvarint(buf, uint64(m.W))
	buf = binary.AppendUvarint(buf, uint64(m.H))
	buf = binary.AppendUvarint(buf, uint64(len(runs)))
	for _, r := range runs {
		buf = binary.AppendUvarint(buf, r)
	}
	return buf
}

// Hash is the hex SHA-256 of the mask's canonical RLE.
func Hash(m *Mask) string {
	return HashRLE(EncodeRLE(m))
}

// HashRLE is the hex SHA-256 of an encoded mask.
func HashRLE(rle []byte) string {
	s := sha256.Sum256(rle)
	return hex.EncodeToString(s[:])
}

// ErrRLE wraps every decoding failure.
var ErrRLE = errors.New("mask RLE")

// DecodeRLE parses a canonical encoding and rejects any other, including
// non-shortest varints, empty runs, trailing bytes and frames over
// MaxRLEPixels.
func DecodeRLE(b []byte) (*Mask, error) {
	if !bytes.HasPrefix(b, []byte(RLEMagic)) {
		return nil, fmt.Errorf("%w: missing %q header", ErrRLE, RLEMagic)
	}
	rest := b[len(RLEMagic):]
	next := func(what string) (uint64, error) {
		v, k := binary.Uvarint(rest)
		if k <= 0 {
			return 0, fmt.Errorf("%w: bad varint for %s", ErrRLE, what)
		}
		rest = rest[k:]
		return v, nil
	}
	w, err := next("width")
	if err != nil {
		return nil, err
	}
	h, err := next("height")
	if err != nil {
		return nil, err
	}
	if w == 0 || h == 0 || w > MaxRLEPixels || h > MaxRLEPixels || w*h > MaxRLEPixels {
		return nil, fmt.Errorf("%w: frame %dx%d outside 1..%d pixels", ErrRLE, w, h, MaxRLEPixels)
	}
	n, err := next("run count")
	if err != nil {
		return nil, err
	}
	if n == 0 || n > w*h+1 {
		return nil, fmt.Errorf("%w: %d runs for %d pixels", ErrRLE, n, w*h)
	}
	m := New(int(w), int(h))
	pos := uint64(0)
	for i := uint64(0); i < n; i++ {
		r, err := next("run")
		if err != nil {
			return nil, err
		}
		if r == 0 && i > 0 {
			return nil, fmt.Errorf("%w: empty run %d", ErrRLE, i)
		}
		if r > w*h-pos {
			return nil, fmt.Errorf("%w: runs exceed %d pixels", ErrRLE, w*h)
		}
		if i%2 == 1 {
			for j := pos; j < pos+r; j++ {
				m.Pix[j] = 1
			}
		}
		pos += r
	}
	if pos != w*h {
		return nil, fmt.Errorf("%w: runs cover %d of %d pixels", ErrRLE, pos, w*h)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrRLE, len(rest))
	}
	if !bytes.Equal(EncodeRLE(m), b) {
		return nil, fmt.Errorf("%w: not in canonical form", ErrRLE)
	}
	return m, nil
}
