package onnx

// im2colConv lowers a general convolution to pointwiseConv: each output
// position's receptive field becomes a column of patch rows ordered
// (channel, ky, kx), zero where the window leaves the image. The product
// then adds bias and the taps in exactly directConv's order, so both give
// the same bits; this is only faster, because the product loop is
// contiguous.
func im2colConv(dst, src, wts, bias []float32, s convShapes, win window, a *arena) {
	plane := s.oh * s.ow
	rows := s.cg * s.kh * s.kw
	patches := a.tensor(rows, plane)
	defer a.recycle(patches)
	for c := range s.cg {
		x := src[c*s.h*s.w : (c+1)*s.h*s.w]
		for ky := range s.kh {
			y0, y1 := validRange(ky, win.sh, win.dh, win.pt, s.h, s.oh)
			for kx := range s.kw {
				row := patches.Data[((c*s.kh+ky)*s.kw+kx)*plane:][:plane]
				x0, x1 := validRange(kx, win.sw, win.dw, win.pl, s.w, s.ow)
				ix0 := x0*win.sw + kx*win.dw - win.pl
				for oy := y0; oy < y1; oy++ {
					in := x[(oy*win.sh+ky*win.dh-win.pt)*s.w:]
					out := row[oy*s.ow+x0 : oy*s.ow+x1]
					for i := range out {
						out[i] = in[ix0+i*win.sw]
					}
				}
			}
		}
	}
	pointwiseConv(dst, patches.Data, wts, bias, s.mg, rows, plane)
}
