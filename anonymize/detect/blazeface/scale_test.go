package blazeface

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestToUnitRangePathsAgree checks the vector kernel (where the CPU has
// one) against the portable loop, bit for bit, on lengths with and without
// a tail and values including the range ends, signed zeros, infinities,
// NaN and subnormals.
func TestToUnitRangePathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	special := []float32{0, float32(math.Copysign(0, -1)), 255, 127.5, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-40}
	for n := range 70 {
		src := make([]float32, n)
		for i := range src {
			if rng.IntN(5) == 0 {
				src[i] = special[rng.IntN(len(special))]
			} else {
				src[i] = 255 * rng.Float32()
			}
		}
		fast, slow := make([]float32, n), make([]float32, n)
		toUnitRange(fast, src)
		kernel := scaleKernel
		scaleKernel = nil
		toUnitRange(slow, src)
		scaleKernel = kernel
		for i := range src {
			if math.Float32bits(fast[i]) != math.Float32bits(slow[i]) && !(fast[i] != fast[i] && slow[i] != slow[i]) {
				t.Fatalf("length %d: value %d (%v) gives %v, portable %v", n, i, src[i], fast[i], slow[i])
			}
		}
	}
}
