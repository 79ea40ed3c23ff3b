#include "textflag.h"

// AVX2 kernels for gemm and the 3x3 depthwise convolution. Every output
// value is bias, then + (w * x) for each term in the portable code's order,
// with VMULPS and VADDPS (each correctly rounded, as Go's float32 * and +)
// and never a fused multiply-add, so the results are the portable code's
// bits. Lanes are independent output positions.

// func gemm4x16AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, k int, blocks int, bias *float32, res *float32, resStride int, relu bool)
//
// For blocks x 16 positions and 4 output rows: acc = bias[r]; for each of
// the k input rows, acc += w[c][r] * src[c][p]; then + res[r][p] when res
// is not nil; then max(acc, +0) when relu (VMAXPS returns its second source,
// +0, for NaN and for -0, as Relu does).
TEXT ·gemm4x16AVX2(SB), NOSPLIT, $0-81
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R11
	SHLQ $2, R11
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), AX
	SHLQ $2, AX
	MOVQ w+32(FP), R8
	MOVQ k+40(FP), CX
	SHLQ $4, CX
	ADDQ R8, CX                  // CX = end of the packed weights
	MOVQ blocks+48(FP), DX
	MOVQ bias+56(FP), BX
	MOVQ res+64(FP), R9
	MOVQ resStride+72(FP), R10
	SHLQ $2, R10
	VXORPS Y13, Y13, Y13

gemmBlock:
	VBROADCASTSS 0(BX), Y0
	VMOVAPS Y0, Y1
	VBROADCASTSS 4(BX), Y2
	VMOVAPS Y2, Y3
	VBROADCASTSS 8(BX), Y4
	VMOVAPS Y4, Y5
	VBROADCASTSS 12(BX), Y6
	VMOVAPS Y6, Y7
	MOVQ SI, R12
	MOVQ R8, R13

gemmTerm:
	VMOVUPS 0(R12), Y8
	VMOVUPS 32(R12), Y9
	VBROADCASTSS 0(R13), Y10
	VMULPS Y8, Y10, Y11
	VADDPS Y11, Y0, Y0
	VMULPS Y9, Y10, Y12
	VADDPS Y12, Y1, Y1
	VBROADCASTSS 4(R13), Y10
	VMULPS Y8, Y10, Y11
	VADDPS Y11, Y2, Y2
	VMULPS Y9, Y10, Y12
	VADDPS Y12, Y3, Y3
	VBROADCASTSS 8(R13), Y10
	VMULPS Y8, Y10, Y11
	VADDPS Y11, Y4, Y4
	VMULPS Y9, Y10, Y12
	VADDPS Y12, Y5, Y5
	VBROADCASTSS 12(R13), Y10
	VMULPS Y8, Y10, Y11
	VADDPS Y11, Y6, Y6
	VMULPS Y9, Y10, Y12
	VADDPS Y12, Y7, Y7
	ADDQ AX, R12
	ADDQ $16, R13
	CMPQ R13, CX
	JNE gemmTerm

	TESTQ R9, R9
	JZ gemmRelu
	MOVQ R9, R12
	VADDPS 0(R12), Y0, Y0
	VADDPS 32(R12), Y1, Y1
	ADDQ R10, R12
	VADDPS 0(R12), Y2, Y2
	VADDPS 32(R12), Y3, Y3
	ADDQ R10, R12
	VADDPS 0(R12), Y4, Y4
	VADDPS 32(R12), Y5, Y5
	ADDQ R10, R12
	VADDPS 0(R12), Y6, Y6
	VADDPS 32(R12), Y7, Y7
	ADDQ $64, R9

gemmRelu:
	CMPB relu+80(FP), $0
	JEQ gemmStore
	VMAXPS Y13, Y0, Y0
	VMAXPS Y13, Y1, Y1
	VMAXPS Y13, Y2, Y2
	VMAXPS Y13, Y3, Y3
	VMAXPS Y13, Y4, Y4
	VMAXPS Y13, Y5, Y5
	VMAXPS Y13, Y6, Y6
	VMAXPS Y13, Y7, Y7

gemmStore:
	MOVQ DI, R12
	VMOVUPS Y0, 0(R12)
	VMOVUPS Y1, 32(R12)
	ADDQ R11, R12
	VMOVUPS Y2, 0(R12)
	VMOVUPS Y3, 32(R12)
	ADDQ R11, R12
	VMOVUPS Y4, 0(R12)
	VMOVUPS Y5, 32(R12)
	ADDQ R11, R12
	VMOVUPS Y6, 0(R12)
	VMOVUPS Y7, 32(R12)
	ADDQ $64, DI
	ADDQ $64, SI
	DECQ DX
	JNZ gemmBlock
	VZEROUPPER
	RET

// func depthwise3x3AVX2(dst *float32, dstStride int, src *float32, srcStride int, w *float32, bias float32, rows int, blocks int)
//
// For rows output rows of blocks x 8 positions: acc = bias, then
// acc += w[ky*3+kx] * src[(y+ky)*srcStride + x+kx] for ky, kx in order.
// src is a zero-bordered plane, so every tap is in bounds.
TEXT ·depthwise3x3AVX2(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R11
	SHLQ $2, R11
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), AX
	SHLQ $2, AX
	MOVQ w+32(FP), R8
	VBROADCASTSS 0(R8), Y0
	VBROADCASTSS 4(R8), Y1
	VBROADCASTSS 8(R8), Y2
	VBROADCASTSS 12(R8), Y3
	VBROADCASTSS 16(R8), Y4
	VBROADCASTSS 20(R8), Y5
	VBROADCASTSS 24(R8), Y6
	VBROADCASTSS 28(R8), Y7
	VBROADCASTSS 32(R8), Y8
	VBROADCASTSS bias+40(FP), Y9
	MOVQ rows+48(FP), CX

dwRow:
	MOVQ blocks+56(FP), DX
	MOVQ SI, R12                 // top input row of this output row
	LEAQ (SI)(AX*1), R13         // middle
	LEAQ (R13)(AX*1), R9         // bottom
	MOVQ DI, R10

dwBlock:
	VMOVAPS Y9, Y10
	VMULPS 0(R12), Y0, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R12), Y1, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 8(R12), Y2, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R13), Y3, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R13), Y4, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 8(R13), Y5, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R9), Y6, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R9), Y7, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 8(R9), Y8, Y11
	VADDPS Y11, Y10, Y10
	VMOVUPS Y10, 0(R10)
	ADDQ $32, R12
	ADDQ $32, R13
	ADDQ $32, R9
	ADDQ $32, R10
	DECQ DX
	JNZ dwBlock

	ADDQ AX, SI
	ADDQ R11, DI
	DECQ CX
	JNZ dwRow
	VZEROUPPER
	RET
