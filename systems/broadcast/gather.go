package broadcast

import "unsafe"

// The gather loops are kept out of line (go:noinline): inlined into
// sendUpdates, whose other live values crowd the registers, their index
// is spilled to the stack and reloaded on every record.

// recordSlots returns the part of payload after a header of hdr bytes as
// room for n records: the records are byte arrays (alignment 1), so the
// slots alias payload[hdr : hdr+n*EntityStateSize] exactly, and copying a
// record into a slot is a single fixed-size move.
//
// Panics: if payload is shorter than hdr + n records.
func recordSlots(payload []byte, hdr, n int) []record {
	payload = payload[hdr : hdr+n*len(record{})]
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*record)(unsafe.Pointer(&payload[0])), n)
}

// gatherAll copies records[d] for every d of vis to dst[0:len(vis)].
//
// Panics: if dst is shorter than vis or a d is not an index of records.
//
//go:noinline
func gatherAll(dst, records []record, vis []int32) {
	dst = dst[:len(vis):len(dst)]
	for i, d := range vis {
		dst[i] = records[d]
	}
}

// gatherSending copies, back to back into dst, records[d] for every d of vis
// whose sends[d] is 1 (it must be 0 or 1), and returns how many it kept.
// Every record is copied to the next free slot and the slot is then kept
// or reused, so the loop has no data-dependent branch.
//
// Panics: if dst is shorter than vis or a d is not an index of records.
//
//go:noinline
func gatherSending(dst, records []record, sends []uint8, vis []int32) int {
	dst = dst[:len(vis):len(dst)]
	n := 0
	for _, d := range vis {
		dst[n] = records[d]
		n += int(sends[d])
	}
	return n
}
