#include "textflag.h"

// LOAD_ROWS8 loads the eight row pointers of the [8]*uint8 at AX into
// R8-R13, BX and SI.
#define LOAD_ROWS8 \
	MOVQ 0(AX), R8; \
	MOVQ 8(AX), R9; \
	MOVQ 16(AX), R10; \
	MOVQ 24(AX), R11; \
	MOVQ 32(AX), R12; \
	MOVQ 40(AX), R13; \
	MOVQ 48(AX), BX; \
	MOVQ 56(AX), SI

// TRANSPOSE8 takes eight rows' eight bytes (the low qwords of X0-X7, row
// r in Xr) to column-major float32 at DI: 8 columns of 8 floats (an 8x8
// byte transpose by unpacks, then each column widened and converted,
// exact: every byte is a float32). Clobbers X0-X8.
#define TRANSPOSE8 \
	VPUNPCKLBW X1, X0, X0; \
	VPUNPCKLBW X3, X2, X2; \
	VPUNPCKLBW X5, X4, X4; \
	VPUNPCKLBW X7, X6, X6; \
	VPUNPCKLWD X2, X0, X1; \
	VPUNPCKHWD X2, X0, X3; \
	VPUNPCKLWD X6, X4, X5; \
	VPUNPCKHWD X6, X4, X7; \
	VPUNPCKLDQ X5, X1, X0; \
	VPUNPCKHDQ X5, X1, X2; \
	VPUNPCKLDQ X7, X3, X4; \
	VPUNPCKHDQ X7, X3, X6; \
	WIDEN2(X0, 0); \
	WIDEN2(X2, 64); \
	WIDEN2(X4, 128); \
	WIDEN2(X6, 192)

// WIDEN2 stores the two columns of X (8 bytes each) as float32 at
// DI+OFF and DI+OFF+32.
#define WIDEN2(X, OFF) \
	VPMOVZXBD X, Y8; \
	VCVTDQ2PS Y8, Y8; \
	VMOVUPS Y8, OFF(DI); \
	VPSHUFD $0xee, X, X; \
	VPMOVZXBD X, Y8; \
	VCVTDQ2PS Y8, Y8; \
	VMOVUPS Y8, OFF+32(DI)

// func transposeRowsAVX2(dst *float32, rows *[8]*uint8, n int)
//
// Eight grey rows to column-major float32: dst[8x+r] = float32(rows[r][x])
// for x < n, n a multiple of 8, eight columns at a time (TRANSPOSE8).
TEXT ·transposeRowsAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ rows+8(FP), AX
	MOVQ n+16(FP), DX
	LOAD_ROWS8
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
	TRANSPOSE8
	ADDQ $256, DI
	ADDQ $8, CX
	JMP block

blocksDone:
	VZEROUPPER
	RET

// Byte shuffle taking, in each 128-bit lane of four RGBA pixels, channel
// c's four bytes to the lane's first dword (the other bytes zero); the
// table holds one 32-byte mask per channel.
DATA rgbaChannel<>+0(SB)/8, $0x808080800c080400
DATA rgbaChannel<>+8(SB)/8, $0x8080808080808080
DATA rgbaChannel<>+16(SB)/8, $0x808080800c080400
DATA rgbaChannel<>+24(SB)/8, $0x8080808080808080
DATA rgbaChannel<>+32(SB)/8, $0x808080800d090501
DATA rgbaChannel<>+40(SB)/8, $0x8080808080808080
DATA rgbaChannel<>+48(SB)/8, $0x808080800d090501
DATA rgbaChannel<>+56(SB)/8, $0x8080808080808080
DATA rgbaChannel<>+64(SB)/8, $0x808080800e0a0602
DATA rgbaChannel<>+72(SB)/8, $0x8080808080808080
DATA rgbaChannel<>+80(SB)/8, $0x808080800e0a0602
DATA rgbaChannel<>+88(SB)/8, $0x8080808080808080
GLOBL rgbaChannel<>(SB), RODATA|NOPTR, $96

// Dword permutation joining the two lanes' first dwords.
DATA joinLanes<>+0(SB)/8, $0x0000000400000000
DATA joinLanes<>+8(SB)/8, $0
DATA joinLanes<>+16(SB)/8, $0
DATA joinLanes<>+24(SB)/8, $0
GLOBL joinLanes<>(SB), RODATA|NOPTR, $32

// CHANNEL8(R, X) loads eight RGBA pixels at (R)(CX*4) and leaves channel
// Y9's eight bytes in the low qword of X.
#define CHANNEL8(R, X) \
	VMOVDQU (R)(CX*4), Y15; \
	VPSHUFB Y9, Y15, Y15; \
	VPERMD Y15, Y10, Y15; \
	VMOVDQA X15, X

// func transposeRGBARowsAVX2(dst *[3]*float32, rows *[8]*uint8, n int)
//
// Eight RGBA rows to column-major float32 per channel: dst[c][8x+r] =
// float32(rows[r][4x+c]) for c < 3, x < n, n a multiple of 8.
TEXT ·transposeRGBARowsAVX2(SB), NOSPLIT, $0-24
	MOVQ rows+8(FP), AX
	MOVQ n+16(FP), DX
	LOAD_ROWS8
	VMOVDQU joinLanes<>(SB), Y10
	XORQ R14, R14 // channel

channel:
	CMPQ R14, $3
	JGE channelsDone
	MOVQ dst+0(FP), AX
	MOVQ (AX)(R14*8), DI
	MOVQ R14, AX
	SHLQ $5, AX
	LEAQ rgbaChannel<>(SB), R15
	VMOVDQU (R15)(AX*1), Y9
	XORQ CX, CX

rgbaBlock:
	CMPQ CX, DX
	JGE rgbaBlocksDone
	CHANNEL8(R8, X0)
	CHANNEL8(R9, X1)
	CHANNEL8(R10, X2)
	CHANNEL8(R11, X3)
	CHANNEL8(R12, X4)
	CHANNEL8(R13, X5)
	CHANNEL8(BX, X6)
	CHANNEL8(SI, X7)
	TRANSPOSE8
	ADDQ $256, DI
	ADDQ $8, CX
	JMP rgbaBlock

rgbaBlocksDone:
	INCQ R14
	JMP channel

channelsDone:
	VZEROUPPER
	RET

// func bandTapsAVX2(out *float32, stride, step int, cols *float32, first, start *int, weights *float32, n int)
//
// The horizontal pass of eight rows at once, one per lane: for each
// output sample ox < n, acc = +0, then for each of its taps in order acc
// += weight * cols[first+i] (VMULPS, then VADDPS: rounded separately),
// cols holding the rows column-major (transposeRowsAVX2); lane r of acc
// goes to out + r*stride + ox*step (both in bytes).
TEXT ·bandTapsAVX2(SB), NOSPLIT, $0-64
	MOVQ out+0(FP), DI
	MOVQ stride+8(FP), DX
	MOVQ step+16(FP), R15
	MOVQ cols+24(FP), SI
	MOVQ first+32(FP), R8
	MOVQ start+40(FP), R9
	MOVQ weights+48(FP), R10
	MOVQ n+56(FP), CX

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
	ADDQ R15, DI
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
