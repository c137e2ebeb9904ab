package simd

import (
	"math"
	"math/rand/v2"
)

// This file holds the tests' independent oracles, written rule by rule from
// the documentation rather than from the kernels, and the generators of
// batches rich in edge values.

// oracleHeader judges header i the slow, obvious way.
func oracleHeader(c *HeaderColumns, i int, lim HeaderLimits) bool {
	l, f := int(c.Len[i]), c.Flags[i]
	if l < int(lim.MinLen) || l > int(lim.MaxLen) {
		return false
	}
	if f&0x10 == 0 && l-HeaderSize > int(lim.MaxPayload) {
		return false
	}
	if f&0x40 != 0 || f&0x80 != 0 {
		return false
	}
	for _, pair := range []uint8{0x02 | 0x04, 0x02 | 0x08, 0x04 | 0x08, 0x08 | 0x10, 0x02 | 0x10} {
		if f&pair == pair {
			return false
		}
	}
	if c.Priority[i] > 3 {
		return false
	}
	past, future := min(int64(lim.PastWindowMS), 1<<31), min(int64(lim.FutureMS), 1<<31-1)
	if d := int64(int32(c.Timestamp[i] - lim.NowMS)); d < -past || d > future {
		return false
	}
	w := min(int(lim.SeqWindow), 32767)
	d := int(int16(c.Seq[i] - c.ExpectedSeq[i]))
	return d >= -w && d <= w
}

// oracleMove judges input i the slow, obvious way.
func oracleMove(c *MoveColumns, i int, lim MoveLimits) uint8 {
	for _, v := range []float32{c.PrevX[i], c.PrevY[i], c.PrevZ[i], c.NewX[i], c.NewY[i], c.NewZ[i], c.Elapsed[i]} {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return MoveNonFinite
		}
	}
	if int64(int32(c.Timestamp[i]-lim.NowMS)) > min(int64(lim.FutureMS), math.MaxInt32) {
		return MoveFuture
	}
	for k, v := range []float32{c.NewX[i], c.NewY[i], c.NewZ[i]} {
		if !(lim.Min[k] <= v && v <= lim.Max[k]) {
			return MoveOutOfBounds
		}
	}
	var dist2 float32
	for _, d := range []float32{c.NewX[i] - c.PrevX[i], c.NewY[i] - c.PrevY[i], c.NewZ[i] - c.PrevZ[i]} {
		sq := float32(d * d)
		dist2 = float32(dist2 + sq)
	}
	e := c.Elapsed[i]
	if e < 0 || e == 0 {
		e = 0
	}
	reach := float32(float32(lim.MaxSpeed*e) + lim.Tolerance)
	if !(dist2 <= float32(reach*reach)) {
		return MoveSpeed
	}
	return MoveAccepted
}

// pick returns one of vs.
func pick[T any](rng *rand.Rand, vs ...T) T { return vs[rng.IntN(len(vs))] }

// genHeaderLimits returns mostly the defaults at a random clock, sometimes
// extreme or nonsensical limits.
func genHeaderLimits(rng *rand.Rand) HeaderLimits {
	lim := DefaultHeaderLimits(pick(rng, 0, 1, 999, 1<<31, math.MaxUint32, math.MaxUint32-500, rng.Uint32()))
	if rng.IntN(4) == 0 {
		lim.MinLen = pick(rng, 0, 7, 8, 9, 1200, uint16(rng.Uint32()))
		lim.MaxLen = pick(rng, 0, 8, 1200, 1201, math.MaxUint16, uint16(rng.Uint32()))
		lim.MaxPayload = pick(rng, 0, 1, 1024, math.MaxUint16-8, math.MaxUint16-7, math.MaxUint16, uint16(rng.Uint32()))
		lim.PastWindowMS = pick(rng, 0, 1, 1<<31-1, 1<<31, 1<<31+1, math.MaxUint32, rng.Uint32())
		lim.FutureMS = pick(rng, 0, 1, 1<<31-2, 1<<31-1, 1<<31, math.MaxUint32, rng.Uint32())
		lim.SeqWindow = pick(rng, 0, 1, 32766, 32767, 32768, math.MaxUint16, uint16(rng.Uint32()))
	}
	return lim
}

// genHeaders returns n headers, about a third of them valid under lim, the
// rest failing on edge values of one or more rules. The columns are cut out
// of longer slices at offset, so the kernels see unaligned data.
func genHeaders(rng *rand.Rand, n, offset int, lim HeaderLimits) *HeaderColumns {
	c := &HeaderColumns{
		Len: make([]uint16, offset+n)[offset:], Seq: make([]uint16, offset+n)[offset:],
		ExpectedSeq: make([]uint16, offset+n)[offset:], Flags: make([]uint8, offset+n)[offset:],
		Priority: make([]uint8, offset+n)[offset:], Timestamp: make([]uint32, offset+n)[offset:],
	}
	w := int32(min(lim.SeqWindow, 32767))
	past, future := int64(min(lim.PastWindowMS, 1<<31)), int64(min(lim.FutureMS, 1<<31-1))
	for i := range n {
		if rng.IntN(10) < 8 {
			c.Len[i] = uint16(8 + rng.IntN(1025))
		} else {
			c.Len[i] = pick(rng, 0, 7, 8, 9, 1031, 1032, 1033, 1199, 1200, 1201, math.MaxUint16, uint16(rng.Uint32()))
		}
		if rng.IntN(10) < 7 {
			c.Flags[i] = pick[uint8](rng, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x09, 0x10, 0x11, 0x20, 0x21, 0x30, 0x31)
		} else {
			c.Flags[i] = pick(rng, 0x3f, 0x40, 0x80, 0xc0, 0xff, 0x06, 0x0a, 0x0c, 0x18, 0x12, 0x1f, uint8(rng.Uint32()))
		}
		if rng.IntN(10) < 8 {
			c.Priority[i] = uint8(rng.IntN(4))
		} else {
			c.Priority[i] = pick(rng, 3, 4, 5, 0x80, 0xff, uint8(rng.Uint32()))
		}
		c.ExpectedSeq[i] = pick(rng, 0, 1, 65534, 65535, uint16(rng.Uint32()), uint16(rng.Uint32()))
		var ds int32
		if rng.IntN(10) < 8 {
			ds = rng.Int32N(2*w+1) - w
		} else {
			ds = pick(rng, -w-1, -w, w, w+1, 32767, -32768, rng.Int32())
		}
		c.Seq[i] = c.ExpectedSeq[i] + uint16(ds)
		var dt int64
		if rng.IntN(10) < 8 && past+future < 1<<40 {
			dt = rng.Int64N(past+future+1) - past
		} else {
			dt = pick(rng, -past-1, -past, -past+1, 0, future-1, future, future+1, 1<<31-1, -1<<31, int64(rng.Int32()))
		}
		c.Timestamp[i] = lim.NowMS + uint32(dt)
	}
	return c
}

// edgeFloat returns a float32 that is ordinary most of the time and
// otherwise NaN, ±Inf, a denormal, a signed zero or a huge value.
func edgeFloat(rng *rand.Rand, ordinary float32) float32 {
	if rng.IntN(40) != 0 {
		return ordinary
	}
	return pick(rng, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
		math.Float32frombits(1), -math.Float32frombits(1), math.Float32frombits(0x007fffff),
		float32(math.Copysign(0, -1)), 0, math.MaxFloat32, -math.MaxFloat32,
		math.Float32frombits(0x7fc00001), math.Float32frombits(0xff800001))
}

// genMoveLimits returns typical limits at a random clock, sometimes odd ones.
func genMoveLimits(rng *rand.Rand) MoveLimits {
	lim := MoveLimits{
		MaxSpeed: 100, Tolerance: 0.5, Min: [3]float32{-1000, -100, -1000}, Max: [3]float32{1000, 500, 1000},
		NowMS: pick(rng, 0, 1000, 1<<31, math.MaxUint32, math.MaxUint32-300, rng.Uint32()), FutureMS: 1000,
	}
	if rng.IntN(5) == 0 {
		lim.MaxSpeed = pick(rng, 0, 1, -1, 1e30, float32(math.Inf(1)), float32(math.NaN()))
		lim.Tolerance = pick(rng, 0, -1, 1e-40, float32(math.Inf(-1)), float32(math.NaN()))
		lim.Min[rng.IntN(3)] = pick(rng, 0, float32(math.NaN()), float32(math.Inf(-1)), 5)
		lim.Max[rng.IntN(3)] = pick(rng, 0, float32(math.NaN()), float32(math.Inf(1)), -5)
		lim.FutureMS = pick(rng, 0, 1, 1<<31-1, 1<<31, math.MaxUint32, rng.Uint32())
	}
	return lim
}

// genMoves returns n inputs, most of them plausible moves near the speed
// limit, the rest with edge values; cut at offset for unaligned columns.
func genMoves(rng *rand.Rand, n, offset int, lim MoveLimits) *MoveColumns {
	col := func() []float32 { return make([]float32, offset+n)[offset:] }
	c := &MoveColumns{PrevX: col(), PrevY: col(), PrevZ: col(), NewX: col(), NewY: col(), NewZ: col(), Elapsed: col(),
		Timestamp: make([]uint32, offset+n)[offset:]}
	for i := range n {
		el := pick(rng, float32(1.0/60), float32(1.0/30), 0.05, 0, float32(rng.Float64()/10))
		if rng.IntN(20) == 0 {
			el = pick(rng, -1, float32(math.Copysign(0, -1)), 1e-45, 1e30)
		}
		reach := 100*el + 0.5
		prev := [3]float32{float32(rng.Float64()*2000 - 1000), float32(rng.Float64()*600 - 100), float32(rng.Float64()*2000 - 1000)}
		dir := [3]float32{float32(rng.NormFloat64()), float32(rng.NormFloat64()), float32(rng.NormFloat64())}
		norm := float32(math.Sqrt(float64(dir[0]*dir[0] + dir[1]*dir[1] + dir[2]*dir[2])))
		scale := reach * float32(0.8+rng.Float64()*0.4) / norm
		next := [3]float32{prev[0] + dir[0]*scale, prev[1] + dir[1]*scale, prev[2] + dir[2]*scale}
		if rng.IntN(10) == 0 {
			next[rng.IntN(3)] = pick(rng, lim.Min[0], lim.Max[0], lim.Min[1], lim.Max[1], 1000.0001, -100.0001, 2000)
		}
		c.PrevX[i], c.PrevY[i], c.PrevZ[i] = edgeFloat(rng, prev[0]), edgeFloat(rng, prev[1]), edgeFloat(rng, prev[2])
		c.NewX[i], c.NewY[i], c.NewZ[i] = edgeFloat(rng, next[0]), edgeFloat(rng, next[1]), edgeFloat(rng, next[2])
		c.Elapsed[i] = edgeFloat(rng, el)
		future := int64(min(lim.FutureMS, math.MaxInt32))
		var dt int64
		if rng.IntN(10) < 8 {
			dt = -rng.Int64N(2000)
		} else {
			dt = pick(rng, future-1, future, future+1, 1<<31-1, -1<<31, int64(rng.Int32()))
		}
		c.Timestamp[i] = lim.NowMS + uint32(dt)
	}
	return c
}
