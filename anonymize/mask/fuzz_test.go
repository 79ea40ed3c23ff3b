package mask

import (
	"bytes"
	"testing"
)

func FuzzDecodeRLE(f *testing.F) {
	f.Add(EncodeRLE(parse("#..##", "#####", ".....")))
	f.Add(EncodeRLE(New(3, 3)))
	f.Add([]byte(RLEMagic + "\x02\x01\x01\x82\x00"))
	f.Add([]byte("not a mask"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeRLE(b)
		if err != nil {
			return
		}
		if !bytes.Equal(EncodeRLE(m), b) {
			t.Fatalf("accepted a non-canonical encoding %v", b)
		}
	})
}
