package simd

import (
	"fmt"
	"testing"
)

// This file runs every path of a kernel over one batch and insists they
// agree with each other and with the oracle, bit for bit.

// garbage fills masks before a kernel runs, so a bit it forgets to write
// shows up.
const garbage = 0xa5a5_5a5a_f00f_0ff0

// paths lists the kernel paths this build can run: always the Go
// reference, and the assembly where Available.
func paths() []bool {
	if Available() {
		return []bool{false, true}
	}
	return []bool{false}
}

// pathName names a path for test output.
func pathName(useAsm bool) string {
	if useAsm {
		return "avx2"
	}
	return "go"
}

// checkHeaders runs ValidateHeaders on every path and compares each result
// with the oracle; it returns the oracle's mask for further assertions.
func checkHeaders(t *testing.T, c *HeaderColumns, lim HeaderLimits) []uint64 {
	t.Helper()
	n := c.Count()
	want := make([]uint64, MaskWords(n))
	wantCount := 0
	for i := range n {
		if oracleHeader(c, i, lim) {
			want[i>>6] |= 1 << (i & 63)
			wantCount++
		}
	}
	for _, useAsm := range paths() {
		got := make([]uint64, MaskWords(n)+1)
		for i := range got {
			got[i] = garbage
		}
		count := validateHeaders(c, &lim, got, useAsm)
		if err := compareMasks(want, got, n); err != nil {
			t.Fatalf("%s, n=%d, lim=%+v: %v", pathName(useAsm), n, lim, err)
		}
		if count != wantCount {
			t.Fatalf("%s, n=%d, lim=%+v: count %d, want %d", pathName(useAsm), n, lim, count, wantCount)
		}
	}
	return want
}

// checkMovesAll runs CheckMoves on every path and compares masks, reasons
// and counts with the oracle; it returns the oracle's reasons.
func checkMovesAll(t *testing.T, c *MoveColumns, lim MoveLimits) []uint8 {
	t.Helper()
	n := c.Count()
	want := make([]uint64, MaskWords(n))
	wantReason := make([]uint8, n)
	wantCount := 0
	for i := range n {
		wantReason[i] = oracleMove(c, i, lim)
		if wantReason[i] == MoveAccepted {
			want[i>>6] |= 1 << (i & 63)
			wantCount++
		}
	}
	for _, useAsm := range paths() {
		got := make([]uint64, MaskWords(n)+1)
		for i := range got {
			got[i] = garbage
		}
		reason := make([]uint8, n+1)
		for i := range reason {
			reason[i] = 0xee
		}
		count := checkMoves(c, &lim, got, reason, useAsm)
		if err := compareMasks(want, got, n); err != nil {
			t.Fatalf("%s, n=%d, lim=%+v: %v", pathName(useAsm), n, lim, err)
		}
		for i := range n {
			if reason[i] != wantReason[i] {
				t.Fatalf("%s, n=%d: input %d (prev %v,%v,%v new %v,%v,%v el %v ts %d) reason %d, want %d", pathName(useAsm), n, i,
					c.PrevX[i], c.PrevY[i], c.PrevZ[i], c.NewX[i], c.NewY[i], c.NewZ[i], c.Elapsed[i], c.Timestamp[i], reason[i], wantReason[i])
			}
		}
		if reason[n] != 0xee {
			t.Fatalf("%s, n=%d: wrote reason past the batch", pathName(useAsm), n)
		}
		if count != wantCount {
			t.Fatalf("%s, n=%d: count %d, want %d", pathName(useAsm), n, count, wantCount)
		}
	}
	return wantReason
}

// compareMasks checks got against want for n entries: equal words, zero
// bits past n in the last word, and the word after untouched.
func compareMasks(want, got []uint64, n int) error {
	for w := range want {
		if got[w] != want[w] {
			return fmt.Errorf("mask word %d = %#016x, want %#016x (diff %#016x)", w, got[w], want[w], got[w]^want[w])
		}
	}
	if got[len(want)] != garbage {
		return fmt.Errorf("mask word %d past the batch was overwritten", len(want))
	}
	return nil
}
