#include "textflag.h"

// Byte shuffles taking channel c of four RGBA pixels to the low bytes of
// four dwords (the other bytes zero).
DATA teleaShufR<>+0(SB)/8, $0x8080800480808000
DATA teleaShufR<>+8(SB)/8, $0x8080800c80808008
GLOBL teleaShufR<>(SB), RODATA|NOPTR, $16
DATA teleaShufG<>+0(SB)/8, $0x8080800580808001
DATA teleaShufG<>+8(SB)/8, $0x8080800d80808009
GLOBL teleaShufG<>(SB), RODATA|NOPTR, $16
DATA teleaShufB<>+0(SB)/8, $0x8080800680808002
DATA teleaShufB<>+8(SB)/8, $0x8080800e8080800a
GLOBL teleaShufB<>(SB), RODATA|NOPTR, $16

// Four qwords of stBand, the last state with a value.
DATA teleaBand<>+0(SB)/8, $1
DATA teleaBand<>+8(SB)/8, $1
DATA teleaBand<>+16(SB)/8, $1
DATA teleaBand<>+24(SB)/8, $1
GLOBL teleaBand<>(SB), RODATA|NOPTR, $32

// Lane masks: the four qwords at byte 8*(4-m) keep the first m lanes.
DATA teleaLanes<>+0(SB)/8, $-1
DATA teleaLanes<>+8(SB)/8, $-1
DATA teleaLanes<>+16(SB)/8, $-1
DATA teleaLanes<>+24(SB)/8, $-1
DATA teleaLanes<>+32(SB)/8, $0
DATA teleaLanes<>+40(SB)/8, $0
DATA teleaLanes<>+48(SB)/8, $0
DATA teleaLanes<>+56(SB)/8, $0
GLOBL teleaLanes<>(SB), RODATA|NOPTR, $64

// func teleaSumsAVX2(t *float64, pix *uint8, state *uint8, runs *teleaRun, nruns int, soa *float64, stride int, gv *[3]float64, acc *[4]float64)
//
// Telea's sums over the window of one pixel: for every neighbour k with
// a value (state <= stBand), in the window's order, a0 += m0, a1 += m1,
// a2 += m2, sum += wt, with the weight and its products with the
// neighbour's three channels computed exactly as teleaWeight and inpaint
// do, each operation rounded on its own (no FMA):
//   dt = t[q] - ti; lev = 1 / (1 + |dt|)
//   dot = rx*gx + ry*gy; dir = max(|dot*invLen|, 1e-6)
//   wt = (dir*invLen2) * lev; m_c = wt * float64(pix[4q+c])
// Neighbours are taken four at a time along each run of consecutive ones
// (run: q0, the neighbour's index offset from the pixel; k0, its first
// neighbour; n, its length). The four sums live in one register; a
// neighbour without a value, or past its run's end, adds +0 to each
// (which leaves them as they are: they start at +0 and only grow), and a
// step where all four are such is skipped. soa holds four arrays of
// stride bytes: rx, ry, invLen, invLen2. g is gx, gy, ti. t, pix and
// state point at the pixel's own entries; acc receives a0, a1, a2, sum.
TEXT ·teleaSumsAVX2(SB), NOSPLIT, $0-72
	MOVQ t+0(FP), SI
	MOVQ pix+8(FP), DI
	MOVQ state+16(FP), R10
	MOVQ runs+24(FP), R8
	MOVQ nruns+32(FP), R9
	MOVQ soa+40(FP), DX
	MOVQ stride+48(FP), CX
	MOVQ gv+56(FP), AX
	VBROADCASTSD 0(AX), Y10  // gx
	VBROADCASTSD 8(AX), Y11  // gy
	VBROADCASTSD 16(AX), Y12 // ti
	MOVQ $0x3ff0000000000000, AX // 1.0
	MOVQ AX, X13
	VBROADCASTSD X13, Y13
	MOVQ $0x7fffffffffffffff, AX // abs mask
	MOVQ AX, X14
	VBROADCASTSD X14, Y14
	MOVQ $0x3eb0c6f7a0b5ed8d, AX // 1e-6
	MOVQ AX, X15
	VBROADCASTSD X15, Y15
	LEAQ teleaLanes<>(SB), R11
	VXORPD Y9, Y9, Y9 // a0, a1, a2, sum

run:
	TESTQ R9, R9
	JLE done
	MOVQ 0(R8), BX   // q
	MOVQ 8(R8), R12  // k
	MOVQ 16(R8), R13 // neighbours left in the run
	LEAQ (DX)(R12*8), R14 // &rx[k]

chunk:
	// Y8: the lanes that count (a value, inside the run).
	MOVQ R13, AX
	CMPQ AX, $4
	JLE lanes
	MOVQ $4, AX

lanes:
	NEGQ AX
	ADDQ $4, AX
	VMOVDQU (R11)(AX*8), Y8
	VPMOVZXBQ (R10)(BX*1), Y0
	VPCMPGTQ teleaBand<>(SB), Y0, Y0
	VPANDN Y8, Y0, Y8
	VPTEST Y8, Y8
	JZ next
	// lev
	VMOVUPD (SI)(BX*8), Y0
	VSUBPD Y12, Y0, Y0
	VANDPD Y14, Y0, Y0
	VADDPD Y13, Y0, Y0
	VDIVPD Y0, Y13, Y0
	// dir
	VMULPD (R14), Y10, Y1
	MOVQ R14, R15
	ADDQ CX, R15
	VMULPD (R15), Y11, Y2
	VADDPD Y2, Y1, Y1
	ADDQ CX, R15
	VMULPD (R15), Y1, Y1
	VANDPD Y14, Y1, Y1
	VMAXPD Y15, Y1, Y1
	ADDQ CX, R15
	VMULPD (R15), Y1, Y1
	VMULPD Y0, Y1, Y1 // wt
	// channels
	VMOVDQU (DI)(BX*4), X3
	VPSHUFB teleaShufR<>(SB), X3, X4
	VPSHUFB teleaShufG<>(SB), X3, X5
	VPSHUFB teleaShufB<>(SB), X3, X6
	VCVTDQ2PD X4, Y4
	VCVTDQ2PD X5, Y5
	VCVTDQ2PD X6, Y6
	VMULPD Y4, Y1, Y4
	VMULPD Y5, Y1, Y5
	VMULPD Y6, Y1, Y6
	VANDPD Y8, Y1, Y1
	VANDPD Y8, Y4, Y4
	VANDPD Y8, Y5, Y5
	VANDPD Y8, Y6, Y6
	// Transpose to one (m0, m1, m2, wt) per neighbour and add them in
	// order.
	VUNPCKLPD Y5, Y4, Y0 // m0, m1 of lanes 0, 2
	VUNPCKHPD Y5, Y4, Y2 // lanes 1, 3
	VUNPCKLPD Y1, Y6, Y3 // m2, wt of lanes 0, 2
	VUNPCKHPD Y1, Y6, Y7 // lanes 1, 3
	VPERM2F128 $0x20, Y3, Y0, Y4
	VPERM2F128 $0x20, Y7, Y2, Y5
	VPERM2F128 $0x31, Y3, Y0, Y6
	VPERM2F128 $0x31, Y7, Y2, Y1
	VADDPD Y4, Y9, Y9
	VADDPD Y5, Y9, Y9
	VADDPD Y6, Y9, Y9
	VADDPD Y1, Y9, Y9

next:
	ADDQ $4, BX
	ADDQ $32, R14
	SUBQ $4, R13
	JG chunk
	ADDQ $24, R8
	DECQ R9
	JMP run

done:
	MOVQ acc+64(FP), AX
	VMOVUPD Y9, (AX)
	VZEROUPPER
	RET
