// Package motion finds moving people and vehicles in frames of a fixed
// camera: a temporal median over a window of frames is the background
// plate; pixels that differ from it are foreground, grouped into connected
// components. The plate is also the best possible fill for the hole.
package motion

import (
	"fmt"
	"image"
	"slices"
)

// medianBackground returns, per pixel and channel, the median over the
// frames (the lower median for an even count). All frames must share
// bounds.
func medianBackground(frames []*image.RGBA) (*image.RGBA, error) {
	if len(frames) == 0 {
		return nil, fmt.Errorf("motion: no frames for the background model")
	}
	b := frames[0].Bounds()
	for i, f := range frames {
		if f.Bounds() != b {
			return nil, fmt.Errorf("motion: frame %d is %v, frame 0 is %v: a fixed camera gives frames of one size", i, f.Bounds(), b)
		}
	}
	bg := image.NewRGBA(b)
	vals := make([]uint8, len(frames))
	mid := (len(frames) - 1) / 2
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			off := frames[0].PixOffset(x, y)
			for c := range 3 {
				for i, f := range frames {
					vals[i] = f.Pix[off+c]
				}
				slices.Sort(vals)
				bg.Pix[bg.PixOffset(x, y)+c] = vals[mid]
			}
			bg.Pix[bg.PixOffset(x, y)+3] = 255
		}
	}
	return bg, nil
}

// pickFrames chooses up to n frames spread evenly over the sequence,
// always including the first and the last.
func pickFrames(frames []*image.RGBA, n int) []*image.RGBA {
	if n <= 0 || len(frames) <= n {
		return frames
	}
	out := make([]*image.RGBA, n)
	for i := range out {
		out[i] = frames[i*(len(frames)-1)/(n-1)]
	}
	return out
}
