package onnx

import (
	"fmt"
	"math"
)

type maxPoolKernel struct{ win window }

func compileMaxPool(n *Node) (kernel, error) {
	w, err := parseWindow(n, true)
	if err != nil {
		return nil, err
	}
	if ceil, err := n.intAttr("ceil_mode", 0); err != nil || ceil != 0 {
		if err == nil {
			err = n.errorf("ceil_mode=%d is not supported", ceil)
		}
		return nil, err
	}
	if order, err := n.intAttr("storage_order", 0); err != nil || order != 0 {
		if err == nil {
			err = n.errorf("storage_order=%d is not supported", order)
		}
		return nil, err
	}
	return maxPoolKernel{win: w}, nil
}

// run takes the maximum over each window; padded positions never win.
func (k maxPoolKernel) run(in []*Tensor, a *arena) (*Tensor, error) {
	if err := needFloats(in, 1); err != nil {
		return nil, err
	}
	x := in[0]
	n, c, h, w, err := nchw(x)
	if err != nil {
		return nil, err
	}
	oh, ow, err := k.win.outSize(h, w)
	if err != nil {
		return nil, fmt.Errorf("input %v: %w", x.Shape, err)
	}
	out := a.uninit(n, c, oh, ow)
	negInf := float32(math.Inf(-1))
	win := k.win
	halving := win.kh == 2 && win.kw == 2 && win.sh == 2 && win.sw == 2 && win.dh == 1 && win.dw == 1 &&
		win.pt == 0 && win.pl == 0 && win.pb == 0 && win.pr == 0
	for plane := range n * c {
		src := x.Data[plane*h*w : (plane+1)*h*w]
		dst := out.Data[plane*oh*ow : (plane+1)*oh*ow]
		if halving {
			maxPool2x2(dst, src, w, oh, ow)
			continue
		}
		for i := range dst {
			dst[i] = negInf
		}
		for ky := range k.win.kh {
			y0, y1 := validRange(ky, k.win.sh, k.win.dh, k.win.pt, h, oh)
			for kx := range k.win.kw {
				x0, x1 := validRange(kx, k.win.sw, k.win.dw, k.win.pl, w, ow)
				for oy := y0; oy < y1; oy++ {
					row := src[(oy*k.win.sh+ky*k.win.dh-k.win.pt)*w:]
					for ox := x0; ox < x1; ox++ {
						v := row[ox*k.win.sw+kx*k.win.dw-k.win.pl]
						if v > dst[oy*ow+ox] {
							dst[oy*ow+ox] = v
						}
					}
				}
			}
		}
	}
	return out, nil
}

// maxPool2x2 is the 2x2, stride-2, unpadded case (BlazeFace's) with the
// general loop's rule: start at -Inf, then each tap in (ky, kx) order
// replaces the maximum only when greater (so NaN never wins).
func maxPool2x2(dst, src []float32, w, oh, ow int) {
	negInf := float32(math.Inf(-1))
	for oy := range oh {
		r0 := src[2*oy*w:][:2*ow]
		r1 := src[(2*oy+1)*w:][:len(r0)]
		o := dst[oy*ow:][:len(r0)/2]
		i := 0
		if maxPoolRowKernel != nil && ow >= 8 {
			n := ow / 8 * 8
			maxPoolRowKernel(o[:n], r0[:2*n], r1[:2*n], n)
			i = 2 * n
		}
		for ; i+1 < len(r0) && i+1 < len(r1); i += 2 {
			m := negInf
			m = greater(r0[i], m)
			m = greater(r0[i+1], m)
			m = greater(r1[i], m)
			m = greater(r1[i+1], m)
			o[i/2] = m
		}
	}
}

// greater is v if v > m, else m (so a NaN v never replaces m). It selects
// through the bits so that it compiles without a branch: whether a value
// beats the running maximum is unpredictable, and the mispredicted
// branches cost about as much as the rest of the pooling.
func greater(v, m float32) float32 {
	var sel uint32
	if v > m {
		sel = ^uint32(0)
	}
	return math.Float32frombits(math.Float32bits(v)&sel | math.Float32bits(m)&^sel)
}
