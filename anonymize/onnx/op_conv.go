package onnx

import "fmt"

// convKernel is a compiled Conv node, possibly with the Add and Relu that
// follow it fused in (see fuse): then it takes the residual as a fourth
// input and clamps at zero, exactly as the separate nodes would.
type convKernel struct {
	win   window
	group int
	// residual: in[3] is added to the output (a fused Add); relu: the sum
	// is clamped at zero afterwards (a fused Relu).
	residual, relu bool
	// mats holds each group's weight matrix when the weights are a
	// constant of the graph (prepared once by NewSession); nil otherwise.
	mats []*matrix
}

func compileConv(n *Node) (kernel, error) {
	w, err := parseWindow(n, false)
	if err != nil {
		return nil, err
	}
	group, err := n.intAttr("group", 1)
	if err != nil {
		return nil, err
	}
	if group < 1 {
		return nil, n.errorf("group %d must be positive", group)
	}
	return convKernel{win: w, group: group}, nil
}

// convShapes holds the checked dimensions of one Conv call.
type convShapes struct {
	n, c, h, w     int // input
	m, cg, kh, kw  int // weights: out channels, in channels per group, kernel
	oh, ow, mg     int // output size, out channels per group
	bias           []float32
	weights, input []float32
}

func (k convKernel) check(in []*Tensor) (convShapes, error) {
	var s convShapes
	if len(in) == 3 && in[2] == nil {
		in = in[:2]
	}
	if len(in) != 2 && len(in) != 3 {
		return s, fmt.Errorf("want 2 or 3 inputs, got %d", len(in))
	}
	if err := needFloats(in, len(in)); err != nil {
		return s, err
	}
	var err error
	if s.n, s.c, s.h, s.w, err = nchw(in[0]); err != nil {
		return s, fmt.Errorf("input X: %w", err)
	}
	if s.m, s.cg, s.kh, s.kw, err = nchw(in[1]); err != nil {
		return s, fmt.Errorf("input W: %w", err)
	}
	win := k.win
	if win.kh == 0 {
		win.kh, win.kw = s.kh, s.kw
	}
	if win.kh != s.kh || win.kw != s.kw {
		return s, fmt.Errorf("kernel_shape %dx%d does not match weights %v", win.kh, win.kw, in[1].Shape)
	}
	if s.c != s.cg*k.group || s.m%k.group != 0 {
		return s, fmt.Errorf("X %v and W %v do not fit group=%d", in[0].Shape, in[1].Shape, k.group)
	}
	s.mg = s.m / k.group
	if len(in) == 3 {
		if len(in[2].Shape) != 1 || in[2].Shape[0] != s.m {
			return s, fmt.Errorf("bias shape %v, want [%d]", in[2].Shape, s.m)
		}
		s.bias = in[2].Data
	}
	if s.oh, s.ow, err = win.outSize(s.h, s.w); err != nil {
		return s, fmt.Errorf("input %v: %w", in[0].Shape, err)
	}
	s.weights, s.input = in[1].Data, in[0].Data
	return s, nil
}

// groupMatrices splits the weights into one matrix per group.
func (k convKernel) groupMatrices(s convShapes) []*matrix {
	taps := s.cg * s.kh * s.kw
	mats := make([]*matrix, k.group)
	for g := range mats {
		mats[g] = newMatrix(s.weights[g*s.mg*taps:(g+1)*s.mg*taps], s.mg, taps)
	}
	return mats
}

// prepare returns the kernel with its weight matrices built from w, the
// graph's constant weights.
func (k convKernel) prepare(w *Tensor) convKernel {
	m, cg, kh, kw, err := nchw(w)
	if err != nil || w.IsInt() || m%k.group != 0 || len(w.Data) != m*cg*kh*kw {
		return k // run reports the error
	}
	k.mats = k.groupMatrices(convShapes{m: m, cg: cg, kh: kh, kw: kw, mg: m / k.group, weights: w.Data})
	return k
}

// convCall is one checked Conv call: its shapes, window, weight matrices
// and fused residual (nil for none).
type convCall struct {
	s    convShapes
	win  window
	mats []*matrix
	res  *Tensor
}

// begin checks the inputs of one call (X, W, optional B, and the residual
// when one is fused) and finds its weight matrices.
func (k convKernel) begin(in []*Tensor) (convCall, error) {
	var c convCall
	if k.residual {
		if len(in) != 4 {
			return c, fmt.Errorf("fused Conv+Add: want 4 inputs, got %d", len(in))
		}
		in, c.res = in[:3], in[3]
	}
	s, err := k.check(in)
	if err != nil {
		return c, err
	}
	c.s, c.win = s, k.win
	c.win.kh, c.win.kw = s.kh, s.kw
	if c.res != nil {
		if err := needFloats([]*Tensor{c.res}, 1); err != nil {
			return c, fmt.Errorf("fused Add: %w", err)
		}
		if !sameShape(c.res.Shape, c.outShape()) {
			return c, fmt.Errorf("fused Add: shapes %v and %v differ (broadcasting is not supported)", c.outShape(), c.res.Shape)
		}
	}
	c.mats = k.mats
	if c.mats == nil || len(c.mats) != k.group || c.mats[0].m != s.mg || c.mats[0].k != s.cg*s.kh*s.kw {
		c.mats = k.groupMatrices(s)
	}
	return c, nil
}

func (c convCall) outShape() []int { return []int{c.s.n, c.s.m, c.s.oh, c.s.ow} }

// pointwise: a 1x1 window, stride 1, unpadded: a plain matrix product.
func (w window) pointwise() bool {
	return w.kh == 1 && w.kw == 1 && w.sh == 1 && w.sw == 1 && w.pt == 0 && w.pl == 0 && w.pb == 0 && w.pr == 0
}

// depthwise: one input channel per output channel, a 3x3 undilated window.
func (c convCall) depthwise() bool {
	return c.s.cg == 1 && c.s.mg == 1 && c.s.kh == 3 && c.s.kw == 3 && c.win.dh == 1 && c.win.dw == 1
}

// epilogue is the fused residual (of the output channels starting at
// first) and Relu.
func (c convCall) epilogue(first int, relu bool) epilogue {
	ep := epilogue{relu: relu}
	if c.res != nil {
		plane := c.s.oh * c.s.ow
		ep.res, ep.resStride = c.res.Data[first:first+c.s.mg*plane], plane
	}
	return ep
}

// depthwiseStripBytes bounds the padded input rows one depthwise strip
// reads, so they stay in cache whatever the image width.
const depthwiseStripBytes = 64 << 10

// depthwiseStrip is how many output rows of a depthwise convolution one
// strip computes.
func depthwiseStrip(s convShapes, win window) int {
	perRow := 4 * win.sh * (s.w + win.pl + win.pr + 1)
	return min(s.oh, max(1, depthwiseStripBytes/perRow))
}

// run computes each output value as bias + sum over (input channel, ky, kx)
// in ascending order, whichever loop shape is used, then adds the fused
// residual and applies the fused Relu. Products are rounded to float32
// before the add (explicit conversion) so no platform fuses them into an
// FMA.
func (k convKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	c, err := k.begin(in)
	if err != nil {
		return nil, err
	}
	s, win := c.s, c.win
	out := a.uninit(c.outShape()...)
	plane := s.oh * s.ow
	var padded []float32
	strip := 0
	if c.depthwise() {
		strip = depthwiseStrip(s, win)
		padded = a.scratchBuf(scratchRows, depthwisePadLen(s, win, strip))
	}
	for b := range s.n {
		for g := range k.group {
			src := s.input[(b*s.c+g*s.cg)*s.h*s.w : (b*s.c+(g+1)*s.cg)*s.h*s.w]
			first := (b*s.m + g*s.mg) * plane
			dst := out.Data[first : first+s.mg*plane]
			var bias []float32
			if s.bias != nil {
				bias = s.bias[g*s.mg : (g+1)*s.mg]
			}
			ep := c.epilogue(first, k.relu)
			switch {
			case win.pointwise():
				gemm(dst, plane, src, s.h*s.w, c.mats[g], bias, ep, plane)
			case c.depthwise():
				var b0 float32
				if bias != nil {
					b0 = bias[0]
				}
				for oy0 := 0; oy0 < s.oh; oy0 += strip {
					oy1 := min(oy0+strip, s.oh)
					depthwise3x3(dst[oy0*s.ow:oy1*s.ow], src, c.mats[g].rows, b0, s, win, oy0, oy1, padded)
				}
				applyEpilogue(dst, ep)
			default:
				im2colConv(dst, src, c.mats[g], bias, ep, s, win, a)
			}
		}
	}
	return out, nil
}

// applyEpilogue adds the residual and applies Relu to finished sums (one
// output row of stride len(dst)).
func applyEpilogue(dst []float32, ep epilogue) {
	if ep.res != nil {
		for i, v := range ep.res[:len(dst)] {
			dst[i] += v
		}
	}
	if ep.relu {
		reluInPlace(dst)
	}
}
