//go:build amd64 && !purego

#include "textflag.h"

// Verdict codes as dword lanes: MoveNonFinite, MoveFuture, MoveOutOfBounds, MoveSpeed.
DATA moveCode1<>+0(SB)/8, $0x0000000100000001
DATA moveCode1<>+8(SB)/8, $0x0000000100000001
DATA moveCode1<>+16(SB)/8, $0x0000000100000001
DATA moveCode1<>+24(SB)/8, $0x0000000100000001
GLOBL moveCode1<>(SB), RODATA|NOPTR, $32

DATA moveCode2<>+0(SB)/8, $0x0000000200000002
DATA moveCode2<>+8(SB)/8, $0x0000000200000002
DATA moveCode2<>+16(SB)/8, $0x0000000200000002
DATA moveCode2<>+24(SB)/8, $0x0000000200000002
GLOBL moveCode2<>(SB), RODATA|NOPTR, $32

DATA moveCode3<>+0(SB)/8, $0x0000000300000003
DATA moveCode3<>+8(SB)/8, $0x0000000300000003
DATA moveCode3<>+16(SB)/8, $0x0000000300000003
DATA moveCode3<>+24(SB)/8, $0x0000000300000003
GLOBL moveCode3<>(SB), RODATA|NOPTR, $32

DATA moveCode4<>+0(SB)/8, $0x0000000400000004
DATA moveCode4<>+8(SB)/8, $0x0000000400000004
DATA moveCode4<>+16(SB)/8, $0x0000000400000004
DATA moveCode4<>+24(SB)/8, $0x0000000400000004
GLOBL moveCode4<>(SB), RODATA|NOPTR, $32

// EXPONENT(src) folds into Y1 the largest exponent field (bits 23-30) of
// src's lanes; a lane whose maximum is all ones (Y5) holds a NaN or ±Inf.
#define EXPONENT(src) \
	VPAND   src, Y5, Y3 \
	VPMAXUD Y3, Y1, Y1

// AXIS(prev, new, lo, hi) checks one axis: both coordinates' exponents into
// Y1, lo ≤ new ≤ hi ANDed into Y2, and leaves (new − prev)² in Y0.
#define AXIS(prev, new, lo, hi) \
	VMOVDQU new, Y0 \
	EXPONENT(Y0) \
	EXPONENT(prev) \
	VCMPPS $0x12, hi, Y0, Y3 \
	VPAND  Y3, Y2, Y2 \
	VCMPPS $0x12, Y0, lo, Y3 \
	VPAND  Y3, Y2, Y2 \
	VSUBPS prev, Y0, Y0 \
	VMULPS Y0, Y0, Y0

// func checkMovesAVX2(prevX, prevY, prevZ, newX, newY, newZ, elapsed *float32, stamps *uint32, ok *uint64, reason *uint8, blocks int,
//	minX, minY, minZ, maxX, maxY, maxZ, maxSpeed, tolerance float32, nowMS uint32, futureMS int32)
//
// Each loop step judges 8 inputs, one per dword lane. Compares use the
// ordered, non-signalling predicate LE_OQ (0x12), false when either side is
// NaN, like Go's <=. The verdict is built by blending the codes from the
// last rule to the first, so the first failing rule wins.
//
// The column pointers point past the end of the covered blocks and CX counts
// the input index up from −8×blocks to 0.
//
// Registers: SI, DI, R8 prev x/y/z; R9, R10, R11 new x/y/z; R12 elapsed;
// R13 stamps; BX ok; DX reason; CX index.
// Y5 exponent mask; Y6-Y8 min; Y9-Y11 max; Y12 maxSpeed; Y13 tolerance;
// Y14 now; Y15 futureMS. Y1 largest exponent, Y2 in bounds, Y4 distance²,
// Y0, Y3 scratch.
TEXT ·checkMovesAVX2(SB), NOSPLIT, $0-128
	MOVQ blocks+80(FP), CX
	TESTQ CX, CX
	JZ   done
	SHLQ $3, CX
	MOVQ prevX+0(FP), SI
	LEAQ (SI)(CX*4), SI
	MOVQ prevY+8(FP), DI
	LEAQ (DI)(CX*4), DI
	MOVQ prevZ+16(FP), R8
	LEAQ (R8)(CX*4), R8
	MOVQ newX+24(FP), R9
	LEAQ (R9)(CX*4), R9
	MOVQ newY+32(FP), R10
	LEAQ (R10)(CX*4), R10
	MOVQ newZ+40(FP), R11
	LEAQ (R11)(CX*4), R11
	MOVQ elapsed+48(FP), R12
	LEAQ (R12)(CX*4), R12
	MOVQ stamps+56(FP), R13
	LEAQ (R13)(CX*4), R13
	MOVQ reason+72(FP), DX
	ADDQ CX, DX
	MOVQ ok+64(FP), BX
	NEGQ CX

	MOVL $0x7f800000, AX
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	VBROADCASTSS minX+88(FP), Y6
	VBROADCASTSS minY+92(FP), Y7
	VBROADCASTSS minZ+96(FP), Y8
	VBROADCASTSS maxX+100(FP), Y9
	VBROADCASTSS maxY+104(FP), Y10
	VBROADCASTSS maxZ+108(FP), Y11
	VBROADCASTSS maxSpeed+112(FP), Y12
	VBROADCASTSS tolerance+116(FP), Y13
	MOVL nowMS+120(FP), AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14
	MOVL futureMS+124(FP), AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15

loop:
	VPXOR    Y1, Y1, Y1
	VPCMPEQD Y2, Y2, Y2
	AXIS((SI)(CX*4), (R9)(CX*4), Y6, Y9)
	VMOVAPS  Y0, Y4
	AXIS((DI)(CX*4), (R10)(CX*4), Y7, Y10)
	VADDPS   Y0, Y4, Y4
	AXIS((R8)(CX*4), (R11)(CX*4), Y8, Y11)
	VADDPS   Y0, Y4, Y4

	// Speed: Y4 = distance² ≤ (maxSpeed × max(elapsed, 0) + tolerance)².
	VMOVDQU (R12)(CX*4), Y0
	EXPONENT(Y0)
	VXORPS  Y3, Y3, Y3
	VMAXPS  Y3, Y0, Y0
	VMULPS  Y12, Y0, Y0
	VADDPS  Y13, Y0, Y0
	VMULPS  Y0, Y0, Y0
	VCMPPS  $0x12, Y0, Y4, Y4

	// Non-finite: some exponent field all ones.
	VPCMPEQD Y5, Y1, Y1

	// Future: Y0 = int32(stamp − now) > futureMS.
	VMOVDQU  (R13)(CX*4), Y0
	VPSUBD   Y14, Y0, Y0
	VPCMPGTD Y15, Y0, Y0

	// Verdict: speed, then out of bounds, future, non-finite override it.
	VPANDN    moveCode4<>(SB), Y4, Y3
	VMOVDQU   moveCode3<>(SB), Y4
	VPBLENDVB Y2, Y3, Y4, Y3
	VPBLENDVB Y0, moveCode2<>(SB), Y3, Y3
	VPBLENDVB Y1, moveCode1<>(SB), Y3, Y3

	// ok bits: verdict == 0; reason bytes: the verdicts packed to bytes.
	VPXOR     Y4, Y4, Y4
	VPCMPEQD  Y4, Y3, Y4
	VMOVMSKPS Y4, AX
	MOVB      AX, (BX)
	VEXTRACTI128 $1, Y3, X4
	VPACKUSDW X4, X3, X3
	VPACKUSWB X3, X3, X3
	VMOVQ     X3, (DX)(CX*1)

	ADDQ $1, BX
	ADDQ $8, CX
	JNZ  loop

done:
	VZEROUPPER
	RET
