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
	out := a.tensor(n, c, oh, ow)
	negInf := float32(math.Inf(-1))
	for plane := range n * c {
		src := x.Data[plane*h*w : (plane+1)*h*w]
		dst := out.Data[plane*oh*ow : (plane+1)*oh*ow]
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
