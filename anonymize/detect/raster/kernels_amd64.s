#include "textflag.h"

// func transposeRowsAVX2(dst *float32, rows *[8]*uint8, n int)
//
// Eight grey rows to column-major float32: dst[8x+r] = float32(rows[r][x])
// for x < n, n a multiple of 8 (exact: every byte is a float32). Eight
// columns at a time: an 8x8 byte transpose (unpacks), then each column's
// eight bytes widened and converted.
TEXT ·transposeRowsAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ rows+8(FP), AX
	MOVQ n+16(FP), DX
	MOVQ 0(AX), R8
	MOVQ 8(AX), R9
	MOVQ 16(AX), R10
	MOVQ 24(AX), R11
	MOVQ 32(AX), R12
	MOVQ 40(AX), R13
	MOVQ 48(AX), BX
	MOVQ 56(AX), SI
	XORQ CX, CX

block:
	CMPQ CX, DX
	JGE blocksDone
	VMOVQ (R8)(CX*1), X0
	VMOVQ (R9)(CX*1), X1
	VMOVQ (R10)(CX*1), X2
	VMOVQ (R11)(CX*1), X3
	VMOVQ (R12)(CX*1), X4
	VMOVQ (R13)(CX*1), X5
	VMOVQ (BX)(CX*1), X6
	VMOVQ (SI)(CX*1), X7
	VPUNPCKLBW X1, X0, X0 // rows 0, 1 interleaved by column
	VPUNPCKLBW X3, X2, X2
	VPUNPCKLBW X5, X4, X4
	VPUNPCKLBW X7, X6, X6
	VPUNPCKLWD X2, X0, X1 // rows 0-3, columns 0-3
	VPUNPCKHWD X2, X0, X3 // rows 0-3, columns 4-7
	VPUNPCKLWD X6, X4, X5 // rows 4-7, columns 0-3
	VPUNPCKHWD X6, X4, X7 // rows 4-7, columns 4-7
	VPUNPCKLDQ X5, X1, X0 // columns 0, 1
	VPUNPCKHDQ X5, X1, X2 // columns 2, 3
	VPUNPCKLDQ X7, X3, X4 // columns 4, 5
	VPUNPCKHDQ X7, X3, X6 // columns 6, 7
	VPMOVZXBD X0, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 0(DI)
	VPSHUFD $0xee, X0, X0
	VPMOVZXBD X0, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 32(DI)
	VPMOVZXBD X2, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 64(DI)
	VPSHUFD $0xee, X2, X2
	VPMOVZXBD X2, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 96(DI)
	VPMOVZXBD X4, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 128(DI)
	VPSHUFD $0xee, X4, X4
	VPMOVZXBD X4, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 160(DI)
	VPMOVZXBD X6, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 192(DI)
	VPSHUFD $0xee, X6, X6
	VPMOVZXBD X6, Y8
	VCVTDQ2PS Y8, Y8
	VMOVUPS Y8, 224(DI)
	ADDQ $256, DI
	ADDQ $8, CX
	JMP block

blocksDone:
	VZEROUPPER
	RET

// func bandTapsAVX2(out *float32, stride int, cols *float32, first, start *int, weights *float32, n int)
//
// The horizontal pass of eight rows at once, one per lane: for each
// output sample ox < n, acc = +0, then for each of its taps in order acc
// += weight * cols[first+i] (VMULPS, then VADDPS: rounded separately),
// cols holding the rows column-major (transposeRowsAVX2); lane r of acc
// goes to out[r*stride/4 + ox] (stride in bytes).
TEXT ·bandTapsAVX2(SB), NOSPLIT, $0-56
	MOVQ out+0(FP), DI
	MOVQ stride+8(FP), DX
	MOVQ cols+16(FP), SI
	MOVQ first+24(FP), R8
	MOVQ start+32(FP), R9
	MOVQ weights+40(FP), R10
	MOVQ n+48(FP), CX

sample:
	TESTQ CX, CX
	JLE samplesDone
	VXORPS Y0, Y0, Y0
	MOVQ 0(R9), AX  // start[ox]
	MOVQ 8(R9), R11 // start[ox+1]
	SUBQ AX, R11    // taps
	JLE store
	LEAQ (R10)(AX*4), R12 // &weights[start]
	MOVQ 0(R8), R13
	SHLQ $5, R13
	ADDQ SI, R13 // &cols[8*first]

tap:
	VBROADCASTSS (R12), Y1
	VMULPS (R13), Y1, Y1
	VADDPS Y1, Y0, Y0
	ADDQ $4, R12
	ADDQ $32, R13
	DECQ R11
	JNZ tap

store:
	MOVQ DI, R14
	VEXTRACTF128 $1, Y0, X2
	VMOVSS X0, (R14)
	ADDQ DX, R14
	VEXTRACTPS $1, X0, (R14)
	ADDQ DX, R14
	VEXTRACTPS $2, X0, (R14)
	ADDQ DX, R14
	VEXTRACTPS $3, X0, (R14)
	ADDQ DX, R14
	VMOVSS X2, (R14)
	ADDQ DX, R14
	VEXTRACTPS $1, X2, (R14)
	ADDQ DX, R14
	VEXTRACTPS $2, X2, (R14)
	ADDQ DX, R14
	VEXTRACTPS $3, X2, (R14)
	ADDQ $4, DI
	ADDQ $8, R8
	ADDQ $8, R9
	DECQ CX
	JMP sample

samplesDone:
	VZEROUPPER
	RET

// func addScaledAVX2(out, in *float32, w float32, n int)
//
// out[k] += w * in[k], eight at a time (VMULPS, then VADDPS).
TEXT ·addScaledAVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ in+8(FP), SI
	VBROADCASTSS w+16(FP), Y15
	MOVQ n+24(FP), CX
	SHLQ $2, CX
	XORQ AX, AX

loop:
	CMPQ AX, CX
	JGE end
	VMULPS (SI)(AX*1), Y15, Y1
	VADDPS (DI)(AX*1), Y1, Y1
	VMOVUPS Y1, (DI)(AX*1)
	ADDQ $32, AX
	JMP loop

end:
	VZEROUPPER
	RET
