package onnx

// depthwise3x3 is a 3x3 convolution of one input channel into one output
// channel, dilation 1, any stride: the plane is copied into a zero-bordered
// buffer so every tap is in bounds, and each output value is accumulated in
// a register as bias, then + w*x for (ky, kx) in order. Padded taps add
// w*0, which leaves every non-zero sum unchanged. Stride 1 runs on the
// vector kernel where there is one; the portable loop below gives the same
// bits.
//
// padded must hold (h+pt+pb) x (w+pl+pr+1) values (the stride-2 path uses
// the extra column).
func depthwise3x3(o, x, w []float32, bias float32, s convShapes, win window, padded []float32) {
	pw := s.w + win.pl + win.pr
	ph := s.h + win.pt + win.pb
	if depthwiseS2RowsKernel != nil && win.sh == 2 && win.sw == 2 && s.ow >= 8 {
		depthwise3x3s2(o, x, w, bias, s, win, padded[:2*ph*((pw+1)/2)])
		return
	}
	padded = padded[:pw*ph]
	clear(padded)
	for y := range s.h {
		copy(padded[(y+win.pt)*pw+win.pl:], x[y*s.w:(y+1)*s.w])
	}
	vec := 0
	if depthwiseRowsKernel != nil && win.sh == 1 && win.sw == 1 {
		vec = s.ow / 8 * 8
	}
	if vec > 0 {
		// Output row oy reads padded rows oy..oy+2, columns up to
		// vec-1+2 < pw: in bounds.
		depthwiseRowsKernel(o, s.ow, padded, pw, w[:9], bias, s.oh, vec)
	}
	depthwiseColumns(o, padded, pw, w, bias, s, win, vec, s.ow)
}

// depthwiseColumns computes output columns [x0, x1) of every row.
func depthwiseColumns(o, padded []float32, pw int, w []float32, bias float32, s convShapes, win window, x0, x1 int) {
	if x0 >= x1 {
		return
	}
	w0, w1, w2, w3, w4, w5, w6, w7, w8 := w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]
	sx := win.sw
	for oy := range s.oh {
		r0 := padded[oy*win.sh*pw:]
		r1 := r0[pw:]
		r2 := r1[pw:]
		orow := o[oy*s.ow : (oy+1)*s.ow]
		for ox := x0; ox < x1; ox++ {
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

// depthwise3x3s2 is depthwise3x3 with stride 2 on the vector kernel: the
// zero-bordered plane is made as two planes, its even columns and its odd
// ones, so output column x reads even[x], odd[x], even[x+1] of each of
// its three rows, contiguous for adjacent outputs. The columns the kernel
// leaves (fewer than 8) are summed here in the same order.
func depthwise3x3s2(o, x, w []float32, bias float32, s convShapes, win window, split []float32) {
	pw := s.w + win.pl + win.pr
	ph := s.h + win.pt + win.pb
	hw := (pw + 1) / 2
	even, odd := split[:ph*hw], split[ph*hw:2*ph*hw]
	clear(split)
	c0 := win.pl % 2 // the first input column landing on an even column
	for y := range s.h {
		row := x[y*s.w : (y+1)*s.w]
		e := even[(y+win.pt)*hw:][:hw]
		d := odd[(y+win.pt)*hw:][:hw]
		c := 0
		if c0 == 1 { // column pl odd: the first value is an odd column
			d[win.pl/2] = row[0]
			c = 1
		}
		// From here on row[c] lands on even column c+pl, row[c+1] on the
		// odd one after it.
		j := (c + win.pl) / 2
		for ; c+1 < s.w; c += 2 {
			e[j], d[j] = row[c], row[c+1]
			j++
		}
		if c < s.w {
			e[j] = row[c]
		}
	}
	// Output row oy reads split rows 2oy..2oy+2 < ph and even columns up
	// to vec <= ow <= (pw-1)/2 < hw: in bounds.
	vec := s.ow / 8 * 8
	depthwiseS2RowsKernel(o, s.ow, even, odd, hw, w[:9], bias, s.oh, vec)
	for oy := range s.oh {
		orow := o[oy*s.ow : (oy+1)*s.ow]
		for ox := vec; ox < s.ow; ox++ {
			acc := bias
			for ky := range 3 {
				r := (2*oy + ky) * hw
				acc += float32(w[3*ky] * even[r+ox])
				acc += float32(w[3*ky+1] * odd[r+ox])
				acc += float32(w[3*ky+2] * even[r+ox+1])
			}
			orow[ox] = acc
		}
	}
}
