#include "textflag.h"

// func treeAVX2(base unsafe.Pointer, pos *int32, sums *float32, n int, o *nodeOffsets, leaves *[64]float32, th float32, pack *[256][8]int32) int
//
// treeStepGo, one live window per lane, four groups of eight lanes
// interleaved (a gather's latency is long; the other groups' work fills
// it; the groups share scratch registers, which renaming separates). Per window: idx starts at 1; six times, node idx's two pixel
// offsets are looked up (level 1 broadcasts node 1; levels 2-6 permute
// the offset tables of their nodes), the two pixels are gathered (a
// dword each, the low byte kept: the plane has 3 readable bytes past its
// end), and idx becomes 2*idx + 1 + ((p2-p1) >> 31), that is 2*idx+1
// when pixel 1 <= pixel 2, else 2*idx. Then the leaf leaves[idx-64] is
// gathered and added to the window's score (VADDPS, rounded as Go's
// float32 +), and the windows whose score is above th (VCMPPS GT_OQ:
// false for NaN, as Go's >) are packed, in order, to the front of pos and
// sums. Returns how many were kept.
//
// Registers: SI base, DI pos, DX sums, CX n, R8 offsets (first pixel's
// at 0, second's at 256), R9 leaves-256, R10 pack, BX read position, AX
// kept. idx of groups A-D (at BX, BX+8, BX+16, BX+24): Y0, Y1, Y6, Y7;
// scratch of A and C: Y2-Y5, of B and D: Y8-Y10, Y12. Y11 ones, Y14
// 0xff, Y13 and Y15 scratch (Y15 the gathers' mask). Positions are read
// from memory where needed: a group's kept windows are stored below its
// own first entry, so later groups' entries are intact.

// Node offsets for levels 1-6 of idx I into O0 (first pixel) and O1.
#define OFF1(I, O0, O1) \
	VPBROADCASTD 4(R8), O0; \
	VPBROADCASTD 260(R8), O1; \
	VMOVDQA Y11, I
#define OFF23(I, O0, O1) \
	VPERMD (R8), I, O0; \
	VPERMD 256(R8), I, O1
#define OFF4(I, O0, O1) \
	VPERMD 32(R8), I, O0; \
	VPERMD 288(R8), I, O1
#define OFF5(I, O0, O1, T) \
	VPSLLD $28, I, Y13; \
	VPERMD 64(R8), I, O0; \
	VPERMD 96(R8), I, T; \
	VBLENDVPS Y13, T, O0, O0; \
	VPERMD 320(R8), I, O1; \
	VPERMD 352(R8), I, T; \
	VBLENDVPS Y13, T, O1, O1
#define OFF6(I, O0, O1, T, U) \
	VPSLLD $28, I, Y13; \
	VPSLLD $27, I, Y15; \
	VPERMD 128(R8), I, O0; \
	VPERMD 160(R8), I, T; \
	VBLENDVPS Y13, T, O0, O0; \
	VPERMD 192(R8), I, T; \
	VPERMD 224(R8), I, U; \
	VBLENDVPS Y13, U, T, T; \
	VBLENDVPS Y15, T, O0, O0; \
	VPERMD 384(R8), I, O1; \
	VPERMD 416(R8), I, T; \
	VBLENDVPS Y13, T, O1, O1; \
	VPERMD 448(R8), I, T; \
	VPERMD 480(R8), I, U; \
	VBLENDVPS Y13, U, T, T; \
	VBLENDVPS Y15, T, O1, O1

// One level for the group at pos[BX+G/4]: pixels at its positions plus
// offsets O0, O1 into P0, P1; then idx I = 2*I + 1 + ((P1-P0) >> 31).
#define GATHER(G, O0, O1, P0, P1) \
	VPADDD G(DI)(BX*4), O0, O0; \
	VPADDD G(DI)(BX*4), O1, O1; \
	VPCMPEQD Y15, Y15, Y15; \
	VPGATHERDD Y15, (SI)(O0*1), P0; \
	VPCMPEQD Y15, Y15, Y15; \
	VPGATHERDD Y15, (SI)(O1*1), P1
#define STEP(I, P0, P1) \
	VPAND Y14, P0, P0; \
	VPAND Y14, P1, P1; \
	VPSUBD P0, P1, P1; \
	VPSRAD $31, P1, P1; \
	VPADDD I, I, I; \
	VPADDD Y11, I, I; \
	VPADDD P1, I, I

// Levels 1-6 for groups I (scratch O0-P1 at G) and J (scratch Q0-R1 at H).
#define PAIR(I, J, G, H, O0, O1, P0, P1, Q0, Q1, R0, R1) \
	OFF1(I, O0, O1); \
	OFF1(J, Q0, Q1); \
	GATHER(G, O0, O1, P0, P1); \
	GATHER(H, Q0, Q1, R0, R1); \
	STEP(I, P0, P1); \
	STEP(J, R0, R1)
#define PAIRL(OFF, I, J, G, H, O0, O1, P0, P1, Q0, Q1, R0, R1) \
	OFF(I, O0, O1); \
	OFF(J, Q0, Q1); \
	GATHER(G, O0, O1, P0, P1); \
	GATHER(H, Q0, Q1, R0, R1); \
	STEP(I, P0, P1); \
	STEP(J, R0, R1)
#define PAIR5(I, J, G, H, O0, O1, P0, P1, Q0, Q1, R0, R1) \
	OFF5(I, O0, O1, P0); \
	OFF5(J, Q0, Q1, R0); \
	GATHER(G, O0, O1, P0, P1); \
	GATHER(H, Q0, Q1, R0, R1); \
	STEP(I, P0, P1); \
	STEP(J, R0, R1)
#define PAIR6(I, J, G, H, O0, O1, P0, P1, Q0, Q1, R0, R1) \
	OFF6(I, O0, O1, P0, P1); \
	OFF6(J, Q0, Q1, R0, R1); \
	GATHER(G, O0, O1, P0, P1); \
	GATHER(H, Q0, Q1, R0, R1); \
	STEP(I, P0, P1); \
	STEP(J, R0, R1)

// The leaf of idx I added to the scores at sums[BX+G/4] into P1; R11
// gets the lanes above th among the first R12 (if R12 < 8), and the kept
// positions and scores are stored at AX, which advances.
#define FINISH(I, G, P0, P1, O0, O1) \
	VPCMPEQD Y15, Y15, Y15; \
	VPGATHERDD Y15, (R9)(I*4), P0; \
	VMOVUPS G(DX)(BX*4), P1; \
	VADDPS P0, P1, P1; \
	VBROADCASTSS th+48(FP), Y13; \
	VCMPPS $0x1e, Y13, P1, P0; \
	VMOVMSKPS P0, R11; \
	CMPQ R12, $8; \
	JGE 3(PC); \
	BZHIL R12, R11, R11; \
	NOP; \
	MOVQ R11, R13; \
	SHLQ $5, R13; \
	VMOVDQU (R10)(R13*1), Y13; \
	VPERMD G(DI)(BX*4), Y13, O0; \
	VPERMD P1, Y13, O1; \
	VMOVDQU O0, (DI)(AX*4); \
	VMOVDQU O1, (DX)(AX*4); \
	POPCNTL R11, R11; \
	ADDQ R11, AX

TEXT ·treeAVX2(SB), NOSPLIT, $0-72
	MOVQ base+0(FP), SI
	MOVQ pos+8(FP), DI
	MOVQ sums+16(FP), DX
	MOVQ n+24(FP), CX
	MOVQ o+32(FP), R8
	MOVQ leaves+40(FP), R9
	SUBQ $256, R9
	MOVQ pack+56(FP), R10
	MOVL $1, R11
	MOVQ R11, X11
	VPBROADCASTD X11, Y11
	MOVL $0xff, R11
	MOVQ R11, X14
	VPBROADCASTD X14, Y14
	XORQ AX, AX
	XORQ BX, BX

quads:
	MOVQ CX, R12
	SUBQ BX, R12
	CMPQ R12, $32
	JLT singles

	// Four full groups at BX, BX+8, BX+16, BX+24.
	PAIR(Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIR(Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF23, Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF23, Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF23, Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF23, Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF4, Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIRL(OFF4, Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIR5(Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIR5(Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIR6(Y0, Y1, 0, 32, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	PAIR6(Y6, Y7, 64, 96, Y2, Y3, Y4, Y5, Y8, Y9, Y10, Y12)
	MOVQ $8, R12
	FINISH(Y0, 0, Y4, Y5, Y2, Y3)
	FINISH(Y1, 32, Y10, Y12, Y8, Y9)
	FINISH(Y6, 64, Y4, Y5, Y2, Y3)
	FINISH(Y7, 96, Y10, Y12, Y8, Y9)
	ADDQ $32, BX
	JMP quads

singles:
	// Groups of up to eight lanes at BX, R12 windows left.
	CMPQ R12, $0
	JLE done
	OFF1(Y0, Y2, Y3)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	OFF23(Y0, Y2, Y3)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	OFF23(Y0, Y2, Y3)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	OFF4(Y0, Y2, Y3)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	OFF5(Y0, Y2, Y3, Y4)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	OFF6(Y0, Y2, Y3, Y4, Y5)
	GATHER(0, Y2, Y3, Y4, Y5)
	STEP(Y0, Y4, Y5)
	FINISH(Y0, 0, Y4, Y5, Y2, Y3)
	ADDQ $8, BX
	MOVQ CX, R12
	SUBQ BX, R12
	JMP singles

done:
	VZEROUPPER
	MOVQ AX, ret+64(FP)
	RET
