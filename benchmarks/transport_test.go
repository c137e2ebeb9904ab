package benchmarks

import (
	"fmt"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
)

// tunedConfig is tickforge's counterpart of kcp-go's fast mode for a path
// with a sub-millisecond RTT: a 10 ms minimum RTO (kcp-go's no-delay mode
// uses 30 ms and resends after 2 duplicate acks) and acks sent after at
// most 1 ms instead of 5 ms.
func tunedConfig() rudp.Config {
	return rudp.Config{MinRTO: 10 * time.Millisecond, AckDelay: time.Millisecond}
}

// BenchmarkTransport compares tickforge's net/endpoint (default and tuned
// configuration) with kcp-go v5.7.5 in fast mode, in the same run on loopback: 100-byte reliable messages pipelined (msgs/s)
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
	def, tuned := tf(rudp.Config{}), tf(tunedConfig())
	def.name, tuned.name = "tickforge", "tickforge-tuned"
	impls := []impl{
		def, tuned,
		{"kcp-go", kcpPipelined, kcpRoundTrips},
	}
	for _, loss := range []float64{0, 0.10} {
		for _, im := range impls {
			b.Run(fmt.Sprintf("pipelined/loss=%.0f%%/%s", loss*100, im.name), func(b *testing.B) { im.pipelined(b, loss) })
		}
		for _, im := range impls {
			b.Run(fmt.Sprintf("roundtrip/loss=%.0f%%/%s", loss*100, im.name), func(b *testing.B) { im.roundTrip(b, loss) })
		}
	}
}
