#include "textflag.h"

// func toUnitRangeAVX2(dst *float32, src *float32, blocks int)
//
// dst[i] = src[i]/127.5 - 1 for blocks x 8 values: a correctly rounded
// division, then a subtraction, as the portable code does (no FMA).
TEXT ·toUnitRangeAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ blocks+16(FP), CX
	MOVL $0x42ff0000, AX         // 127.5
	MOVL AX, X0
	VBROADCASTSS X0, Y0
	MOVL $0x3f800000, AX         // 1
	MOVL AX, X1
	VBROADCASTSS X1, Y1

suBlock:
	VMOVUPS 0(SI), Y2
	VDIVPS Y0, Y2, Y2
	VSUBPS Y1, Y2, Y2
	VMOVUPS Y2, 0(DI)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ suBlock
	VZEROUPPER
	RET
