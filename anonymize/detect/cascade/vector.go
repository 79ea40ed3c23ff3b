package cascade

// The vector path evaluates eight horizontally adjacent windows at once,
// stage by stage, while any of them is still alive. It needs a cascade made
// of stumps only (OpenCV's Haar cascades are) and a kernel for the CPU
// (vector_<arch>.go); otherwise every window goes through accepts. Each
// lane performs exactly the scalar operations, in the same order and
// precision, so both paths accept the same windows (a test checks it).

// vecStump is one stump in the kernel's layout (vector_amd64.s reads it
// through go_asm.h): three rectangles' four table offsets each, their
// weights, the node threshold, and the leaf values below / not below it.
type vecStump struct {
	o    [12]int32
	w    [3]float32
	thr  float32
	leaf [2]float32
	// three is 0 when the third rectangle's weight is 0 (most Haar
	// features have two rectangles): the kernel skips it. Its term would
	// be a zero, which can only change the sign of a zero feature value,
	// and -0 < t exactly when +0 < t, so the leaf chosen is the same.
	three int32
}

// vecStage is a stage's stumps and threshold.
type vecStage struct {
	stumps []vecStump
	thr    float32
}

// lanes is how many adjacent windows one kernel call evaluates.
const lanes = 8

// stageKernel runs one stage on the lanes windows whose origins are
// tab[0:lanes] (offsets are relative to tab[0]), with per-lane
// normalisation inv, and returns the mask of lanes whose stage sum is not
// below the threshold. Set where the CPU has one.
var stageKernel func(tab []int32, inv *[lanes]float32, st *vecStage) uint8

// invNormsKernel, where the CPU has one, sets inv[l] to in.invNorm(x+l,
// y, w, h) for every lane l, computed exactly as invNorm does. Lanes
// past the image's last window read the tables' padding: their values
// are meaningless.
var invNormsKernel func(in *integral, x, y, w, h int, inv *[lanes]float32)

// vectorStages returns the stages in kernel layout, without table
// offsets (restride sets them), or nil when a stage has a deeper tree.
func (cc *compiled) vectorStages() []vecStage {
	out := make([]vecStage, len(cc.stages))
	for si, st := range cc.stages {
		if len(st.stumps) == 0 { // deeper trees, or an empty stage
			return nil
		}
		vs := vecStage{thr: st.threshold, stumps: make([]vecStump, len(st.stumps))}
		for i, s := range st.stumps {
			vs.stumps[i] = vecStump{thr: s.threshold, leaf: s.leaf}
		}
		out[si] = vs
	}
	return out
}

// setRects copies a stump's rectangles into the kernel layout and returns
// the largest table offset they read.
func (v *vecStump) setRects(rects *[3]flatRect) int {
	maxOff := 0
	for r, rect := range rects {
		for k, o := range rect.o {
			v.o[4*r+k] = o
			maxOff = max(maxOff, int(o))
		}
		v.w[r] = rect.weight
	}
	v.three = 0
	if v.w[2] != 0 {
		v.three = 1
	}
	return maxOff
}

// rowHits appends the x of every accepted window origin (x, y) with x in
// [xStart, xEnd) and a multiple of step.
func (cc *compiled) rowHits(in *integral, y, xStart, xEnd, step int, xs []int) []int {
	stride := in.w + 1
	xStart = (xStart + step - 1) / step * step
	if cc.vec == nil {
		for x := xStart; x < xEnd; x += step {
			if cc.accepts(in, x, y) {
				xs = append(xs, x)
			}
		}
		return xs
	}
	c := cc.c
	var inv [lanes]float32
	for x0 := xStart; x0 < xEnd; x0 += lanes {
		var alive uint8
		if invNormsKernel != nil {
			invNormsKernel(in, x0+1, y+1, c.W-2, c.H-2, &inv)
		}
		for l := range lanes {
			if x := x0 + l; x < xEnd && x%step == 0 {
				alive |= 1 << l
				if invNormsKernel == nil {
					inv[l] = in.invNorm(x+1, y+1, c.W-2, c.H-2)
				}
			} else {
				inv[l] = 0
			}
		}
		base := y*stride + x0
		tab := in.tab[base : base+cc.vecReach]
		for si := range cc.vec {
			if alive &= stageKernel(tab, &inv, &cc.vec[si]); alive == 0 {
				break
			}
		}
		for l := range lanes {
			if alive&(1<<l) != 0 {
				xs = append(xs, x0+l)
			}
		}
	}
	return xs
}
