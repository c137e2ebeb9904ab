package netsim

import (
	"encoding/binary"
	"testing"
	"time"
)

// FuzzLink drives a link with an arbitrary configuration and an arbitrary
// sequence of sends, clock advances and deliveries, and checks the
// invariants every transport test relies on: nothing arrives before it was
// sent or before the clock reaches it, nothing arrives more than twice,
// payloads are intact, and the counters add up.
func FuzzLink(f *testing.F) {
	f.Add(uint64(1), []byte{0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(uint64(2), []byte{25, 10, 50, 10, 64, 30, 3, 8, 0x81, 0x02, 0x43, 0xff, 0x10, 0x20, 0x30})
	f.Add(uint64(3), []byte{255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0})
	f.Add(uint64(4), []byte{0, 0, 0, 0, 0, 0, 1, 1, 0xf0, 0xf1, 0x0f, 0xe0, 0x41, 0x42})
	f.Fuzz(func(t *testing.T, seed uint64, script []byte) {
		if len(script) < 8 {
			return
		}
		frac := func(b byte) float64 { return float64(b) / 255 }
		cfg := Config{
			Loss:         frac(script[0]) / 2,
			Delay:        time.Duration(script[1]) * time.Millisecond,
			Jitter:       time.Duration(script[2]) * time.Millisecond / 2,
			Reorder:      frac(script[3]),
			ReorderDelay: time.Duration(script[4]) * time.Millisecond,
			Duplicate:    frac(script[5]) / 4,
			BandwidthBps: int64(script[6]) * 10_000,
			QueueBytes:   int(script[7]) * 64,
		}
		if script[0]&1 == 1 {
			cfg.BurstLoss = &GilbertElliott{PGoodToBad: frac(script[1]), PBadToGood: frac(script[2]), LossGood: 0, LossBad: frac(script[3])}
		}
		l := NewLink(seed, cfg)
		var now, lastArrival time.Duration
		sentAt := map[uint64]time.Duration{}
		count := map[uint64]int{}
		var next uint64
		recv := func(d []byte) {
			if len(d) < 8 {
				t.Fatalf("delivered a %d-byte datagram, all sent were ≥ 8", len(d))
			}
			id := binary.LittleEndian.Uint64(d)
			for i, b := range d[8:] {
				if b != byte(id)+byte(i) {
					t.Fatalf("datagram %d corrupted at byte %d", id, 8+i)
				}
			}
			at, ok := sentAt[id]
			if !ok || at > now || now < lastArrival {
				t.Fatalf("datagram %d delivered at %v: sent %v (%v), previous delivery %v", id, now, at, ok, lastArrival)
			}
			lastArrival = now
			count[id]++
			if count[id] > 2 {
				t.Fatalf("datagram %d delivered %d times", id, count[id])
			}
		}
		payload := make([]byte, 8+255)
		for _, op := range script[8:] {
			switch op >> 6 {
			case 0, 1: // send (op & 0x7f) * 2 extra bytes
				n := 8 + int(op&0x7f)*2
				binary.LittleEndian.PutUint64(payload, next)
				for i := 8; i < n; i++ {
					payload[i] = byte(next) + byte(i-8)
				}
				sentAt[next] = now
				next++
				l.Send(now, payload[:n])
			case 2: // advance the clock
				now += time.Duration(op&0x3f) * time.Millisecond
			case 3: // deliver, or toggle an outage
				if op&0x20 != 0 {
					l.SetDown(now, now+time.Duration(op&0x1f)*time.Millisecond)
				} else {
					l.Deliver(now, recv)
				}
			}
			if at, ok := l.NextEvent(); ok && at < now && op>>6 == 3 && op&0x20 == 0 {
				t.Fatalf("after Deliver(%v) a datagram due at %v is still pending", now, at)
			}
		}
		now += time.Hour
		l.Deliver(now, recv)
		s := l.Stats()
		if s.Sent != next || s.Delivered+s.Dropped() != s.Sent+s.Duplicated || l.InFlight() != 0 {
			t.Fatalf("counters do not add up: %+v, in flight %d", s, l.InFlight())
		}
	})
}
