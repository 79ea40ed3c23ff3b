package onnx

import "fmt"

// A convolution lowered to a matrix product computes, for output channel m
// and position p,
//
//	out[m][p] = epilogue(bias[m] + w[m][0]*x[0][p] + w[m][1]*x[1][p] + ...)
//
// with the products rounded to float32 before each add (no fused
// multiply-add) and the terms added in ascending input channel. The
// epilogue optionally adds a residual value (a fused Add) and clamps at
// zero (a fused Relu). Every code path below follows exactly this order per
// output value, vectorised or not, so the bits do not depend on which one
// runs: the choice is made by the CPU's features, and two workers must agree.

// gemmRows is how many output channels one block of the vector kernel
// computes, gemmCols how many positions.
const (
	gemmRows = 4
	gemmCols = 16
	// gemmWideCols is how many positions one block of the wide kernel
	// (gemmWideKernel: 2*gemmRows rows) computes.
	gemmWideCols = 32
	// gemmChunk is how many positions the vector kernels take at a time
	// (64 to 1024 measured the same within noise with the wide kernel).
	gemmChunk = 256
)

// matrix is a convolution's weights as an M x K matrix (row m holds output
// channel m's taps in (input channel, ky, kx) order), plus a copy whose
// full blocks of gemmRows rows are interleaved ([block][k][row]) so the
// vector kernel reads one block's weights for a k as one contiguous group.
type matrix struct {
	m, k   int
	rows   []float32 // m x k, row-major
	packed []float32 // (m/gemmRows) x k x gemmRows
}

func newMatrix(w []float32, m, k int) *matrix {
	mat := &matrix{m: m, k: k, rows: w[:m*k], packed: make([]float32, m/gemmRows*gemmRows*k)}
	for b := range m / gemmRows {
		blk := mat.packed[b*gemmRows*k : (b+1)*gemmRows*k]
		for c := range k {
			for r := range gemmRows {
				blk[c*gemmRows+r] = w[(b*gemmRows+r)*k+c]
			}
		}
	}
	return mat
}

// epilogue is what happens to a sum before it is stored.
type epilogue struct {
	res       []float32 // residual added to the sum, laid out like dst; nil for none
	resStride int
	relu      bool // clamp at zero after the residual, as Relu does (NaN and -0 become +0)
}

// gemm writes rows [0, mat.m) x positions [0, n) of dst (row stride
// dstStride) from src (mat.k rows, stride srcStride); bias may be nil.
func gemm(dst []float32, dstStride int, src []float32, srcStride int, mat *matrix, bias []float32, ep epilogue, n int) {
	if n <= 0 || mat.m == 0 {
		return
	}
	need(dst, (mat.m-1)*dstStride+n, "dst")
	need(src, (mat.k-1)*srcStride+n, "src")
	if ep.res != nil {
		need(ep.res, (mat.m-1)*ep.resStride+n, "residual")
	}
	if bias != nil {
		need(bias, mat.m, "bias")
	}
	vecCols := 0
	if gemmBlockKernel != nil && mat.k > 0 {
		vecCols = n / gemmCols * gemmCols
	}
	vecRows := mat.m / gemmRows * gemmRows
	if vecCols > 0 {
		// block runs the vector kernels on rows [m, m+rows) and positions
		// [p0, p0+cols): the wide kernel (8 rows) on as many positions as
		// it takes, the 4-row kernel on the rest.
		block := func(m, rows, p0, cols int) {
			var b, res []float32
			if bias != nil {
				b = bias[m : m+rows]
			}
			if ep.res != nil {
				res = ep.res[m*ep.resStride+p0:]
			}
			wide := 0
			if rows == 2*gemmRows {
				wide = cols / gemmWideCols * gemmWideCols
				gemmWideKernel(dst[m*dstStride+p0:], dstStride, src[p0:], srcStride,
					mat.packed[m*mat.k:(m+rows)*mat.k], b, res, ep.resStride, ep.relu, wide)
				if wide == cols {
					return
				}
				if res != nil {
					res = res[wide:]
				}
			}
			for r := 0; r < rows; r += gemmRows {
				var br, rr []float32
				if b != nil {
					br = b[r : r+gemmRows]
				}
				if res != nil {
					rr = res[r*ep.resStride:]
				}
				gemmBlockKernel(dst[(m+r)*dstStride+p0+wide:], dstStride, src[p0+wide:], srcStride,
					mat.packed[(m+r)*mat.k:(m+r+gemmRows)*mat.k], br, rr, ep.resStride, ep.relu, cols-wide)
			}
		}
		// Positions in chunks, so one chunk of every input row stays in
		// cache while each block of output channels reads it.
		for p0 := 0; p0 < vecCols; p0 += gemmChunk {
			cols := min(gemmChunk, vecCols-p0)
			m := 0
			if gemmWideKernel != nil && cols >= gemmWideCols {
				for ; m+2*gemmRows <= vecRows; m += 2 * gemmRows {
					block(m, 2*gemmRows, p0, cols)
				}
			}
			for ; m < vecRows; m += gemmRows {
				block(m, gemmRows, p0, cols)
			}
		}
		gemmGeneric(dst, dstStride, src, srcStride, mat, bias, ep, vecRows, mat.m, 0, vecCols)
	}
	gemmGeneric(dst, dstStride, src, srcStride, mat, bias, ep, 0, mat.m, vecCols, n)
}

// need panics with a clear message when a buffer is shorter than the
// product reads or writes: the vector kernel must never run past a slice.
func need(buf []float32, n int, what string) {
	if len(buf) < n {
		panic(fmt.Sprintf("onnx: gemm %s has %d values, needs %d", what, len(buf), n))
	}
}

// gemmGeneric is the portable product over rows [m0, m1) and positions
// [p0, p1), in the documented order. Four output rows share each input
// load; each sum lives in dst while the terms are added.
func gemmGeneric(dst []float32, dstStride int, src []float32, srcStride int, mat *matrix, bias []float32, ep epilogue, m0, m1, p0, p1 int) {
	if p0 >= p1 || m0 >= m1 {
		return
	}
	k := mat.k
	for m := m0; m < m1; m++ {
		var b float32
		if bias != nil {
			b = bias[m]
		}
		row := dst[m*dstStride+p0 : m*dstStride+p1]
		for i := range row {
			row[i] = b
		}
	}
	m := m0
	for ; m+4 <= m1; m += 4 {
		o0 := dst[m*dstStride+p0 : m*dstStride+p1]
		o1 := dst[(m+1)*dstStride+p0:][:len(o0)]
		o2 := dst[(m+2)*dstStride+p0:][:len(o0)]
		o3 := dst[(m+3)*dstStride+p0:][:len(o0)]
		for c := range k {
			w0, w1, w2, w3 := mat.rows[m*k+c], mat.rows[(m+1)*k+c], mat.rows[(m+2)*k+c], mat.rows[(m+3)*k+c]
			x := src[c*srcStride+p0:][:len(o0)]
			for i, v := range x {
				o0[i] += float32(w0 * v)
				o1[i] += float32(w1 * v)
				o2[i] += float32(w2 * v)
				o3[i] += float32(w3 * v)
			}
		}
	}
	for ; m < m1; m++ {
		o := dst[m*dstStride+p0 : m*dstStride+p1]
		for c := range k {
			w := mat.rows[m*k+c]
			x := src[c*srcStride+p0:][:len(o)]
			for i, v := range x {
				o[i] += float32(w * v)
			}
		}
	}
	for m := m0; m < m1; m++ {
		row := dst[m*dstStride+p0 : m*dstStride+p1]
		if ep.res != nil {
			res := ep.res[m*ep.resStride+p0:][:len(row)]
			for i, v := range res {
				row[i] += v
			}
		}
		if ep.relu {
			reluInPlace(row)
		}
	}
}

// reluInPlace is Relu's rule: positive values stay, everything else
// (negatives, -0, NaN) becomes +0.
func reluInPlace(v []float32) {
	for i, x := range v {
		if !(x > 0) {
			v[i] = 0
		}
	}
}
