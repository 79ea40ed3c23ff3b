package cascade

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 {
		stageKernel = stageAVX2
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
