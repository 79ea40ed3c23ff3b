package fill

import "github.com/msec-city/msec/anonymize/mask"

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

// predict is what the field proposes for the full-resolution pixel (px, py)
// when the field lives `shift` octaves coarser: the weighted mean of the
// full-resolution pixels that the sources of its coarse pixel (counted
// twice) and of that pixel's 8 neighbours point to. Proposals landing in the
// hole or outside the frame are skipped; ok is false when none is left.
func predict(base *level, f *field, shift uint, px, py int) (rgb [3]uint8, ok bool) {
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
			s := int(f.src[k])
			sx := px + (s%cw-qx)<<shift
			sy := py + (s/cw-qy)<<shift
			if sx < 0 || sy < 0 || sx >= w || sy >= h || base.hole[sy*w+sx] || base.blocked[sy*w+sx] {
				continue
			}
			b := 4 * (sy*w + sx)
			wt := f.voteWeight(f.cost[k])
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
func reconstruct(base *level, f *field, shift uint) {
	cw, ch := f.l.w, f.l.h
	for i, isHole := range base.hole {
		if !isHole {
			continue
		}
		px, py := i%base.w, i/base.w
		rgb, ok := predict(base, f, shift, px, py)
		if !ok {
			// Only possible at a clipped frame edge: take the coarse estimate.
			c := min(py>>shift, ch-1)*cw + min(px>>shift, cw-1)
			copy(rgb[:], f.l.pix[4*c:4*c+3])
		}
		copy(base.pix[4*i:4*i+3], rgb[:])
		base.pix[4*i+3] = 0xff
	}
}

// blendSeam hides the border between the fill and the known image. Around
// the hole, the field also predicts the known pixels; where the prediction
// misses (the residual), the residual is marched into the hole by Telea and
// added, fading to nothing width pixels inside. Where the copied texture
// already continues the border, the residual is zero and nothing changes.
func blendSeam(base *level, f *field, shift uint, radius, width int) {
	if width == 0 {
		return
	}
	w, h := base.w, base.h
	hm := mask.New(w, h)
	for i, isHole := range base.hole {
		if isHole {
			hm.Pix[i] = 1
		}
	}
	ring := hm.Dilate(radius)
	resid := make([]uint8, 4*w*h)
	state := make([]uint8, w*h)
	for i := range state {
		switch {
		case base.hole[i]:
			state[i] = stInside
		case ring.Pix[i] == 0 || base.blocked[i]:
			state[i] = stExcluded
		default:
			r := [3]uint8{128, 128, 128}
			if rgb, ok := predict(base, f, shift, i%w, i/w); ok {
				for c := 0; c < 3; c++ {
					r[c] = clampByte(128 + int(base.pix[4*i+c]) - int(rgb[c]))
				}
			}
			copy(resid[4*i:4*i+3], r[:])
		}
	}
	t := telea(resid, w, h, state, radius, float64(width))
	span := float64(width + 1)
	for i, isHole := range base.hole {
		if !isHole || t[i] > float64(width) {
			continue
		}
		fade := 1 - t[i]/span
		for c := 0; c < 3; c++ {
			corr := float64(fade * float64(int(resid[4*i+c])-128))
			base.pix[4*i+c] = roundByte(float64(base.pix[4*i+c]) + corr)
		}
	}
}

func clampByte(v int) uint8 {
	return uint8(min(max(v, 0), 255))
}
