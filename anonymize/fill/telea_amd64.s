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

// func teleaTermsAVX2(t *float64, pix *uint8, runs *teleaRun, nruns int, soa *float64, stride int, gv *[3]float64)
//
// For every neighbour k of the window, four at a time along each run of
// consecutive neighbours (run: q0, the neighbour's index offset from the
// pixel; k0, its first neighbour; n, its length; a run's last step also
// computes up to three entries past it, which the next run or the
// padding overwrites), Telea's weight and its products with the
// neighbour's three channels, exactly as teleaWeight and inpaint compute
// them, each operation rounded on its own (no FMA):
//   dt = t[q] - ti; lev = 1 / (1 + |dt|)
//   dot = rx*gx + ry*gy; dir = max(|dot*invLen|, 1e-6)
//   wt = (dir*invLen2) * lev; m_c = wt * float64(pix[4q+c])
// soa holds eight arrays of stride bytes: rx, ry, invLen, invLen2 (read),
// wt, m0, m1, m2 (written). g is gx, gy, ti. t and pix point at the
// pixel's own entries.
TEXT ·teleaTermsAVX2(SB), NOSPLIT, $0-56
	MOVQ t+0(FP), SI
	MOVQ pix+8(FP), DI
	MOVQ runs+16(FP), R8
	MOVQ nruns+24(FP), R9
	MOVQ soa+32(FP), DX
	MOVQ stride+40(FP), CX
	MOVQ gv+48(FP), AX
	VBROADCASTSD 0(AX), Y10 // gx
	VBROADCASTSD 8(AX), Y11 // gy
	VBROADCASTSD 16(AX), Y12 // ti
	MOVQ $0x3ff0000000000000, R10 // 1.0
	MOVQ R10, X13
	VBROADCASTSD X13, Y13
	MOVQ $0x7fffffffffffffff, R10 // abs mask
	MOVQ R10, X14
	VBROADCASTSD X14, Y14
	MOVQ $0x3eb0c6f7a0b5ed8d, R10 // 1e-6
	MOVQ R10, X15
	VBROADCASTSD X15, Y15
	VMOVDQU teleaShufR<>(SB), X7
	VMOVDQU teleaShufG<>(SB), X8
	VMOVDQU teleaShufB<>(SB), X9
	// R11 = 4*stride: the written arrays' offset from the read ones.
	MOVQ CX, R11
	ADDQ R11, R11
	ADDQ R11, R11

run:
	TESTQ R9, R9
	JLE done
	MOVQ 0(R8), BX   // q
	MOVQ 8(R8), R12  // k
	MOVQ 16(R8), R13 // n
	LEAQ (DX)(R12*8), R14 // &rx[k]

chunk:
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
	VPSHUFB X7, X3, X4
	VPSHUFB X8, X3, X5
	VPSHUFB X9, X3, X6
	VCVTDQ2PD X4, Y4
	VCVTDQ2PD X5, Y5
	VCVTDQ2PD X6, Y6
	VMULPD Y4, Y1, Y4
	VMULPD Y5, Y1, Y5
	VMULPD Y6, Y1, Y6
	LEAQ (R14)(R11*1), R15
	VMOVUPD Y1, (R15)
	ADDQ CX, R15
	VMOVUPD Y4, (R15)
	ADDQ CX, R15
	VMOVUPD Y5, (R15)
	ADDQ CX, R15
	VMOVUPD Y6, (R15)
	ADDQ $4, BX
	ADDQ $32, R14
	SUBQ $4, R13
	JG chunk
	ADDQ $24, R8
	DECQ R9
	JMP run

done:
	VZEROUPPER
	RET
