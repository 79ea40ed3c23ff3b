package fill

import (
	"image"
	"math/rand/v2"
)

// crop is a window of the frame copied out for one component: its pixels,
// which of them belong to the component (hole) and which to other
// components (blocked: never read, never written).
type crop struct {
	win     image.Rectangle
	pix     []uint8
	hole    []bool
	blocked []bool
}

func cropFor(pix []uint8, w, h int, labels []int32, label int32, win image.Rectangle) *crop {
	win = win.Intersect(image.Rect(0, 0, w, h))
	cw, ch := win.Dx(), win.Dy()
	c := &crop{win: win, pix: make([]uint8, 4*cw*ch), hole: make([]bool, cw*ch), blocked: make([]bool, cw*ch)}
	for y := 0; y < ch; y++ {
		src := (win.Min.Y+y)*w + win.Min.X
		copy(c.pix[4*y*cw:4*(y+1)*cw], pix[4*src:4*(src+cw)])
		for x := 0; x < cw; x++ {
			l := labels[src+x]
			c.hole[y*cw+x] = l == label
			c.blocked[y*cw+x] = l != 0 && l != label
		}
	}
	return c
}

// writeBack copies the crop's hole pixels into the frame.
func (c *crop) writeBack(pix []uint8, w int) {
	cw := c.win.Dx()
	for i, isHole := range c.hole {
		if isHole {
			j := (c.win.Min.Y+i/cw)*w + c.win.Min.X + i%cw
			copy(pix[4*j:4*j+4], c.pix[4*i:4*i+4])
		}
	}
}

// teleaComponent fills one component with Telea, reading only unmasked
// pixels and its own.
func teleaComponent(pix []uint8, w, h int, labels []int32, label int32, box image.Rectangle, radius int) {
	c := cropFor(pix, w, h, labels, label, box.Inset(-(radius + 1)))
	state := make([]uint8, len(c.hole))
	for i := range state {
		switch {
		case c.hole[i]:
			state[i] = stInside
		case c.blocked[i]:
			state[i] = stExcluded
		}
	}
	telea(c.pix, c.win.Dx(), c.win.Dy(), state, radius, noLimit)
	c.writeBack(pix, w)
}

// patchMatchComponent fills one component with PatchMatch on a crop that
// holds every source patch it may use (the component's box grown by
// sourceReach times its longer side), other components blocked.
func patchMatchComponent(pix []uint8, w, h int, labels []int32, label int32, box image.Rectangle, p Params, rng *rand.Rand) bool {
	c := cropFor(pix, w, h, labels, label, box.Inset(-sourceReach*max(box.Dx(), box.Dy())-p.PatchSize))
	if !patchMatch(c.pix, c.win.Dx(), c.win.Dy(), c.hole, c.blocked, p, rng) {
		return false
	}
	c.writeBack(pix, w)
	return true
}
