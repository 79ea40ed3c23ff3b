package raster

import "math"

// Interleaved is a read-only view of 8-bit interleaved pixels (RGBA, grey).
type Interleaved struct {
	Pix      []uint8
	Stride   int // bytes per row
	Channels int // bytes per pixel
	W, H     int
}

// Span is a source rectangle in (possibly fractional) pixel units; parts
// outside the image read as black.
type Span struct{ X, Y, W, H float64 }

// Resample averages span of src onto an outW x outH grid (area
// resampling: each output pixel is the mean of the source area it covers,
// so downscaling by any factor does not alias) and returns the first
// `channels` channels, interleaved, as float32 in [0, 255]. Weights and
// summation order are fixed, so results are reproducible bit for bit.
func Resample(src Interleaved, span Span, outW, outH, channels int) []float32 {
	xs := axisTaps(span.X, span.W, src.W, outW)
	ys := axisTaps(span.Y, span.H, src.H, outH)
	// Horizontal pass over the source rows the vertical taps touch.
	rowLo, rowHi := ys.inputRange()
	tmp := make([]float32, (rowHi-rowLo)*outW*channels)
	for y := rowLo; y < rowHi; y++ {
		row := src.Pix[y*src.Stride:]
		out := tmp[(y-rowLo)*outW*channels:]
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
			in := tmp[(ys.first[oy]+t-rowLo)*outW*channels:][:len(out)]
			for i, v := range in {
				out[i] += float32(w * v)
			}
		}
	}
	return dst
}

// taps lists, per output sample, the first source index and the weights of
// consecutive in-image source samples it averages.
type taps struct {
	first   []int
	weights [][]float32
}

func (t taps) inputRange() (lo, hi int) {
	lo, hi = math.MaxInt, 0
	for i, f := range t.first {
		if len(t.weights[i]) == 0 {
			continue
		}
		lo = min(lo, f)
		hi = max(hi, f+len(t.weights[i]))
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

// axisTaps maps [start, start+length) onto n samples of an axis of the
// given size. Source samples outside [0, size) are dropped, which makes
// them black.
func axisTaps(start, length float64, size, n int) taps {
	t := taps{first: make([]int, n), weights: make([][]float32, n)}
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
		t.first[i] = first
		t.weights[i] = ws
	}
	return t
}
