package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSizes are the batch sizes the benchmarks report: a small receive
// batch, a busy tick, and a stress batch.
var benchSizes = []int{64, 1024, 65536}

// BenchmarkValidateHeaders reports ns/packet for the assembly and the Go
// path side by side, on a realistic mix where about a third of the headers
// fail some rule.
func BenchmarkValidateHeaders(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(11, uint64(n)))
		lim := DefaultHeaderLimits(123_456)
		c := genHeaders(rng, n, 0, lim)
		valid := make([]uint64, MaskWords(n))
		for _, useAsm := range paths() {
			b.Run(fmt.Sprintf("N=%d/%s", n, pathName(useAsm)), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(n) * 12) // 12 bytes of columns per header
				for b.Loop() {
					validateHeaders(c, lim, valid, useAsm)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/packet")
			})
		}
	}
}

// BenchmarkCheckMoves reports ns/input for the assembly and the Go path
// side by side, on plausible moves with a few edge values mixed in.
func BenchmarkCheckMoves(b *testing.B) {
	for _, n := range benchSizes {
		rng := rand.New(rand.NewPCG(12, uint64(n)))
		lim := genMoveLimits(rand.New(rand.NewPCG(1, 1)))
		c := genMoves(rng, n, 0, lim)
		ok, reason := make([]uint64, MaskWords(n)), make([]uint8, n)
		for _, useAsm := range paths() {
			b.Run(fmt.Sprintf("N=%d/%s", n, pathName(useAsm)), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(n) * 32) // seven float32 and a timestamp per input
				for b.Loop() {
					checkMoves(c, lim, ok, reason, useAsm)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/input")
			})
		}
	}
}
