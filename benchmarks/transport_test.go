package benchmarks

import (
	"fmt"
	"testing"

	"github.com/tickforge/tickforge/net/rudp"
)

// BenchmarkTransport compares tickforge's net/endpoint (default
// configuration) with kcp-go v5.7.5 in fast mode, in the same run on
// loopback: 100-byte reliable messages pipelined (msgs/s)
// and one at a time echoed (rt/s), over a clean path and through a relay
// that drops 10% of datagrams each way. Run it with
//
//	go test -run '^$' -bench Transport -count 5 . | tee transport.txt
//
// and compare the medians (benchstat transport.txt).
func BenchmarkTransport(b *testing.B) {
	type impl struct {
		name                 string
		pipelined, roundTrip func(*testing.B, float64)
	}
	tf := func(cfg rudp.Config) impl {
		return impl{"", func(b *testing.B, loss float64) { tickforgePipelined(b, loss, cfg) },
			func(b *testing.B, loss float64) { tickforgeRoundTrips(b, loss, cfg) }}
	}
	def := tf(rudp.Config{})
	def.name = "tickforge"
	impls := []impl{def, {"kcp-go", kcpPipelined, kcpRoundTrips}}
	for _, loss := range []float64{0, 0.10} {
		for _, im := range impls {
			b.Run(fmt.Sprintf("pipelined/loss=%.0f%%/%s", loss*100, im.name), func(b *testing.B) { im.pipelined(b, loss) })
		}
		for _, im := range impls {
			b.Run(fmt.Sprintf("roundtrip/loss=%.0f%%/%s", loss*100, im.name), func(b *testing.B) { im.roundTrip(b, loss) })
		}
	}
}
