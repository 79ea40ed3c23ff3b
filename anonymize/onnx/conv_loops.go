package onnx

// pointwiseChunk is how many positions pointwiseConv handles at a time, so
// that chunk of every input channel stays in cache across output channels.
const pointwiseChunk = 1024

// pointwiseConv is a 1x1, stride-1, unpadded convolution: a matrix product
// of weights [mg x cg] with input planes [cg x plane]. Four output channels
// share each input load. Every output is bias + sum over c in ascending
// order, whatever the chunking.
func pointwiseConv(dst, src, wts, bias []float32, mg, cg, plane int) {
	fillBias(dst, bias, mg, plane)
	for p0 := 0; p0 < plane; p0 += pointwiseChunk {
		p1 := min(p0+pointwiseChunk, plane)
		m := 0
		for ; m+4 <= mg; m += 4 {
			o0 := dst[m*plane+p0 : m*plane+p1]
			o1 := dst[(m+1)*plane+p0 : (m+1)*plane+p1][:len(o0)]
			o2 := dst[(m+2)*plane+p0 : (m+2)*plane+p1][:len(o0)]
			o3 := dst[(m+3)*plane+p0 : (m+3)*plane+p1][:len(o0)]
			for c := range cg {
				w0, w1, w2, w3 := wts[(m+0)*cg+c], wts[(m+1)*cg+c], wts[(m+2)*cg+c], wts[(m+3)*cg+c]
				x := src[c*plane+p0 : c*plane+p1][:len(o0)]
				for i, v := range x {
					o0[i] += float32(w0 * v)
					o1[i] += float32(w1 * v)
					o2[i] += float32(w2 * v)
					o3[i] += float32(w3 * v)
				}
			}
		}
		for ; m < mg; m++ {
			o := dst[m*plane+p0 : m*plane+p1]
			for c := range cg {
				w := wts[m*cg+c]
				x := src[c*plane+p0 : c*plane+p1][:len(o)]
				for i, v := range x {
					o[i] += float32(w * v)
				}
			}
		}
	}
}

// directConv handles any kernel size, stride, dilation and padding by
// adding one shifted, weighted input row per (channel, ky, kx) to each
// output row; out-of-image taps are simply skipped (zero padding).
func directConv(dst, src, wts, bias []float32, s convShapes, win window) {
	plane := s.oh * s.ow
	fillBias(dst, bias, s.mg, plane)
	for m := range s.mg {
		o := dst[m*plane : (m+1)*plane]
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
						if win.sw == 1 {
							in := row[ix0 : ix0+len(orow)]
							for i, v := range in {
								orow[i] += float32(w * v)
							}
							continue
						}
						for i := range orow {
							orow[i] += float32(w * row[ix0+i*win.sw])
						}
					}
				}
			}
		}
	}
}
