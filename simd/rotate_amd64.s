//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"

// F32(name, bits) and F64(name, bits) define a 32-byte constant vector of
// 8 float32 or 4 float64 lanes, all holding bits.
#define F32(name, bits) \
	DATA name<>+0(SB)/4, $bits \
	DATA name<>+4(SB)/4, $bits \
	DATA name<>+8(SB)/4, $bits \
	DATA name<>+12(SB)/4, $bits \
	DATA name<>+16(SB)/4, $bits \
	DATA name<>+20(SB)/4, $bits \
	DATA name<>+24(SB)/4, $bits \
	DATA name<>+28(SB)/4, $bits \
	GLOBL name<>(SB), RODATA|NOPTR, $32

#define F64(name, bits) \
	DATA name<>+0(SB)/8, $bits \
	DATA name<>+8(SB)/8, $bits \
	DATA name<>+16(SB)/8, $bits \
	DATA name<>+24(SB)/8, $bits \
	GLOBL name<>(SB), RODATA|NOPTR, $32

F32(rotSign, 0x80000000)
F32(rotOne32, 0x3f800000)
F32(rotMax32, 0x7f7fffff)      // math.MaxFloat32
F32(rotInf32, 0x7f800000)      // +Inf
F32(rotSnap, 0x3f7fff58)       // float32(SnapDot)
F32(rotNlerp, 0x3f7fdf3b)      // float32(NlerpDot)
F32(rotHalfPiDown, 0x3fc90fda) // the largest float32 ≤ π/2

F64(rotOne64, 0x3ff0000000000000)
F64(rotHalf64, 0x3fe0000000000000)
F64(rotTwo64, 0x4000000000000000)
F64(rotQuarter64, 0x3fd0000000000000)
F64(rotHiWord, 0xffffffff00000000)
F64(rotPio2Hi, 0x3ff921fb54442d18)
F64(rotPio2Lo, 0x3c91a62633145c07)
F64(rotPio4, 0x3fe921fb54442d18)   // math.Pi/4
F64(rotP03, 0x3fd3333333333333)    // 0.3
F64(rotM03, 0xbfd3333333333333)    // -0.3
F64(rotP78125, 0x3fe9000000000000) // 0.78125
F64(rotM78125, 0xbfe9000000000000) // -0.78125
F64(rotP28125, 0x3fd2000000000000) // 0.28125

F64(rotPS0, 0x3fc5555555555555)
F64(rotPS1, 0xbfd4d61203eb6f7d)
F64(rotPS2, 0x3fc9c1550e884455)
F64(rotPS3, 0xbfa48228b5688f3b)
F64(rotPS4, 0x3f49efe07501b288)
F64(rotPS5, 0x3f023de10dfdf709)
F64(rotQS1, 0xc0033a271c8a2d4b)
F64(rotQS2, 0x40002ae59c598ac8)
F64(rotQS3, 0xbfe6066c1b8d0159)
F64(rotQS4, 0x3fb3b8c5b12e9282)

F64(rotSin1, 0xbfc5555555555549)
F64(rotSin2, 0x3f8111111110f8a6)
F64(rotSin3, 0xbf2a01a019c161d5)
F64(rotSin4, 0x3ec71de357b1fe7d)
F64(rotSin5, 0xbe5ae5e68a2b9ceb)
F64(rotSin6, 0x3de5d93a5acfd57c)

F64(rotCos1, 0x3fa555555555554c)
F64(rotCos2, 0xbf56c16c16c15177)
F64(rotCos3, 0x3efa01a019cb1590)
F64(rotCos4, 0xbe927e4f809c52ad)
F64(rotCos5, 0x3e21ee9ebdb4b1c4)
F64(rotCos6, 0xbda8fae9be8838d4)

// Spill slots in the frame, 32 bytes each: the flipped target b (4), the
// masks of the snap, nlerp and inner-nlerp cases, the unnormalised nlerp,
// later the normalised quaternion N (4), the normalised from-quaternion q1
// (4), and the mask of lanes whose kernels are in range.
#define B_W 0(SP)
#define B_X 32(SP)
#define B_Y 64(SP)
#define B_Z 96(SP)
#define SNAP 128(SP)
#define NLERP 160(SP)
#define N_W 192(SP)
#define N_X 224(SP)
#define N_Y 256(SP)
#define N_Z 288(SP)
#define INNER 320(SP)
#define Q1_W 352(SP)
#define Q1_X 384(SP)
#define Q1_Y 416(SP)
#define Q1_Z 448(SP)
#define INRANGE 480(SP)

// LERP(a, b, dst): dst = a·(1−t) + b·t for one component, with Y11 1−t
// and Y8 t (Y12, Y13 scratch).
#define LERP(a, b, dst) \
	VMULPS  Y11, a, Y12 \
	VMULPS  Y8, b, Y13 \
	VADDPS  Y13, Y12, Y12 \
	VMOVUPS Y12, dst

// SLERP_END(q1, q2, n): for one component, q2 becomes what the lane
// normalises next: the outer nlerp's n where Y11 (NLERP) is set, else the
// inner nlerp's q1 + (q2 − q1)·t where Y10 (INNER) is set, else slerp's
// q2 − q1·dot (Y8 t, Y9 dot; Y12, Y13 scratch).
#define SLERP_END(q1, q2, n) \
	VSUBPS    q1, q2, Y12 \
	VMULPS    Y8, Y12, Y12 \
	VADDPS    Y12, q1, Y12 \
	VMULPS    Y9, q1, Y13 \
	VSUBPS    Y13, q2, Y13 \
	VBLENDVPS Y10, Y12, Y13, Y13 \
	VBLENDVPS Y11, n, Y13, q2

// DOT(a0..a3, b0..b3, sum, tmp): sum = ((a0·b0 + a1·b1) + a2·b2) + a3·b3,
// each product rounded (Quat.dot).
#define DOT(a0, a1, a2, a3, b0, b1, b2, b3, sum, tmp) \
	VMULPS b0, a0, sum \
	VMULPS b1, a1, tmp \
	VADDPS tmp, sum, sum \
	VMULPS b2, a2, tmp \
	VADDPS tmp, sum, sum \
	VMULPS b3, a3, tmp \
	VADDPS tmp, sum, sum

// SHORTER(q0..q3, d, t1, t2): where d < 0, flip the sign bits of q and d
// (Quat.flipSign, and q.scale(-1), -d where d is not NaN).
#define SHORTER(q0, q1, q2, q3, d, t1, t2) \
	VXORPS t2, t2, t2 \
	VCMPPS $0x11, t2, d, t1 \
	VANDPS rotSign<>(SB), t1, t1 \
	VXORPS t1, q0, q0 \
	VXORPS t1, q1, q1 \
	VXORPS t1, q2, q2 \
	VXORPS t1, q3, q3 \
	VXORPS t1, d, d

// NORMALIZE(w, x, y, z, t1, t2, t3) is Quat.normalize in place: length =
// VSQRTPS of the rounded dot product with itself (float32(math.Sqrt(
// float64(·))) exactly), +Inf replaced by MaxFloat32, W divided by it and
// X, Y, Z multiplied by 1/length; a zero length gives (1, +0, +0, +0).
#define NORMALIZE(w, x, y, z, t1, t2, t3) \
	DOT(w, x, y, z, w, x, y, z, t1, t2) \
	VSQRTPS   t1, t1 \
	VCMPPS    $0x00, rotInf32<>(SB), t1, t2 \
	VBLENDVPS t2, rotMax32<>(SB), t1, t1 \
	VXORPS    t3, t3, t3 \
	VCMPPS    $0x00, t3, t1, t2 \
	VDIVPS    t1, w, w \
	VMOVUPS   rotOne32<>(SB), t3 \
	VDIVPS    t1, t3, t3 \
	VMULPS    t3, x, x \
	VMULPS    t3, y, y \
	VMULPS    t3, z, z \
	VBLENDVPS t2, rotOne32<>(SB), w, w \
	VANDNPS   x, t2, x \
	VANDNPS   y, t2, y \
	VANDNPS   z, t2, z

// ACOS computes acosUnit's kernel of Y0 (4 float64 lanes) into Y1, both
// of its branches blended by x < 0.5; the asinRatio they share runs once
// on the blended argument. Scratch: Y2–Y7, Y12–Y15.
#define ACOS \
	VMULPD    Y0, Y0, Y2 \
	VMOVUPD   rotOne64<>(SB), Y3 \
	VSUBPD    Y0, Y3, Y3 \
	VMULPD    rotHalf64<>(SB), Y3, Y3 \
	VCMPPD    $0x11, rotHalf64<>(SB), Y0, Y4 \
	VBLENDVPD Y4, Y2, Y3, Y5 \
	VMULPD    rotPS5<>(SB), Y5, Y6 \
	VADDPD    rotPS4<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VADDPD    rotPS3<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VADDPD    rotPS2<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VADDPD    rotPS1<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VADDPD    rotPS0<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VMULPD    rotQS4<>(SB), Y5, Y7 \
	VADDPD    rotQS3<>(SB), Y7, Y7 \
	VMULPD    Y5, Y7, Y7 \
	VADDPD    rotQS2<>(SB), Y7, Y7 \
	VMULPD    Y5, Y7, Y7 \
	VADDPD    rotQS1<>(SB), Y7, Y7 \
	VMULPD    Y5, Y7, Y7 \
	VADDPD    rotOne64<>(SB), Y7, Y7 \
	VDIVPD    Y7, Y6, Y6 \
	VMULPD    Y6, Y0, Y7 \
	VMOVUPD   rotPio2Lo<>(SB), Y12 \
	VSUBPD    Y7, Y12, Y12 \
	VSUBPD    Y12, Y0, Y12 \
	VMOVUPD   rotPio2Hi<>(SB), Y13 \
	VSUBPD    Y12, Y13, Y13 \
	VSQRTPD   Y3, Y7 \
	VANDPD    rotHiWord<>(SB), Y7, Y12 \
	VMULPD    Y12, Y12, Y14 \
	VSUBPD    Y14, Y3, Y14 \
	VADDPD    Y12, Y7, Y15 \
	VDIVPD    Y15, Y14, Y14 \
	VMULPD    Y7, Y6, Y15 \
	VADDPD    Y14, Y15, Y15 \
	VADDPD    Y15, Y12, Y15 \
	VMULPD    rotTwo64<>(SB), Y15, Y15 \
	VBLENDVPD Y4, Y13, Y15, Y1

// HORNER5(c6, c5, c4, c3, c2) sets Y6 to ((((c6·z + c5)·z + c4)·z + c3)·z
// + c2) for z in Y5, each product rounded before its sum: the common head
// of kernelSin's and kernelCos's polynomials.
#define HORNER5(c6, c5, c4, c3, c2) \
	VMULPD c6, Y5, Y6 \
	VADDPD c5, Y6, Y6 \
	VMULPD Y5, Y6, Y6 \
	VADDPD c4, Y6, Y6 \
	VMULPD Y5, Y6, Y6 \
	VADDPD c3, Y6, Y6 \
	VMULPD Y5, Y6, Y6 \
	VADDPD c2, Y6, Y6

// SINCOS computes sincosQuarter's kernels of Y0 (4 float64 lanes): sin
// into Y1, cos into Y2. The argument u is x where x ≤ π/4 and
// (pio2Hi − x) + pio2Lo elsewhere; kernelSin and kernelCos of u are
// swapped for the second. kernelCos's branches are both computed and
// blended. Scratch: Y3–Y7, Y12–Y15.
#define SINCOS \
	VCMPPD    $0x12, rotPio4<>(SB), Y0, Y3 \
	VMOVUPD   rotPio2Hi<>(SB), Y4 \
	VSUBPD    Y0, Y4, Y4 \
	VADDPD    rotPio2Lo<>(SB), Y4, Y4 \
	VBLENDVPD Y3, Y0, Y4, Y4 \
	VMULPD    Y4, Y4, Y5 \
	HORNER5(rotSin6<>(SB), rotSin5<>(SB), rotSin4<>(SB), rotSin3<>(SB), rotSin2<>(SB)) \
	VMULPD    Y6, Y5, Y6 \
	VADDPD    rotSin1<>(SB), Y6, Y6 \
	VMULPD    Y4, Y5, Y7 \
	VMULPD    Y6, Y7, Y7 \
	VADDPD    Y7, Y4, Y7 \
	HORNER5(rotCos6<>(SB), rotCos5<>(SB), rotCos4<>(SB), rotCos3<>(SB), rotCos2<>(SB)) \
	VMULPD    Y5, Y6, Y6 \
	VADDPD    rotCos1<>(SB), Y6, Y6 \
	VMULPD    Y5, Y6, Y6 \
	VMULPD    Y6, Y5, Y6 \
	VMULPD    rotHalf64<>(SB), Y5, Y12 \
	VSUBPD    Y6, Y12, Y13 \
	VMOVUPD   rotOne64<>(SB), Y14 \
	VSUBPD    Y13, Y14, Y13 \
	VMULPD    rotQuarter64<>(SB), Y4, Y14 \
	VCMPPD    $0x1e, rotP78125<>(SB), Y4, Y15 \
	VBLENDVPD Y15, rotP28125<>(SB), Y14, Y14 \
	VCMPPD    $0x11, rotM78125<>(SB), Y4, Y15 \
	VBLENDVPD Y15, rotP28125<>(SB), Y14, Y14 \
	VANDPD    rotHiWord<>(SB), Y14, Y14 \
	VSUBPD    Y14, Y12, Y12 \
	VSUBPD    Y6, Y12, Y12 \
	VMOVUPD   rotOne64<>(SB), Y15 \
	VSUBPD    Y14, Y15, Y15 \
	VSUBPD    Y12, Y15, Y15 \
	VCMPPD    $0x11, rotP03<>(SB), Y4, Y12 \
	VCMPPD    $0x1e, rotM03<>(SB), Y4, Y14 \
	VANDPD    Y14, Y12, Y12 \
	VBLENDVPD Y12, Y13, Y15, Y15 \
	VBLENDVPD Y3, Y7, Y15, Y1 \
	VBLENDVPD Y3, Y15, Y7, Y2

// RESULT(q1, n, b, dst) is one component of a lane's result: the slerp
// q1·c + N·s (c in Y9, s in Y11), or N where the nlerp cases hold (Y3),
// or b where the snap case holds (Y4); it is also checked for NaN into
// Y10. Scratch: Y0–Y2.
#define RESULT(q1, n, b, dst) \
	VMOVUPS   q1, Y0 \
	VMULPS    Y9, Y0, Y0 \
	VMOVUPS   n, Y1 \
	VMULPS    Y11, Y1, Y2 \
	VADDPS    Y2, Y0, Y0 \
	VBLENDVPS Y3, Y1, Y0, Y0 \
	VBLENDVPS Y4, b, Y0, dst \
	VCMPPS    $0x03, dst, dst, Y0 \
	VORPS     Y0, Y10, Y10

// func rotateTowardAVX2(dst, from, to *QuatColumns, t *float32, start, n int) (done int)
//
// Each step turns 8 entries, one per float32 lane, through every case of
// RotateQuat and blends the results by the cases' masks:
//
//  1. d = a·b and the shorter-arc flip of b; the masks SNAP (d > SnapDot)
//     and NLERP (d > NlerpDot); the lerp a·(1−t) + b·t; q1 = normalize(a)
//     and q2 = normalize(b).
//  2. slerp's dot q1·q2 and its flip of q2; the mask INNER (dot >
//     NlerpDot, mgl32.QuatNlerp inside slerp); per component, the
//     quaternion the lane normalises next: the lerp where NLERP, q1 +
//     (q2 − q1)·t where INNER, else q2 − q1·dot (slerp's rel); then N, it
//     normalised.
//  3. acos(dot) in float64, 4 lanes at a time, rounded to float32 and
//     times t gives θ; sin θ and cos θ in float64, rounded to float32. The
//     lanes where dot is in [0, 1) and θ in [0, π/2] are in range. A step
//     where every lane is NLERP or INNER skips this stage.
//  4. The result: b where SNAP, N where NLERP or INNER, else q1·cos θ +
//     N·sin θ. If a lane of the step takes the slerp out of range, or its
//     result has a NaN, the step is not stored and the loop stops before
//     it, for the Go reference to take.
//
// All float32 arithmetic is VxxxPS and float64 arithmetic VxxxPD, in the
// reference's order, never fused; conversions are VCVTPS2PD (exact) and
// VCVTPD2PS (round to nearest, as Go's float32()). Compares are ordered
// and quiet (false on NaN), as Go's.
//
// Registers: R8–R11 from's W, X, Y, Z, R12–R15 to's, SI t, DI dst, AX the
// step's first entry, CX the last entry a whole step may start at, DX
// scratch; the vector registers are reused from stage to stage, as
// described at each.
TEXT ·rotateTowardAVX2(SB), 0, $512-56
	MOVQ from+8(FP), DX
	MOVQ QuatColumns_W(DX), R8
	MOVQ QuatColumns_X(DX), R9
	MOVQ QuatColumns_Y(DX), R10
	MOVQ QuatColumns_Z(DX), R11
	MOVQ to+16(FP), DX
	MOVQ QuatColumns_W(DX), R12
	MOVQ QuatColumns_X(DX), R13
	MOVQ QuatColumns_Y(DX), R14
	MOVQ QuatColumns_Z(DX), R15
	MOVQ t+24(FP), SI
	MOVQ dst+0(FP), DI
	MOVQ start+32(FP), AX
	MOVQ n+40(FP), CX
	SUBQ $8, CX

step:
	CMPQ AX, CX
	JGT  done

	// Stage 1. Y0–Y3 a, then q1; Y4–Y7 b, then q2; Y8 t; Y9 d.
	VMOVUPS (R8)(AX*4), Y0
	VMOVUPS (R9)(AX*4), Y1
	VMOVUPS (R10)(AX*4), Y2
	VMOVUPS (R11)(AX*4), Y3
	VMOVUPS (R12)(AX*4), Y4
	VMOVUPS (R13)(AX*4), Y5
	VMOVUPS (R14)(AX*4), Y6
	VMOVUPS (R15)(AX*4), Y7
	VMOVUPS (SI)(AX*4), Y8
	DOT(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y9, Y10)
	SHORTER(Y4, Y5, Y6, Y7, Y9, Y10, Y11)
	VMOVUPS Y4, B_W
	VMOVUPS Y5, B_X
	VMOVUPS Y6, B_Y
	VMOVUPS Y7, B_Z
	VCMPPS  $0x1e, rotSnap<>(SB), Y9, Y10
	VMOVUPS Y10, SNAP
	VCMPPS  $0x1e, rotNlerp<>(SB), Y9, Y10
	VMOVUPS Y10, NLERP

	// The lerp a·(1−t) + b·t; Y11 1−t.
	VMOVUPS rotOne32<>(SB), Y11
	VSUBPS  Y8, Y11, Y11
	LERP(Y0, Y4, N_W)
	LERP(Y1, Y5, N_X)
	LERP(Y2, Y6, N_Y)
	LERP(Y3, Y7, N_Z)

	NORMALIZE(Y0, Y1, Y2, Y3, Y9, Y10, Y11)
	NORMALIZE(Y4, Y5, Y6, Y7, Y9, Y10, Y11)

	// Stage 2. Y9 slerp's dot; Y10 INNER; Y11 NLERP; Y4–Y7 become N.
	DOT(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y9, Y10)
	SHORTER(Y4, Y5, Y6, Y7, Y9, Y10, Y11)
	VCMPPS  $0x1e, rotNlerp<>(SB), Y9, Y10
	VMOVUPS Y10, INNER
	VMOVUPS NLERP, Y11

	// Per component c: Y12 q1 + (q2 − q1)·t, Y13 q2 − q1·dot, blended.
	SLERP_END(Y0, Y4, N_W)
	SLERP_END(Y1, Y5, N_X)
	SLERP_END(Y2, Y6, N_Y)
	SLERP_END(Y3, Y7, N_Z)

	NORMALIZE(Y4, Y5, Y6, Y7, Y12, Y13, Y14)
	VMOVUPS Y0, Q1_W
	VMOVUPS Y1, Q1_X
	VMOVUPS Y2, Q1_Y
	VMOVUPS Y3, Q1_Z
	VMOVUPS Y4, N_W
	VMOVUPS Y5, N_X
	VMOVUPS Y6, N_Y
	VMOVUPS Y7, N_Z

	// A step with no slerp lane (all NLERP or INNER, as lists sorted by
	// case have) skips stage 3: its lanes take N or b, so sin and cos are
	// not used, and none is out of range.
	VMOVUPS   NLERP, Y3
	VORPS     INNER, Y3, Y3
	VMOVMSKPS Y3, DX
	CMPL      DX, $0xff
	JNE       slerp
	VXORPS    Y9, Y9, Y9
	VXORPS    Y11, Y11, Y11
	VMOVUPS   Y3, INRANGE
	JMP       blend

slerp:
	// Stage 3. Y8 t; Y9 dot; Y10 acos, then θ; Y11 and Y9 sin and cos.
	VCVTPS2PD    X9, Y0
	ACOS
	VCVTPD2PSY   Y1, X10
	VEXTRACTF128 $1, Y9, X0
	VCVTPS2PD    X0, Y0
	ACOS
	VCVTPD2PSY   Y1, X11
	VINSERTF128  $1, X11, Y10, Y10
	VMULPS       Y8, Y10, Y10

	// In range: 0 ≤ dot < 1 and 0 ≤ θ ≤ π/2.
	VXORPS  Y11, Y11, Y11
	VCMPPS  $0x1d, Y11, Y9, Y12
	VCMPPS  $0x11, rotOne32<>(SB), Y9, Y13
	VANDPS  Y13, Y12, Y12
	VCMPPS  $0x1d, Y11, Y10, Y13
	VANDPS  Y13, Y12, Y12
	VCMPPS  $0x12, rotHalfPiDown<>(SB), Y10, Y13
	VANDPS  Y13, Y12, Y12
	VMOVUPS Y12, INRANGE

	VCVTPS2PD    X10, Y0
	SINCOS
	VCVTPD2PSY   Y1, X11
	VCVTPD2PSY   Y2, X9
	VEXTRACTF128 $1, Y10, X0
	VCVTPS2PD    X0, Y0
	SINCOS
	VCVTPD2PSY   Y1, X1
	VCVTPD2PSY   Y2, X2
	VINSERTF128  $1, X1, Y11, Y11
	VINSERTF128  $1, X2, Y9, Y9

blend:
	// Stage 4. Y3 NLERP or INNER; Y4 SNAP; Y10 NaN lanes; Y5–Y8 the result.
	VMOVUPS NLERP, Y3
	VORPS   INNER, Y3, Y3
	VMOVUPS SNAP, Y4
	VXORPS  Y10, Y10, Y10
	RESULT(Q1_W, N_W, B_W, Y5)
	RESULT(Q1_X, N_X, B_X, Y6)
	RESULT(Q1_Y, N_Y, B_Y, Y7)
	RESULT(Q1_Z, N_Z, B_Z, Y8)

	// Stop before the step if a lane has a NaN, or takes the slerp (neither
	// NLERP nor INNER, which SNAP implies) out of range.
	VORPS     INRANGE, Y3, Y3
	VMOVMSKPS Y3, DX
	XORL      $0xff, DX
	VMOVMSKPS Y10, BX
	ORL       BX, DX
	JNZ       done

	MOVQ    QuatColumns_W(DI), DX
	VMOVUPS Y5, (DX)(AX*4)
	MOVQ    QuatColumns_X(DI), DX
	VMOVUPS Y6, (DX)(AX*4)
	MOVQ    QuatColumns_Y(DI), DX
	VMOVUPS Y7, (DX)(AX*4)
	MOVQ    QuatColumns_Z(DI), DX
	VMOVUPS Y8, (DX)(AX*4)
	ADDQ    $8, AX
	JMP     step

done:
	VZEROUPPER
	MOVQ AX, done+48(FP)
	RET
