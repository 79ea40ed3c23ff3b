#include "textflag.h"

// func greyAVX2(out, rowf *float32, index *int32, weight *float32, n, taps int)
//
// Eight samples at a time: acc = +0, then for each tap acc += weight *
// rowf[index] (VMULPS, then VADDPS: rounded separately), the pixels
// gathered lane by lane.
TEXT ·greyAVX2(SB), NOSPLIT, $0-48
	MOVQ out+0(FP), DI
	MOVQ rowf+8(FP), SI
	MOVQ index+16(FP), R8
	MOVQ weight+24(FP), R9
	MOVQ n+32(FP), R10
	MOVQ taps+40(FP), DX
	SHLQ $2, R10 // bytes from one tap's arrays to the next's
	XORQ AX, AX  // byte offset of the samples

chunk:
	CMPQ AX, R10
	JGE done
	VXORPS Y0, Y0, Y0
	LEAQ (R8)(AX*1), R11
	LEAQ (R9)(AX*1), R12
	MOVQ DX, R13

tap:
	VMOVDQU (R11), Y1
	VPCMPEQD Y2, Y2, Y2
	VGATHERDPS Y2, (SI)(Y1*4), Y3
	VMULPS (R12), Y3, Y3
	VADDPS Y3, Y0, Y0
	ADDQ R10, R11
	ADDQ R10, R12
	DECQ R13
	JNZ tap
	VMOVUPS Y0, (DI)(AX*1)
	ADDQ $32, AX
	JMP chunk

done:
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

// func widenAVX2(out *float32, in *uint8, n int)
//
// out[k] = float32(in[k]) for k < n, n a multiple of 8 (exact: every
// byte is a float32).
TEXT ·widenAVX2(SB), NOSPLIT, $0-24
	MOVQ out+0(FP), DI
	MOVQ in+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX

next:
	CMPQ AX, CX
	JGE finished
	VPMOVZXBD (SI)(AX*1), Y0
	VCVTDQ2PS Y0, Y0
	VMOVUPS Y0, (DI)(AX*4)
	ADDQ $8, AX
	JMP next

finished:
	VZEROUPPER
	RET
