//go:build amd64 && !purego

#include "textflag.h"

// Byte constants for the flag and priority checks, 32 copies each.
DATA hdrNibbleMask<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+16(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+24(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL hdrNibbleMask<>(SB), RODATA|NOPTR, $32

DATA hdrFragFlag<>+0(SB)/8, $0x1010101010101010
DATA hdrFragFlag<>+8(SB)/8, $0x1010101010101010
DATA hdrFragFlag<>+16(SB)/8, $0x1010101010101010
DATA hdrFragFlag<>+24(SB)/8, $0x1010101010101010
GLOBL hdrFragFlag<>(SB), RODATA|NOPTR, $32

// A priority above 3 has a bit of 0xFC set.
DATA hdrPriorityHigh<>+0(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+8(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+16(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+24(SB)/8, $0xfcfcfcfcfcfcfcfc
GLOBL hdrPriorityHigh<>(SB), RODATA|NOPTR, $32

// func validateHeadersAVX2(lens, seqs, expected *uint16, flags, priorities *uint8, stamps *uint32, valid *uint64, nibbleLo, nibbleHi *[32]uint8, blocks int,
//	minLen, maxLen, maxPlainLen, seqBias, seqSpan uint16, tsBias, tsSpan uint32) (count int)
//
// Each loop step validates 32 headers: the 16-bit columns in two halves of
// 16, the 32-bit timestamps in four quarters of 8 packed down to 16-bit
// masks, then everything packed to one byte mask per header, ANDed with the
// byte-column checks and compressed with VPMOVMSKB to 32 verdict bits.
//
// Unsigned compares use min/max: x ≤ k ⇔ min(x, k) = x.
//
// Registers: SI lens, DI seqs, R8 expected, R9 stamps, R10 flags,
// R11 priorities, R12 valid, CX blocks left, BX count.
// Y15 minLen, Y14 maxLen, Y13 maxPlainLen, Y12 seqBias, Y11 seqSpan (words);
// Y10 tsBias, Y9 tsSpan (dwords); Y8, Y7 flag nibble tables; Y0-Y6 scratch.
TEXT ·validateHeadersAVX2(SB), NOSPLIT, $0-112
	MOVQ lens+0(FP), SI
	MOVQ seqs+8(FP), DI
	MOVQ expected+16(FP), R8
	MOVQ flags+24(FP), R10
	MOVQ priorities+32(FP), R11
	MOVQ stamps+40(FP), R9
	MOVQ valid+48(FP), R12
	MOVQ blocks+72(FP), CX
	XORQ BX, BX
	TESTQ CX, CX
	JZ   done

	VPBROADCASTW minLen+80(FP), Y15
	VPBROADCASTW maxLen+82(FP), Y14
	VPBROADCASTW maxPlainLen+84(FP), Y13
	VPBROADCASTW seqBias+86(FP), Y12
	VPBROADCASTW seqSpan+88(FP), Y11
	MOVL tsBias+92(FP), AX
	VMOVD AX, X10
	VPBROADCASTD X10, Y10
	MOVL tsSpan+96(FP), AX
	VMOVD AX, X9
	VPBROADCASTD X9, Y9
	MOVQ nibbleLo+56(FP), AX
	VMOVDQU (AX), Y8
	MOVQ nibbleHi+64(FP), AX
	VMOVDQU (AX), Y7

loop:
	// Headers 0..15: Y5 = length, sequence and timestamp ok; Y6 = length ≤ maxPlainLen.
	VMOVDQU  (SI), Y0
	VPMAXUW  Y15, Y0, Y5
	VPCMPEQW Y5, Y0, Y5
	VPMINUW  Y14, Y0, Y3
	VPCMPEQW Y3, Y0, Y3
	VPAND    Y3, Y5, Y5
	VPMINUW  Y13, Y0, Y6
	VPCMPEQW Y6, Y0, Y6
	VMOVDQU  (DI), Y0
	VPSUBW   (R8), Y0, Y0
	VPADDW   Y12, Y0, Y0
	VPMINUW  Y11, Y0, Y3
	VPCMPEQW Y3, Y0, Y0
	VPAND    Y0, Y5, Y5
	VMOVDQU  (R9), Y0
	VPADDD   Y10, Y0, Y0
	VPMINUD  Y9, Y0, Y3
	VPCMPEQD Y3, Y0, Y0
	VMOVDQU  32(R9), Y3
	VPADDD   Y10, Y3, Y3
	VPMINUD  Y9, Y3, Y4
	VPCMPEQD Y4, Y3, Y3
	VPACKSSDW Y3, Y0, Y0
	VPERMQ   $0xd8, Y0, Y0
	VPAND    Y0, Y5, Y5

	// Headers 16..31: Y1 = length, sequence and timestamp ok; Y2 = length ≤ maxPlainLen.
	VMOVDQU  32(SI), Y0
	VPMAXUW  Y15, Y0, Y1
	VPCMPEQW Y1, Y0, Y1
	VPMINUW  Y14, Y0, Y3
	VPCMPEQW Y3, Y0, Y3
	VPAND    Y3, Y1, Y1
	VPMINUW  Y13, Y0, Y2
	VPCMPEQW Y2, Y0, Y2
	VMOVDQU  32(DI), Y0
	VPSUBW   32(R8), Y0, Y0
	VPADDW   Y12, Y0, Y0
	VPMINUW  Y11, Y0, Y3
	VPCMPEQW Y3, Y0, Y0
	VPAND    Y0, Y1, Y1
	VMOVDQU  64(R9), Y0
	VPADDD   Y10, Y0, Y0
	VPMINUD  Y9, Y0, Y3
	VPCMPEQD Y3, Y0, Y0
	VMOVDQU  96(R9), Y3
	VPADDD   Y10, Y3, Y3
	VPMINUD  Y9, Y3, Y4
	VPCMPEQD Y4, Y3, Y3
	VPACKSSDW Y3, Y0, Y0
	VPERMQ   $0xd8, Y0, Y0
	VPAND    Y0, Y1, Y1

	// Pack the word masks of headers 0..31 to byte masks, in order.
	VPACKSSWB Y1, Y5, Y5
	VPERMQ    $0xd8, Y5, Y5
	VPACKSSWB Y2, Y6, Y6
	VPERMQ    $0xd8, Y6, Y6

	// Payload: length ≤ maxPlainLen or FRAG set.
	VMOVDQU  (R10), Y0
	VPAND    hdrFragFlag<>(SB), Y0, Y1
	VPCMPEQB hdrFragFlag<>(SB), Y1, Y1
	VPOR     Y1, Y6, Y6
	VPAND    Y6, Y5, Y5

	// Flags: lo[f & 15] & hi[f >> 4] marks a forbidden pattern;
	// priority: a bit of 0xFC set. Both must be zero.
	VPAND    hdrNibbleMask<>(SB), Y0, Y1
	VPSHUFB  Y1, Y8, Y1
	VPSRLW   $4, Y0, Y2
	VPAND    hdrNibbleMask<>(SB), Y2, Y2
	VPSHUFB  Y2, Y7, Y2
	VPAND    Y2, Y1, Y1
	VMOVDQU  (R11), Y2
	VPAND    hdrPriorityHigh<>(SB), Y2, Y2
	VPOR     Y2, Y1, Y1
	VPXOR    Y2, Y2, Y2
	VPCMPEQB Y2, Y1, Y1
	VPAND    Y1, Y5, Y5

	VPMOVMSKB Y5, AX
	MOVL     AX, (R12)
	POPCNTL  AX, AX
	ADDQ     AX, BX

	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $128, R9
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $4, R12
	DECQ CX
	JNZ  loop

done:
	VZEROUPPER
	MOVQ BX, count+104(FP)
	RET
