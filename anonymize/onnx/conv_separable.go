package onnx

import "fmt"

// separableKernel is a depthwise 3x3 Conv and the pointwise (1x1) Conv
// that alone reads its output, fused (see fuseSeparable): it takes the
// depthwise Conv's inputs (X, W, B) then the pointwise one's after its
// first (W, B, and the residual when one is fused into it).
//
// It runs a strip of output rows at a time: every channel's depthwise rows
// of the strip, then the product of the strip, so the depthwise result
// never leaves the cache and the input rows are still there when the
// residual, usually the same tensor, is added. Every value is computed by
// the same code as in the separate Convs, so the bits do not change.
type separableKernel struct {
	depthwise, pointwise convKernel
	// stripBytes bounds one strip's depthwise result (all channels),
	// which the product reads back from cache: separableStripBytes, or
	// less in tests, to make many strips.
	stripBytes int
}

// separableStripBytes is the strip size fuseSeparable gives. Measured on
// BlazeFace's 24x384x368 blocks, 1 MB (about 30 rows) beats the 128 KB
// that would keep a strip in L2 by 15%: each strip reads two border rows
// per channel again and makes its own calls, and the depthwise result is
// still read back from cache (1 to 2 MB measured the same). Chained blocks
// (see chainKernel) take smaller steps.
const separableStripBytes = 1 << 20

func (k separableKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	c, err := k.begin(in)
	if err != nil {
		return nil, err
	}
	c.out = a.uninit(c.pc.outShape()...)
	c.rows(a, 0, c.pc.s.oh)
	return c.out, nil
}

// separableCall is one checked call of a separableKernel.
type separableCall struct {
	dc, pc convCall // the depthwise and the pointwise Conv
	relu   bool
	strip  int     // output rows per strip
	out    *Tensor // set by the caller
}

// begin checks the inputs of one call.
func (k separableKernel) begin(in []*Tensor) (separableCall, error) {
	var c separableCall
	if len(in) < 4 {
		return c, fmt.Errorf("fused depthwise and pointwise Conv: want at least 4 inputs, got %d", len(in))
	}
	var err error
	if c.dc, err = k.depthwise.begin(in[:3]); err != nil {
		return c, fmt.Errorf("depthwise Conv: %w", err)
	}
	if !c.dc.depthwise() {
		return c, fmt.Errorf("depthwise Conv: weights %v with group %d are not a 3x3 depthwise convolution", in[1].Shape, k.depthwise.group)
	}
	mid := &Tensor{Shape: c.dc.outShape()} // only its shape is checked
	if c.pc, err = k.pointwise.begin(append([]*Tensor{mid}, in[3:]...)); err != nil {
		return c, fmt.Errorf("pointwise Conv: %w", err)
	}
	if !c.pc.win.pointwise() {
		return c, fmt.Errorf("pointwise Conv: weights %v with group %d are not a 1x1 convolution", in[3].Shape, k.pointwise.group)
	}
	c.relu = k.pointwise.relu
	c.strip = separableStrip(c.dc.s, k.stripBytes)
	return c, nil
}

// rows computes output rows [oy0, oy1) of every image into c.out, a strip
// at a time; they read input rows up to c.inputRows(oy1).
func (c separableCall) rows(a *arena, oy0, oy1 int) {
	ds, ps := c.dc.s, c.pc.s
	plane := ps.oh * ps.ow
	strip := min(c.strip, oy1-oy0)
	mid := a.scratchBuf(scratchStrip, ds.c*strip*ds.ow)
	padded := a.scratchBuf(scratchRows, depthwisePadLen(ds, c.dc.win, strip))
	for b := range ds.n {
		first := b * ps.m * plane
		ep := c.pc.epilogue(first, c.relu)
		for y0 := oy0; y0 < oy1; y0 += strip {
			y1 := min(y0+strip, oy1)
			n := (y1 - y0) * ds.ow
			for ch := range ds.c {
				var bias float32
				if ds.bias != nil {
					bias = ds.bias[ch]
				}
				src := ds.input[(b*ds.c+ch)*ds.h*ds.w : (b*ds.c+ch+1)*ds.h*ds.w]
				depthwise3x3(mid[ch*n:(ch+1)*n], src, c.dc.mats[ch].rows, bias, ds, c.dc.win, y0, y1, padded)
			}
			sep := ep
			if sep.res != nil {
				sep.res = ep.res[y0*ps.ow:]
			}
			gemm(c.out.Data[first+y0*ps.ow:], plane, mid, n, c.pc.mats[0], ps.bias, sep, n)
		}
	}
}

// inputRows is how many rows of the input (counted from the top) output
// rows [0, oy1) read, as the depthwise input or as the residual.
func (c separableCall) inputRows(oy1 int) int {
	if oy1 == 0 {
		return 0
	}
	win := c.dc.win
	return max(oy1, min(c.dc.s.h, (oy1-1)*win.sh-win.pt+3))
}

// separableStrip is how many output rows one strip takes: as many as fit
// in budget bytes, rounded to a multiple of the rows that make a whole
// number of gemm blocks, since the positions left over take the portable
// loop.
func separableStrip(s convShapes, budget int) int {
	align := gemmCols / gcd(s.ow, gemmCols)
	rows := budget / (4 * s.c * s.ow) / align * align
	return min(s.oh, max(rows, align))
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
