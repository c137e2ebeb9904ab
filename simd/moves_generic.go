package simd

import "math"

// checkMovesGeneric is the reference: it judges inputs start..n-1, writing
// reason and ok (keeping lower bits of start's word), and returns how many
// were accepted. The assembly must agree with it bit for bit.
func checkMovesGeneric(c *MoveColumns, r *moveRule, ok []uint64, reason []uint8, start, n int) int {
	px, py, pz := c.PrevX[:n], c.PrevY[:n], c.PrevZ[:n]
	nx, ny, nz := c.NewX[:n], c.NewY[:n], c.NewZ[:n]
	el, ts, reason := c.Elapsed[:n], c.Timestamp[:n], reason[:n]
	w := newMaskWriter(ok, start)
	count := 0
	for i := start; i < n; i++ {
		v := moveVerdict(px[i], py[i], pz[i], nx[i], ny[i], nz[i], el[i], ts[i], r)
		reason[i] = v
		if v == MoveAccepted {
			count++
		}
		w.set(i, v == MoveAccepted)
	}
	w.finish(n)
	return count
}

// moveVerdict judges one input; see CheckMoves for the rules.
func moveVerdict(px, py, pz, nx, ny, nz, elapsed float32, ts uint32, r *moveRule) uint8 {
	if !finite(px) || !finite(py) || !finite(pz) || !finite(nx) || !finite(ny) || !finite(nz) || !finite(elapsed) {
		return MoveNonFinite
	}
	if int32(ts-r.now) > r.future {
		return MoveFuture
	}
	if !(nx >= r.minX && nx <= r.maxX && ny >= r.minY && ny <= r.maxY && nz >= r.minZ && nz <= r.maxZ) {
		return MoveOutOfBounds
	}
	// The float32 conversions round every step and forbid fused
	// multiply-add, so the result matches the assembly exactly.
	dx, dy, dz := nx-px, ny-py, nz-pz
	dist2 := float32(float32(dx*dx)+float32(dy*dy)) + float32(dz*dz)
	e := elapsed
	if !(e > 0) { // as VMAXPS(e, 0): a -0 becomes +0
		e = 0
	}
	limit := float32(r.maxSpeed*e) + r.tolerance
	if !(dist2 <= float32(limit*limit)) {
		return MoveSpeed
	}
	return MoveAccepted
}

// finite reports whether v is neither NaN nor ±Inf: its exponent is not all ones.
func finite(v float32) bool { return math.Float32bits(v)&0x7f800000 != 0x7f800000 }
