package raster

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernelsMatchPortable resamples random grey and RGBA planes, from
// slight to 40x reductions (a cascade's levels, BlazeFace's tiles), with
// the vector kernels and with the portable loops, and requires the same
// bits (on a CPU without the kernels, both runs are portable).
func TestKernelsMatchPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 40 {
		w, h := 1+rng.IntN(700), 1+rng.IntN(300)
		ch := []int{1, 4}[trial%2]
		src := Interleaved{Pix: make([]uint8, w*h*ch), Stride: w * ch, Channels: ch, W: w, H: h}
		for i := range src.Pix {
			src.Pix[i] = uint8(rng.IntN(256))
		}
		scale := math.Pow(40, rng.Float64())
		ow, oh := max(1, int(float64(w)/scale)), max(1, int(float64(h)/scale))
		span := Span{W: float64(w), H: float64(h)}
		if trial%3 == 0 { // partly off the image: black there
			span.X, span.W = -float64(w)/8, float64(w)*5/4
		}
		out := min(ch, 3)
		run := func(kernels bool) []float32 {
			b, tr, trc, a := bandTapsKernel, transposeRowsKernel, transposeRGBARowsKernel, addScaledKernel
			if !kernels {
				bandTapsKernel, transposeRowsKernel, transposeRGBARowsKernel, addScaledKernel = nil, nil, nil, nil
			}
			defer func() {
				bandTapsKernel, transposeRowsKernel, transposeRGBARowsKernel, addScaledKernel = b, tr, trc, a
			}()
			return Resample(src, span, ow, oh, out)
		}
		want, got := run(false), run(true)
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("trial %d (%dx%dx%d -> %dx%d): value %d is %v, portable %v", trial, w, h, ch, ow, oh, i, got[i], want[i])
			}
		}
	}
}
