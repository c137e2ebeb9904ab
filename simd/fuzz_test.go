package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzValidateHeaders builds a batch of up to 300 headers from a seed (edge
// values mixed in), overwrites its first headers with raw fuzzer bytes
// (12 per header), and checks that every path agrees with the oracle.
func FuzzValidateHeaders(f *testing.F) {
	f.Add(uint64(1), uint16(0), uint32(0), uint32(10_000), uint32(1000), uint16(1024), uint16(8), uint16(1200), uint16(1024), []byte{})
	f.Add(uint64(2), uint16(33), uint32(math.MaxUint32), uint32(10_000), uint32(1000), uint16(1024), uint16(8), uint16(1200), uint16(1024),
		[]byte{0xb0, 0x04, 0xff, 0xff, 0x00, 0x00, 0x10, 0x03, 0xff, 0xff, 0xff, 0xff})
	f.Add(uint64(3), uint16(300), uint32(1<<31), uint32(math.MaxUint32), uint32(math.MaxUint32), uint16(math.MaxUint16), uint16(0),
		uint16(math.MaxUint16), uint16(math.MaxUint16), []byte("hostile bytes, all of them, for every column"))
	f.Add(uint64(4), uint16(64), uint32(12345), uint32(0), uint32(0), uint16(0), uint16(1201), uint16(7), uint16(0), make([]byte, 12*64))
	f.Fuzz(func(t *testing.T, seed uint64, n uint16, now, past, future uint32, seqWindow, minLen, maxLen, maxPayload uint16, raw []byte) {
		lim := HeaderLimits{MinLen: minLen, MaxLen: maxLen, MaxPayload: maxPayload, NowMS: now,
			PastWindowMS: past, FutureMS: future, SeqWindow: seqWindow}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		c := genHeaders(rng, int(n%301), int(seed%4), lim)
		for i := 0; i < c.Count() && len(raw) >= 12; i, raw = i+1, raw[12:] {
			c.Len[i] = binary.LittleEndian.Uint16(raw)
			c.Seq[i] = binary.LittleEndian.Uint16(raw[2:])
			c.ExpectedSeq[i] = binary.LittleEndian.Uint16(raw[4:])
			c.Flags[i], c.Priority[i] = raw[6], raw[7]
			c.Timestamp[i] = binary.LittleEndian.Uint32(raw[8:])
		}
		checkHeaders(t, c, lim)
	})
}

// FuzzCheckMoves builds a batch of up to 300 inputs from a seed, overwrites
// its first inputs with raw fuzzer bytes (32 per input: seven float32 and a
// timestamp), and checks that every path agrees with the oracle.
func FuzzCheckMoves(f *testing.F) {
	f.Add(uint64(1), uint16(0), uint32(0), uint32(1000), float32(100), float32(0.5), float32(-1000), float32(1000), []byte{})
	f.Add(uint64(2), uint16(17), uint32(math.MaxUint32), uint32(1000), float32(100), float32(0.5), float32(-1000), float32(1000),
		[]byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x7f, 0, 0, 0x80, 0xff, 1, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0xe8, 3, 0, 0})
	f.Add(uint64(3), uint16(300), uint32(1<<31), uint32(math.MaxUint32), float32(math.Inf(1)), float32(math.NaN()), float32(0), float32(0),
		[]byte("hostile bytes for every float column, NaN payloads and all"))
	f.Add(uint64(4), uint16(8), uint32(5), uint32(0), float32(10), float32(0), float32(-100), float32(100), make([]byte, 32*8))
	f.Fuzz(func(t *testing.T, seed uint64, n uint16, now, future uint32, maxSpeed, tolerance, lo, hi float32, raw []byte) {
		lim := MoveLimits{MaxSpeed: maxSpeed, Tolerance: tolerance, Min: [3]float32{lo, lo, lo}, Max: [3]float32{hi, hi, hi},
			NowMS: now, FutureMS: future}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		c := genMoves(rng, int(n%301), int(seed%4), lim)
		cols := []*[]float32{&c.PrevX, &c.PrevY, &c.PrevZ, &c.NewX, &c.NewY, &c.NewZ, &c.Elapsed}
		for i := 0; i < c.Count() && len(raw) >= 32; i, raw = i+1, raw[32:] {
			for k, col := range cols {
				(*col)[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*k:]))
			}
			c.Timestamp[i] = binary.LittleEndian.Uint32(raw[28:])
		}
		checkMovesAll(t, c, lim)
	})
}

// FuzzRotateToward builds a batch of up to 300 turns from a seed (edge
// values mixed in when the seed is odd), overwrites its first turns with
// raw fuzzer bytes (36 per turn: from, to and t as nine float32), and
// checks every path against RotateQuat bit for bit.
func FuzzRotateToward(f *testing.F) {
	f.Add(uint64(1), uint16(0), []byte{})
	f.Add(uint64(2), uint16(17), []byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xbf, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3f})
	f.Add(uint64(3), uint16(300), []byte("hostile bytes for every column of the turn: NaN payloads, infinities and all"))
	f.Add(uint64(4), uint16(8), make([]byte, 36*8))
	f.Fuzz(func(t *testing.T, seed uint64, n uint16, raw []byte) {
		b := genTurns(rand.New(rand.NewPCG(seed, uint64(n))), int(n%301), seed%2 == 1)
		cols := []*[]float32{&b.from.W, &b.from.X, &b.from.Y, &b.from.Z, &b.to.W, &b.to.X, &b.to.Y, &b.to.Z, &b.t}
		for i := 0; i < len(b.t) && len(raw) >= 36; i, raw = i+1, raw[36:] {
			for k, col := range cols {
				(*col)[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*k:]))
			}
		}
		checkRotate(t, b)
	})
}
