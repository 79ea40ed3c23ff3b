package fill

import (
	"image"
	"math/rand/v2"
	"sync"
)

// crop is a window of the frame copied out for one component: its pixels,
// which of them belong to the component (hole) and which to other
// components (blocked: never read, never written).
//
// A window covering the whole frame (a large PatchMatch hole's usually
// does) uses the frame's own pixels instead of a copy: the fillers write
// only hole pixels, which writeBack would copy into the frame anyway, and
// never read one they have not written.
type crop struct {
	win     image.Rectangle
	box     image.Rectangle // the component's bounds, frame coordinates
	pix     []uint8
	inFrame bool // pix is the frame's
	hole    []bool
	blocked []bool
	mem     *cropMemory
}

// cropMemory is a crop's buffers, kept between components and images: a
// PatchMatch crop is often the whole frame (12 MB), and freshly allocated
// memory costs a page fault per page on its first write. cropFor writes
// every entry it hands out, so what a previous crop left does not matter.
type cropMemory struct {
	pix           []uint8
	hole, blocked []bool
}

var cropPool = sync.Pool{New: func() any { return new(cropMemory) }}

// cropFor copies win (clipped to the frame) out of the frame for the
// component label whose bounds are box.
func cropFor(pix []uint8, w, h int, labels []int32, label int32, box, win image.Rectangle) *crop {
	win = win.Intersect(image.Rect(0, 0, w, h))
	cw, ch := win.Dx(), win.Dy()
	mem := cropPool.Get().(*cropMemory)
	mem.hole, mem.blocked = grow(mem.hole, cw*ch), grow(mem.blocked, cw*ch)
	c := &crop{win: win, box: box, hole: mem.hole, blocked: mem.blocked, mem: mem}
	if c.inFrame = cw == w && ch == h; c.inFrame {
		c.pix = pix[:4*w*h]
	} else {
		mem.pix = grow(mem.pix, 4*cw*ch)
		c.pix = mem.pix
	}
	for y := 0; y < ch; y++ {
		src := (win.Min.Y+y)*w + win.Min.X
		if !c.inFrame {
			copy(c.pix[4*y*cw:4*(y+1)*cw], pix[4*src:4*(src+cw)])
		}
		hole, blocked := c.hole[y*cw:(y+1)*cw], c.blocked[y*cw:(y+1)*cw]
		for x, l := range labels[src : src+cw] {
			hole[x] = l == label
			blocked[x] = l != 0 && l != label
		}
	}
	return c
}

// grow returns s with length n, reallocating only when it is too short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// writeBack copies the crop's hole pixels (all inside the component's
// bounds) into the frame, and returns the crop's memory for reuse: c is
// not to be used afterwards.
func (c *crop) writeBack(pix []uint8, w int) {
	if c.inFrame {
		c.release()
		return
	}
	cw := c.win.Dx()
	for y := c.box.Min.Y; y < c.box.Max.Y; y++ {
		row := (y - c.win.Min.Y) * cw
		for x := c.box.Min.X; x < c.box.Max.X; x++ {
			if i := row + x - c.win.Min.X; c.hole[i] {
				j := y*w + x
				copy(pix[4*j:4*j+4], c.pix[4*i:4*i+4])
			}
		}
	}
	c.release()
}

// release returns the crop's memory for reuse.
func (c *crop) release() {
	cropPool.Put(c.mem)
	c.mem, c.pix, c.hole, c.blocked = nil, nil, nil, nil
}

// teleaComponent fills one component with Telea, reading only unmasked
// pixels and its own.
func teleaComponent(pix []uint8, w, h int, labels []int32, label int32, box image.Rectangle, radius int) {
	c := cropFor(pix, w, h, labels, label, box, box.Inset(-(radius + 1)))
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
	c := cropFor(pix, w, h, labels, label, box, box.Inset(-sourceReach*max(box.Dx(), box.Dy())-p.PatchSize))
	if !patchMatch(c.pix, c.win.Dx(), c.win.Dy(), c.hole, c.blocked, p, rng) {
		c.release()
		return false
	}
	c.writeBack(pix, w)
	return true
}
