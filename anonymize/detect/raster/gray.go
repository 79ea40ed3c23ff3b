// Package raster holds the pixel conversions the detectors share: grey
// planes read straight from RGBA buffers, and deterministic area
// resampling.
package raster

import "image"

// Gray is an 8-bit luminance plane, row-major, Stride == W.
type Gray struct {
	W, H int
	Pix  []uint8
}

// GraySlack is how many bytes of capacity GrayFromRGBA leaves past a
// plane's last pixel, so that vector code may read a pixel as the low byte
// of a 4-byte word (pigo's kernel).
const GraySlack = 3

// GrayFromRGBA converts with integer BT.601 weights (0.299, 0.587, 0.114 in
// 1/1024 units), reading the RGBA buffer directly rather than through
// image.At, which is about ten times slower. Pix has GraySlack bytes of
// capacity past its end.
func GrayFromRGBA(img *image.RGBA) *Gray {
	b := img.Bounds()
	n := b.Dx() * b.Dy()
	g := &Gray{W: b.Dx(), H: b.Dy(), Pix: make([]uint8, n, n+GraySlack)}
	for y := range g.H {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		row := img.Pix[off : off+4*g.W]
		out := g.Pix[y*g.W : (y+1)*g.W]
		for x := range out {
			p := row[4*x : 4*x+3]
			out[x] = uint8((306*uint32(p[0]) + 601*uint32(p[1]) + 117*uint32(p[2]) + 512) >> 10)
		}
	}
	return g
}

// RGBAView exposes img's pixels, starting at its Bounds().Min, for
// Resample.
func RGBAView(img *image.RGBA) Interleaved {
	b := img.Bounds()
	return Interleaved{Pix: img.Pix[img.PixOffset(b.Min.X, b.Min.Y):], Stride: img.Stride, Channels: 4, W: b.Dx(), H: b.Dy()}
}
