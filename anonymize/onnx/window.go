package onnx

import "fmt"

// window is the 2-D sliding window shared by Conv and MaxPool.
type window struct {
	kh, kw int // kernel size
	sh, sw int // strides
	dh, dw int // dilations
	pt, pl int // padding before (top, left)
	pb, pr int // padding after (bottom, right)
}

// parseWindow reads kernel_shape, strides, dilations and pads. Conv may
// omit kernel_shape (it follows from the weights); MaxPool may not.
func parseWindow(n *Node, needKernel bool) (window, error) {
	var w window
	if err := n.checkAutoPad(); err != nil {
		return w, err
	}
	ks, err := n.intsAttr("kernel_shape", nil, 2)
	if err != nil {
		return w, err
	}
	if ks == nil && needKernel {
		return w, n.errorf("attribute kernel_shape is required")
	}
	if ks != nil {
		w.kh, w.kw = ks[0], ks[1]
		if w.kh < 1 || w.kw < 1 {
			return w, n.errorf("kernel_shape %v must be positive", ks)
		}
	}
	st, err := n.intsAttr("strides", []int{1, 1}, 2)
	if err != nil {
		return w, err
	}
	dl, err := n.intsAttr("dilations", []int{1, 1}, 2)
	if err != nil {
		return w, err
	}
	pads, err := n.intsAttr("pads", []int{0, 0, 0, 0}, 4)
	if err != nil {
		return w, err
	}
	w.sh, w.sw, w.dh, w.dw = st[0], st[1], dl[0], dl[1]
	w.pt, w.pl, w.pb, w.pr = pads[0], pads[1], pads[2], pads[3]
	if w.sh < 1 || w.sw < 1 || w.dh < 1 || w.dw < 1 {
		return w, n.errorf("strides %v and dilations %v must be positive", st, dl)
	}
	for _, p := range pads {
		if p < 0 {
			return w, n.errorf("pads %v must not be negative", pads)
		}
	}
	return w, nil
}

// outSize is the output height and width for an h x w input.
func (w window) outSize(h, wd int) (int, int, error) {
	effH := w.dh*(w.kh-1) + 1
	effW := w.dw*(w.kw-1) + 1
	oh := (h+w.pt+w.pb-effH)/w.sh + 1
	ow := (wd+w.pl+w.pr-effW)/w.sw + 1
	if h+w.pt+w.pb < effH || wd+w.pl+w.pr < effW || oh < 1 || ow < 1 {
		return 0, 0, fmt.Errorf("window %dx%d does not fit a padded %dx%d input", effH, effW, h, wd)
	}
	return oh, ow, nil
}

// validRange returns the output positions [lo, hi) whose input coordinate
// o*stride + k*dilation - padBefore falls inside [0, size).
func validRange(k, stride, dilation, padBefore, size, outSize int) (lo, hi int) {
	off := k*dilation - padBefore
	// smallest o with o*stride + off >= 0
	lo = 0
	if off < 0 {
		lo = (-off + stride - 1) / stride
	}
	// largest o with o*stride + off <= size-1, plus one
	hi = 0
	if size-1-off >= 0 {
		hi = (size-1-off)/stride + 1
	}
	hi = min(hi, outSize)
	if lo > hi {
		lo = hi
	}
	return lo, hi
}

// nchw checks a 4-D float input and returns its dimensions.
func nchw(t *Tensor) (n, c, h, w int, err error) {
	if len(t.Shape) != 4 {
		return 0, 0, 0, 0, fmt.Errorf("want a 4-D NCHW tensor, got shape %v", t.Shape)
	}
	return t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3], nil
}
