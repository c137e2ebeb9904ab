package netsim

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func TestPerfectLinkDeliversInOrderAtOnce(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{})
	got := traffic(l, 100, 32, time.Millisecond)
	if len(got) != 100 {
		t.Fatalf("delivered %d, want 100", len(got))
	}
	for i, d := range got {
		if d.id != uint64(i) || d.arrived != d.sent {
			t.Fatalf("delivery %d = %+v, want id %d arriving when sent", i, d, i)
		}
	}
	if s := l.Stats(); s.Sent != 100 || s.Delivered != 100 || s.Dropped() != 0 || s.Reordered != 0 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestFixedDelayAndNextEvent(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: 30 * time.Millisecond})
	if _, ok := l.NextEvent(); ok {
		t.Fatal("NextEvent on an empty link reported an event")
	}
	l.Send(5*time.Millisecond, []byte("a"))
	l.Send(7*time.Millisecond, []byte("b"))
	at, ok := l.NextEvent()
	if !ok || at != 35*time.Millisecond {
		t.Fatalf("NextEvent = %v, %v; want 35ms, true", at, ok)
	}
	var got []string
	l.Deliver(34*time.Millisecond, func(d []byte) { got = append(got, string(d)) })
	if len(got) != 0 {
		t.Fatalf("delivered %q before its arrival time", got)
	}
	l.Deliver(40*time.Millisecond, func(d []byte) { got = append(got, string(d)) })
	if len(got) != 2 || got[0] != "a" || got[1] != "b" || l.InFlight() != 0 {
		t.Fatalf("got %q, in flight %d; want [a b], 0", got, l.InFlight())
	}
}

func TestSendCopiesTheDatagram(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: time.Millisecond})
	buf := []byte("hello")
	l.Send(0, buf)
	copy(buf, "XXXXX")
	l.Send(0, []byte("world, a longer datagram than the first"))
	var got [][]byte
	l.Deliver(time.Second, func(d []byte) { got = append(got, bytes.Clone(d)) })
	if len(got) != 2 || string(got[0]) != "hello" || string(got[1]) != "world, a longer datagram than the first" {
		t.Fatalf("got %q", got)
	}
}

func TestLargeDatagramAndBufferReuse(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{})
	big := bytes.Repeat([]byte{0xAB}, 5000)
	small := []byte{1, 2, 3}
	for range 3 {
		for _, d := range [][]byte{small, big, small} {
			l.Send(0, d)
			var got []byte
			l.Deliver(0, func(b []byte) { got = bytes.Clone(b) })
			if !bytes.Equal(got, d) {
				t.Fatalf("delivered %d bytes, want the %d sent", len(got), len(d))
			}
		}
	}
}

func TestEqualArrivalTimesKeepSendOrder(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: 10 * time.Millisecond})
	for i := range 50 {
		l.Send(0, []byte{byte(i)})
	}
	want := byte(0)
	l.Deliver(10*time.Millisecond, func(d []byte) {
		if d[0] != want {
			t.Fatalf("got datagram %d, want %d", d[0], want)
		}
		want++
	})
	if want != 50 {
		t.Fatalf("delivered %d, want 50", want)
	}
}

func TestDeliverCallbackMaySendOnSameLink(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: time.Millisecond})
	l.Send(0, []byte{3})
	var seen []byte
	var now time.Duration
	for {
		at, ok := l.NextEvent()
		if !ok {
			break
		}
		now = at
		l.Deliver(now, func(d []byte) {
			seen = append(seen, d[0])
			if d[0] > 0 {
				l.Send(now, []byte{d[0] - 1})
			}
		})
	}
	if !bytes.Equal(seen, []byte{3, 2, 1, 0}) || now != 4*time.Millisecond {
		t.Fatalf("seen %v at %v; want [3 2 1 0] at 4ms", seen, now)
	}
}

func TestOutageDropsOnlyInsideTheWindow(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: 50 * time.Millisecond})
	l.SetDown(time.Second, 4*time.Second)
	got := traffic(l, 600, 32, 10*time.Millisecond) // 0 .. 5.99 s
	for _, d := range got {
		if d.sent >= time.Second && d.sent < 4*time.Second {
			t.Fatalf("datagram sent at %v, inside the outage, was delivered", d.sent)
		}
	}
	s := l.Stats()
	if s.OutageLost != 300 || s.Delivered != 300 || s.Lost != 0 {
		t.Fatalf("stats = %+v; want 300 outage-lost and 300 delivered", s)
	}
	// In flight when the outage starts: still delivered.
	for _, d := range got {
		if d.sent == 990*time.Millisecond {
			return
		}
	}
	t.Fatal("datagram sent just before the outage was not delivered")
}

func TestSetDownEmptyWindowClearsOutage(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{})
	l.SetDown(0, time.Hour)
	if !l.Down(time.Minute) {
		t.Fatal("link not down inside its window")
	}
	l.SetDown(time.Hour, time.Hour)
	if l.Down(time.Minute) || l.Down(time.Hour) {
		t.Fatal("empty window left the link down")
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"zero", Config{}, true},
		{"full", Config{Loss: 0.1, BurstLoss: &GilbertElliott{0.01, 0.3, 0, 1}, Delay: 50 * time.Millisecond, Jitter: 10 * time.Millisecond, Reorder: 0.25, Duplicate: 0.01, BandwidthBps: 256_000, QueueBytes: 32 << 10}, true},
		{"loss above one", Config{Loss: 1.5}, false},
		{"negative reorder", Config{Reorder: -0.1}, false},
		{"NaN duplicate", Config{Duplicate: nan()}, false},
		{"bad burst", Config{BurstLoss: &GilbertElliott{PGoodToBad: 2}}, false},
		{"negative delay", Config{Delay: -1}, false},
		{"negative jitter", Config{Jitter: -1}, false},
		{"negative queue", Config{QueueBytes: -1}, false},
	}
	for _, tc := range tests {
		err := tc.cfg.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v, want ok %v", tc.name, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: error %v does not wrap ErrInvalidConfig", tc.name, err)
		}
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

func TestNewLinkPanicsOnInvalidConfig(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Fatal("NewLink accepted Loss = 2")
		}
	}()
	NewLink(1, Config{Loss: 2})
}

func TestNewLinkFillsDefaultsAndCopiesBurstModel(t *testing.T) {
	t.Parallel()
	g := &GilbertElliott{PGoodToBad: 0.1, PBadToGood: 0.5, LossBad: 1}
	l := NewLink(1, Config{Reorder: 0.1, BandwidthBps: 1000, BurstLoss: g})
	g.LossBad = 0
	c := l.Config()
	if c.ReorderDelay != DefaultReorderDelay || c.QueueBytes != DefaultQueueBytes || c.BurstLoss.LossBad != 1 {
		t.Fatalf("Config() = %+v, burst %+v", c, *c.BurstLoss)
	}
}
