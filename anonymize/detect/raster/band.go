package raster

// bandRows is how many grey rows the band kernels take at once, one per
// vector lane.
const bandRows = 8

// greyBand runs the horizontal pass of grey rows bandRows at a time: the
// rows are transposed to column-major float32 (cols), then each output
// sample's taps are applied to all of them at once, the same weight
// broadcast to every lane. Each lane adds its products in apply1's order
// (+0 first, then the taps in order), so every value is apply1's, bit
// for bit; no gather is needed.
type greyBand struct {
	xs   *taps
	cols []float32 // bandRows floats per source column
}

func newGreyBand(xs *taps, srcW int) *greyBand {
	return &greyBand{xs: xs, cols: make([]float32, bandRows*srcW)}
}

// rows computes the horizontal pass of rows (bandRows source rows, srcW
// pixels each; repeat a row to fill a short band) into out, lane r to
// out[r*stride:].
func (b *greyBand) rows(out []float32, stride int, rows *[bandRows][]uint8) {
	w := len(rows[0])
	whole := w / bandRows * bandRows
	if whole > 0 {
		var ptrs [bandRows]*uint8
		for r := range rows {
			ptrs[r] = &rows[r][0]
		}
		transposeRowsKernel(&b.cols[0], &ptrs, whole)
	}
	for x := whole; x < w; x++ {
		for r := range rows {
			b.cols[bandRows*x+r] = byteValue[rows[r][x]]
		}
	}
	n := len(b.xs.first)
	if n == 0 {
		return
	}
	_ = out[(bandRows-1)*stride+n-1] // every lane's row fits
	bandTapsKernel(&out[0], 4*stride, &b.cols[0], &b.xs.first[0], &b.xs.start[0], &b.xs.weights[0], n)
}
