package raster

// bandRows is how many source rows the band kernels take at once, one
// per vector lane.
const bandRows = 8

// band runs the horizontal pass of grey or RGBA rows (keeping RGB)
// bandRows at a time: the rows are transposed to column-major float32,
// one array per channel, then each output sample's taps are applied to
// all of them at once, the same weight broadcast to every lane. Each lane
// adds its products in apply1's and apply3of4's order (+0 first, then
// the taps in order), so every value is theirs, bit for bit; no gather is
// needed.
type band struct {
	xs       *taps
	channels int          // 1 (grey) or 3 (RGB of RGBA)
	pixel    int          // source bytes per pixel: 1 or 4
	cols     [3][]float32 // per channel, bandRows floats per source column
}

// newBand returns a band for src's rows, or nil when there is no kernel
// for its layout.
func newBand(xs *taps, src Interleaved, channels int) *band {
	grey := channels == 1 && src.Channels == 1 && transposeRowsKernel != nil
	rgb := channels == 3 && src.Channels == 4 && transposeRGBARowsKernel != nil
	if !grey && !rgb || bandTapsKernel == nil || src.W == 0 || len(xs.weights) == 0 {
		return nil
	}
	b := &band{xs: xs, channels: channels, pixel: src.Channels}
	for c := range channels {
		b.cols[c] = make([]float32, bandRows*src.W)
	}
	return b
}

// rows computes the horizontal pass of rows (bandRows source rows of w
// pixels; repeat a row to fill a short band) into out, lane r's output
// row at out[r*stride:].
func (b *band) rows(out []float32, stride int, rows *[bandRows][]uint8, w int) {
	whole := w / bandRows * bandRows
	if whole > 0 {
		var ptrs [bandRows]*uint8
		for r := range rows {
			ptrs[r] = &rows[r][0]
		}
		if b.channels == 1 {
			transposeRowsKernel(&b.cols[0][0], &ptrs, whole)
		} else {
			dst := [3]*float32{&b.cols[0][0], &b.cols[1][0], &b.cols[2][0]}
			transposeRGBARowsKernel(&dst, &ptrs, whole)
		}
	}
	for x := whole; x < w; x++ {
		for r := range rows {
			for c := range b.channels {
				b.cols[c][bandRows*x+r] = byteValue[rows[r][b.pixel*x+c]]
			}
		}
	}
	n := len(b.xs.first)
	_ = out[(bandRows-1)*stride+b.channels*n-1] // every lane's row fits
	for c := range b.channels {
		bandTapsKernel(&out[c], 4*stride, 4*b.channels, &b.cols[c][0], &b.xs.first[0], &b.xs.start[0], &b.xs.weights[0], n)
	}
}
