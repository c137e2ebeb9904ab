//go:build amd64 && !purego

package simd

import "unsafe"

// selectWithinAVX2 judges blocks×8 points. Per block it stores one byte of
// verdict bits at bits[0], bits[1], … and one of outer verdicts at
// outer[0], … (on a little-endian machine byte k of a mask is bits 8k..8k+7
// of its word k/8), zeroing the rest of both masks' last words, and
// left-packs the ids of the points within into out, 8
// entries stored per block; it returns how many passed. lut[m] lists the
// set bits of the 8-bit mask m, ascending.
//
//go:noescape
func selectWithinAVX2(xs, zs *float32, rooms *uint32, ids, out *int32, bits, outer *byte, blocks int,
	x, z, radius2, outer2 float32, room uint32, lut *[256][8]int32) (count int)

// packLUT[m] holds the positions of the set bits of m in ascending order,
// then zeros: the VPERMD control that left-packs the lanes of mask m.
var packLUT = func() (t [256][8]int32) {
	for m := range t {
		k := 0
		for b := 0; b < 8; b++ {
			if m&(1<<b) != 0 {
				t[m][k] = int32(b)
				k++
			}
		}
	}
	return t
}()

// selectWithinAsm runs the assembly over the whole 8-point blocks and
// returns how many points it covered and how many passed.
func selectWithinAsm(out []int32, mask, outer []uint64, xs, zs []float32, rooms []uint32, ids []int32,
	q *PointQuery) (done, count int) {
	blocks := len(xs) >> 3
	if blocks == 0 {
		return 0, 0
	}
	bits, outerBits := (*byte)(unsafe.Pointer(&mask[0])), (*byte)(unsafe.Pointer(&outer[0]))
	count = selectWithinAVX2(&xs[0], &zs[0], &rooms[0], &ids[0], &out[0], bits, outerBits, blocks,
		q.X, q.Z, q.Radius2, q.Outer2, q.Room, &packLUT)
	return blocks << 3, count
}
