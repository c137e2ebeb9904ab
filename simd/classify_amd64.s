//go:build amd64 && !purego

#include "go_asm.h"
#include "textflag.h"

// Lane numbers 0..7, added to the broadcast index of a step's first point.
DATA classifyIota<>+0(SB)/8, $0x0000000100000000
DATA classifyIota<>+8(SB)/8, $0x0000000300000002
DATA classifyIota<>+16(SB)/8, $0x0000000500000004
DATA classifyIota<>+24(SB)/8, $0x0000000700000006
GLOBL classifyIota<>(SB), RODATA|NOPTR, $32

// The locals through which CLASSIFY_SPANS reaches the enter and leave
// outputs and the count of left points (hardware SP: both kernels keep them
// at these offsets of their frames).
#define CL_ENTER 8(SP)
#define CL_LEAVE 16(SP)
#define CL_NLEAVE 24(SP)

// CLASSIFY_SPANS is the span loop of the classify kernels: each step judges
// up to 8 points of a span, one per dword lane; the last, partial step of a
// span loads with masks that enable the lanes before the span's end
// (t.prefix at 8192, all lanes at 8448), so no load reaches past it.
// d² = (x−qx)² + (z−qz)² with separate multiplies and an add (no FMA, as
// the Go reference rounds), then d² ≤ r² and d² ≤ outer² with the ordered
// predicate LE_OQ (false for NaN, like Go's <=). The lane of except is
// cleared from the enabled lanes, so it is neither in the room, nor seen.
// Seen lanes are those whose stamp equals the broadcast stamp; they are
// counted in Y15 (subtracting the all-ones masks). Three masks are packed
// with VPERMD and t.pack[bits]: keep = within | (outer & seen), every step;
// enter = within &^ seen and leave = seen &^ outer only when not empty
// (rare), through CL_ENTER, CL_LEAVE and CL_NLEAVE.
//
// In: SI xs, DI zs, R8 rooms, R12 seen, R14 spans, R15 spans (> 0), R9
// keep, R10 t, AX nKeep, R13 nEnter, Y0 qx, Y1 qz, Y2 r², Y3 room, Y4
// outer², Y12 lane numbers, Y13 except, Y14 stamp, Y15 seen counters.
// Out: AX, R13, Y15 and CL_NLEAVE advanced; BX, R11, R14, R15, CX, DX,
// Y5–Y11 clobbered.
#define CLASSIFY_SPANS \
span:\
	MOVLQSX 0(R14), BX \
	MOVLQSX 4(R14), R11 \
	TESTQ   R11, R11 \
	JLE     nextSpan \
step:\
	CMPQ       R11, $8 \
	JLT        partial \
	VMOVUPS    (SI)(BX*4), Y6 \
	VMOVUPS    (DI)(BX*4), Y7 \
	VMOVDQU    (R8)(BX*4), Y5 \
	VMOVDQU    (R12)(BX*4), Y8 \
	VMOVDQU    8448(R10), Y10 \
	JMP        judge \
partial:\
	MOVQ       R11, CX \
	SHLQ       $5, CX \
	VMOVDQU    8192(R10)(CX*1), Y10 \
	VMASKMOVPS (SI)(BX*4), Y10, Y6 \
	VMASKMOVPS (DI)(BX*4), Y10, Y7 \
	VPMASKMOVD (R8)(BX*4), Y10, Y5 \
	VPMASKMOVD (R12)(BX*4), Y10, Y8 \
judge:\
	VMOVD        BX, X11 \
	VPBROADCASTD X11, Y11 \
	VPADDD       Y12, Y11, Y11 \
	VPCMPEQD     Y11, Y13, Y9 \
	VPANDN       Y10, Y9, Y10 \
	VPCMPEQD Y8, Y14, Y8 \
	VPAND    Y10, Y8, Y8 \
	VPSUBD   Y8, Y15, Y15 \
	VPCMPEQD Y5, Y3, Y5 \
	VPAND    Y10, Y5, Y5 \
	VSUBPS  Y0, Y6, Y6 \
	VMULPS  Y6, Y6, Y6 \
	VSUBPS  Y1, Y7, Y7 \
	VMULPS  Y7, Y7, Y7 \
	VADDPS  Y7, Y6, Y6 \
	VCMPPS  $0x12, Y4, Y6, Y9 \
	VPAND   Y5, Y9, Y9 \
	VCMPPS  $0x12, Y2, Y6, Y6 \
	VPAND   Y5, Y6, Y6 \
	VPAND     Y9, Y8, Y7 \
	VPOR      Y6, Y7, Y7 \
	VMOVMSKPS Y7, CX \
	MOVQ      CX, DX \
	SHLQ      $5, DX \
	VMOVDQU   (R10)(DX*1), Y7 \
	VPERMD    Y11, Y7, Y7 \
	VMOVDQU   Y7, (R9)(AX*4) \
	POPCNTL   CX, CX \
	ADDQ      CX, AX \
	VPANDN    Y6, Y8, Y7 \
	VMOVMSKPS Y7, CX \
	TESTL     CX, CX \
	JZ        leave \
	MOVQ      CX, DX \
	SHLQ      $5, DX \
	VMOVDQU   (R10)(DX*1), Y7 \
	VPERMD    Y11, Y7, Y7 \
	MOVQ      CL_ENTER, DX \
	VMOVDQU   Y7, (DX)(R13*4) \
	POPCNTL   CX, CX \
	ADDQ      CX, R13 \
leave:\
	VPANDN    Y8, Y9, Y7 \
	VMOVMSKPS Y7, CX \
	TESTL     CX, CX \
	JZ        advance \
	MOVQ      CX, DX \
	SHLQ      $5, DX \
	VMOVDQU   (R10)(DX*1), Y7 \
	VPERMD    Y11, Y7, Y7 \
	MOVQ      CL_NLEAVE, DX \
	SHLQ      $2, DX \
	ADDQ      CL_LEAVE, DX \
	VMOVDQU   Y7, (DX) \
	POPCNTL   CX, CX \
	ADDQ      CX, CL_NLEAVE \
advance:\
	ADDQ $8, BX \
	SUBQ $8, R11 \
	JG   step \
nextSpan:\
	ADDQ $8, R14 \
	DECQ R15 \
	JNZ  span 

// LOAD_BLOCK loads the columns and spans of the WithinBlock in CX for
// CLASSIFY_SPANS: SI xs, DI zs, R8 rooms, R14 spans, R15 their number.
#define LOAD_BLOCK \
	MOVQ WithinBlock_xs(CX), SI \
	MOVQ WithinBlock_zs(CX), DI \
	MOVQ WithinBlock_rooms(CX), R8 \
	MOVQ WithinBlock_spans(CX), R14 \
	MOVQ (WithinBlock_spans+8)(CX), R15

// SUM_SEEN sums the 8 lane counters of seen points in Y15 into CX
// (clobbering X5).
#define SUM_SEEN \
	VEXTRACTI128 $1, Y15, X5 \
	VPADDD       X5, X15, X15 \
	VPSHUFD      $0x4e, X15, X5 \
	VPADDD       X5, X15, X15 \
	VPSHUFD      $0xb1, X15, X5 \
	VPADDD       X5, X15, X15 \
	VMOVD        X15, CX

// func classifyAVX2(b *WithinBlock, q *PointQuery, keep, enter, leave *int32, seen *uint32, stamp uint32,
//	except int, t *laneTables) (nKeep, nEnter, nLeave, nSeen int)
//
// WithinBlock.Classify for one query: CLASSIFY_SPANS over the block. The
// block's columns and spans and the query are read from their structs
// (offsets from go_asm.h), so a call passes 9 words instead of 17; the
// enter and leave pointers and nLeave live in the frame for lack of
// registers.
TEXT ·classifyAVX2(SB), NOSPLIT, $32-104
	MOVQ         b+0(FP), CX
	LOAD_BLOCK
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
	MOVQ         enter+24(FP), DX
	MOVQ         DX, CL_ENTER
	MOVQ         leave+32(FP), DX
	MOVQ         DX, CL_LEAVE
	MOVQ         $0, CL_NLEAVE
	TESTQ        R15, R15
	JZ           done

	CLASSIFY_SPANS

done:
	SUM_SEEN
	VZEROUPPER
	MOVQ         AX, nKeep+72(FP)
	MOVQ         R13, nEnter+80(FP)
	MOVQ         CL_NLEAVE, DX
	MOVQ         DX, nLeave+88(FP)
	MOVQ         CX, nSeen+96(FP)
	RET

// RECORD_LIST(length, start, end, count) writes observer BX's start and
// end in one output list of the pass in DX (the fields at offsets length,
// start and end) and advances the list's length by count (CX and SI
// scratch).
#define RECORD_LIST(length, start, end, count) \
	MOVQ length(DX), CX \
	MOVQ start(DX), SI \
	MOVL CX, (SI)(BX*4) \
	ADDQ count, CX \
	MOVQ CX, length(DX) \
	MOVQ end(DX), SI \
	MOVL CX, (SI)(BX*4)

// func classifyObserversAVX2(b *WithinBlock, p *ObserverPass, q *PointQuery, from, to int, t *laneTables) (next int)
//
// WithinBlock.ClassifyObservers for observers [from, to): per observer,
// the room checks, the stamping of its set of last tick, CLASSIFY_SPANS
// (with the enter and leave pointers and nLeave in locals), a scalar pass
// over the set for the points the block does not hold, the checks that
// send an observer back to Go, the mapping of left points through LeftOf,
// and the bookkeeping. The Go side checked the columns,
// the per-observer slices against to, and LeftOf and Seen against the
// block's end; the asm checks each set of last tick against Prev, each
// entry against Link and each linked point against Seen, and stops at the
// observer (returns it) on any failure.
//
// Registers in the span loop as in classifyAVX2; between observers DX
// holds p and AX the observer.
TEXT ·classifyObserversAVX2(SB), NOSPLIT, $56-56
// Locals (hardware SP).
#define OBS_O 0(SP)
#define OBS_STAMPED 32(SP)
#define OBS_STAMP 40(SP)
#define OBS_ROOM 48(SP)

	MOVQ         from+24(FP), AX
	MOVQ         AX, OBS_O
	MOVQ         p+8(FP), DX
	MOVL         ObserverPass_Stamp(DX), CX
	MOVQ         CX, OBS_STAMP
	MOVQ         q+16(FP), CX
	VBROADCASTSS PointQuery_Radius2(CX), Y2
	VBROADCASTSS PointQuery_Outer2(CX), Y4
	MOVQ         t+40(FP), R10
	VMOVDQU      classifyIota<>(SB), Y12

observer:
	MOVQ OBS_O, AX
	CMPQ AX, to+32(FP)
	JGE  stop
	MOVQ p+8(FP), DX

	// Room for padded entries in each list.
	MOVQ b+0(FP), CX
	MOVQ WithinBlock_padded(CX), R11
	MOVQ (ObserverPass_Keep+8)(DX), BX
	SUBQ ObserverPass_KeepLen(DX), BX
	CMPQ BX, R11
	JLT  stop
	MOVQ (ObserverPass_Enter+8)(DX), BX
	SUBQ ObserverPass_EnterLen(DX), BX
	CMPQ BX, R11
	JLT  stop
	MOVQ (ObserverPass_Left+8)(DX), BX
	SUBQ ObserverPass_LeftLen(DX), BX
	CMPQ BX, R11
	JLT  stop

	// The next stamp, in Y14 and OBS_STAMP.
	MOVQ         OBS_STAMP, R13
	INCL         R13
	MOVQ         R13, OBS_STAMP
	VMOVD        R13, X14
	VPBROADCASTD X14, Y14

	// The set of last tick: Prev[PrevFrom[o]:PrevTo[o]], checked like a
	// slice expression; each entry v below len(Link), and its point
	// Link[v] below len(Seen) (both compared unsigned, so negative ones
	// fail too).
	MOVQ    ObserverPass_PrevFrom(DX), BX
	MOVLQSX (BX)(AX*4), SI
	MOVQ    ObserverPass_PrevTo(DX), BX
	MOVLQSX (BX)(AX*4), DI
	TESTQ   SI, SI
	JL      stop
	MOVQ    DI, CX
	SUBQ    SI, CX
	JL      stop
	CMPQ    DI, (ObserverPass_Prev+8)(DX)
	JGT     stop
	MOVQ    CX, OBS_STAMPED
	MOVQ    ObserverPass_Prev(DX), BX
	LEAQ    (BX)(SI*4), BX
	MOVQ    ObserverPass_Seen(DX), R12
	MOVQ    (ObserverPass_Seen+8)(DX), R8
	MOVQ    ObserverPass_Link(DX), R14
	MOVQ    (ObserverPass_Link+8)(DX), R15
	TESTQ   CX, CX
	JZ      query

stamp:
	MOVLQSX (BX), SI
	CMPQ    SI, R15
	JAE     stop
	MOVLQSX (R14)(SI*4), SI
	CMPQ    SI, R8
	JAE     stop
	MOVL    R13, (R12)(SI*4)
	ADDQ    $4, BX
	DECQ    CX
	JNZ     stamp

query:
	// The observer's own point is the query and the except lane.
	MOVQ         b+0(FP), CX
	LOAD_BLOCK
	VBROADCASTSS (SI)(AX*4), Y0
	VBROADCASTSS (DI)(AX*4), Y1
	VPBROADCASTD (R8)(AX*4), Y3
	VMOVD        AX, X13
	VPBROADCASTD X13, Y13

	// Output pointers at the lists' lengths.
	MOVQ    ObserverPass_Keep(DX), R9
	MOVQ    ObserverPass_KeepLen(DX), BX
	LEAQ    (R9)(BX*4), R9
	MOVQ    ObserverPass_Enter(DX), CX
	MOVQ    ObserverPass_EnterLen(DX), BX
	LEAQ    (CX)(BX*4), CX
	MOVQ    CX, CL_ENTER
	MOVQ    ObserverPass_Left(DX), CX
	MOVQ    ObserverPass_LeftLen(DX), BX
	LEAQ    (CX)(BX*4), CX
	MOVQ    CX, CL_LEAVE
	MOVQ    $0, CL_NLEAVE
	XORQ    AX, AX
	XORQ    R13, R13
	VPXOR   Y15, Y15, Y15
	TESTQ   R15, R15
	JZ      judged

	CLASSIFY_SPANS

judged:
	// Stamped points the block did not see lie outside it (or the set is
	// odd: a duplicate, the observer itself); they are judged by position.
	SUM_SEEN
	CMPQ CX, OBS_STAMPED
	JGE  judgedAll

	// Room for every point of the set after the block's entries.
	MOVQ p+8(FP), DX
	MOVQ (ObserverPass_Keep+8)(DX), BX
	SUBQ ObserverPass_KeepLen(DX), BX
	SUBQ AX, BX
	CMPQ BX, OBS_STAMPED
	JLT  stop
	MOVQ (ObserverPass_Left+8)(DX), BX
	SUBQ ObserverPass_LeftLen(DX), BX
	SUBQ CL_NLEAVE, BX
	CMPQ BX, OBS_STAMPED
	JLT  stop

	// R15 counts seen plus outside points, DI walks the set, R11 entries
	// left, R14 Link, R8 the block; OBS_ROOM the observer's room.
	MOVQ    CX, R15
	MOVQ    OBS_O, BX
	MOVQ    ObserverPass_PrevFrom(DX), SI
	MOVLQSX (SI)(BX*4), SI
	MOVQ    ObserverPass_Prev(DX), DI
	LEAQ    (DI)(SI*4), DI
	MOVQ    OBS_STAMPED, R11
	MOVQ    ObserverPass_Link(DX), R14
	MOVQ    b+0(FP), R8
	MOVQ    WithinBlock_rooms(R8), CX
	MOVL    (CX)(BX*4), CX
	MOVQ    CX, OBS_ROOM

outside:
	// SI the point (checked when it was stamped); skip it if a span holds
	// it: uint32(SI−From) < Len.
	MOVLQSX (DI), SI
	MOVLQSX (R14)(SI*4), SI
	MOVQ    WithinBlock_spans(R8), BX
	MOVQ    (WithinBlock_spans+8)(R8), CX
	TESTQ   CX, CX
	JZ      notHeld

held:
	MOVL SI, DX
	SUBL 0(BX), DX
	CMPL DX, 4(BX)
	JCS  nextOutside
	ADDQ $8, BX
	DECQ CX
	JNZ  held

notHeld:
	// Kept if in the room and d² ≤ outer², rounded as in the span loop;
	// otherwise left.
	INCQ    R15
	MOVQ    WithinBlock_rooms(R8), BX
	MOVL    (BX)(SI*4), CX
	CMPL    CX, OBS_ROOM
	JNE     outsideLeft
	MOVQ    WithinBlock_xs(R8), BX
	VMOVSS  (BX)(SI*4), X5
	VSUBSS  X0, X5, X5
	VMULSS  X5, X5, X5
	MOVQ    WithinBlock_zs(R8), BX
	VMOVSS  (BX)(SI*4), X6
	VSUBSS  X1, X6, X6
	VMULSS  X6, X6, X6
	VADDSS  X6, X5, X5
	VCMPSS  $0x12, X4, X5, X5
	VMOVD   X5, CX
	TESTL   CX, CX
	JZ      outsideLeft
	MOVL    SI, (R9)(AX*4)
	INCQ    AX
	JMP     nextOutside

outsideLeft:
	MOVQ CL_LEAVE, BX
	MOVQ CL_NLEAVE, CX
	MOVL SI, (BX)(CX*4)
	INCQ CL_NLEAVE

nextOutside:
	ADDQ $4, DI
	DECQ R11
	JNZ  outside
	CMPQ R15, OBS_STAMPED
	JNE  stop

judgedAll:
	// At most MaxKeep kept; otherwise Go judges this observer.
	MOVQ p+8(FP), DX
	CMPQ AX, ObserverPass_MaxKeep(DX)
	JGT  stop

	// Left points become LeftOf of themselves.
	MOVQ  CL_NLEAVE, CX
	TESTQ CX, CX
	JZ    record
	MOVQ  CL_LEAVE, BX
	MOVQ  ObserverPass_LeftOf(DX), SI

mapLeft:
	MOVLQSX (BX), DI
	MOVL    (SI)(DI*4), DI
	MOVL    DI, (BX)
	ADDQ    $4, BX
	DECQ    CX
	JNZ     mapLeft

record:
	// Starts and ends of the observer's entries; the lengths advance.
	MOVQ        OBS_O, BX
	RECORD_LIST(ObserverPass_KeepLen, ObserverPass_KeepStart, ObserverPass_KeepEnd, AX)
	RECORD_LIST(ObserverPass_EnterLen, ObserverPass_EnterStart, ObserverPass_EnterEnd, R13)
	RECORD_LIST(ObserverPass_LeftLen, ObserverPass_LeftStart, ObserverPass_LeftEnd, CL_NLEAVE)

	INCQ BX
	MOVQ BX, OBS_O
	JMP  observer

stop:
	MOVQ p+8(FP), DX
	MOVQ OBS_STAMP, CX
	MOVL CX, ObserverPass_Stamp(DX)
	MOVQ OBS_O, AX
	MOVQ AX, next+48(FP)
	VZEROUPPER
	RET
