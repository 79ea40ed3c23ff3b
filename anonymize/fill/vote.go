package fill

import (
	"image"
	"slices"

	"github.com/msec-city/msec/anonymize/mask"
)

// voteWeight turns a patch difference into a voting weight: similar patches
// count more. Integer, so every machine rounds alike.
func (f *field) voteWeight(cost int32) int64 {
	side := int64(2*f.half + 1)
	perPixel := int64(cost) / (side * side)
	return (1 << 24) / (256 + perPixel)
}

// vote is the EM M-step: every hole pixel becomes the weighted mean of the
// values that the source patches of all target patches covering it propose.
// Sources never overlap the hole, so writing in place reads no new value.
func (f *field) vote() {
	w, h, half, pix := f.l.w, f.l.h, f.half, f.l.pix
	weights := make([]int64, len(f.cost)) // per target, computed once
	for k, c := range f.cost {
		weights[k] = f.voteWeight(c)
	}
	for i, isHole := range f.l.hole {
		if !isHole {
			continue
		}
		px, py := i%w, i/w
		var acc [3]int64
		var sw int64
		for dy := -half; dy <= half; dy++ {
			qy := py - dy
			if qy < 0 || qy >= h {
				continue
			}
			for dx := -half; dx <= half; dx++ {
				qx := px - dx
				if qx < 0 || qx >= w {
					continue
				}
				k := f.tindex[qy*w+qx]
				s := int(f.src[k])
				b := 4 * ((s/w+dy)*w + s%w + dx)
				wt := weights[k]
				acc[0] += wt * int64(pix[b])
				acc[1] += wt * int64(pix[b+1])
				acc[2] += wt * int64(pix[b+2])
				sw += wt
			}
		}
		for c := 0; c < 3; c++ {
			pix[4*i+c] = uint8((acc[c] + sw/2) / sw)
		}
		pix[4*i+3] = 0xff
	}
}

// predictSpan is how many coarse neighbours on each side vote in predict.
const predictSpan = 1

// proposals is a final field's sources as predict reads them, per
// target: the source's column and row, and its vote weight. Computed once
// (predict visits every target about nine times per hole pixel, and each
// needs a division for the source's coordinates and two for its weight).
type proposals struct {
	f      *field
	sx, sy []int32
	wt     []int64
}

func newProposals(f *field) *proposals {
	cw := f.l.w
	p := &proposals{f: f, sx: make([]int32, len(f.src)), sy: make([]int32, len(f.src)), wt: make([]int64, len(f.src))}
	for k, s := range f.src {
		p.sx[k], p.sy[k] = s%int32(cw), s/int32(cw)
		p.wt[k] = f.voteWeight(f.cost[k])
	}
	return p
}

// predict is what the field proposes for the full-resolution pixel (px, py)
// when the field lives `shift` octaves coarser: the weighted mean of the
// full-resolution pixels that the sources of its coarse pixel (counted
// twice) and of that pixel's 8 neighbours point to. Proposals landing in the
// hole or outside the frame are skipped; ok is false when none is left.
func predict(base *level, p *proposals, shift uint, px, py int) (rgb [3]uint8, ok bool) {
	f := p.f
	w, h := base.w, base.h
	cw, ch := f.l.w, f.l.h
	cx, cy := min(px>>shift, cw-1), min(py>>shift, ch-1)
	var acc [3]int64
	var sw int64
	for qy := cy - predictSpan; qy <= cy+predictSpan; qy++ {
		for qx := cx - predictSpan; qx <= cx+predictSpan; qx++ {
			if qx < 0 || qy < 0 || qx >= cw || qy >= ch {
				continue
			}
			k := f.tindex[qy*cw+qx]
			if k < 0 {
				continue
			}
			sx := px + (int(p.sx[k])-qx)<<shift
			sy := py + (int(p.sy[k])-qy)<<shift
			if sx < 0 || sy < 0 || sx >= w || sy >= h || base.hole[sy*w+sx] || base.blocked[sy*w+sx] {
				continue
			}
			b := 4 * (sy*w + sx)
			wt := p.wt[k]
			if qx == cx && qy == cy {
				wt *= 2
			}
			acc[0] += wt * int64(base.pix[b])
			acc[1] += wt * int64(base.pix[b+1])
			acc[2] += wt * int64(base.pix[b+2])
			sw += wt
		}
	}
	if sw == 0 {
		return rgb, false
	}
	for c := 0; c < 3; c++ {
		rgb[c] = uint8((acc[c] + sw/2) / sw)
	}
	return rgb, true
}

// reconstruct fills the full-resolution hole from a coarser field, so
// texture is copied at full resolution instead of being upsampled.
func reconstruct(base *level, p *proposals, shift uint) {
	f := p.f
	cw, ch := f.l.w, f.l.h
	hb := holeBounds(base)
	for py := hb.Min.Y; py < hb.Max.Y; py++ {
		for px := hb.Min.X; px < hb.Max.X; px++ {
			i := py*base.w + px
			if !base.hole[i] {
				continue
			}
			rgb, ok := predict(base, p, shift, px, py)
			if !ok {
				// Only possible at a clipped frame edge: take the coarse estimate.
				c := min(py>>shift, ch-1)*cw + min(px>>shift, cw-1)
				copy(rgb[:], f.l.pix[4*c:4*c+3])
			}
			copy(base.pix[4*i:4*i+3], rgb[:])
			base.pix[4*i+3] = 0xff
		}
	}
}

// blendSeam hides the border between the fill and the known image. Around
// the hole, the field also predicts the known pixels; where the prediction
// misses (the residual), the residual is marched into the hole by Telea and
// added, fading to nothing width pixels inside. Where the copied texture
// already continues the border, the residual is zero and nothing changes.
//
// Everything happens in the window of the hole's bounds grown by radius+1
// (the ring, the march and every pixel the march reads lie inside it), so
// the cost follows the hole, not the crop. Raster order inside the window
// is the crop's raster order, so the march visits pixels exactly as it
// would on the whole crop.
func blendSeam(base *level, p *proposals, shift uint, radius, width int) {
	if width == 0 {
		return
	}
	win := holeBounds(base).Inset(-(radius + 1)).Intersect(image.Rect(0, 0, base.w, base.h))
	ww, wh := win.Dx(), win.Dy()
	hm := mask.New(ww, wh)
	for y := range wh {
		for x := range ww {
			if base.hole[(win.Min.Y+y)*base.w+win.Min.X+x] {
				hm.Pix[y*ww+x] = 1
			}
		}
	}
	ring := hm.Dilate(radius)
	resid := make([]uint8, 4*ww*wh)
	state := make([]uint8, ww*wh)
	for y := range wh {
		for x := range ww {
			i, bx, by := y*ww+x, win.Min.X+x, win.Min.Y+y
			bi := by*base.w + bx
			switch {
			case base.hole[bi]:
				state[i] = stInside
			case ring.Pix[i] == 0 || base.blocked[bi]:
				state[i] = stExcluded
			default:
				r := [3]uint8{128, 128, 128}
				if rgb, ok := predict(base, p, shift, bx, by); ok {
					for c := 0; c < 3; c++ {
						r[c] = clampByte(128 + int(base.pix[4*bi+c]) - int(rgb[c]))
					}
				}
				copy(resid[4*i:4*i+3], r[:])
			}
		}
	}
	t := telea(resid, ww, wh, state, radius, float64(width))
	span := float64(width + 1)
	for i, s := range state {
		if s == stExcluded || t[i] > float64(width) {
			continue
		}
		bi := (win.Min.Y+i/ww)*base.w + win.Min.X + i%ww
		if !base.hole[bi] {
			continue
		}
		fade := 1 - t[i]/span
		for c := 0; c < 3; c++ {
			corr := float64(fade * float64(int(resid[4*i+c])-128))
			base.pix[4*bi+c] = roundByte(float64(base.pix[4*bi+c]) + corr)
		}
	}
}

// holeBounds is the bounding box of a level's hole pixels.
func holeBounds(l *level) image.Rectangle {
	minX, minY, maxX, maxY := l.w, l.h, -1, -1
	for y := 0; y < l.h; y++ {
		row := l.hole[y*l.w : (y+1)*l.w]
		first := slices.Index(row, true)
		if first < 0 {
			continue
		}
		last := first
		for x := len(row) - 1; x > first; x-- {
			if row[x] {
				last = x
				break
			}
		}
		minX, maxX = min(minX, first), max(maxX, last)
		minY, maxY = min(minY, y), y
	}
	if maxY < 0 {
		return image.Rectangle{}
	}
	return image.Rect(minX, minY, maxX+1, maxY+1)
}

func clampByte(v int) uint8 {
	return uint8(min(max(v, 0), 255))
}
