package raster

// columnTaps is a taps' horizontal pass laid out for a vector kernel
// (greyKernel): tap-major arrays of every output sample's source index and
// weight, each sample padded with zero-weight taps to the longest tap
// count and the samples padded to a multiple of greyLanes. A zero-weight
// tap adds float32(0 * v) = +0 to a sum that is never -0 (it starts at +0
// and adds non-negative terms), so each sample's sum is computed exactly
// as apply1's: the same products added in the same order.
type columnTaps struct {
	n, taps int // samples (padded), taps per sample
	index   []int32
	weight  []float32
}

// greyLanes is the kernels' vector width in float32s.
const greyLanes = 8

func (t *taps) columns() *columnTaps {
	outs := len(t.first)
	c := &columnTaps{n: (outs + greyLanes - 1) / greyLanes * greyLanes}
	for ox := range outs {
		c.taps = max(c.taps, t.start[ox+1]-t.start[ox])
	}
	c.index = make([]int32, c.taps*c.n)
	c.weight = make([]float32, c.taps*c.n)
	for ox := range outs {
		ws := t.weights[t.start[ox]:t.start[ox+1]]
		for i := range c.taps {
			// A padding tap reads the sample's first pixel, which is in
			// the row when the sample has any tap (else pixel 0).
			j := i*c.n + ox
			c.index[j] = int32(t.first[ox])
			if len(ws) == 0 {
				c.index[j] = 0
			}
			if i < len(ws) {
				c.index[j] += int32(i)
				c.weight[j] = ws[i]
			}
		}
	}
	return c
}

// greyRow is the horizontal pass over one row of grey pixels through the
// kernel: out (at least c.n long) gets every sample's sum, padding
// samples 0. rowf is scratch of at least len(row) float32s.
func (c *columnTaps) greyRow(out, rowf []float32, row []uint8) {
	whole := 0
	if widenKernel != nil {
		whole = len(row) / greyLanes * greyLanes
		if whole > 0 {
			widenKernel(&rowf[0], &row[0], whole)
		}
	}
	for i, p := range row[whole:] {
		rowf[whole+i] = byteValue[p]
	}
	greyKernel(&out[0], &rowf[0], &c.index[0], &c.weight[0], c.n, c.taps)
}
