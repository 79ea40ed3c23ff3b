package onnx

import "fmt"

type convKernel struct {
	win   window
	group int
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

// run computes each output value as bias + sum over (input channel, ky, kx)
// in ascending order, whichever loop shape is used, so results are
// bit-identical across paths. Products are rounded to float32 before the
// add (explicit conversion) so no platform fuses them into an FMA.
func (k convKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	s, err := k.check(in)
	if err != nil {
		return nil, err
	}
	win := k.win
	win.kh, win.kw = s.kh, s.kw
	out := a.tensor(s.n, s.m, s.oh, s.ow)
	plane := s.oh * s.ow
	pointwise := s.kh == 1 && s.kw == 1 && win.sh == 1 && win.sw == 1 &&
		win.pt == 0 && win.pl == 0 && win.pb == 0 && win.pr == 0
	depthwise := s.cg == 1 && s.mg == 1 && s.kh == 3 && s.kw == 3 && win.dh == 1 && win.dw == 1
	var padded []float32
	if depthwise {
		padded = make([]float32, (s.h+win.pt+win.pb)*(s.w+win.pl+win.pr))
	}
	for b := range s.n {
		for g := range k.group {
			src := s.input[(b*s.c+g*s.cg)*s.h*s.w : (b*s.c+(g+1)*s.cg)*s.h*s.w]
			dst := out.Data[(b*s.m+g*s.mg)*plane : (b*s.m+(g+1)*s.mg)*plane]
			wts := s.weights[g*s.mg*s.cg*s.kh*s.kw : (g+1)*s.mg*s.cg*s.kh*s.kw]
			var bias []float32
			if s.bias != nil {
				bias = s.bias[g*s.mg : (g+1)*s.mg]
			}
			switch {
			case pointwise:
				pointwiseConv(dst, src, wts, bias, s.mg, s.cg, plane)
			case depthwise:
				var b0 float32
				if bias != nil {
					b0 = bias[0]
				}
				depthwise3x3(dst, src, wts, b0, s, win, padded)
			default:
				im2colConv(dst, src, wts, bias, s, win, a)
			}
		}
	}
	return out, nil
}

// fillBias starts every output plane at its bias (or zero).
func fillBias(dst, bias []float32, planes, plane int) {
	if bias == nil {
		return
	}
	for m := range planes {
		v := bias[m]
		p := dst[m*plane : (m+1)*plane]
		for i := range p {
			p[i] = v
		}
	}
}
