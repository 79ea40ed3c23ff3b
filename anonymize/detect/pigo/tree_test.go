package pigo

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/msec-city/msec/anonymize/detect/detecttest"
	"github.com/msec-city/msec/anonymize/models"
)

// TestStepKernelMatchesGo runs the vector treeStep and the portable one on
// the same windows (random planes, every tree of the facefinder at
// several sizes, every live count from 1 to 40 and some longer ones, with
// thresholds that keep none, some or all) and requires the same kept
// windows with the same score bits.
func TestStepKernelMatchesGo(t *testing.T) {
	if stepKernel == nil {
		t.Skip("no vector kernel on this CPU")
	}
	raw, _, err := models.ReadVerified(detecttest.ModelsDir(t), CascadeFile)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := parseTrees(raw)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const w, h = 301, 257
	pix := make([]uint8, w*h, w*h+3)
	for i := range pix {
		pix[i] = uint8(rng.IntN(256))
	}
	base := unsafe.Pointer(&pix[0])
	counts := []int{1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 97, 256}
	for _, size := range []int{20, 33, 64, 120, 250} {
		margin := size/2 + 1
		var o nodeOffsets
		for ti := range tr.codes {
			if ti%7 != 0 && ti != len(tr.codes)-1 {
				continue
			}
			tr.resolve(&o, ti, size, w)
			for _, n := range counts {
				pos := make([]int32, n+stepPad)
				sums := make([]float32, n+stepPad)
				for k := range n {
					row := margin + rng.IntN(h-2*margin+1)
					col := margin + rng.IntN(w-2*margin+1)
					pos[k] = int32(row*w + col)
					sums[k] = float32(rng.NormFloat64())
					switch rng.IntN(50) {
					case 0:
						sums[k] = float32(math.Inf(1))
					case 1:
						sums[k] = float32(math.Copysign(0, -1))
					case 2:
						sums[k] = 1e-42 // subnormal
					}
				}
				for _, th := range []float32{-1e9, 0, tr.thresh[ti], 1e9} {
					p1, s1 := append([]int32(nil), pos...), append([]float32(nil), sums...)
					p2, s2 := append([]int32(nil), pos...), append([]float32(nil), sums...)
					k1 := treeStepGo(base, p1[:n], s1[:n], &o, &tr.leaves[ti], th)
					k2 := stepKernel(base, p2[:n], s2[:n], &o, &tr.leaves[ti], th)
					if k1 != k2 {
						t.Fatalf("size %d tree %d n %d th %v: kept %d, portable %d", size, ti, n, th, k2, k1)
					}
					for k := range k1 {
						if p1[k] != p2[k] || math.Float32bits(s1[k]) != math.Float32bits(s2[k]) {
							t.Fatalf("size %d tree %d n %d th %v window %d: (%d, %v), portable (%d, %v)", size, ti, n, th, k, p2[k], s2[k], p1[k], s1[k])
						}
					}
				}
			}
		}
	}
}
