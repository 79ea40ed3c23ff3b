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
