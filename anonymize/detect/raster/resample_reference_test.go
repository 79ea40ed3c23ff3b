package raster

import (
	"math"
	"math/rand/v2"
	"testing"
)

// resampleReference is the plain form of Resample: one weight slice per
// output sample, taps accumulated into zeroed buffers. Resample must give
// its bits exactly.
func resampleReference(src Interleaved, span Span, outW, outH, channels int) []float32 {
	xs := referenceTaps(span.X, span.W, src.W, outW)
	ys := referenceTaps(span.Y, span.H, src.H, outH)
	lo, hi := math.MaxInt, 0
	for i, f := range ys.first {
		if len(ys.weights[i]) > 0 {
			lo, hi = min(lo, f), max(hi, f+len(ys.weights[i]))
		}
	}
	if lo > hi {
		lo, hi = 0, 0
	}
	tmp := make([]float32, (hi-lo)*outW*channels)
	for y := lo; y < hi; y++ {
		row := src.Pix[y*src.Stride:]
		out := tmp[(y-lo)*outW*channels:]
		for ox := range outW {
			for t, w := range xs.weights[ox] {
				p := row[(xs.first[ox]+t)*src.Channels:]
				for c := range channels {
					out[ox*channels+c] += float32(w * float32(p[c]))
				}
			}
		}
	}
	dst := make([]float32, outW*outH*channels)
	for oy := range outH {
		out := dst[oy*outW*channels : (oy+1)*outW*channels]
		for t, w := range ys.weights[oy] {
			in := tmp[(ys.first[oy]+t-lo)*outW*channels:][:len(out)]
			for i, v := range in {
				out[i] += float32(w * v)
			}
		}
	}
	return dst
}

type refTaps struct {
	first   []int
	weights [][]float32
}

func referenceTaps(start, length float64, size, n int) refTaps {
	t := refTaps{first: make([]int, n), weights: make([][]float32, n)}
	step := length / float64(n)
	for i := range n {
		lo := start + float64(float64(i)*step)
		hi := lo + step
		first := max(int(math.Floor(lo)), 0)
		var ws []float32
		for j := first; float64(j) < hi && j < size; j++ {
			cover := min(hi, float64(j+1)) - max(lo, float64(j))
			ws = append(ws, float32(max(cover, 0)/step))
		}
		t.first[i], t.weights[i] = first, ws
	}
	return t
}

func TestResampleMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		w, h := 1+rng.IntN(60), 1+rng.IntN(60)
		ch := []int{1, 4}[trial%2]
		src := Interleaved{Pix: make([]uint8, w*h*ch), Stride: w * ch, Channels: ch, W: w, H: h}
		for i := range src.Pix {
			src.Pix[i] = uint8(rng.IntN(256))
		}
		// Spans in quarter pixels, partly off the image (integer
		// arithmetic: no floating-point product to fuse).
		span := Span{X: float64(rng.IntN(4*w)-w) / 4, Y: float64(rng.IntN(4*h)-h) / 4,
			W: float64(2+rng.IntN(4*w)) / 4, H: float64(2+rng.IntN(4*h)) / 4}
		ow, oh := 1+rng.IntN(40), 1+rng.IntN(40)
		out := min(ch, 3)
		got := Resample(src, span, ow, oh, out)
		want := resampleReference(src, span, ow, oh, out)
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("trial %d (%dx%dx%d, span %+v -> %dx%d): value %d is %v, reference %v", trial, w, h, ch, span, ow, oh, i, got[i], want[i])
			}
		}
	}
}
