//go:build amd64 && !purego

#include "textflag.h"

// Lane numbers 0..7, added to the broadcast index of a step's first point.
DATA withinIota<>+0(SB)/8, $0x0000000100000000
DATA withinIota<>+8(SB)/8, $0x0000000300000002
DATA withinIota<>+16(SB)/8, $0x0000000500000004
DATA withinIota<>+24(SB)/8, $0x0000000700000006
GLOBL withinIota<>(SB), RODATA|NOPTR, $32

// func selectWithinAVX2(xs, zs *float32, rooms *uint32, spans *Span, nSpans int, out *int32, flags *uint8, base int,
//	x, z, radius2, outer2 float32, room uint32, t *laneTables, except int) (count int)
//
// Each step judges up to 8 points of a span, one per dword lane; the last,
// partial step of a span loads with masks that enable the lanes before the
// span's end (t.prefix at 8192), so no load reaches past it. d² = (x−qx)² + (z−qz)² with separate
// multiplies and an add (no FMA, as the Go reference rounds), then d² ≤ r²
// and d² ≤ outer² with the ordered predicate LE_OQ (false for NaN, like
// Go's <=), each ANDed with room equality and the enabled lanes. VMOVMSKPS
// turns each into 8 bits; t.bytes (at 8480) spreads them to one byte per
// lane, outer shifted to bit 1, and the 8 flag bytes are stored at once
// (disabled lanes write 0 past the span's end). VPERMD with t.pack[bits]
// moves the passing lanes' indices (first index + lane) to the front and
// the whole vector is stored at out[count]; POPCNT advances count.
//
// Lane j of a step is also disabled when its index equals except (−1, or
// any index outside the spans, disables none): VPCMPEQD of the step's
// indices with the broadcast except, cleared from the room mask.
//
// Registers: SI xs, DI zs, R8 rooms, R14 spans, R15 spans left, R9 out,
// R12 flags, R13 flags of the step, R10 t, AX count, BX index of the step's
// first point, R11 points left in the span; Y0 qx, Y1 qz, Y2 r², Y4 outer²,
// Y3 room, Y12 lane numbers, Y10 enabled lanes, Y11 the step's indices,
// Y13 except.
TEXT ·selectWithinAVX2(SB), NOSPLIT, $0-112
	MOVQ         xs+0(FP), SI
	MOVQ         zs+8(FP), DI
	MOVQ         rooms+16(FP), R8
	MOVQ         spans+24(FP), R14
	MOVQ         nSpans+32(FP), R15
	MOVQ         out+40(FP), R9
	MOVQ         flags+48(FP), R12
	VBROADCASTSS x+64(FP), Y0
	VBROADCASTSS z+68(FP), Y1
	VBROADCASTSS radius2+72(FP), Y2
	VBROADCASTSS outer2+76(FP), Y4
	MOVL         room+80(FP), DX
	VMOVD        DX, X3
	VPBROADCASTD X3, Y3
	MOVQ         t+88(FP), R10
	MOVQ         except+96(FP), DX
	VMOVD        DX, X13
	VPBROADCASTD X13, Y13
	VMOVDQU      withinIota<>(SB), Y12
	XORQ         AX, AX
	TESTQ        R15, R15
	JZ           done

span:
	MOVLQSX 0(R14), BX
	MOVLQSX 4(R14), R11
	TESTQ   R11, R11
	JLE     nextSpan
	MOVQ    BX, R13
	SUBQ    base+56(FP), R13
	ADDQ    R12, R13

step:
	CMPQ       R11, $8
	JLT        partial
	VMOVUPS    (SI)(BX*4), Y6
	VMOVUPS    (DI)(BX*4), Y7
	VMOVDQU    (R8)(BX*4), Y5
	VMOVDQU    8448(R10), Y10
	JMP        judge

partial:
	MOVQ       R11, CX
	SHLQ       $5, CX
	VMOVDQU    8192(R10)(CX*1), Y10
	VMASKMOVPS (SI)(BX*4), Y10, Y6
	VMASKMOVPS (DI)(BX*4), Y10, Y7
	VPMASKMOVD (R8)(BX*4), Y10, Y5

judge:
	VMOVD        BX, X11
	VPBROADCASTD X11, Y11
	VPADDD       Y12, Y11, Y11
	VSUBPS       Y0, Y6, Y6
	VMULPS       Y6, Y6, Y6
	VSUBPS       Y1, Y7, Y7
	VMULPS       Y7, Y7, Y7
	VADDPS       Y7, Y6, Y6
	VPCMPEQD     Y5, Y3, Y5
	VPAND        Y10, Y5, Y5
	VPCMPEQD     Y11, Y13, Y14
	VPANDN       Y5, Y14, Y5
	VCMPPS       $0x12, Y4, Y6, Y9
	VPAND        Y5, Y9, Y9
	VCMPPS       $0x12, Y2, Y6, Y6
	VPAND        Y5, Y6, Y6
	VMOVMSKPS    Y9, DX
	MOVQ         8480(R10)(DX*8), DX
	SHLQ         $1, DX
	VMOVMSKPS    Y6, CX
	ORQ          8480(R10)(CX*8), DX
	MOVQ         DX, (R13)
	MOVQ         CX, DX
	SHLQ         $5, DX
	VMOVDQU      (R10)(DX*1), Y8
	VPERMD       Y11, Y8, Y8
	VMOVDQU      Y8, (R9)(AX*4)
	POPCNTL      CX, CX
	ADDQ         CX, AX
	ADDQ         $8, R13
	ADDQ         $8, BX
	SUBQ         $8, R11
	JG           step

nextSpan:
	ADDQ $8, R14
	DECQ R15
	JNZ  span

done:
	VZEROUPPER
	MOVQ AX, count+104(FP)
	RET
