package onnx

import (
	"math"

	"golang.org/x/sys/cpu"
)

// The vector kernels (kernels_amd64.s) use AVX2 multiplies and adds, never
// FMA, and add the terms of every output value in the same order as the
// portable code, so they give the same bits.
func init() {
	if cpu.X86.HasAVX2 {
		gemmBlockKernel = gemmBlockAVX2
		depthwiseRowsKernel = depthwiseRowsAVX2
		maxPoolRowKernel = maxPoolRowAVX2
		depthwiseS2RowsKernel = depthwiseS2RowsAVX2
		deinterleaveKernel = deinterleaveRowAVX2
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasAVX512F {
		gemmWideKernel = gemmWideAVX512
		depthwiseRowsKernel = depthwiseRowsAVX512
	}
}

//go:noescape
func depthwise3x3AVX512(dst *float32, dstStride int, src *float32, srcStride int, w *float32, bias float32, rows int, blocks int)

// depthwiseRowsAVX512 runs the 512-bit kernel over the columns it takes
// (multiples of 64) and the AVX2 one over the rest.
func depthwiseRowsAVX512(dst []float32, dstStride int, src []float32, srcStride int, w []float32, bias float32, rows, cols int) {
	wide := cols / 64 * 64
	if wide > 0 {
		depthwise3x3AVX512(&dst[0], dstStride, &src[0], srcStride, &w[0], bias, rows, wide/64)
	}
	if wide < cols {
		depthwise3x3AVX2(&dst[wide], dstStride, &src[wide], srcStride, &w[0], bias, rows, (cols-wide)/8)
	}
}

//go:noescape
func gemm8x32AVX512(dst *float32, dstStride int, src *float32, srcStride int, w *float32, k int, blocks int, bias *float32, res *float32, resStride int, relu bool)

//go:noescape
func gemm4x16AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, k int, blocks int, bias *float32, res *float32, resStride int, relu bool)

//go:noescape
func depthwise3x3AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, bias float32, rows int, blocks int)

// zeroBias stands in for a missing bias: every sum then starts at +0, as
// in the portable code.
var zeroBias [2 * gemmRows]float32

// epiloguePointers is what the kernels take for a block's bias (zeroBias
// when there is none) and residual (nil when there is none).
func epiloguePointers(bias, res []float32) (*float32, *float32) {
	b := &zeroBias[0]
	if bias != nil {
		b = &bias[0]
	}
	var r *float32
	if res != nil {
		r = &res[0]
	}
	return b, r
}

// gemmBlockAVX2 computes gemmRows output rows over cols positions (a
// multiple of gemmCols); the caller has checked every bound.
func gemmBlockAVX2(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int) {
	b, r := epiloguePointers(bias, res)
	gemm4x16AVX2(&dst[0], dstStride, &src[0], srcStride, &packed[0], len(packed)/gemmRows, cols/gemmCols, b, r, resStride, relu)
}

// gemmWideAVX512 computes 2*gemmRows output rows over cols positions (a
// multiple of gemmWideCols); the caller has checked every bound.
func gemmWideAVX512(dst []float32, dstStride int, src []float32, srcStride int, packed, bias, res []float32, resStride int, relu bool, cols int) {
	b, r := epiloguePointers(bias, res)
	gemm8x32AVX512(&dst[0], dstStride, &src[0], srcStride, &packed[0], len(packed)/(2*gemmRows), cols/gemmWideCols, b, r, resStride, relu)
}

// depthwiseRowsAVX2 runs the 3x3 stride-1 kernel over rows x cols outputs
// (cols a multiple of 8); the caller has checked every bound.
func depthwiseRowsAVX2(dst []float32, dstStride int, src []float32, srcStride int, w []float32, bias float32, rows, cols int) {
	depthwise3x3AVX2(&dst[0], dstStride, &src[0], srcStride, &w[0], bias, rows, cols/8)
}

//go:noescape
func maxPool2x2AVX2(dst *float32, r0 *float32, r1 *float32, blocks int, negInf float32)

// maxPoolRowAVX2 pools n outputs (a multiple of 8); the caller has checked
// every bound.
func maxPoolRowAVX2(dst, r0, r1 []float32, n int) {
	maxPool2x2AVX2(&dst[0], &r0[0], &r1[0], n/8, float32(math.Inf(-1)))
}

//go:noescape
func depthwise3x3s2AVX2(dst *float32, dstStride int, even *float32, odd *float32, srcStride int, w *float32, bias float32, rows int, blocks int)

// depthwiseS2RowsAVX2 runs the stride-2 kernel over rows x cols outputs
// (cols a multiple of 8); the caller has checked every bound.
func depthwiseS2RowsAVX2(dst []float32, dstStride int, even, odd []float32, srcStride int, w []float32, bias float32, rows, cols int) {
	depthwise3x3s2AVX2(&dst[0], dstStride, &even[0], &odd[0], srcStride, &w[0], bias, rows, cols/8)
}

//go:noescape
func deinterleaveAVX2(even *float32, odd *float32, src *float32, blocks int)

// deinterleaveRowAVX2 splits n pairs (a multiple of 8); the caller has
// checked every bound.
func deinterleaveRowAVX2(even, odd, src []float32, n int) {
	deinterleaveAVX2(&even[0], &odd[0], &src[0], n/8)
}
