package ipfsnode

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
)

// vectorContent yields the bytes testdata/vectors/gen.mjs imports:
// SHA-256(name || uint64_be(k)) for k = 0, 1, ..., cut to size.
type vectorContent struct {
	name    string
	left    int64
	counter uint64
	pending []byte
}

func newVectorContent(name string, size int64) *vectorContent {
	return &vectorContent{name: name, left: size}
}

func (v *vectorContent) Read(p []byte) (int, error) {
	if v.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && v.left > 0 {
		if len(v.pending) == 0 {
			h := sha256.New()
			h.Write([]byte(v.name))
			h.Write(binary.BigEndian.AppendUint64(nil, v.counter))
			v.pending = h.Sum(nil)
			v.counter++
		}
		c := copy(p[n:], v.pending)
		if int64(c) > v.left {
			c = int(v.left)
		}
		v.pending = v.pending[c:]
		n += c
		v.left -= int64(c)
	}
	return n, nil
}

// contentBytes reads all of a vectorContent, for small test files.
func contentBytes(name string, size int64) []byte {
	b, err := io.ReadAll(newVectorContent(name, size))
	if err != nil {
		panic(err)
	}
	return b
}
