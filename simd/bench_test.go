package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSizes are the batch sizes the benchmarks report: a small receive
// batch, a busy tick, and a stress batch.
var benchSizes = []int{64, 1024, 65536}

// benchPool is how many entries of distinct data each benchmark cycles
// through, whatever the batch size: a server never checks the same batch
// twice, and a small batch repeated forever would let the branch predictor
// learn its verdicts and flatter the Go path.
const benchPool = 1 << 16

// benchMixes are the traffic mixes: "clean" has every entry valid (normal
// play), "hostile" about a third failing some rule on edge values.
var benchMixes = []string{"clean", "hostile"}

// BenchmarkValidateHeaders reports ns/packet for the assembly and the Go
// path side by side.
func BenchmarkValidateHeaders(b *testing.B) {
	lim := DefaultHeaderLimits(123_456)
	for _, mix := range benchMixes {
		for _, n := range benchSizes {
			rng := rand.New(rand.NewPCG(11, uint64(n)))
			batches := make([]*HeaderColumns, max(1, benchPool/n))
			for k := range batches {
				if mix == "clean" {
					batches[k] = genCleanHeaders(rng, n, lim)
				} else {
					batches[k] = genHeaders(rng, n, 0, lim)
				}
			}
			valid := make([]uint64, MaskWords(n))
			for _, useAsm := range paths() {
				b.Run(fmt.Sprintf("%s/N=%d/%s", mix, n, pathName(useAsm)), func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(n) * 12) // 12 bytes of columns per header
					k := 0
					for b.Loop() {
						validateHeaders(batches[k], &lim, valid, useAsm)
						if k++; k == len(batches) {
							k = 0
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/packet")
				})
			}
		}
	}
}

// BenchmarkCheckMoves reports ns/input for the assembly and the Go path
// side by side.
func BenchmarkCheckMoves(b *testing.B) {
	for _, mix := range benchMixes {
		for _, n := range benchSizes {
			rng := rand.New(rand.NewPCG(12, uint64(n)))
			lim := benchMoveLimits
			batches := make([]*MoveColumns, max(1, benchPool/n))
			for k := range batches {
				if mix == "clean" {
					batches[k] = genCleanMoves(rng, n, lim)
				} else {
					batches[k] = genMoves(rng, n, 0, lim)
				}
			}
			ok, reason := make([]uint64, MaskWords(n)), make([]uint8, n)
			for _, useAsm := range paths() {
				b.Run(fmt.Sprintf("%s/N=%d/%s", mix, n, pathName(useAsm)), func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(n) * 32) // seven float32 and a timestamp per input
					k := 0
					for b.Loop() {
						checkMoves(batches[k], &lim, ok, reason, useAsm)
						if k++; k == len(batches) {
							k = 0
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/input")
				})
			}
		}
	}
}

// genCleanHeaders returns n valid headers with varied lengths and sequence
// numbers.
func genCleanHeaders(rng *rand.Rand, n int, lim HeaderLimits) *HeaderColumns {
	c := newHeaders(n)
	for i := range n {
		validHeader(c, i, lim.NowMS)
		c.Len[i] = uint16(HeaderSize + rng.IntN(1025))
		c.Seq[i] += uint16(rng.IntN(64))
		c.Timestamp[i] -= uint32(rng.IntN(200))
	}
	return c
}

// benchMoveLimits are the seed defaults: 100 units/s, a 2000×600×2000 world.
var benchMoveLimits = MoveLimits{MaxSpeed: 100, Tolerance: 0.5, Min: [3]float32{-1000, -100, -1000},
	Max: [3]float32{1000, 500, 1000}, NowMS: 1_000_000, FutureMS: 1000}

// genCleanMoves returns n legal moves: in bounds, under the speed limit,
// timestamps in the past.
func genCleanMoves(rng *rand.Rand, n int, lim MoveLimits) *MoveColumns {
	c := &MoveColumns{}
	for range n {
		el := float32(1.0 / 60)
		step := lim.MaxSpeed * el * 0.5
		x, y, z := float32(rng.Float64()*1000-500), float32(rng.Float64()*300), float32(rng.Float64()*1000-500)
		c.PrevX, c.PrevY, c.PrevZ = append(c.PrevX, x), append(c.PrevY, y), append(c.PrevZ, z)
		c.NewX, c.NewY, c.NewZ = append(c.NewX, x+step*float32(rng.Float64())), append(c.NewY, y), append(c.NewZ, z-step*float32(rng.Float64()))
		c.Elapsed, c.Timestamp = append(c.Elapsed, el), append(c.Timestamp, lim.NowMS-uint32(rng.IntN(100)))
	}
	return c
}

// TestBenchBatches checks that the benchmarks' clean batches are all valid
// and the hostile ones mixed, so the figures mean what they claim.
func TestBenchBatches(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(13, 14))
	lim := DefaultHeaderLimits(123_456)
	valid := make([]uint64, MaskWords(1000))
	if got := ValidateHeaders(genCleanHeaders(rng, 1000, lim), lim, valid); got != 1000 {
		t.Errorf("clean headers: %d of 1000 valid", got)
	}
	if got := ValidateHeaders(genHeaders(rng, 1000, 0, lim), lim, valid); got < 200 || got > 500 {
		t.Errorf("hostile headers: %d of 1000 valid, want about a third", got)
	}
	reason := make([]uint8, 1000)
	if got := CheckMoves(genCleanMoves(rng, 1000, benchMoveLimits), benchMoveLimits, valid, reason); got != 1000 {
		t.Errorf("clean moves: %d of 1000 accepted", got)
	}
	if got := CheckMoves(genMoves(rng, 1000, 0, benchMoveLimits), benchMoveLimits, valid, reason); got < 300 || got > 900 {
		t.Errorf("hostile moves: %d of 1000 accepted", got)
	}
}

// BenchmarkRotateToward reports ns/lane for the assembly and the Go path
// side by side, on the city's mix of turns: about half snap, a fifth nlerp
// and the rest slerp, in random order.
func BenchmarkRotateToward(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(14, uint64(n)))
		batches := make([]*turnBatch, max(1, benchPool/n))
		for k := range batches {
			batches[k] = genCityTurns(rng, n)
		}
		var dst QuatColumns
		dst.Resize(n)
		for _, useAsm := range paths() {
			b.Run(fmt.Sprintf("N=%d/%s", n, pathName(useAsm)), func(b *testing.B) {
				b.ReportAllocs()
				k := 0
				for b.Loop() {
					tb := batches[k]
					rotateToward(&dst, &tb.from, &tb.to, tb.t, useAsm)
					if k++; k == len(batches) {
						k = 0
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/lane")
			})
		}
	}
}

// genCityTurns returns n turns of unit quaternions with t in [0, 1), mixed
// as in the city scenario: 51% within the snap angle, 19% nlerp, 30% slerp.
func genCityTurns(rng *rand.Rand, n int) *turnBatch {
	b := &turnBatch{}
	for range n {
		from := unitQuat(rng)
		var cos float64
		switch r := rng.IntN(100); {
		case r < 51:
			cos = 1 - rng.Float64()*5e-6
		case r < 70:
			cos = NlerpDot + rng.Float64()*(SnapDot-NlerpDot)
		default:
			cos = rng.Float64() * NlerpDot
		}
		if rng.IntN(2) == 0 {
			cos = -cos
		}
		b.add(from, turnedBy(rng, from, cos), float32(rng.IntN(6))/6)
	}
	return b
}
