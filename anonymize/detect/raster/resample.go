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
// summation order are fixed (a horizontal pass, then a vertical one, each
// output starting at 0 and adding its taps in order), so results are
// reproducible bit for bit.
func Resample(src Interleaved, span Span, outW, outH, channels int) []float32 {
	dst := make([]float32, outW*outH*channels)
	resampleRows(src, span, outW, outH, channels, func(oy int, row []float32) {
		copy(dst[oy*len(row):], row)
	})
	return dst
}

// ResampleRows is Resample handing each output row to emit instead of
// storing it (the row's memory is reused once emit returns), for a caller
// that transforms the values as it stores them.
func ResampleRows(src Interleaved, span Span, outW, outH, channels int, emit func(oy int, row []float32)) {
	resampleRows(src, span, outW, outH, channels, emit)
}

// resampleRows computes Resample's output row by row and hands each to
// emit, in order (the row's memory is reused once emit returns). A source
// row's horizontal pass is computed when the first output row needs it and
// kept in a ring of as many rows as one output row reads, until the last
// output row using it is done: a few rows of memory instead of the whole
// span, and the rows are still in cache when the vertical pass reads them.
// Every value is computed exactly as in a two-pass implementation.
func resampleRows(src Interleaved, span Span, outW, outH, channels int, emit func(oy int, row []float32)) {
	xs := axisTaps(span.X, span.W, src.W, outW)
	ys := axisTaps(span.Y, span.H, src.H, outH)
	rowLen := outW * channels
	// Rows are padded to whole vectors for the kernels; the padding of
	// the ring's rows stays zero and is never emitted.
	stride := (rowLen + vectorFloats - 1) / vectorFloats * vectorFloats
	slots := 1
	for oy := range outH {
		slots = max(slots, ys.start[oy+1]-ys.start[oy])
	}
	// Grey and RGBA rows go through the band kernels a band (bandRows
	// rows from a multiple of bandRows) at a time. With slots a multiple of bandRows,
	// a band lands on consecutive ring slots, and with a band more than a
	// window of rows, a band written for row y overwrites only rows above
	// y's window.
	bands := newBand(xs, src, channels)
	if bands != nil {
		slots = (slots+bandRows-1)/bandRows*bandRows + bandRows
	}
	// A window of consecutive source rows never holds two rows equal
	// modulo slots, and a row leaves the window for good before a row
	// slots further down enters it.
	ring := make([]float32, slots*stride)
	held := make([]int, slots)
	for i := range held {
		held[i] = -1
	}
	out := make([]float32, stride)
	for oy := range outH {
		clear(out)
		for t, w := range ys.weights[ys.start[oy]:ys.start[oy+1]] {
			y := ys.first[oy] + t
			in := ring[(y%slots)*stride:][:stride]
			if held[y%slots] != y {
				if bands != nil {
					b := y - y%bandRows
					var rows [bandRows][]uint8
					for r := range rows {
						by := min(b+r, src.H-1)
						rows[r] = src.Pix[by*src.Stride:][:src.W*src.Channels]
						held[(b+r)%slots] = b + r
					}
					bands.rows(ring[(b%slots)*stride:], stride, &rows, src.W)
				} else {
					xs.horizontal(in[:rowLen], src.Pix[y*src.Stride:], src.Channels, channels)
					held[y%slots] = y
				}
			}
			addScaled(out, in, w)
		}
		emit(oy, out[:rowLen])
	}
}

// addScaled is the vertical pass's step: out[i] += float32(w * in[i]).
// Both are as long, a whole number of vectors.
func addScaled(out, in []float32, w float32) {
	if addScaledKernel != nil && len(out) > 0 {
		addScaledKernel(&out[0], &in[0], w, len(out))
		return
	}
	for i, v := range in[:len(out)] {
		out[i] += float32(w * v)
	}
}

// horizontal is the horizontal pass over one source row: out gets, per
// output sample, the first `channels` channels of the taps' weighted sum.
func (t *taps) horizontal(out []float32, row []uint8, srcChannels, channels int) {
	switch {
	case channels == 1 && srcChannels == 1:
		t.apply1(out, row)
		return
	case channels == 3 && srcChannels == 4:
		t.apply3of4(out, row)
		return
	}
	for ox := range len(out) / channels {
		ws := t.weights[t.start[ox]:t.start[ox+1]]
		first := t.first[ox] * srcChannels
		for c := range channels {
			var acc float32
			for i, w := range ws {
				acc += float32(w * float32(row[first+i*srcChannels+c]))
			}
			out[ox*channels+c] = acc
		}
	}
}

// apply3of4 is the horizontal pass over one row of RGBA pixels, keeping
// RGB.
func (t *taps) apply3of4(out []float32, row []uint8) {
	for ox := range len(out) / 3 {
		ws := t.weights[t.start[ox]:t.start[ox+1]]
		var r, g, b float32
		if len(ws) > 0 {
			px := row[4*t.first[ox]:][:4*len(ws)]
			for i, w := range ws {
				p := px[4*i : 4*i+3]
				r += float32(w * float32(p[0]))
				g += float32(w * float32(p[1]))
				b += float32(w * float32(p[2]))
			}
		}
		out[3*ox], out[3*ox+1], out[3*ox+2] = r, g, b
	}
}

// apply1 is the horizontal pass over one row of one-channel pixels.
func (t *taps) apply1(out []float32, row []uint8) {
	for ox := range out {
		ws := t.weights[t.start[ox]:t.start[ox+1]]
		if len(ws) == 0 { // entirely outside the image: black
			out[ox] = 0
			continue
		}
		px := row[t.first[ox]:][:len(ws)]
		var acc float32
		for i, w := range ws {
			acc += float32(w * byteValue[px[i]])
		}
		out[ox] = acc
	}
}

// taps lists, per output sample, the first source index and the weights of
// consecutive in-image source samples it averages: sample i's weights are
// weights[start[i]:start[i+1]].
type taps struct {
	first   []int
	start   []int
	weights []float32
}

func (t *taps) inputRange() (lo, hi int) {
	lo, hi = math.MaxInt, 0
	for i, f := range t.first {
		n := t.start[i+1] - t.start[i]
		if n == 0 {
			continue
		}
		lo = min(lo, f)
		hi = max(hi, f+n)
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

// axisTaps maps [start, start+length) onto n samples of an axis of the
// given size. Source samples outside [0, size) are dropped, which makes
// them black.
func axisTaps(start, length float64, size, n int) *taps {
	t := &taps{first: make([]int, n), start: make([]int, n+1)}
	step := length / float64(n)
	for i := range n {
		lo := start + float64(float64(i)*step)
		hi := lo + step
		first := max(int(math.Floor(lo)), 0)
		for j := first; float64(j) < hi && j < size; j++ {
			cover := min(hi, float64(j+1)) - max(lo, float64(j))
			t.weights = append(t.weights, float32(max(cover, 0)/step))
		}
		t.first[i] = first
		t.start[i+1] = len(t.weights)
	}
	return t
}

// byteValue[b] is float32(b), the same value: for the grey horizontal pass
// (the cascades' levels) one load from a table in L1 is cheaper than a
// zero extension and an integer-to-float conversion (a quarter off
// apply1). The RGB pass measured no difference and converts.
var byteValue = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i)
	}
	return t
}()
