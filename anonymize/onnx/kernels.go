package onnx

// Vector kernels, set at start-up where the CPU has them (see
// kernels_<arch>.go); nil means the portable loops do all the work.
var (
	// gemmBlockKernel computes gemmRows output rows x cols positions (cols
	// a multiple of gemmCols) of gemm, packed holding those rows' weights.
	gemmBlockKernel func(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int)
	// gemmWideKernel computes 2*gemmRows output rows x cols positions
	// (cols a multiple of gemmWideCols) of gemm, packed holding two
	// consecutive packed blocks of gemmRows rows.
	gemmWideKernel func(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int)
	// depthwiseS2RowsKernel computes rows x cols outputs (cols a multiple
	// of 8) of a 3x3, stride-2 convolution of one zero-bordered plane
	// given as its even and odd columns (two planes of one stride).
	depthwiseS2RowsKernel func(dst []float32, dstStride int, even, odd []float32, srcStride int, w []float32, bias float32, rows, cols int)
	// maxPoolRowKernel computes n outputs (a multiple of 8) of a 2x2,
	// stride-2 max pool from input rows r0 and r1 (2n values each).
	maxPoolRowKernel func(dst, r0, r1 []float32, n int)
	// depthwiseRowsKernel computes rows x cols outputs (cols a multiple of
	// 8) of a 3x3, stride-1 convolution of one zero-bordered plane.
	depthwiseRowsKernel func(dst []float32, dstStride int, src []float32, srcStride int, w []float32, bias float32, rows, cols int)
	// deinterleaveKernel copies n pairs of src (n a multiple of 8):
	// even[i] = src[2i], odd[i] = src[2i+1].
	deinterleaveKernel func(even, odd, src []float32, n int)
)
