package onnx

// Vector kernels, set at start-up where the CPU has them (see
// kernels_<arch>.go); nil means the portable loops do all the work.
var (
	// gemmBlockKernel computes gemmRows output rows x cols positions (cols
	// a multiple of gemmCols) of gemm, packed holding those rows' weights.
	gemmBlockKernel func(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int)
	// depthwiseRowsKernel computes rows x cols outputs (cols a multiple of
	// 8) of a 3x3, stride-1 convolution of one zero-bordered plane.
	depthwiseRowsKernel func(dst []float32, dstStride int, src []float32, srcStride int, w []float32, bias float32, rows, cols int)
)
