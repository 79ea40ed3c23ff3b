package raster

import (
	"image"
	"image/color"
	"testing"
)

func TestGrayFromRGBAUsesBounds(t *testing.T) {
	img := image.NewRGBA(image.Rect(5, 5, 8, 7))
	img.SetRGBA(5, 5, color.RGBA{255, 255, 255, 255})
	img.SetRGBA(7, 6, color.RGBA{255, 0, 0, 255})
	g := GrayFromRGBA(img)
	if g.W != 3 || g.H != 2 || g.Pix[0] != 255 || g.Pix[5] != 76 || g.Pix[1] != 0 {
		t.Fatalf("got %+v", g)
	}
}

func TestResampleAveragesAreas(t *testing.T) {
	// 4x2 grey ramp halved: each output is the mean of a 2x2 block.
	src := Interleaved{Pix: []uint8{0, 10, 20, 30, 40, 50, 60, 70}, Stride: 4, Channels: 1, W: 4, H: 2}
	got := Resample(src, Span{W: 4, H: 2}, 2, 1, 1)
	if got[0] != 25 || got[1] != 45 {
		t.Fatalf("got %v, want [25 45]", got)
	}
	// A span hanging off the image reads black there.
	got = Resample(src, Span{X: 2, W: 4, H: 2}, 2, 1, 1)
	if got[0] != 45 || got[1] != 0 {
		t.Fatalf("got %v, want [45 0]", got)
	}
	// Fractional spans weight partial pixels: [0.5, 1.5) of row 0 = (0+10)/2.
	got = Resample(src, Span{X: 0.5, W: 1, H: 1}, 1, 1, 1)
	if got[0] != 5 {
		t.Fatalf("got %v, want [5]", got)
	}
}
