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
// that would keep a strip in L2 by 15%: each strip copies two border rows
// per channel again and makes its own calls, and the depthwise result is
// still read back from cache (1 to 2 MB measured the same).
const separableStripBytes = 1 << 20

func (k separableKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if len(in) < 4 {
		return nil, fmt.Errorf("fused depthwise and pointwise Conv: want at least 4 inputs, got %d", len(in))
	}
	dc, err := k.depthwise.begin(in[:3])
	if err != nil {
		return nil, fmt.Errorf("depthwise Conv: %w", err)
	}
	if !dc.depthwise() {
		return nil, fmt.Errorf("depthwise Conv: weights %v with group %d are not a 3x3 depthwise convolution", in[1].Shape, k.depthwise.group)
	}
	mid := &Tensor{Shape: dc.outShape()} // never filled: only its shape is checked
	pc, err := k.pointwise.begin(append([]*Tensor{mid}, in[3:]...))
	if err != nil {
		return nil, fmt.Errorf("pointwise Conv: %w", err)
	}
	if !pc.win.pointwise() {
		return nil, fmt.Errorf("pointwise Conv: weights %v with group %d are not a 1x1 convolution", in[3].Shape, k.pointwise.group)
	}
	ds, ps := dc.s, pc.s
	out := a.uninit(pc.outShape()...)
	plane := ps.oh * ps.ow
	strip := separableStrip(ds, k.stripBytes)
	mid.Data = a.scratchBuf(scratchStrip, ds.c*strip*ds.ow)
	padded := a.scratchBuf(scratchRows, depthwisePadLen(ds, dc.win, strip))
	for b := range ds.n {
		first := b * ps.m * plane
		ep := pc.epilogue(first, k.pointwise.relu)
		for oy0 := 0; oy0 < ds.oh; oy0 += strip {
			oy1 := min(oy0+strip, ds.oh)
			n := (oy1 - oy0) * ds.ow
			for c := range ds.c {
				var bias float32
				if ds.bias != nil {
					bias = ds.bias[c]
				}
				src := ds.input[(b*ds.c+c)*ds.h*ds.w : (b*ds.c+c+1)*ds.h*ds.w]
				depthwise3x3(mid.Data[c*n:(c+1)*n], src, dc.mats[c].rows, bias, ds, dc.win, oy0, oy1, padded)
			}
			sep := ep
			if sep.res != nil {
				sep.res = ep.res[oy0*ps.ow:]
			}
			gemm(out.Data[first+oy0*ps.ow:], plane, mid.Data, n, pc.mats[0], ps.bias, sep, n)
		}
	}
	return out, nil
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
