package cascade

import (
	"bytes"
	"testing"
)

// FuzzParse: any bytes must parse or fail cleanly, and a cascade that
// parses must classify a window without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte(newFormatXML))
	f.Add([]byte(oldFormatXML))
	f.Add([]byte("<opencv_storage><cascade><stageType>BOOST</stageType></cascade></opencv_storage>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(bytes.NewReader(b))
		if err != nil {
			return
		}
		w, h := c.W+2, c.H+2
		pix := make([]uint8, w*h)
		for i := range pix {
			pix[i] = uint8(i * 37)
		}
		in := newIntegral(pix, w, h, true)
		c.compile(w+1, in.tiltedAt).accepts(in, 1, 1)
	})
}
