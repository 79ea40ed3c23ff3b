#include "textflag.h"

// func ssdAVX2(a, b *uint8, stride, width, rows int, limit int32) int32
//
// Sum of squared differences of the R, G and B bytes of two patches of
// width RGBA pixels by rows rows (row stride in bytes), integer and exact.
// After each row the running sum is compared with limit and returned as
// soon as it reaches it, exactly as the portable loop does. Pixels are
// loaded eight at a time with VPMASKMOVD, which reads only the lanes of
// the patch, so nothing past the patch's last pixel is touched.
TEXT ·ssdAVX2(SB), NOSPLIT, $0-52
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ stride+16(FP), R8
	MOVQ width+24(FP), R9
	MOVQ rows+32(FP), R10
	MOVL limit+40(FP), R11
	XORL AX, AX                  // running sum

	// Y14: 0x00FFFFFF in every dword (drops alpha); Y15: zero.
	VPCMPEQD Y14, Y14, Y14
	VPSRLD $8, Y14, Y14
	VPXOR Y15, Y15, Y15
	// Y13: dword lane indices 0..7, for the tail mask.
	MOVQ $0x0000000100000000, CX
	MOVQ CX, X13
	MOVQ $0x0000000300000002, CX
	MOVQ CX, X12
	VPUNPCKLQDQ X12, X13, X13
	MOVQ $0x0000000500000004, CX
	MOVQ CX, X12
	MOVQ $0x0000000700000006, CX
	MOVQ CX, X11
	VPUNPCKLQDQ X11, X12, X12
	VINSERTI128 $1, X12, Y13, Y13

row:
	VPXOR Y10, Y10, Y10          // this row's dword sums
	XORQ CX, CX                  // pixel index in the row

chunk:
	// mask = lanes with CX + lane < width
	MOVQ R9, DX
	SUBQ CX, DX
	MOVQ DX, X9
	VPBROADCASTD X9, Y9
	VPCMPGTD Y13, Y9, Y9         // remaining > lane
	VPMASKMOVD (SI)(CX*4), Y9, Y0
	VPMASKMOVD (DI)(CX*4), Y9, Y1
	VPAND Y14, Y0, Y0
	VPAND Y14, Y1, Y1
	VPUNPCKLBW Y15, Y0, Y2
	VPUNPCKLBW Y15, Y1, Y3
	VPSUBW Y3, Y2, Y2
	VPMADDWD Y2, Y2, Y2
	VPADDD Y2, Y10, Y10
	VPUNPCKHBW Y15, Y0, Y2
	VPUNPCKHBW Y15, Y1, Y3
	VPSUBW Y3, Y2, Y2
	VPMADDWD Y2, Y2, Y2
	VPADDD Y2, Y10, Y10
	ADDQ $8, CX
	CMPQ CX, R9
	JLT chunk

	VEXTRACTI128 $1, Y10, X11
	VPADDD X11, X10, X10
	VPSHUFD $0x4e, X10, X11
	VPADDD X11, X10, X10
	VPSHUFD $0xb1, X10, X11
	VPADDD X11, X10, X10
	MOVL X10, DX
	ADDL DX, AX
	CMPL AX, R11
	JGE done
	ADDQ R8, SI
	ADDQ R8, DI
	DECQ R10
	JNZ row

done:
	MOVL AX, ret+48(FP)
	VZEROUPPER
	RET
