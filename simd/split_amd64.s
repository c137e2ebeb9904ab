//go:build amd64 && !purego

#include "textflag.h"

// func splitByFlagsScalar(missed, idx *int32, n int, m *int32, mapLen int, base int32, limit uint32, flags *uint8) (done, nMissed, set int)
//
// Per entry v: v < mapLen as unsigned, or the entry is left to Go (which
// panics). k = m[v] − base; CMP and SBB turn k < limit into an all-ones or
// zero mask, which clears k for entries without flags (flags[0] exists, as
// limit ≥ 1) and then the byte read there. The byte at k gets FlagSeen;
// its FlagWithin bit adds to set; missed[nMissed] = v is always stored and
// nMissed advances by 1 − bit.
// Scalar, not gathers: a visible set is some 20 entries, too few for the
// gathers' latency to overlap (measured: no faster).
//
// Registers: SI idx, DI missed, CX entries left, R8 m, R9 mapLen, R10
// base, R11 limit, R12 flags, R13 nMissed, R14 set; AX v, BX k, DX mask,
// R15 flags byte.
TEXT ·splitByFlagsScalar(SB), NOSPLIT, $0-80
	MOVQ missed+0(FP), DI
	MOVQ idx+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ m+24(FP), R8
	MOVQ mapLen+32(FP), R9
	MOVL base+40(FP), R10
	MOVL limit+44(FP), R11
	MOVQ flags+48(FP), R12
	XORQ R13, R13
	XORQ R14, R14
	TESTQ CX, CX
	JLE   out

loop:
	MOVLQSX (SI), AX
	CMPQ    AX, R9
	JAE     out
	MOVL    (R8)(AX*4), BX
	SUBL    R10, BX
	CMPL    BX, R11
	SBBL    DX, DX
	ANDL    DX, BX
	MOVBLZX (R12)(BX*1), R15
	ORL     $4, R15
	MOVB    R15, (R12)(BX*1)
	MOVL    R15, BX
	ANDL    DX, BX
	ANDL    $1, BX
	ADDQ    BX, R14
	MOVL    AX, (DI)(R13*4)
	XORL    $1, BX
	ADDQ    BX, R13
	ADDQ    $4, SI
	DECQ    CX
	JNZ     loop

out:
	// done = n − the entries left (none, or those left to Go).
	MOVQ n+16(FP), AX
	SUBQ CX, AX
	MOVQ AX, done+56(FP)
	MOVQ R13, nMissed+64(FP)
	MOVQ R14, set+72(FP)
	RET
