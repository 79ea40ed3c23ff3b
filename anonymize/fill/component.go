package fill

import (
	"image"
	"math/rand/v2"
	"sync"
)

// frame is what the components' crops are cut from: the image, its
// component labels, and which pixels are masked at all (computed once
// for every component), with the crops' memory.
type frame struct {
	pix    []uint8
	w, h   int
	labels []int32
	masked []bool // labels != 0; nil until a crop needs it
	mem    *cropMemory
}

// cropMemory is a crop's buffers, kept between components and images: a
// PatchMatch crop is often the whole frame (12 MB), and freshly allocated
// memory costs a page fault per page on its first write. cropFor writes
// every entry it hands out, so what a previous crop left does not matter.
type cropMemory struct {
	pix           []uint8
	hole, blocked []bool
	masked        []bool
}

var cropPool = sync.Pool{New: func() any { return new(cropMemory) }}

func newFrame(pix []uint8, w, h int, labels []int32) *frame {
	return &frame{pix: pix, w: w, h: h, labels: labels, mem: cropPool.Get().(*cropMemory)}
}

// release returns the crops' memory for reuse; no crop of f may be used
// afterwards.
func (f *frame) release() {
	cropPool.Put(f.mem)
	f.mem = nil
}

// crop is a window of the frame copied out for one component: its pixels,
// which of them belong to the component (hole) and which to other
// components (blocked: never read, never written). It lives until the
// frame's next crop.
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
}

// cropFor copies win (clipped to the frame) out of the frame for the
// component label whose bounds are box: every pixel of another component
// is blocked, and the component's own, all inside box, are the hole.
func (f *frame) cropFor(label int32, box, win image.Rectangle) *crop {
	if f.masked == nil {
		f.mem.masked = grow(f.mem.masked, f.w*f.h)
		f.masked = f.mem.masked
		for i, l := range f.labels[:len(f.masked)] {
			f.masked[i] = l != 0
		}
	}
	win = win.Intersect(image.Rect(0, 0, f.w, f.h))
	cw, ch := win.Dx(), win.Dy()
	mem := f.mem
	mem.hole, mem.blocked = grow(mem.hole, cw*ch), grow(mem.blocked, cw*ch)
	c := &crop{win: win, box: box, hole: mem.hole, blocked: mem.blocked}
	if c.inFrame = cw == f.w && ch == f.h; c.inFrame {
		c.pix = f.pix[:4*f.w*f.h]
	} else {
		mem.pix = grow(mem.pix, 4*cw*ch)
		c.pix = mem.pix
	}
	for y := 0; y < ch; y++ {
		src := (win.Min.Y+y)*f.w + win.Min.X
		if !c.inFrame {
			copy(c.pix[4*y*cw:4*(y+1)*cw], f.pix[4*src:4*(src+cw)])
		}
		copy(c.blocked[y*cw:(y+1)*cw], f.masked[src:src+cw])
		clear(c.hole[y*cw : (y+1)*cw])
	}
	own := box.Intersect(win)
	for y := own.Min.Y; y < own.Max.Y; y++ {
		row := (y-win.Min.Y)*cw - win.Min.X
		for x := own.Min.X; x < own.Max.X; x++ {
			if f.labels[y*f.w+x] == label {
				c.hole[row+x], c.blocked[row+x] = true, false
			}
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
// bounds) into the frame.
func (c *crop) writeBack(f *frame) {
	if c.inFrame {
		return
	}
	cw := c.win.Dx()
	for y := c.box.Min.Y; y < c.box.Max.Y; y++ {
		row := (y - c.win.Min.Y) * cw
		for x := c.box.Min.X; x < c.box.Max.X; x++ {
			if i := row + x - c.win.Min.X; c.hole[i] {
				j := y*f.w + x
				copy(f.pix[4*j:4*j+4], c.pix[4*i:4*i+4])
			}
		}
	}
}

// teleaComponent fills one component with Telea, reading only unmasked
// pixels and its own.
func teleaComponent(f *frame, label int32, box image.Rectangle, radius int) {
	c := f.cropFor(label, box, box.Inset(-(radius + 1)))
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
	c.writeBack(f)
}

// patchMatchComponent fills one component with PatchMatch on a crop that
// holds every source patch it may use (the component's box grown by
// sourceReach times its longer side), other components blocked.
func patchMatchComponent(f *frame, label int32, box image.Rectangle, p Params, rng *rand.Rand) bool {
	c := f.cropFor(label, box, box.Inset(-sourceReach*max(box.Dx(), box.Dy())-p.PatchSize))
	if !patchMatch(c.pix, c.win.Dx(), c.win.Dy(), c.hole, c.blocked, p, rng) {
		return false
	}
	c.writeBack(f)
	return true
}
