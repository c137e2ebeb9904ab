//go:build amd64 && !purego

#include "textflag.h"

// func selectWithinAVX2(xs, zs *float32, rooms *uint32, ids, out *int32, bits, outer *byte, blocks int,
//	x, z, radius2, outer2 float32, room uint32, lut *[256][8]int32) (count int)
//
// Each step judges 8 points, one per dword lane: d² = (x−qx)² + (z−qz)² with
// separate multiplies and an add (no FMA, as the Go reference rounds), then
// d² ≤ r² and d² ≤ outer² with the ordered predicate LE_OQ (false for NaN,
// like Go's <=), each ANDed with room equality. VMOVMSKPS turns the lanes
// into 8 verdict bits, stored as one byte per mask; VPERMD with lut[bits]
// moves the passing lanes' ids to the front and the whole vector is stored
// at out[count]; POPCNT advances count. Last, the bytes of the masks' last
// words past the blocks are zeroed.
//
// Registers: SI xs, DI zs, R8 rooms, R11 ids, R9 out, R12 bits, R13 outer,
// CX blocks left, R10 lut, AX count; Y0 qx, Y1 qz, Y2 r², Y4 outer², Y3 room.
TEXT ·selectWithinAVX2(SB), NOSPLIT, $0-104
	MOVQ         xs+0(FP), SI
	MOVQ         zs+8(FP), DI
	MOVQ         rooms+16(FP), R8
	MOVQ         ids+24(FP), R11
	MOVQ         out+32(FP), R9
	MOVQ         bits+40(FP), R12
	MOVQ         outer+48(FP), R13
	MOVQ         blocks+56(FP), CX
	VBROADCASTSS x+64(FP), Y0
	VBROADCASTSS z+68(FP), Y1
	VBROADCASTSS radius2+72(FP), Y2
	VBROADCASTSS outer2+76(FP), Y4
	MOVL         room+80(FP), DX
	VMOVD        DX, X3
	VPBROADCASTD X3, Y3
	MOVQ         lut+88(FP), R10
	XORQ         AX, AX
	TESTQ        CX, CX
	JZ           done

loop:
	VMOVUPS   (SI), Y6
	VSUBPS    Y0, Y6, Y6
	VMULPS    Y6, Y6, Y6
	VMOVUPS   (DI), Y7
	VSUBPS    Y1, Y7, Y7
	VMULPS    Y7, Y7, Y7
	VADDPS    Y7, Y6, Y6
	VPCMPEQD  (R8), Y3, Y7
	VCMPPS    $0x12, Y4, Y6, Y9
	VPAND     Y7, Y9, Y9
	VMOVMSKPS Y9, DX
	MOVB      DX, (R13)
	VCMPPS    $0x12, Y2, Y6, Y6
	VPAND     Y7, Y6, Y6
	VMOVMSKPS Y6, DX
	MOVB      DX, (R12)
	MOVQ      DX, BX
	SHLQ      $5, BX
	VMOVDQU   (R10)(BX*1), Y8
	VPERMD    (R11), Y8, Y8
	VMOVDQU   Y8, (R9)(AX*4)
	POPCNTL   DX, DX
	ADDQ      DX, AX
	ADDQ      $32, SI
	ADDQ      $32, DI
	ADDQ      $32, R8
	ADDQ      $32, R11
	INCQ      R12
	INCQ      R13
	DECQ      CX
	JNZ       loop

	// Clear the rest of the last mask words: the masks are 8-byte aligned.
tail:
	TESTQ $7, R12
	JZ    done
	MOVB  $0, (R12)
	MOVB  $0, (R13)
	INCQ  R12
	INCQ  R13
	JMP   tail

done:
	VZEROUPPER
	MOVQ AX, count+96(FP)
	RET
