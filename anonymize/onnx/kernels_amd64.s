#include "textflag.h"

// AVX2 kernels for gemm and the 3x3 depthwise convolution. Every output
// value is bias, then + (w * x) for each term in the portable code's order,
// with VMULPS and VADDPS (each correctly rounded, as Go's float32 * and +)
// and never a fused multiply-add, so the results are the portable code's
// bits. Lanes are independent output positions.

// BROADCAST_TAPS broadcasts the nine 3x3 weights at R8 into Y0-Y8, in
// (ky, kx) order.
#define BROADCAST_TAPS \
	VBROADCASTSS 0(R8), Y0; \
	VBROADCASTSS 4(R8), Y1; \
	VBROADCASTSS 8(R8), Y2; \
	VBROADCASTSS 12(R8), Y3; \
	VBROADCASTSS 16(R8), Y4; \
	VBROADCASTSS 20(R8), Y5; \
	VBROADCASTSS 24(R8), Y6; \
	VBROADCASTSS 28(R8), Y7; \
	VBROADCASTSS 32(R8), Y8

// DW5_ROW adds one input row's three taps (weights w0, w1, w2) to the four
// accumulators Z10-Z13 for 64 outputs: the row at base is loaded once and
// its +1 and +2 shifts made with VALIGND (Z20 holds the masked tail).
#define DW5_ROW(base, w0, w1, w2) \
	VMOVUPS 0(base), Z16; \
	VMOVUPS 64(base), Z17; \
	VMOVUPS 128(base), Z18; \
	VMOVUPS 192(base), Z19; \
	VMOVUPS.Z 256(base), K1, Z20; \
	VALIGND $1, Z16, Z17, Z21; \
	VALIGND $2, Z16, Z17, Z25; \
	VALIGND $1, Z17, Z18, Z22; \
	VALIGND $2, Z17, Z18, Z26; \
	VALIGND $1, Z18, Z19, Z23; \
	VALIGND $2, Z18, Z19, Z27; \
	VALIGND $1, Z19, Z20, Z24; \
	VALIGND $2, Z19, Z20, Z28; \
	VMULPS Z16, w0, Z14; \
	VADDPS Z14, Z10, Z10; \
	VMULPS Z17, w0, Z15; \
	VADDPS Z15, Z11, Z11; \
	VMULPS Z18, w0, Z14; \
	VADDPS Z14, Z12, Z12; \
	VMULPS Z19, w0, Z15; \
	VADDPS Z15, Z13, Z13; \
	VMULPS Z21, w1, Z14; \
	VADDPS Z14, Z10, Z10; \
	VMULPS Z22, w1, Z15; \
	VADDPS Z15, Z11, Z11; \
	VMULPS Z23, w1, Z14; \
	VADDPS Z14, Z12, Z12; \
	VMULPS Z24, w1, Z15; \
	VADDPS Z15, Z13, Z13; \
	VMULPS Z25, w2, Z14; \
	VADDPS Z14, Z10, Z10; \
	VMULPS Z26, w2, Z15; \
	VADDPS Z15, Z11, Z11; \
	VMULPS Z27, w2, Z14; \
	VADDPS Z14, Z12, Z12; \
	VMULPS Z28, w2, Z15; \
	VADDPS Z15, Z13, Z13

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
	BROADCAST_TAPS
	VBROADCASTSS bias+40(FP), Y9
	MOVQ rows+48(FP), CX

dwRow:
	MOVQ blocks+56(FP), DX
	MOVQ SI, R12                 // top input row of this output row
	LEAQ (SI)(AX*1), R13         // middle
	LEAQ (R13)(AX*1), R9         // bottom
	MOVQ DI, R10

	CMPQ DX, $4
	JLT dwBlock

// Four blocks of 8 positions per step: four independent chains of
// additions, each in the one-block order.
dwBlock4:
	VMOVAPS Y9, Y10
	VMOVAPS Y9, Y11
	VMOVAPS Y9, Y12
	VMOVAPS Y9, Y13
	VMULPS 0(R12), Y0, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R12), Y0, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R12), Y0, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R12), Y0, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R12), Y1, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R12), Y1, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R12), Y1, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R12), Y1, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 8(R12), Y2, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 40(R12), Y2, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 72(R12), Y2, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 104(R12), Y2, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R13), Y3, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R13), Y3, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R13), Y3, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R13), Y3, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R13), Y4, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R13), Y4, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R13), Y4, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R13), Y4, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 8(R13), Y5, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 40(R13), Y5, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 72(R13), Y5, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 104(R13), Y5, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R9), Y6, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R9), Y6, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R9), Y6, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R9), Y6, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R9), Y7, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R9), Y7, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R9), Y7, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R9), Y7, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 8(R9), Y8, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 40(R9), Y8, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 72(R9), Y8, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 104(R9), Y8, Y15
	VADDPS Y15, Y13, Y13
	VMOVUPS Y10, 0(R10)
	VMOVUPS Y11, 32(R10)
	VMOVUPS Y12, 64(R10)
	VMOVUPS Y13, 96(R10)
	ADDQ $128, R12
	ADDQ $128, R13
	ADDQ $128, R9
	ADDQ $128, R10
	SUBQ $4, DX
	CMPQ DX, $4
	JGE dwBlock4
	TESTQ DX, DX
	JZ dwRowEnd

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

dwRowEnd:

	ADDQ AX, SI
	ADDQ R11, DI
	DECQ CX
	JNZ dwRow
	VZEROUPPER
	RET

// func gemm8x32AVX512(dst *float32, dstStride int, src *float32, srcStride int, w *float32, k int, blocks int, bias *float32, res *float32, resStride int, relu bool)
//
// gemm4x16AVX2 with 512-bit registers and two blocks of 4 rows: for
// blocks x 32 positions and 8 output rows, whose weights are two
// consecutive packed 4-row blocks (rows 0-3 at w, rows 4-7 at w + 16k
// bytes). Every output value gets the same operations in the same order
// as in the 4x16 kernel and the portable loop.
TEXT ·gemm8x32AVX512(SB), NOSPLIT, $0-81
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R11
	SHLQ $2, R11
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), AX
	SHLQ $2, AX
	MOVQ w+32(FP), R8
	MOVQ k+40(FP), R14
	SHLQ $4, R14                 // R14 = 16k: from rows 0-3's weights to rows 4-7's
	LEAQ (R8)(R14*1), CX         // CX = end of rows 0-3's weights
	MOVQ blocks+48(FP), DX
	MOVQ bias+56(FP), BX
	MOVQ res+64(FP), R9
	MOVQ resStride+72(FP), R10
	SHLQ $2, R10
	VPXORD Z31, Z31, Z31

g8Block:
	VBROADCASTSS 0(BX), Z0
	VMOVAPS Z0, Z1
	VBROADCASTSS 4(BX), Z2
	VMOVAPS Z2, Z3
	VBROADCASTSS 8(BX), Z4
	VMOVAPS Z4, Z5
	VBROADCASTSS 12(BX), Z6
	VMOVAPS Z6, Z7
	VBROADCASTSS 16(BX), Z8
	VMOVAPS Z8, Z9
	VBROADCASTSS 20(BX), Z10
	VMOVAPS Z10, Z11
	VBROADCASTSS 24(BX), Z12
	VMOVAPS Z12, Z13
	VBROADCASTSS 28(BX), Z14
	VMOVAPS Z14, Z15
	MOVQ SI, R12
	MOVQ R8, R13

g8Term:
	VMOVUPS 0(R12), Z16
	VMOVUPS 64(R12), Z17
	VBROADCASTSS 0(R13), Z18
	VMULPS Z16, Z18, Z20
	VADDPS Z20, Z0, Z0
	VMULPS Z17, Z18, Z21
	VADDPS Z21, Z1, Z1
	VBROADCASTSS 4(R13), Z19
	VMULPS Z16, Z19, Z22
	VADDPS Z22, Z2, Z2
	VMULPS Z17, Z19, Z23
	VADDPS Z23, Z3, Z3
	VBROADCASTSS 8(R13), Z18
	VMULPS Z16, Z18, Z20
	VADDPS Z20, Z4, Z4
	VMULPS Z17, Z18, Z21
	VADDPS Z21, Z5, Z5
	VBROADCASTSS 12(R13), Z19
	VMULPS Z16, Z19, Z22
	VADDPS Z22, Z6, Z6
	VMULPS Z17, Z19, Z23
	VADDPS Z23, Z7, Z7
	VBROADCASTSS 0(R13)(R14*1), Z18
	VMULPS Z16, Z18, Z20
	VADDPS Z20, Z8, Z8
	VMULPS Z17, Z18, Z21
	VADDPS Z21, Z9, Z9
	VBROADCASTSS 4(R13)(R14*1), Z19
	VMULPS Z16, Z19, Z22
	VADDPS Z22, Z10, Z10
	VMULPS Z17, Z19, Z23
	VADDPS Z23, Z11, Z11
	VBROADCASTSS 8(R13)(R14*1), Z18
	VMULPS Z16, Z18, Z20
	VADDPS Z20, Z12, Z12
	VMULPS Z17, Z18, Z21
	VADDPS Z21, Z13, Z13
	VBROADCASTSS 12(R13)(R14*1), Z19
	VMULPS Z16, Z19, Z22
	VADDPS Z22, Z14, Z14
	VMULPS Z17, Z19, Z23
	VADDPS Z23, Z15, Z15
	ADDQ AX, R12
	ADDQ $16, R13
	CMPQ R13, CX
	JNE g8Term

	TESTQ R9, R9
	JZ g8Relu
	MOVQ R9, R12
	VADDPS 0(R12), Z0, Z0
	VADDPS 64(R12), Z1, Z1
	ADDQ R10, R12
	VADDPS 0(R12), Z2, Z2
	VADDPS 64(R12), Z3, Z3
	ADDQ R10, R12
	VADDPS 0(R12), Z4, Z4
	VADDPS 64(R12), Z5, Z5
	ADDQ R10, R12
	VADDPS 0(R12), Z6, Z6
	VADDPS 64(R12), Z7, Z7
	ADDQ R10, R12
	VADDPS 0(R12), Z8, Z8
	VADDPS 64(R12), Z9, Z9
	ADDQ R10, R12
	VADDPS 0(R12), Z10, Z10
	VADDPS 64(R12), Z11, Z11
	ADDQ R10, R12
	VADDPS 0(R12), Z12, Z12
	VADDPS 64(R12), Z13, Z13
	ADDQ R10, R12
	VADDPS 0(R12), Z14, Z14
	VADDPS 64(R12), Z15, Z15
	ADDQ $128, R9

g8Relu:
	CMPB relu+80(FP), $0
	JEQ g8Store
	VMAXPS Z31, Z0, Z0
	VMAXPS Z31, Z1, Z1
	VMAXPS Z31, Z2, Z2
	VMAXPS Z31, Z3, Z3
	VMAXPS Z31, Z4, Z4
	VMAXPS Z31, Z5, Z5
	VMAXPS Z31, Z6, Z6
	VMAXPS Z31, Z7, Z7
	VMAXPS Z31, Z8, Z8
	VMAXPS Z31, Z9, Z9
	VMAXPS Z31, Z10, Z10
	VMAXPS Z31, Z11, Z11
	VMAXPS Z31, Z12, Z12
	VMAXPS Z31, Z13, Z13
	VMAXPS Z31, Z14, Z14
	VMAXPS Z31, Z15, Z15

g8Store:
	MOVQ DI, R12
	VMOVUPS Z0, 0(R12)
	VMOVUPS Z1, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z2, 0(R12)
	VMOVUPS Z3, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z4, 0(R12)
	VMOVUPS Z5, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z6, 0(R12)
	VMOVUPS Z7, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z8, 0(R12)
	VMOVUPS Z9, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z10, 0(R12)
	VMOVUPS Z11, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z12, 0(R12)
	VMOVUPS Z13, 64(R12)
	ADDQ R11, R12
	VMOVUPS Z14, 0(R12)
	VMOVUPS Z15, 64(R12)
	ADDQ $128, DI
	ADDQ $128, SI
	DECQ DX
	JNZ g8Block
	VZEROUPPER
	RET

// func depthwise3x3AVX512(dst *float32, dstStride int, src *float32, srcStride int, w *float32, bias float32, rows int, blocks int)
//
// depthwise3x3AVX2 with 512-bit registers, four blocks of 16 positions
// (four independent chains) per step: for rows output rows of blocks x 64
// positions, each value with the same operations in the same order.
// Each input row of a step is loaded once, 16 values per register (and
// the two after them through a mask, which reads nothing further), and
// the taps one and two columns on are shifted out of register pairs
// (VALIGND): loads at 4 and 8 bytes past a line boundary split in two,
// and three per tap made the load ports the bottleneck.
TEXT ·depthwise3x3AVX512(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R11
	SHLQ $2, R11
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), AX
	SHLQ $2, AX
	MOVQ w+32(FP), R8
	VBROADCASTSS 0(R8), Z0
	VBROADCASTSS 4(R8), Z1
	VBROADCASTSS 8(R8), Z2
	VBROADCASTSS 12(R8), Z3
	VBROADCASTSS 16(R8), Z4
	VBROADCASTSS 20(R8), Z5
	VBROADCASTSS 24(R8), Z6
	VBROADCASTSS 28(R8), Z7
	VBROADCASTSS 32(R8), Z8
	VBROADCASTSS bias+40(FP), Z9
	MOVQ rows+48(FP), CX
	MOVQ $3, BX
	KMOVW BX, K1                 // the two values after a step's 64

dw5Row:
	MOVQ blocks+56(FP), DX
	MOVQ SI, R12                 // top input row of this output row
	LEAQ (SI)(AX*1), R13         // middle
	LEAQ (R13)(AX*1), R9         // bottom
	MOVQ DI, R10

dw5Block:
	VMOVAPS Z9, Z10
	VMOVAPS Z9, Z11
	VMOVAPS Z9, Z12
	VMOVAPS Z9, Z13
	DW5_ROW(R12, Z0, Z1, Z2)
	DW5_ROW(R13, Z3, Z4, Z5)
	DW5_ROW(R9, Z6, Z7, Z8)
	VMOVUPS Z10, 0(R10)
	VMOVUPS Z11, 64(R10)
	VMOVUPS Z12, 128(R10)
	VMOVUPS Z13, 192(R10)
	ADDQ $256, R12
	ADDQ $256, R13
	ADDQ $256, R9
	ADDQ $256, R10
	DECQ DX
	JNZ dw5Block

	ADDQ AX, SI
	ADDQ R11, DI
	DECQ CX
	JNZ dw5Row
	VZEROUPPER
	RET

// func maxPool2x2AVX2(dst *float32, r0 *float32, r1 *float32, blocks int, negInf float32)
//
// For blocks x 8 outputs of a 2x2, stride-2 max pool over input rows r0
// and r1: m = -Inf, then for r0[2i], r0[2i+1], r1[2i], r1[2i+1] in turn,
// m = VMAXPS(tap, m), which is tap when tap > m and m otherwise (NaN
// taps and equal zeros keep m), the portable code's rule. The even and
// odd columns are separated within 128-bit lanes (VSHUFPS), the four
// maxima taken lane by lane, and the lanes put in order once (VPERMPD).
TEXT ·maxPool2x2AVX2(SB), NOSPLIT, $0-36
	MOVQ dst+0(FP), DI
	MOVQ r0+8(FP), SI
	MOVQ r1+16(FP), DX
	MOVQ blocks+24(FP), CX
	VBROADCASTSS negInf+32(FP), Y15

mpBlock:
	VMOVUPS 0(SI), Y0
	VMOVUPS 32(SI), Y1
	VSHUFPS $0x88, Y1, Y0, Y2
	VSHUFPS $0xDD, Y1, Y0, Y3
	VMOVUPS 0(DX), Y4
	VMOVUPS 32(DX), Y5
	VSHUFPS $0x88, Y5, Y4, Y6
	VSHUFPS $0xDD, Y5, Y4, Y7
	VMAXPS Y15, Y2, Y8
	VMAXPS Y8, Y3, Y8
	VMAXPS Y8, Y6, Y8
	VMAXPS Y8, Y7, Y8
	VPERMPD $0xD8, Y8, Y8
	VMOVUPS Y8, 0(DI)
	ADDQ $64, SI
	ADDQ $64, DX
	ADDQ $32, DI
	DECQ CX
	JNZ mpBlock
	VZEROUPPER
	RET

// func depthwise3x3s2AVX2(dst *float32, dstStride int, even *float32, odd *float32, srcStride int, w *float32, bias float32, rows int, blocks int)
//
// The 3x3 depthwise convolution with stride 2: output (y, x) reads the
// zero-bordered rows 2y..2y+2 at columns 2x..2x+2, here split into their
// even columns (plane even) and odd ones (plane odd, same stride): for
// each row, even[x], odd[x], even[x+1]. acc = bias, then the nine taps in
// (ky, kx) order, as in depthwise3x3AVX2; four blocks of 8 outputs (four
// chains) per step while there are four, then one.
TEXT ·depthwise3x3s2AVX2(SB), NOSPLIT, $0-72
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R11
	SHLQ $2, R11
	MOVQ even+16(FP), SI
	MOVQ odd+24(FP), BX
	SUBQ SI, BX                  // odd plane = even plane + BX bytes
	MOVQ srcStride+32(FP), AX
	SHLQ $2, AX
	MOVQ w+40(FP), R8
	BROADCAST_TAPS
	VBROADCASTSS bias+48(FP), Y9
	MOVQ rows+56(FP), CX

ds2Row:
	MOVQ blocks+64(FP), DX
	MOVQ SI, R12                 // top input row of this output row
	LEAQ (SI)(AX*1), R13         // middle
	LEAQ (R13)(AX*1), R9         // bottom
	MOVQ DI, R10
	CMPQ DX, $4
	JLT ds2Block

ds2Block4:
	VMOVAPS Y9, Y10
	VMOVAPS Y9, Y11
	VMOVAPS Y9, Y12
	VMOVAPS Y9, Y13
	VMULPS 0(R12), Y0, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R12), Y0, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R12), Y0, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R12), Y0, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R12)(BX*1), Y1, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R12)(BX*1), Y1, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R12)(BX*1), Y1, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R12)(BX*1), Y1, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R12), Y2, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R12), Y2, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R12), Y2, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R12), Y2, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R13), Y3, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R13), Y3, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R13), Y3, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R13), Y3, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R13)(BX*1), Y4, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R13)(BX*1), Y4, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R13)(BX*1), Y4, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R13)(BX*1), Y4, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R13), Y5, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R13), Y5, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R13), Y5, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R13), Y5, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R9), Y6, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R9), Y6, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R9), Y6, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R9), Y6, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 0(R9)(BX*1), Y7, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 32(R9)(BX*1), Y7, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 64(R9)(BX*1), Y7, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 96(R9)(BX*1), Y7, Y15
	VADDPS Y15, Y13, Y13
	VMULPS 4(R9), Y8, Y14
	VADDPS Y14, Y10, Y10
	VMULPS 36(R9), Y8, Y15
	VADDPS Y15, Y11, Y11
	VMULPS 68(R9), Y8, Y14
	VADDPS Y14, Y12, Y12
	VMULPS 100(R9), Y8, Y15
	VADDPS Y15, Y13, Y13
	VMOVUPS Y10, 0(R10)
	VMOVUPS Y11, 32(R10)
	VMOVUPS Y12, 64(R10)
	VMOVUPS Y13, 96(R10)
	ADDQ $128, R12
	ADDQ $128, R13
	ADDQ $128, R9
	ADDQ $128, R10
	SUBQ $4, DX
	CMPQ DX, $4
	JGE ds2Block4
	TESTQ DX, DX
	JZ ds2RowEnd

ds2Block:
	VMOVAPS Y9, Y10
	VMULPS 0(R12), Y0, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R12)(BX*1), Y1, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R12), Y2, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R13), Y3, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R13)(BX*1), Y4, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R13), Y5, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R9), Y6, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 0(R9)(BX*1), Y7, Y11
	VADDPS Y11, Y10, Y10
	VMULPS 4(R9), Y8, Y11
	VADDPS Y11, Y10, Y10
	VMOVUPS Y10, 0(R10)
	ADDQ $32, R12
	ADDQ $32, R13
	ADDQ $32, R9
	ADDQ $32, R10
	DECQ DX
	JNZ ds2Block

ds2RowEnd:
	LEAQ (SI)(AX*2), SI          // two input rows down
	ADDQ R11, DI
	DECQ CX
	JNZ ds2Row
	VZEROUPPER
	RET

// func deinterleaveAVX2(even *float32, odd *float32, src *float32, blocks int)
//
// For blocks x 16 source values: even[i] = src[2i], odd[i] = src[2i+1].
// The two are separated within 128-bit lanes (VSHUFPS), then the lanes
// put in order (VPERMPD), as in maxPool2x2AVX2.
TEXT ·deinterleaveAVX2(SB), NOSPLIT, $0-32
	MOVQ even+0(FP), DI
	MOVQ odd+8(FP), SI
	MOVQ src+16(FP), DX
	MOVQ blocks+24(FP), CX

diBlock:
	VMOVUPS 0(DX), Y0
	VMOVUPS 32(DX), Y1
	VSHUFPS $0x88, Y1, Y0, Y2
	VSHUFPS $0xDD, Y1, Y0, Y3
	VPERMPD $0xD8, Y2, Y2
	VPERMPD $0xD8, Y3, Y3
	VMOVUPS Y2, 0(DI)
	VMOVUPS Y3, 0(SI)
	ADDQ $64, DX
	ADDQ $32, DI
	ADDQ $32, SI
	DECQ CX
	JNZ diBlock
	VZEROUPPER
	RET
