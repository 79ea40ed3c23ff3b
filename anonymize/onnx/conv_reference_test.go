package onnx

// directConv is the reference the fast paths are checked against: any
// kernel size, stride, dilation and padding, by adding one shifted,
// weighted input row per (channel, ky, kx) to each output row (bias
// first); out-of-image taps are skipped (zero padding).
func directConv(dst, src, wts, bias []float32, s convShapes, win window) {
	plane := s.oh * s.ow
	for m := range s.mg {
		o := dst[m*plane : (m+1)*plane]
		var b float32
		if bias != nil {
			b = bias[m]
		}
		for i := range o {
			o[i] = b
		}
		for c := range s.cg {
			x := src[c*s.h*s.w : (c+1)*s.h*s.w]
			for ky := range s.kh {
				y0, y1 := validRange(ky, win.sh, win.dh, win.pt, s.h, s.oh)
				for kx := range s.kw {
					w := wts[((m*s.cg+c)*s.kh+ky)*s.kw+kx]
					x0, x1 := validRange(kx, win.sw, win.dw, win.pl, s.w, s.ow)
					if x0 >= x1 {
						continue
					}
					ix0 := x0*win.sw + kx*win.dw - win.pl
					for oy := y0; oy < y1; oy++ {
						row := x[(oy*win.sh+ky*win.dh-win.pt)*s.w:]
						orow := o[oy*s.ow+x0 : oy*s.ow+x1]
						for i := range orow {
							orow[i] += float32(w * row[ix0+i*win.sw])
						}
					}
				}
			}
		}
	}
}
