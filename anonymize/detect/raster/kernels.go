package raster

// The vector kernels (kernels_<arch>.go) do exactly the portable code's
// float32 operations, lane by lane in the same order, each product
// rounded before it is added (no fused multiply-add); a test compares
// their bits with the portable code's.
var (
	// transposeRowsKernel, when set, does dst[bandRows*x+r] =
	// float32(rows[r][x]) for x < n, n a multiple of bandRows.
	transposeRowsKernel func(dst *float32, rows *[bandRows]*uint8, n int)
	// transposeRGBARowsKernel, when set, does dst[c][bandRows*x+r] =
	// float32(rows[r][4x+c]) for c < 3 and x < n, n a multiple of
	// bandRows.
	transposeRGBARowsKernel func(dst *[3]*float32, rows *[bandRows]*uint8, n int)
	// bandTapsKernel, when set, is the horizontal pass of bandRows rows
	// at once (see band.rows).
	bandTapsKernel func(out *float32, stride, step int, cols *float32, first, start *int, weights *float32, n int)
	// addScaledKernel, when set, does out[k] += float32(w * in[k]) for k
	// < n, n a multiple of vectorFloats.
	addScaledKernel func(out, in *float32, w float32, n int)
)

// vectorFloats is the kernels' vector width in float32s.
const vectorFloats = 8
