package onnx

import "golang.org/x/sys/cpu"

// The vector kernels (kernels_amd64.s) use AVX2 multiplies and adds, never
// FMA, and add the terms of every output value in the same order as the
// portable code, so they give the same bits.
func init() {
	if cpu.X86.HasAVX2 {
		gemmBlockKernel = gemmBlockAVX2
		depthwiseRowsKernel = depthwiseRowsAVX2
	}
}

//go:noescape
func gemm4x16AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, k int, blocks int, bias *float32, res *float32, resStride int, relu bool)

//go:noescape
func depthwise3x3AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, bias float32, rows int, blocks int)

// zeroBias stands in for a missing bias: every sum then starts at +0, as
// in the portable code.
var zeroBias [gemmRows]float32

// gemmBlockAVX2 computes gemmRows output rows over cols positions (a
// multiple of gemmCols); the caller has checked every bound.
func gemmBlockAVX2(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int) {
	b := &zeroBias[0]
	if bias != nil {
		b = &bias[0]
	}
	var r *float32
	if res != nil {
		r = &res[0]
	}
	gemm4x16AVX2(&dst[0], dstStride, &src[0], srcStride, &packed[0], len(packed)/gemmRows, cols/gemmCols, b, r, resStride, relu)
}

// depthwiseRowsAVX2 runs the 3x3 stride-1 kernel over rows x cols outputs
// (cols a multiple of 8); the caller has checked every bound.
func depthwiseRowsAVX2(dst []float32, dstStride int, src []float32, srcStride int, w []float32, bias float32, rows, cols int) {
	depthwise3x3AVX2(&dst[0], dstStride, &src[0], srcStride, &w[0], bias, rows, cols/8)
}
