package onnx

// im2colBytes bounds the patch matrix of one strip, so it stays in cache
// and its size does not grow with the image.
const im2colBytes = 256 << 10

// im2colConv lowers a general convolution to gemm, a strip of output rows
// at a time: each output position's receptive field becomes a column of
// patch rows ordered (channel, ky, kx), zero where the window leaves the
// image. The product then adds bias and the taps in exactly that order,
// so the result has the bits of the direct loop over (channel, ky, kx);
// it is only faster, because the product loop is contiguous.
func im2colConv(dst, src []float32, mat *matrix, bias []float32, ep epilogue, s convShapes, win window, a *arena) {
	plane := s.oh * s.ow
	rows := s.cg * s.kh * s.kw
	strip := max(1, im2colBytes/(4*rows*s.ow))
	patches := a.scratchBuf(scratchStrip, rows*min(strip, s.oh)*s.ow)
	// With a horizontal stride of 2 (BlazeFace's first layer), the input
	// rows a strip reads are split into their even and odd columns once
	// per channel, so each patch row segment is a contiguous copy.
	var split []float32
	if win.sw == 2 && win.dw == 1 && s.w >= 2 {
		split = a.scratchBuf(scratchRows, ((min(strip, s.oh)-1)*win.sh+(s.kh-1)*win.dh+1)*s.w)
	}
	for oy0 := 0; oy0 < s.oh; oy0 += strip {
		oy1 := min(oy0+strip, s.oh)
		n := (oy1 - oy0) * s.ow
		im2colStrip(patches, n, src, s, win, oy0, oy1, split)
		sep := ep
		if sep.res != nil {
			sep.res = ep.res[oy0*s.ow:]
		}
		gemm(dst[oy0*s.ow:], plane, patches, n, mat, bias, sep, n)
	}
}

// im2colStrip writes the patch rows of output rows [oy0, oy1) into
// patches, row r at r*n. split, when not nil (horizontal stride 2 and
// dilation 1 only), holds room for the strip's input rows of one channel,
// each split into its even columns, then its odd ones.
func im2colStrip(patches []float32, n int, src []float32, s convShapes, win window, oy0, oy1 int, split []float32) {
	half := (s.w + 1) / 2 // even columns
	iyLo, iyHi := 0, 0
	if split != nil {
		iyLo = max(0, oy0*win.sh-win.pt)
		iyHi = min(s.h, (oy1-1)*win.sh+(s.kh-1)*win.dh-win.pt+1)
	}
	for c := range s.cg {
		x := src[c*s.h*s.w : (c+1)*s.h*s.w]
		for iy := iyLo; iy < iyHi; iy++ {
			row := x[iy*s.w : (iy+1)*s.w]
			even := split[(iy-iyLo)*s.w:][:half]
			odd := split[(iy-iyLo)*s.w+half:][:s.w-half]
			deinterleave(even, odd, row)
		}
		for ky := range s.kh {
			y0, y1 := validRange(ky, win.sh, win.dh, win.pt, s.h, s.oh)
			for kx := range s.kw {
				row := patches[((c*s.kh+ky)*s.kw+kx)*n:][:n]
				x0, x1 := validRange(kx, win.sw, win.dw, win.pl, s.w, s.ow)
				ix0 := x0*win.sw + kx*win.dw - win.pl
				for oy := oy0; oy < oy1; oy++ {
					out := row[(oy-oy0)*s.ow : (oy-oy0+1)*s.ow]
					if oy < y0 || oy >= y1 || x0 >= x1 {
						clear(out)
						continue
					}
					clear(out[:x0])
					clear(out[x1:])
					in := x[(oy*win.sh+ky*win.dh-win.pt)*s.w:]
					seg := out[x0:x1]
					if win.sw == 1 {
						copy(seg, in[ix0:ix0+len(seg)])
						continue
					}
					if split != nil {
						// Column ix0+2i is entry ix0/2+i of the row's
						// even or odd half (ix0 >= 0).
						r := split[(oy*win.sh+ky*win.dh-win.pt-iyLo)*s.w:]
						if ix0%2 == 1 {
							r = r[half:]
						}
						copy(seg, r[ix0/2:ix0/2+len(seg)])
						continue
					}
					for i := range seg {
						seg[i] = in[ix0+i*win.sw]
					}
				}
			}
		}
	}
}
