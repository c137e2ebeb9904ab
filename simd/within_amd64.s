//go:build amd64 && !purego

#include "textflag.h"

// Lane numbers 0..7, added to the broadcast base index.
DATA withinIota<>+0(SB)/8, $0x0000000100000000
DATA withinIota<>+8(SB)/8, $0x0000000300000002
DATA withinIota<>+16(SB)/8, $0x0000000500000004
DATA withinIota<>+24(SB)/8, $0x0000000700000006
GLOBL withinIota<>(SB), RODATA|NOPTR, $32

DATA withinEight<>+0(SB)/4, $8
GLOBL withinEight<>(SB), RODATA|NOPTR, $4

// func selectWithinAVX2(xs, zs *float32, rooms *uint32, out *int32, blocks int,
//	x, z, radius2 float32, room uint32, base int32, lut *[256][8]int32) (count int)
//
// Each step judges 8 points, one per dword lane: d² = (x−qx)² + (z−qz)² with
// separate multiplies and an add (no FMA, as the Go reference rounds), then
// d² ≤ r² with the ordered predicate LE_OQ (false for NaN, like Go's <=),
// ANDed with room equality. VMOVMSKPS turns the lanes into an 8-bit mask;
// VPERMD with lut[mask] moves the passing lanes' indices to the front and
// the whole vector is stored at out[count]; POPCNT advances count.
//
// Registers: SI xs, DI zs, R8 rooms, R9 out, CX blocks left, R10 lut,
// AX count; Y0 qx, Y1 qz, Y2 r², Y3 room, Y4 indices, Y5 eights.
TEXT ·selectWithinAVX2(SB), NOSPLIT, $0-80
	MOVQ         xs+0(FP), SI
	MOVQ         zs+8(FP), DI
	MOVQ         rooms+16(FP), R8
	MOVQ         out+24(FP), R9
	MOVQ         blocks+32(FP), CX
	VBROADCASTSS x+40(FP), Y0
	VBROADCASTSS z+44(FP), Y1
	VBROADCASTSS radius2+48(FP), Y2
	MOVL         room+52(FP), DX
	VMOVD        DX, X3
	VPBROADCASTD X3, Y3
	MOVL         base+56(FP), DX
	VMOVD        DX, X4
	VPBROADCASTD X4, Y4
	VPADDD       withinIota<>(SB), Y4, Y4
	VPBROADCASTD withinEight<>(SB), Y5
	MOVQ         lut+64(FP), R10
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
	VCMPPS    $0x12, Y2, Y6, Y6
	VPCMPEQD  (R8), Y3, Y7
	VPAND     Y7, Y6, Y6
	VMOVMSKPS Y6, DX
	MOVQ      DX, BX
	SHLQ      $5, BX
	VMOVDQU   (R10)(BX*1), Y8
	VPERMD    Y4, Y8, Y8
	VMOVDQU   Y8, (R9)(AX*4)
	POPCNTL   DX, DX
	ADDQ      DX, AX
	VPADDD    Y5, Y4, Y4
	ADDQ      $32, SI
	ADDQ      $32, DI
	ADDQ      $32, R8
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	MOVQ AX, count+72(FP)
	RET
