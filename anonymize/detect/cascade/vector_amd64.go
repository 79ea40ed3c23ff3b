package cascade

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		stageKernel = stageAVX2
		invNormsKernel = invNormsChecked
	}
}

//go:noescape
func stageStumpsAVX2(tab *int32, inv *[lanes]float32, stumps *vecStump, n int, thr float32) uint8

// stageAVX2 runs one stage with AVX2; rowHits has sliced tab so that every
// offset plus lanes-1 is inside it, and vectorStages only builds stages
// with at least one stump (the kernel's loop needs one).
func stageAVX2(tab []int32, inv *[lanes]float32, st *vecStage) uint8 {
	return stageStumpsAVX2(&tab[0], inv, &st.stumps[0], len(st.stumps), st.thr)
}

//go:noescape
func invNormsAVX2(sum *int32, sq *float64, stride, w, h int, area float64, inv *[lanes]float32)

// invNormsChecked checks that every lane's reads (the rectangle's four
// corners, up to lanes-1 entries further) fall in the tables and their
// padding, then runs the kernel.
func invNormsChecked(in *integral, x, y, w, h int, inv *[lanes]float32) {
	s := in.w + 1
	if x < 0 || y < 0 || (y+h)*s+x+w+lanes > len(in.sqPadded) || (y+h)*s+x+w+lanes > in.tiltedAt {
		panic("cascade: invNorm lanes outside the tables")
	}
	invNormsAVX2(&in.tab[y*s+x], &in.sqPadded[y*s+x], s, w, h, float64(w*h), inv)
}
