//go:build amd64 && !purego

package simd

// flagNibbleLo and flagNibbleHi classify a flag byte by its low and high
// nibble with VPSHUFB (the table repeats in both 128-bit lanes). Bit k of
// each entry says the nibble holds its half of forbidden pattern k; the byte
// is illegal iff lo[f&15] & hi[f>>4] != 0. Built from the same rules as
// flagOK, and tested against it for all 256 bytes.
var flagNibbleLo, flagNibbleHi = flagNibbleTables()

// flagNibbleTables builds the two VPSHUFB tables from illegalFlagPairs and
// the reserved bits.
func flagNibbleTables() (lo, hi [32]uint8) {
	patterns := make([]uint8, 0, 8)
	patterns = append(patterns, illegalFlagPairs[:]...)
	for bit := uint8(0x80); bit&flagReserved != 0; bit >>= 1 {
		patterns = append(patterns, bit)
	}
	for k, p := range patterns {
		for nib := range uint8(16) {
			if nib&(p&15) == p&15 {
				lo[nib] |= 1 << k
				lo[nib+16] |= 1 << k
			}
			if nib&(p>>4) == p>>4 {
				hi[nib] |= 1 << k
				hi[nib+16] |= 1 << k
			}
		}
	}
	return lo, hi
}

// validateHeadersAVX2 validates blocks×32 headers, writing one uint32 of
// verdicts per block into valid, and returns how many passed. Every range
// check is one signed compare: a biased value above its limit is invalid
// (see headerAsmArgs). The scalars are passed one by one so go vet checks
// the frame.
//
//go:noescape
func validateHeadersAVX2(lens, seqs, expected *uint16, flags, priorities *uint8, stamps *uint32, valid *uint64,
	nibbleLo, nibbleHi *[32]uint8, blocks int,
	lenBias, lenLimit, plainLimit, seqBias, seqLimit uint16, tsBias, tsLimit uint32) (count int)

// validateHeadersAsm runs the assembly over the whole 32-header blocks of the
// batch and returns how many headers it covered and how many passed.
//
// The assembly needs MinLen ≤ MaxLen and MinLen ≤ MaxPayload + HeaderSize;
// limits that break this (and reject nearly everything) are left to the Go
// reference.
func validateHeadersAsm(c *HeaderColumns, r *headerRule, valid []uint64, n int) (done, count int) {
	blocks := n >> 5
	if blocks == 0 || r.minLen > r.maxLen || r.minLen > r.maxPlainLen {
		return 0, 0
	}
	// An unsigned check x ≤ k becomes int16(x ^ 0x8000) ≤ int16(k ^ 0x8000);
	// the XOR is folded into the bias added to each value. Length:
	// (Len − minLen) ≤ maxLen − minLen; unfragmented, also ≤ maxPlainLen − minLen.
	const signW, signD = 1 << 15, 1 << 31
	count = validateHeadersAVX2(&c.Len[0], &c.Seq[0], &c.ExpectedSeq[0], &c.Flags[0], &c.Priority[0], &c.Timestamp[0], &valid[0],
		&flagNibbleLo, &flagNibbleHi, blocks,
		signW-r.minLen, (r.maxLen-r.minLen)^signW, (r.maxPlainLen-r.minLen)^signW,
		r.seqBias+signW, r.seqSpan^signW, r.tsBias+signD, r.tsSpan^signD)
	return blocks << 5, count
}
