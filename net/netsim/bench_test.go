package netsim

import (
	"testing"
	"time"
)

func BenchmarkLink(b *testing.B) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"perfect", Config{}},
		{"delay", Config{Delay: 50 * time.Millisecond}},
		{"impaired", benchImpaired()},
	}
	for _, tc := range tests {
		b.Run(tc.name, func(b *testing.B) {
			l := NewLink(1, tc.cfg)
			buf := make([]byte, 1200)
			deliver := func([]byte) {}
			var now time.Duration
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				now += 100 * time.Microsecond
				l.Send(now, buf)
				l.Deliver(now, deliver)
			}
			b.ReportMetric(float64(l.InFlight()), "in-flight")
		})
	}
}

// benchImpaired is impairedConfig with a bottleneck wide enough for the
// benchmark's 96 Mbit/s offered load, so packets take the full path instead
// of being tail-dropped.
func benchImpaired() Config {
	cfg := impairedConfig()
	cfg.BandwidthBps, cfg.QueueBytes = 200_000_000, 64<<10
	return cfg
}
