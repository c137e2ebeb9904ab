//go:build amd64 && !purego

#include "textflag.h"

// func splitByFlagsAVX2(missed, idx *int32, n int, m *int32, mapLen int, base int32, limit uint32, flags *uint8,
//	lut *[256][8]int32, prefix *[9][8]int32) (done, nMissed, set int)
//
// Each step takes 8 entries v, one per dword lane. v ≤ mapLen−1 as
// unsigned (VPMAXUD, then compare) must hold in every lane, or the step is
// left to Go. VPGATHERDD loads m[v]; k = m[v] − base; in = k ≤ limit−1 as
// unsigned. A second gather, masked by in, loads 4 bytes at flags+k (zero
// where not in; the caller leaves 3 bytes after limit); shifting left by
// 31 puts FlagWithin in the sign, so VMOVMSKPS gives the 8 bits.
// POPCNT adds them to set; the clear ones, through lut, left-pack their
// entries into missed[nMissed] (8 stored) and advance nMissed. The last
// n mod 8 entries take one more step with masked loads and stores: lanes
// past n load 0 (in range of m) and count for nothing, and only the
// missed entries are stored (prefix[k] enables the first k lanes).
//
// Registers: SI idx, DI missed, CX blocks left, R15 entries in the tail,
// R8 m, R12 flags, R10 lut, R9 prefix, AX done, R13 nMissed, R14 set;
// Y15 base, Y14 limit−1, Y13 mapLen−1, Y10 the tail's lanes.
TEXT ·splitByFlagsAVX2(SB), NOSPLIT, $0-96
	MOVQ         missed+0(FP), DI
	MOVQ         idx+8(FP), SI
	MOVQ         n+16(FP), CX
	MOVQ         CX, R15
	ANDQ         $7, R15
	SHRQ         $3, CX
	MOVQ         m+24(FP), R8
	MOVQ         mapLen+32(FP), DX
	DECQ         DX
	VMOVD        DX, X13
	VPBROADCASTD X13, Y13
	MOVL         base+40(FP), DX
	VMOVD        DX, X15
	VPBROADCASTD X15, Y15
	MOVL         limit+44(FP), DX
	DECL         DX
	VMOVD        DX, X14
	VPBROADCASTD X14, Y14
	MOVQ         flags+48(FP), R12
	MOVQ         lut+56(FP), R10
	MOVQ         prefix+64(FP), R9
	XORQ         AX, AX
	XORQ         R13, R13
	XORQ         R14, R14
	TESTQ        CX, CX
	JZ           tail

loop:
	VMOVDQU    (SI), Y0
	VPMAXUD    Y0, Y13, Y1
	VPCMPEQD   Y1, Y13, Y1
	VMOVMSKPS  Y1, DX
	CMPL       DX, $0xff
	JNE        out
	VPCMPEQD   Y2, Y2, Y2
	VPXOR      Y3, Y3, Y3
	VPGATHERDD Y2, (R8)(Y0*4), Y3
	VPSUBD     Y15, Y3, Y3
	VPMAXUD    Y3, Y14, Y4
	VPCMPEQD   Y4, Y14, Y4
	VPXOR      Y7, Y7, Y7
	VPGATHERDD Y4, (R12)(Y3*1), Y7
	VPSLLD     $31, Y7, Y7
	VMOVMSKPS  Y7, DX
	POPCNTL    DX, BX
	ADDQ       BX, R14
	XORL       $0xff, DX
	POPCNTL    DX, BX
	SHLQ       $5, DX
	VMOVDQU    (R10)(DX*1), Y9
	VPERMD     Y0, Y9, Y9
	VMOVDQU    Y9, (DI)(R13*4)
	ADDQ       BX, R13
	ADDQ       $32, SI
	ADDQ       $8, AX
	DECQ       CX
	JNZ        loop

tail:
	TESTQ      R15, R15
	JZ         out
	MOVQ       R15, BX
	SHLQ       $5, BX
	VMOVDQU    (R9)(BX*1), Y10
	VPMASKMOVD (SI), Y10, Y0
	VPMAXUD    Y0, Y13, Y1
	VPCMPEQD   Y1, Y13, Y1
	VMOVMSKPS  Y1, DX
	CMPL       DX, $0xff
	JNE        out
	VMOVDQA    Y10, Y2
	VPXOR      Y3, Y3, Y3
	VPGATHERDD Y2, (R8)(Y0*4), Y3
	VPSUBD     Y15, Y3, Y3
	VPMAXUD    Y3, Y14, Y4
	VPCMPEQD   Y4, Y14, Y4
	VPAND      Y10, Y4, Y4
	VPXOR      Y7, Y7, Y7
	VPGATHERDD Y4, (R12)(Y3*1), Y7
	VPSLLD     $31, Y7, Y7
	VMOVMSKPS  Y7, DX
	VMOVMSKPS  Y10, R11
	ANDL       R11, DX
	POPCNTL    DX, BX
	ADDQ       BX, R14
	NOTL       DX
	ANDL       R11, DX
	POPCNTL    DX, BX
	SHLQ       $5, DX
	VMOVDQU    (R10)(DX*1), Y9
	VPERMD     Y0, Y9, Y9
	MOVQ       BX, DX
	SHLQ       $5, DX
	VMOVDQU    (R9)(DX*1), Y11
	VPMASKMOVD Y9, Y11, (DI)(R13*4)
	ADDQ       BX, R13
	ADDQ       R15, AX

out:
	VZEROUPPER
	MOVQ AX, done+72(FP)
	MOVQ R13, nMissed+80(FP)
	MOVQ R14, set+88(FP)
	RET
