package anonymize

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodePNGRoundTrips decodes what Encode writes, with Go's decoder,
// and compares every pixel: opaque images (the fast encoder, including a
// sub-image not at the origin) and a translucent one (Go's encoder).
func TestEncodePNGRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	// random is opaque, or with holes: fully transparent pixels (colour 0,
	// as premultiplied alpha requires), which round-trip exactly.
	random := func(w, h int, holes bool) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < len(img.Pix); i += 4 {
			if holes && rng.IntN(3) == 0 {
				continue
			}
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff
		}
		return img
	}
	big := random(40, 30, false)
	cases := map[string]*image.RGBA{
		"opaque":      random(37, 21, false),
		"one pixel":   random(1, 1, false),
		"sub-image":   big.SubImage(image.Rect(5, 7, 30, 25)).(*image.RGBA),
		"translucent": random(9, 8, true),
	}
	for name, img := range cases {
		out, err := Encode(img, OutputParams{Format: "png"})
		if err != nil {
			t.Fatal(name, err)
		}
		dec, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := image.NewNRGBA(dec.Bounds())
		draw.Draw(got, got.Rect, dec, dec.Bounds().Min, draw.Src)
		b := img.Bounds()
		if dec.Bounds().Dx() != b.Dx() || dec.Bounds().Dy() != b.Dy() {
			t.Fatalf("%s: decoded %v, want %v", name, dec.Bounds(), b)
		}
		for y := range b.Dy() {
			for x := range b.Dx() {
				want := img.RGBAAt(b.Min.X+x, b.Min.Y+y)
				g := dec.At(x, y)
				r, gg, bb, a := g.RGBA()
				wr, wg, wb, wa := want.RGBA()
				if r != wr || gg != wg || bb != wb || a != wa {
					t.Fatalf("%s: pixel (%d,%d) %v, want %v", name, x, y, g, want)
				}
			}
		}
	}
}
