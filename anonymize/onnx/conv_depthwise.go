package onnx

// depthwise3x3 is directConv specialised for one input and one output
// channel with a 3x3 kernel and dilation 1: the plane is copied into a
// zero-bordered buffer so every tap is in bounds, and each output value is
// accumulated in a register, in the same (ky, kx) order as directConv.
// Padded taps add w*0, which leaves every non-zero sum unchanged.
func depthwise3x3(o, x, w []float32, bias float32, s convShapes, win window, padded []float32) {
	pw := s.w + win.pl + win.pr
	ph := s.h + win.pt + win.pb
	padded = padded[:pw*ph]
	clear(padded)
	for y := range s.h {
		copy(padded[(y+win.pt)*pw+win.pl:], x[y*s.w:(y+1)*s.w])
	}
	w0, w1, w2, w3, w4, w5, w6, w7, w8 := w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]
	sx := win.sw
	for oy := range s.oh {
		r0 := padded[oy*win.sh*pw:]
		r1 := r0[pw:]
		r2 := r1[pw:]
		orow := o[oy*s.ow : (oy+1)*s.ow]
		for ox := range orow {
			i := ox * sx
			a := r0[i : i+3]
			b := r1[i : i+3]
			c := r2[i : i+3]
			acc := bias
			acc += float32(w0 * a[0])
			acc += float32(w1 * a[1])
			acc += float32(w2 * a[2])
			acc += float32(w3 * b[0])
			acc += float32(w4 * b[1])
			acc += float32(w5 * b[2])
			acc += float32(w6 * c[0])
			acc += float32(w7 * c[1])
			acc += float32(w8 * c[2])
			orow[ox] = acc
		}
	}
}
