package netsim

import (
	"testing"
	"time"
)

func TestBandwidthShapesThroughput(t *testing.T) {
	t.Parallel()
	const (
		bps   = 256_000
		size  = 1000
		queue = 16 << 10
		delay = 20 * time.Millisecond
	)
	tests := []struct {
		name     string
		interval time.Duration // offered load = size*8/interval
		wantRate float64       // delivered bits per second
		dropping bool
	}{
		{"2 Mbit/s offered", 4 * time.Millisecond, bps, true},
		{"128 kbit/s offered", 62500 * time.Microsecond, 128_000, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := NewLink(1, Config{Delay: delay, BandwidthBps: bps, QueueBytes: queue})
			n := int(20 * time.Second / tc.interval)
			got := traffic(l, n, size, tc.interval)
			s := l.Stats()
			if s.Delivered != uint64(len(got)) || s.Delivered+s.QueueDropped != uint64(n) {
				t.Fatalf("stats %+v, %d sent", s, n)
			}
			if (s.QueueDropped > 0) != tc.dropping {
				t.Fatalf("queue drops %d, want dropping %v", s.QueueDropped, tc.dropping)
			}
			first, last := got[0].arrived, got[len(got)-1].arrived
			span := (last - first).Seconds()
			rate := float64((len(got)-1)*size*8) / span
			within(t, "delivered bit/s", rate, tc.wantRate, 0.02*tc.wantRate)

			serial := time.Duration(size * 8 * int64(time.Second) / bps)
			worst := delay + time.Duration((queue+size)*8*int64(time.Second)/bps)
			for _, d := range got {
				lat := d.arrived - d.sent
				if lat < delay+serial || lat > worst {
					t.Fatalf("latency %v outside [%v, %v]", lat, delay+serial, worst)
				}
				if !tc.dropping && lat != delay+serial {
					t.Fatalf("uncongested latency %v, want %v", lat, delay+serial)
				}
			}
		})
	}
}

func TestBandwidthSpacesABurst(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{BandwidthBps: 8_000_000, QueueBytes: 10_000}) // 1 byte per µs
	for range 12 {
		l.Send(0, make([]byte, 1000))
	}
	var arrivals []time.Duration
	for {
		at, ok := l.NextEvent()
		if !ok {
			break
		}
		l.Deliver(at, func([]byte) { arrivals = append(arrivals, at) })
	}
	// 10,000 bytes of queue: the first ten fit (the tenth fills it exactly), the rest are tail-dropped.
	if len(arrivals) != 10 || l.Stats().QueueDropped != 2 {
		t.Fatalf("delivered %d, dropped %d; want 10 and 2", len(arrivals), l.Stats().QueueDropped)
	}
	for i, at := range arrivals {
		if want := time.Duration(i+1) * time.Millisecond; at != want {
			t.Fatalf("datagram %d arrived at %v, want %v", i, at, want)
		}
	}
}

func TestDatagramLargerThanQueueIsDropped(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{BandwidthBps: 1_000_000, QueueBytes: 500})
	l.Send(0, make([]byte, 501))
	l.Send(0, make([]byte, 500))
	if s := l.Stats(); s.QueueDropped != 1 || l.InFlight() != 1 {
		t.Fatalf("stats %+v, in flight %d; want one drop, one in flight", s, l.InFlight())
	}
}
