package fill

import (
	"math"
	"math/rand/v2"

	"github.com/msec-city/msec/anonymize/mask"
)

// maxCoarserLevels bounds how far below the work level the pyramid goes.
const maxCoarserLevels = 4

// patchMatch fills the hole pixels of pix (RGBA layout, w×h) with
// multi-scale PatchMatch and EM refinement: a pyramid down to a coarse level
// where the hole is a few patches wide; there the hole is initialised by
// Telea, then at each level up to the work level EM alternates PatchMatch
// (nearest-neighbour field search) and voting. Levels finer than the work
// level are rebuilt from the upsampled field, and the border of the hole is
// blended with Telea to hide the seam. It reports false, leaving pix
// unchanged, when no hole-free patch exists to copy from.
//
// blocked pixels (other components) are neither copied from nor compared.
func patchMatch(pix []uint8, w, h int, hole, blocked []bool, p Params, rng *rand.Rand) bool {
	half := p.PatchSize / 2
	levels := []*level{{w: w, h: h, pix: pix, hole: hole, blocked: blocked}}
	for top := levels[0]; max(top.w, top.h) > p.WorkSide; top = levels[len(levels)-1] {
		levels = append(levels, downsample(top))
	}
	work := len(levels) - 1
	for range maxCoarserLevels {
		top := levels[len(levels)-1]
		if min(top.w, top.h)/2 < 4*p.PatchSize || holeRadius(top) <= float64(2*half) {
			break
		}
		levels = append(levels, downsample(top))
	}
	// Drop coarse levels that have nothing to copy from.
	fields := make([]*field, len(levels))
	for li := len(levels) - 1; li >= work; li-- {
		fields[li] = newField(levels[li], half)
		if len(fields[li].sources) > 0 {
			break
		}
		if li == work {
			return false
		}
		levels, fields = levels[:li], fields[:li]
	}
	coarsest := len(levels) - 1
	top := levels[coarsest]
	state := make([]uint8, len(top.hole))
	for i, h := range top.hole {
		switch {
		case h:
			state[i] = stInside
		case top.blocked[i]:
			state[i] = stExcluded
		}
	}
	telea(top.pix, top.w, top.h, state, 3, noLimit)

	var prev *field
	for li := coarsest; li >= work; li-- {
		f := fields[li]
		if f == nil {
			f = newField(levels[li], half)
		}
		if prev == nil {
			f.randomInit(rng)
		} else {
			f.upsample(prev, rng)
			f.vote()
		}
		for range p.EMIterations {
			f.search(rng, p.PMIterations)
			f.vote()
		}
		prev = f
	}
	final := newProposals(prev)
	if work > 0 {
		reconstruct(levels[0], final, uint(work))
	}
	blendSeam(levels[0], final, uint(work), p.TeleaRadius, p.SeamWidth)
	return true
}

// holeRadius is the radius of the widest disc inside the level's hole.
func holeRadius(l *level) float64 {
	m := mask.New(l.w, l.h)
	for i, h := range l.hole {
		if h {
			m.Pix[i] = 1
		}
	}
	return math.Sqrt(float64(m.MaxSqDistToKeep()))
}

// sourceReach is how far around the hole PatchMatch looks for source
// patches, in multiples of the hole's bounding box's longer side: nearby
// background is the likeliest to continue behind the hole. The caller crops
// the frame to that window.
const sourceReach = 2

// field is a nearest-neighbour field at one level: for every target patch
// (every patch overlapping the hole), the centre of its best hole-free
// source patch so far and their squared difference.
type field struct {
	l    *level
	half int
	// reach is the largest random-search radius: the level's longer side.
	reach   int
	valid   []bool
	sources []int32
	tlist   []int32
	tindex  []int32
	// clean[k]: target k's patch lies inside the level and holds no
	// blocked pixel, so dist needs no per-pixel checks.
	clean []bool
	src   []int32
	cost  []int32
}

func newField(l *level, half int) *field {
	f := &field{l: l, half: half, reach: max(l.w, l.h)}
	f.valid, f.sources = validSources(l, half)
	f.tlist, f.tindex = targets(l, half)
	f.clean = cleanTargets(l, half, f.tlist)
	f.src = make([]int32, len(f.tlist))
	f.cost = make([]int32, len(f.tlist))
	return f
}

func (f *field) randomInit(rng *rand.Rand) {
	for k := range f.tlist {
		f.src[k] = f.sources[rng.IntN(len(f.sources))]
		f.cost[k] = f.dist(k, f.src[k], math.MaxInt32)
	}
}

// upsample seeds the field from the next coarser level's: each target takes
// its parent's source, doubled, when that is a valid source here.
func (f *field) upsample(coarse *field, rng *rand.Rand) {
	w, cw, ch := f.l.w, coarse.l.w, coarse.l.h
	for k, t := range f.tlist {
		x, y := int(t)%w, int(t)/w
		cx, cy := min(x/2, cw-1), min(y/2, ch-1)
		s := int32(-1)
		if kc := coarse.tindex[cy*cw+cx]; kc >= 0 {
			cs := int(coarse.src[kc])
			sx, sy := 2*(cs%cw)+x%2, 2*(cs/cw)+y%2
			if sx < f.l.w && sy < f.l.h && f.valid[sy*w+sx] {
				s = int32(sy*w + sx)
			}
		}
		if s < 0 {
			s = f.sources[rng.IntN(len(f.sources))]
		}
		f.src[k] = s
	}
}

// dist is the sum of squared RGB differences between target k's patch and
// the source patch at s, over target pixels inside the frame and not
// blocked, row by row. It stops early, returning a value >= limit, once
// limit is reached after a row.
func (f *field) dist(k int, s int32, limit int32) int32 {
	t := f.tlist[k]
	if f.clean[k] {
		return f.cleanDist(t, s, limit)
	}
	w, h, half, pix := f.l.w, f.l.h, f.half, f.l.pix
	tx, ty := int(t)%w, int(t)/w
	sx, sy := int(s)%w, int(s)/w
	var sum int32
	for dy := -half; dy <= half; dy++ {
		y := ty + dy
		if y < 0 || y >= h {
			continue
		}
		for dx := -half; dx <= half; dx++ {
			x := tx + dx
			if x < 0 || x >= w || f.l.blocked[y*w+x] {
				continue
			}
			a := 4 * (y*w + x)
			b := 4 * ((sy+dy)*w + sx + dx)
			d0 := int32(pix[a]) - int32(pix[b])
			d1 := int32(pix[a+1]) - int32(pix[b+1])
			d2 := int32(pix[a+2]) - int32(pix[b+2])
			sum += d0*d0 + d1*d1 + d2*d2
		}
		if sum >= limit {
			return sum
		}
	}
	return sum
}

// search runs PatchMatch iterations: scan the targets (forward on even
// iterations, backward on odd ones), try the sources propagated from the
// two already visited neighbours, then random sources in windows halving
// around the best one.
func (f *field) search(rng *rand.Rand, iters int) {
	w, h, half := f.l.w, f.l.h, f.half
	for k := range f.tlist {
		f.cost[k] = f.dist(k, f.src[k], math.MaxInt32)
	}
	n := len(f.tlist)
	for it := 0; it < iters; it++ {
		step := 1
		if it%2 == 1 {
			step = -1
		}
		for j := 0; j < n; j++ {
			k := j
			if step < 0 {
				k = n - 1 - j
			}
			t := f.tlist[k]
			tx, ty := int(t)%w, int(t)/w
			bs, bc := f.src[k], f.cost[k]
			try := func(sx, sy int) {
				if sx < half || sy < half || sx >= w-half || sy >= h-half {
					return
				}
				s := int32(sy*w + sx)
				if s == bs || !f.valid[s] {
					return
				}
				if c := f.dist(k, s, bc); c < bc {
					bs, bc = s, c
				}
			}
			if nx := tx - step; nx >= 0 && nx < w {
				if kn := f.tindex[ty*w+nx]; kn >= 0 {
					s := int(f.src[kn])
					try(s%w+step, s/w)
				}
			}
			if ny := ty - step; ny >= 0 && ny < h {
				if kn := f.tindex[ny*w+tx]; kn >= 0 {
					s := int(f.src[kn])
					try(s%w, s/w+step)
				}
			}
			bx, by := int(bs)%w, int(bs)/w
			for r := f.reach; r >= 1; r /= 2 {
				cx := min(max(bx+rng.IntN(2*r+1)-r, half), w-1-half)
				cy := min(max(by+rng.IntN(2*r+1)-r, half), h-1-half)
				try(cx, cy)
			}
			f.src[k], f.cost[k] = bs, bc
		}
	}
}
