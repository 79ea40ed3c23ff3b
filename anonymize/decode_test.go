package anonymize

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"testing"
)

// pngHeader is a PNG signature and an IHDR chunk claiming w×h pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestDecodeErrors(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	lim := DefaultOptions().Limits
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"text file", []byte("hello, this is not an image\n"), lim, ErrNotImage},
		{"empty", nil, lim, ErrNotImage},
		{"truncated jpeg", jpg.Bytes()[:len(jpg.Bytes())/2], lim, ErrCorrupt},
		{"huge dimensions", pngHeader(100000, 100000), lim, ErrTooLarge},
		{"too many bytes", jpg.Bytes(), Limits{MaxBytes: 100}, ErrTooLarge},
		{"header only png", pngHeader(10, 10), lim, ErrCorrupt},
	}
	for _, c := range cases {
		_, _, err := Decode(c.data, c.lim)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	img, format, err := Decode(jpg.Bytes(), lim)
	if err != nil || format != "jpeg" || img.Rect.Dx() != 64 {
		t.Fatalf("valid jpeg: %v %s", err, format)
	}
}

func FuzzDecode(f *testing.F) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 16, 8)), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(jpg.Bytes())
	f.Add(scene(24, 16))
	f.Add(pngHeader(100000, 100000))
	f.Add([]byte("GIF89a"))
	lim := Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 16, MaxSide: 512}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, _, err := Decode(data, lim)
		if err != nil {
			if !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if b := img.Rect; b.Min != (image.Point{}) || int64(b.Dx())*int64(b.Dy()) > lim.MaxPixels || max(b.Dx(), b.Dy()) > lim.MaxSide {
			t.Fatalf("decoded %v past the limits", b)
		}
	})
}
