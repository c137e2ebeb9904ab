//go:build amd64 && !purego

package simd

import "math/bits"

// checkMovesAVX2 judges blocks×8 inputs, writing 8 reason bytes and one byte
// of ok bits per block. The limits are passed one by one so go vet checks
// the frame.
//
//go:noescape
func checkMovesAVX2(prevX, prevY, prevZ, newX, newY, newZ, elapsed *float32, stamps *uint32, ok *uint64, reason *uint8, blocks int,
	minX, minY, minZ, maxX, maxY, maxZ, maxSpeed, tolerance float32, nowMS uint32, futureMS int32)

// checkMovesAsm runs the assembly over the whole 8-input blocks of the batch
// and returns how many inputs it covered and how many it accepted.
func checkMovesAsm(c *MoveColumns, r *moveRule, ok []uint64, reason []uint8, n int) (done, count int) {
	blocks := n >> 3
	if blocks == 0 {
		return 0, 0
	}
	checkMovesAVX2(&c.PrevX[0], &c.PrevY[0], &c.PrevZ[0], &c.NewX[0], &c.NewY[0], &c.NewZ[0], &c.Elapsed[0], &c.Timestamp[0],
		&ok[0], &reason[0], blocks,
		r.minX, r.minY, r.minZ, r.maxX, r.maxY, r.maxZ, r.maxSpeed, r.tolerance, r.now, r.future)
	done = blocks << 3
	// The assembly has no register left for a counter; counting the mask
	// costs one POPCNT per 64 inputs.
	for _, w := range ok[:done>>6] {
		count += bits.OnesCount64(w)
	}
	if done&63 != 0 {
		count += bits.OnesCount64(ok[done>>6] & (1<<(uint(done)&63) - 1))
	}
	return done, count
}
