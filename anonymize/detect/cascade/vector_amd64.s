#include "textflag.h"
#include "go_asm.h"

// func stageStumpsAVX2(tab *int32, inv *[8]float32, stumps *vecStump, n int, thr float32) uint8
//
// Eight adjacent windows, one per lane. For each stump in order:
//   v = 0; for each rectangle r: s = t[o0] - t[o1] - t[o2] + t[o3] (int32),
//   v += w[r] * float32(s) (the third skipped when its weight is 0, see
//   vecStump.three); then the leaf "below" when v*inv < thr, else
//   "above", is added to the stage sum. Returns the lanes whose sum is not
//   below the stage threshold. VMULPS/VADDPS round each step as Go's
//   float32 arithmetic does (no FMA); VCVTDQ2PS rounds to nearest as Go's
//   conversion does.
TEXT ·stageStumpsAVX2(SB), NOSPLIT, $0-41
	MOVQ tab+0(FP), DI
	MOVQ inv+8(FP), AX
	VMOVUPS (AX), Y15
	MOVQ stumps+16(FP), SI
	MOVQ n+24(FP), CX
	VXORPS Y14, Y14, Y14         // stage sum

stump:
	VXORPS Y0, Y0, Y0            // feature value v
	MOVLQSX (vecStump_o+0)(SI), R8
	MOVLQSX (vecStump_o+4)(SI), R9
	MOVLQSX (vecStump_o+8)(SI), R10
	MOVLQSX (vecStump_o+12)(SI), R11
	VMOVDQU (DI)(R8*4), Y1
	VPSUBD (DI)(R9*4), Y1, Y1
	VPSUBD (DI)(R10*4), Y1, Y1
	VPADDD (DI)(R11*4), Y1, Y1
	VCVTDQ2PS Y1, Y1
	VBROADCASTSS (vecStump_w+0)(SI), Y2
	VMULPS Y1, Y2, Y1
	VADDPS Y1, Y0, Y0
	MOVLQSX (vecStump_o+16)(SI), R8
	MOVLQSX (vecStump_o+20)(SI), R9
	MOVLQSX (vecStump_o+24)(SI), R10
	MOVLQSX (vecStump_o+28)(SI), R11
	VMOVDQU (DI)(R8*4), Y1
	VPSUBD (DI)(R9*4), Y1, Y1
	VPSUBD (DI)(R10*4), Y1, Y1
	VPADDD (DI)(R11*4), Y1, Y1
	VCVTDQ2PS Y1, Y1
	VBROADCASTSS (vecStump_w+4)(SI), Y2
	VMULPS Y1, Y2, Y1
	VADDPS Y1, Y0, Y0
	CMPL vecStump_three(SI), $0
	JEQ two
	MOVLQSX (vecStump_o+32)(SI), R8
	MOVLQSX (vecStump_o+36)(SI), R9
	MOVLQSX (vecStump_o+40)(SI), R10
	MOVLQSX (vecStump_o+44)(SI), R11
	VMOVDQU (DI)(R8*4), Y1
	VPSUBD (DI)(R9*4), Y1, Y1
	VPSUBD (DI)(R10*4), Y1, Y1
	VPADDD (DI)(R11*4), Y1, Y1
	VCVTDQ2PS Y1, Y1
	VBROADCASTSS (vecStump_w+8)(SI), Y2
	VMULPS Y1, Y2, Y1
	VADDPS Y1, Y0, Y0
two:
	VMULPS Y15, Y0, Y0           // v * inv
	VBROADCASTSS vecStump_thr(SI), Y3
	VCMPPS $1, Y3, Y0, Y4        // lanes with v*inv < thr (false for NaN)
	VBROADCASTSS (vecStump_leaf+0)(SI), Y5  // below
	VBROADCASTSS (vecStump_leaf+4)(SI), Y6  // above
	VBLENDVPS Y4, Y5, Y6, Y7     // below where the mask is set, else above
	VADDPS Y7, Y14, Y14
	ADDQ $vecStump__size, SI
	DECQ CX
	JNZ stump

	VBROADCASTSS thr+32(FP), Y3
	VCMPPS $5, Y3, Y14, Y4       // not (sum < thr), true for NaN as in Go
	VMOVMSKPS Y4, AX
	MOVB AX, ret+40(FP)
	VZEROUPPER
	RET

// func invNormsAVX2(sum *int32, sq *float64, stride, w, h int, area float64, inv *[8]float32)
//
// invNorm for eight adjacent rectangles (w x h, one pixel apart), sum and
// sq pointing at the first one's top-left corner entry of the sum and
// squared-sum tables (stride entries a row), exactly as invNorm computes
// it: s = D - B - C + A (int32, then float64, exact), q = ((D - B) - C) +
// A in float64, nf = area*q - s*s (each product rounded, VMULPD, no FMA),
// inv = float32(1/sqrt(nf)) (VSQRTPD, VDIVPD, VCVTPD2PS round as Go
// does), 1 where nf <= 0.
TEXT ·invNormsAVX2(SB), NOSPLIT, $0-56
	MOVQ sum+0(FP), SI
	MOVQ sq+8(FP), DI
	MOVQ stride+16(FP), CX
	MOVQ w+24(FP), R8
	MOVQ h+32(FP), R9
	VBROADCASTSD area+40(FP), Y15
	MOVQ inv+48(FP), DX
	MOVQ $0x3ff0000000000000, AX // 1.0
	MOVQ AX, X14
	VBROADCASTSD X14, Y14
	VXORPD Y13, Y13, Y13
	// R10: offset of the bottom-left corner, h rows down.
	MOVQ R9, R10
	IMULQ CX, R10
	// sums: D - B - C + A
	LEAQ (R10)(R8*1), R11 // bottom-right
	VMOVDQU (SI)(R11*4), Y0
	VPSUBD (SI)(R8*4), Y0, Y0
	VPSUBD (SI)(R10*4), Y0, Y0
	VPADDD (SI), Y0, Y0
	VCVTDQ2PD X0, Y1       // lanes 0-3
	VEXTRACTI128 $1, Y0, X0
	VCVTDQ2PD X0, Y2       // lanes 4-7
	// lanes 0-3
	VMOVUPD (DI)(R11*8), Y3
	VSUBPD (DI)(R8*8), Y3, Y3
	VSUBPD (DI)(R10*8), Y3, Y3
	VADDPD (DI), Y3, Y3
	VMULPD Y15, Y3, Y3
	VMULPD Y1, Y1, Y4
	VSUBPD Y4, Y3, Y3
	VCMPPD $2, Y13, Y3, Y5 // nf <= 0
	VSQRTPD Y3, Y3
	VDIVPD Y3, Y14, Y3
	VBLENDVPD Y5, Y14, Y3, Y3
	VCVTPD2PSY Y3, X3
	VMOVUPS X3, 0(DX)
	// lanes 4-7
	VMOVUPD 32(DI)(R11*8), Y3
	VSUBPD 32(DI)(R8*8), Y3, Y3
	VSUBPD 32(DI)(R10*8), Y3, Y3
	VADDPD 32(DI), Y3, Y3
	VMULPD Y15, Y3, Y3
	VMULPD Y2, Y2, Y4
	VSUBPD Y4, Y3, Y3
	VCMPPD $2, Y13, Y3, Y5
	VSQRTPD Y3, Y3
	VDIVPD Y3, Y14, Y3
	VBLENDVPD Y5, Y14, Y3, Y3
	VCVTPD2PSY Y3, X3
	VMOVUPS X3, 16(DX)
	VZEROUPPER
	RET
