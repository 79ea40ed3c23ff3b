package onnx

// depthwise3x3 computes output rows [oy0, oy1) of a 3x3 convolution of one
// input channel into one output channel, dilation 1, any stride; o holds
// those rows only. The input rows they read are copied into a
// zero-bordered buffer so every tap is in bounds, and each output value is
// accumulated in a register as bias, then + w*x for (ky, kx) in order.
// Padded taps add w*0, which leaves every non-zero sum unchanged. Which
// rows a call computes changes nothing in any value: callers take strips
// so the buffer stays in cache. Stride 1 runs on the vector kernel where
// there is one; the portable loop below gives the same bits.
//
// padded must hold depthwisePadLen(s, win, oy1-oy0) values.
func depthwise3x3(o, x, w []float32, bias float32, s convShapes, win window, oy0, oy1 int, padded []float32) {
	rows := oy1 - oy0
	switch {
	case depthwiseS2RowsKernel != nil && win.sh == 2 && win.sw == 2 && s.ow >= 8:
		depthwise3x3s2(o, x, w, bias, s, win, oy0, oy1, padded[:depthwisePadLen(s, win, rows)])
	case depthwiseRowsKernel != nil && win.sh == 1 && win.sw == 1 && win.pl == 1 && win.pr == 1 && s.ow >= 3*edgeCols:
		depthwise3x3Direct(o, x, w, bias, s, win, oy0, oy1, padded)
	default:
		depthwise3x3Padded(o, x, w, bias, s, win, oy0, oy1, padded)
	}
}

// depthwise3x3Padded is depthwise3x3 through a zero-bordered copy of the
// rows read.
func depthwise3x3Padded(o, x, w []float32, bias float32, s convShapes, win window, oy0, oy1 int, padded []float32) {
	if oy0 >= oy1 {
		return
	}
	rows := oy1 - oy0
	pw := s.w + win.pl + win.pr
	ph := depthwiseInRows(win, rows)
	padded = padded[:pw*ph]
	for r := range ph {
		row := padded[r*pw : (r+1)*pw]
		iy := oy0*win.sh - win.pt + r
		if iy < 0 || iy >= s.h {
			clear(row)
			continue
		}
		clear(row[:win.pl])
		copy(row[win.pl:], x[iy*s.w:(iy+1)*s.w])
		clear(row[win.pl+s.w:])
	}
	vec := 0
	if depthwiseRowsKernel != nil && win.sh == 1 && win.sw == 1 {
		vec = s.ow / 8 * 8
	}
	if vec > 0 {
		// Output row oy reads padded rows oy..oy+2, columns up to
		// vec-1+2 < pw: in bounds.
		depthwiseRowsKernel(o, s.ow, padded, pw, w[:9], bias, rows, vec)
	}
	depthwiseColumns(o, padded, pw, w, bias, rows, s.ow, win, vec, s.ow)
}

// edgeCols is how many output columns at each side of a row
// depthwise3x3Direct computes from a narrow zero-bordered copy: one
// vector kernel block. Rows of at least 3*edgeCols outputs leave room for
// both copies in the padded buffer.
const edgeCols = 8

// depthwise3x3Direct is depthwise3x3 for stride 1 and one column of
// padding each side, without copying whole rows: the vector kernel reads
// the rows whose windows lie inside the image in place, except for the
// first and last edgeCols outputs of each row, which it reads from narrow
// zero-bordered copies of the row ends (the columns between overlap the
// in-place ones and get the same values again). Rows whose windows leave
// the image go through the padded copy.
func depthwise3x3Direct(o, x, w []float32, bias float32, s convShapes, win window, oy0, oy1 int, padded []float32) {
	// Output row oy reads input rows oy-pt .. oy-pt+2.
	in0 := min(max(oy0, win.pt), oy1)
	in1 := max(min(oy1, s.h-2+win.pt), in0)
	depthwise3x3Padded(o, x, w, bias, s, win, oy0, in0, padded)
	depthwise3x3Padded(o[(in1-oy0)*s.ow:], x, w, bias, s, win, in1, oy1, padded)
	rows := in1 - in0
	if rows == 0 {
		return
	}
	out := o[(in0-oy0)*s.ow:]
	src := x[(in0-win.pt)*s.w:]
	// Columns [1, 1+inner) read input columns 0 .. inner+1 <= w-1.
	inner := (s.ow - 2) / 8 * 8
	depthwiseRowsKernel(out[1:], s.ow, src, s.w, w[:9], bias, rows, inner)
	// The ends: padded columns [0, edgeCols+2) and [ow-edgeCols, ow+2),
	// that is a zero and input columns 0..edgeCols, then input columns
	// w-edgeCols-1 .. w-1 and a zero.
	const nw = edgeCols + 2
	left, right := padded[:(rows+2)*nw], padded[(rows+2)*nw:2*(rows+2)*nw]
	for r := range rows + 2 {
		row := src[r*s.w : (r+1)*s.w]
		l, rt := left[r*nw:(r+1)*nw], right[r*nw:(r+1)*nw]
		l[0] = 0
		copy(l[1:], row[:nw-1])
		copy(rt, row[s.w-nw+1:])
		rt[nw-1] = 0
	}
	depthwiseRowsKernel(out, s.ow, left, nw, w[:9], bias, rows, edgeCols)
	depthwiseRowsKernel(out[s.ow-edgeCols:], s.ow, right, nw, w[:9], bias, rows, edgeCols)
}

// depthwiseInRows is how many input rows (padding included) rows output
// rows of a 3x3 window read.
func depthwiseInRows(win window, rows int) int { return (rows-1)*win.sh + 3 }

// depthwisePadLen is the buffer depthwise3x3 needs for rows output rows:
// their input rows, padded, plus one column for the stride-2 split.
func depthwisePadLen(s convShapes, win window, rows int) int {
	return depthwiseInRows(win, rows) * (s.w + win.pl + win.pr + 1)
}

// depthwiseColumns computes output columns [x0, x1) of rows rows of width
// ow from the zero-bordered rows in padded (stride pw).
func depthwiseColumns(o, padded []float32, pw int, w []float32, bias float32, rows, ow int, win window, x0, x1 int) {
	if x0 >= x1 {
		return
	}
	w0, w1, w2, w3, w4, w5, w6, w7, w8 := w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]
	sx := win.sw
	for oy := range rows {
		r0 := padded[oy*win.sh*pw:]
		r1 := r0[pw:]
		r2 := r1[pw:]
		orow := o[oy*ow : (oy+1)*ow]
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
// zero-bordered rows are made as two planes, their even columns and their
// odd ones, so output column x reads even[x], odd[x], even[x+1] of each of
// its three rows, contiguous for adjacent outputs. The columns the kernel
// leaves (fewer than 8) are summed here in the same order.
func depthwise3x3s2(o, x, w []float32, bias float32, s convShapes, win window, oy0, oy1 int, split []float32) {
	rows := oy1 - oy0
	pw := s.w + win.pl + win.pr
	ph := depthwiseInRows(win, rows)
	hw := (pw + 1) / 2
	even, odd := split[:ph*hw], split[ph*hw:2*ph*hw]
	c0 := win.pl % 2 // the first input column landing on an even column
	for r := range ph {
		e := even[r*hw:][:hw]
		d := odd[r*hw:][:hw]
		iy := oy0*win.sh - win.pt + r
		if iy < 0 || iy >= s.h {
			clear(e)
			clear(d)
			continue
		}
		row := x[iy*s.w : (iy+1)*s.w]
		// Padding columns: left of column pl, and from pl+w on.
		clear(e[:(win.pl+1)/2])
		clear(d[:win.pl/2])
		clear(e[(win.pl+s.w+1)/2:])
		clear(d[(win.pl+s.w)/2:])
		c := 0
		if c0 == 1 { // column pl odd: the first value is an odd column
			d[win.pl/2] = row[0]
			c = 1
		}
		// From here on row[c] lands on even column c+pl, row[c+1] on the
		// odd one after it.
		j := (c + win.pl) / 2
		deinterleave(e[j:], d[j:], row[c:])
	}
	// Output row oy reads split rows 2oy..2oy+2 < ph and even columns up
	// to vec <= ow <= (pw-1)/2 < hw: in bounds.
	vec := s.ow / 8 * 8
	depthwiseS2RowsKernel(o, s.ow, even, odd, hw, w[:9], bias, rows, vec)
	for oy := range rows {
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
