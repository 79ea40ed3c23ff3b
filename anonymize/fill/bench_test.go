package fill

import (
	"image"
	"testing"

	"github.com/msec-city/msec/anonymize/mask"
)

// benchScene is a 1080p textured frame with four pedestrian-sized holes
// (120×360 each, 8.3% of the frame), the research note's Telea baseline.
func benchScene() (*image.RGBA, *mask.Mask) {
	const w, h = 1920, 1080
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			v := uint8((x*x/7 + y*13 + (x^y)&31) % 256)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, uint8(x/8), uint8(y/5), 255
		}
	}
	m := mask.New(w, h)
	for k := 0; k < 4; k++ {
		m.FillRect(image.Rect(200+k*420, 500, 320+k*420, 860))
	}
	return img, m
}

func benchFill(b *testing.B, method Method) {
	img, m := benchScene()
	p := DefaultParams()
	p.Method = method
	work := image.NewRGBA(img.Rect)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		copy(work.Pix, img.Pix)
		if _, err := Fill(work, m, nil, p, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTelea1080p(b *testing.B)      { benchFill(b, Telea) }
func BenchmarkPatchMatch1080p(b *testing.B) { benchFill(b, PatchMatch) }
