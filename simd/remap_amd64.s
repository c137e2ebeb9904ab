//go:build amd64 && !purego

#include "textflag.h"

// func remapAVX2(idx *int32, n int, table *int32, tableLen int) (done int)
//
// Per step of 8 entries v: the lanes with 0 ≤ v < tableLen (two signed
// compares; tableLen ≤ MaxInt32) must be all 8, or the loop stops before
// the step and leaves it to Go. VPGATHERDD then loads table[v] for all 8
// (its mask, all ones, is cleared by the instruction and rebuilt each
// step); VPSRAD by 31 marks the negative results, and VPBLENDVB puts ^v
// (v XOR all ones) in their place.
//
// Registers: SI idx, CX entries left, R8 table, AX done; Y15 tableLen,
// Y14 all ones, Y0 v, Y1 in range (then the gather's mask), Y2 scratch,
// Y3 table[v].
TEXT ·remapAVX2(SB), NOSPLIT, $0-40
	MOVQ         idx+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVQ         table+16(FP), R8
	MOVQ         tableLen+24(FP), DX
	VMOVD        DX, X15
	VPBROADCASTD X15, Y15
	VPCMPEQD     Y14, Y14, Y14
	XORQ         AX, AX

step:
	CMPQ      CX, $8
	JLT       done
	VMOVDQU   (SI)(AX*4), Y0
	VPCMPGTD  Y0, Y15, Y1
	VPCMPGTD  Y14, Y0, Y2
	VPAND     Y2, Y1, Y1
	VMOVMSKPS Y1, DX
	CMPL      DX, $0xff
	JNE       done
	VPXOR     Y3, Y3, Y3
	VPGATHERDD Y1, (R8)(Y0*4), Y3
	VPSRAD    $31, Y3, Y2
	VPXOR     Y14, Y0, Y0
	VPBLENDVB Y2, Y0, Y3, Y3
	VMOVDQU   Y3, (SI)(AX*4)
	ADDQ      $8, AX
	SUBQ      $8, CX
	JMP       step

done:
	VZEROUPPER
	MOVQ AX, done+32(FP)
	RET
