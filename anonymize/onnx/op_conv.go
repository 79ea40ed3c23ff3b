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

// run computes each output value as bias + sum over (input channel, ky, kx)
// in ascending order, whichever loop shape is used, then adds the fused
// residual and applies the fused Relu. Products are rounded to float32
// before the add (explicit conversion) so no platform fuses them into an
// FMA.
func (k convKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	var res *Tensor
	if k.residual {
		if len(in) != 4 {
			return nil, fmt.Errorf("fused Conv+Add: want 4 inputs, got %d", len(in))
		}
		in, res = in[:3], in[3]
	}
	s, err := k.check(in)
	if err != nil {
		return nil, err
	}
	win := k.win
	win.kh, win.kw = s.kh, s.kw
	out := a.uninit(s.n, s.m, s.oh, s.ow)
	if res != nil {
		if err := needFloats([]*Tensor{res}, 1); err != nil {
			return nil, fmt.Errorf("fused Add: %w", err)
		}
		if !sameShape(res.Shape, out.Shape) {
			return nil, fmt.Errorf("fused Add: shapes %v and %v differ (broadcasting is not supported)", out.Shape, res.Shape)
		}
	}
	mats := k.mats
	if mats == nil || len(mats) != k.group || mats[0].m != s.mg || mats[0].k != s.cg*s.kh*s.kw {
		mats = k.groupMatrices(s)
	}
	plane := s.oh * s.ow
	pointwise := s.kh == 1 && s.kw == 1 && win.sh == 1 && win.sw == 1 &&
		win.pt == 0 && win.pl == 0 && win.pb == 0 && win.pr == 0
	depthwise := s.cg == 1 && s.mg == 1 && s.kh == 3 && s.kw == 3 && win.dh == 1 && win.dw == 1
	var padded []float32
	if depthwise {
		pt := a.uninit((s.h + win.pt + win.pb) * (s.w + win.pl + win.pr + 1))
		defer a.recycle(pt)
		padded = pt.Data
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
			var ep epilogue
			if res != nil {
				ep = epilogue{res: res.Data[first : first+s.mg*plane], resStride: plane}
			}
			ep.relu = k.relu
			switch {
			case pointwise:
				gemm(dst, plane, src, s.h*s.w, mats[g], bias, ep, plane)
			case depthwise:
				var b0 float32
				if bias != nil {
					b0 = bias[0]
				}
				depthwise3x3(dst, src, mats[g].rows, b0, s, win, padded)
				applyEpilogue(dst, ep)
			default:
				im2colConv(dst, src, mats[g], bias, ep, s, win, a)
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
