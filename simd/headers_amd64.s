//go:build amd64 && !purego

#include "textflag.h"

// Byte constants for the flag and priority checks, 32 copies each.
DATA hdrNibbleMask<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+16(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA hdrNibbleMask<>+24(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL hdrNibbleMask<>(SB), RODATA|NOPTR, $32

// A priority above 3 has a bit of 0xFC set.
DATA hdrPriorityHigh<>+0(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+8(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+16(SB)/8, $0xfcfcfcfcfcfcfcfc
DATA hdrPriorityHigh<>+24(SB)/8, $0xfcfcfcfcfcfcfcfc
GLOBL hdrPriorityHigh<>(SB), RODATA|NOPTR, $32

// HALF(off, bad, plain) checks the 16 headers at word offset off/2 of the
// block: bad = length outside its range, sequence outside its window or
// timestamp outside its window; plain = length above the unfragmented
// limit. Each range check is a biased value compared, signed, with its
// limit. The timestamps come in two groups of 8 dwords, packed to words
// (VPACKSSDW interleaves 128-bit lanes; VPERMQ puts them back in order).
#define HALF(off, bad, plain) \
	VMOVDQU   off(SI)(CX*2), Y0 \
	VPADDW    Y15, Y0, Y0 \
	VPCMPGTW  Y14, Y0, bad \
	VPCMPGTW  Y13, Y0, plain \
	VMOVDQU   off(DI)(CX*2), Y0 \
	VPSUBW    off(R8)(CX*2), Y0, Y0 \
	VPADDW    Y12, Y0, Y0 \
	VPCMPGTW  Y11, Y0, Y0 \
	VPOR      Y0, bad, bad \
	VPADDD    off*2(R9)(CX*4), Y10, Y0 \
	VPCMPGTD  Y9, Y0, Y0 \
	VPADDD    off*2+32(R9)(CX*4), Y10, Y3 \
	VPCMPGTD  Y9, Y3, Y3 \
	VPACKSSDW Y3, Y0, Y0 \
	VPERMQ    $0xd8, Y0, Y0 \
	VPOR      Y0, bad, bad

// func validateHeadersAVX2(lens, seqs, expected *uint16, flags, priorities *uint8, stamps *uint32, valid *uint64,
//	nibbleLo, nibbleHi *[32]uint8, blocks int,
//	lenBias, lenLimit, plainLimit, seqBias, seqLimit uint16, tsBias, tsLimit uint32) (count int)
//
// Each loop step validates 32 headers: the 16-bit columns in two halves of
// 16, the 32-bit timestamps in four groups of 8 packed down to 16-bit masks,
// then everything packed to one byte mask per header, combined with the
// byte-column checks and compressed with VPMOVMSKB to 32 verdict bits.
//
// The column pointers point past the end of the covered blocks and CX counts
// the header index up from −32×blocks to 0.
//
// Registers: SI lens, DI seqs, R8 expected, R9 stamps, R10 flags,
// R11 priorities, R12 valid, CX index, BX count.
// Y15 lenBias, Y14 lenLimit, Y13 plainLimit, Y12 seqBias, Y11 seqLimit (words);
// Y10 tsBias, Y9 tsLimit (dwords); Y8, Y7 flag nibble tables; Y0-Y6 scratch.
TEXT ·validateHeadersAVX2(SB), NOSPLIT, $0-112
	MOVQ blocks+72(FP), CX
	XORQ BX, BX
	TESTQ CX, CX
	JZ   done
	SHLQ $5, CX
	MOVQ lens+0(FP), SI
	LEAQ (SI)(CX*2), SI
	MOVQ seqs+8(FP), DI
	LEAQ (DI)(CX*2), DI
	MOVQ expected+16(FP), R8
	LEAQ (R8)(CX*2), R8
	MOVQ flags+24(FP), R10
	ADDQ CX, R10
	MOVQ priorities+32(FP), R11
	ADDQ CX, R11
	MOVQ stamps+40(FP), R9
	LEAQ (R9)(CX*4), R9
	MOVQ valid+48(FP), R12
	NEGQ CX

	VPBROADCASTW lenBias+80(FP), Y15
	VPBROADCASTW lenLimit+82(FP), Y14
	VPBROADCASTW plainLimit+84(FP), Y13
	VPBROADCASTW seqBias+86(FP), Y12
	VPBROADCASTW seqLimit+88(FP), Y11
	MOVL tsBias+92(FP), AX
	VMOVD AX, X10
	VPBROADCASTD X10, Y10
	MOVL tsLimit+96(FP), AX
	VMOVD AX, X9
	VPBROADCASTD X9, Y9
	MOVQ nibbleLo+56(FP), AX
	VMOVDQU (AX), Y8
	MOVQ nibbleHi+64(FP), AX
	VMOVDQU (AX), Y7

loop:
	HALF(0, Y5, Y6)
	HALF(32, Y1, Y2)

	// Pack the word masks of headers 0..31 to byte masks, in order.
	VPACKSSWB Y1, Y5, Y5
	VPERMQ    $0xd8, Y5, Y5
	VPACKSSWB Y2, Y6, Y6
	VPERMQ    $0xd8, Y6, Y6

	// Payload: too long only counts without FRAG (0x10). Shifted left by 3,
	// FRAG is the sign bit of each byte, which is what VPBLENDVB tests.
	VMOVDQU   (R10)(CX*1), Y0
	VPXOR     Y4, Y4, Y4
	VPSLLW    $3, Y0, Y1
	VPBLENDVB Y1, Y4, Y6, Y6
	VPOR      Y6, Y5, Y5

	// Flags: lo[f & 15] & hi[f >> 4] marks a forbidden pattern;
	// priority: a bit of 0xFC set. Both must be zero.
	VPAND    hdrNibbleMask<>(SB), Y0, Y1
	VPSHUFB  Y1, Y8, Y1
	VPSRLW   $4, Y0, Y2
	VPAND    hdrNibbleMask<>(SB), Y2, Y2
	VPSHUFB  Y2, Y7, Y2
	VPAND    Y2, Y1, Y1
	VPOR     Y1, Y5, Y5
	VMOVDQU  hdrPriorityHigh<>(SB), Y2
	VPAND    (R11)(CX*1), Y2, Y2
	VPOR     Y2, Y5, Y5

	// A header is valid when no bit of its byte is set.
	VPCMPEQB  Y4, Y5, Y5
	VPMOVMSKB Y5, AX
	MOVL      AX, (R12)
	POPCNTL   AX, AX
	ADDQ      AX, BX

	ADDQ $4, R12
	ADDQ $32, CX
	JNZ  loop

done:
	VZEROUPPER
	MOVQ BX, count+104(FP)
	RET
