//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"

// Lane numbers 0..7, added to the broadcast index of a step's first point.
DATA classifyIota<>+0(SB)/8, $0x0000000100000000
DATA classifyIota<>+8(SB)/8, $0x0000000300000002
DATA classifyIota<>+16(SB)/8, $0x0000000500000004
DATA classifyIota<>+24(SB)/8, $0x0000000700000006
GLOBL classifyIota<>(SB), RODATA|NOPTR, $32

// func classifyAVX2(b *WithinBlock, q *PointQuery, keep, enter, leave *int32, seen *uint32, stamp uint32,
//	except int, t *laneTables) (nKeep, nEnter, nLeave, nSeen int)
//
// The block's columns and spans and the query are read from their structs
// (offsets from go_asm.h), so a call passes 9 words instead of 17. Each
// step judges up to 8 points of a span, one per dword lane; the last,
// partial step of a span loads with masks that enable the lanes before the
// span's end (t.prefix at 8192, all lanes at 8448), so no load reaches
// past it. d² = (x−qx)² + (z−qz)² with separate multiplies and an add (no
// FMA, as the Go reference rounds), then d² ≤ r² and d² ≤ outer² with the
// ordered predicate LE_OQ (false for NaN, like Go's <=). The lane of
// except is cleared from the enabled lanes, so it is neither in the room,
// nor seen. Seen lanes are those whose stamp equals the broadcast stamp;
// they are counted in a vector of lane counters (subtracting the all-ones
// masks), summed at the end. Three masks are packed with VPERMD and
// t.pack[bits]: keep = within | (outer & seen), every step; enter =
// within &^ seen and leave = seen &^ outer only when not empty (rare),
// their pointers and nLeave kept in the frame for lack of registers.
//
// Registers: SI xs, DI zs, R8 rooms, R12 seen, R14 spans, R15 spans left,
// R9 keep, R10 t, AX nKeep, R13 nEnter, BX index of the step's first
// point, R11 points left in the span, CX and DX scratch; Y0 qx, Y1 qz,
// Y2 r², Y3 room, Y4 outer², Y12 lane numbers, Y13 except, Y14 stamp, Y15
// seen counters; Y5–Y11 per step.
TEXT ·classifyAVX2(SB), NOSPLIT, $0-104
	MOVQ         b+0(FP), CX
	MOVQ         WithinBlock_xs(CX), SI
	MOVQ         WithinBlock_zs(CX), DI
	MOVQ         WithinBlock_rooms(CX), R8
	MOVQ         WithinBlock_spans(CX), R14
	MOVQ         (WithinBlock_spans+8)(CX), R15
	MOVQ         q+8(FP), CX
	VBROADCASTSS PointQuery_X(CX), Y0
	VBROADCASTSS PointQuery_Z(CX), Y1
	VBROADCASTSS PointQuery_Radius2(CX), Y2
	VBROADCASTSS PointQuery_Outer2(CX), Y4
	VPBROADCASTD PointQuery_Room(CX), Y3
	MOVQ         keep+16(FP), R9
	MOVQ         seen+40(FP), R12
	MOVL         stamp+48(FP), DX
	VMOVD        DX, X14
	VPBROADCASTD X14, Y14
	MOVQ         t+64(FP), R10
	MOVQ         except+56(FP), DX
	VMOVD        DX, X13
	VPBROADCASTD X13, Y13
	VMOVDQU      classifyIota<>(SB), Y12
	VPXOR        Y15, Y15, Y15
	XORQ         AX, AX
	XORQ         R13, R13
	MOVQ         $0, nLeave+88(FP)
	TESTQ        R15, R15
	JZ           done

span:
	MOVLQSX 0(R14), BX
	MOVLQSX 4(R14), R11
	TESTQ   R11, R11
	JLE     nextSpan

step:
	CMPQ       R11, $8
	JLT        partial
	VMOVUPS    (SI)(BX*4), Y6
	VMOVUPS    (DI)(BX*4), Y7
	VMOVDQU    (R8)(BX*4), Y5
	VMOVDQU    (R12)(BX*4), Y8
	VMOVDQU    8448(R10), Y10
	JMP        judge

partial:
	MOVQ       R11, CX
	SHLQ       $5, CX
	VMOVDQU    8192(R10)(CX*1), Y10
	VMASKMOVPS (SI)(BX*4), Y10, Y6
	VMASKMOVPS (DI)(BX*4), Y10, Y7
	VPMASKMOVD (R8)(BX*4), Y10, Y5
	VPMASKMOVD (R12)(BX*4), Y10, Y8

judge:
	// Y11 the step's indices; Y10 the enabled lanes but except's.
	VMOVD        BX, X11
	VPBROADCASTD X11, Y11
	VPADDD       Y12, Y11, Y11
	VPCMPEQD     Y11, Y13, Y9
	VPANDN       Y10, Y9, Y10

	// Y8 seen, counted in Y15; Y5 in the room.
	VPCMPEQD Y8, Y14, Y8
	VPAND    Y10, Y8, Y8
	VPSUBD   Y8, Y15, Y15
	VPCMPEQD Y5, Y3, Y5
	VPAND    Y10, Y5, Y5

	// Y6 d², then Y9 outer and Y6 within.
	VSUBPS  Y0, Y6, Y6
	VMULPS  Y6, Y6, Y6
	VSUBPS  Y1, Y7, Y7
	VMULPS  Y7, Y7, Y7
	VADDPS  Y7, Y6, Y6
	VCMPPS  $0x12, Y4, Y6, Y9
	VPAND   Y5, Y9, Y9
	VCMPPS  $0x12, Y2, Y6, Y6
	VPAND   Y5, Y6, Y6

	// keep = within | (outer & seen).
	VPAND     Y9, Y8, Y7
	VPOR      Y6, Y7, Y7
	VMOVMSKPS Y7, CX
	MOVQ      CX, DX
	SHLQ      $5, DX
	VMOVDQU   (R10)(DX*1), Y7
	VPERMD    Y11, Y7, Y7
	VMOVDQU   Y7, (R9)(AX*4)
	POPCNTL   CX, CX
	ADDQ      CX, AX

	// enter = within &^ seen.
	VPANDN    Y6, Y8, Y7
	VMOVMSKPS Y7, CX
	TESTL     CX, CX
	JZ        leave
	MOVQ      CX, DX
	SHLQ      $5, DX
	VMOVDQU   (R10)(DX*1), Y7
	VPERMD    Y11, Y7, Y7
	MOVQ      enter+24(FP), DX
	VMOVDQU   Y7, (DX)(R13*4)
	POPCNTL   CX, CX
	ADDQ      CX, R13

leave:
	// leave = seen &^ outer.
	VPANDN    Y8, Y9, Y7
	VMOVMSKPS Y7, CX
	TESTL     CX, CX
	JZ        advance
	MOVQ      CX, DX
	SHLQ      $5, DX
	VMOVDQU   (R10)(DX*1), Y7
	VPERMD    Y11, Y7, Y7
	MOVQ      nLeave+88(FP), DX
	SHLQ      $2, DX
	ADDQ      leave+32(FP), DX
	VMOVDQU   Y7, (DX)
	POPCNTL   CX, CX
	ADDQ      CX, nLeave+88(FP)

advance:
	ADDQ $8, BX
	SUBQ $8, R11
	JG   step

nextSpan:
	ADDQ $8, R14
	DECQ R15
	JNZ  span

done:
	// Sum the 8 lane counters of seen points.
	VEXTRACTI128 $1, Y15, X5
	VPADDD       X5, X15, X15
	VPSHUFD      $0x4e, X15, X5
	VPADDD       X5, X15, X15
	VPSHUFD      $0xb1, X15, X5
	VPADDD       X5, X15, X15
	VMOVD        X15, CX
	VZEROUPPER
	MOVQ         AX, nKeep+72(FP)
	MOVQ         R13, nEnter+80(FP)
	MOVQ         CX, nSeen+96(FP)
	RET
