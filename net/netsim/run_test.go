package netsim

import (
	"testing"
	"time"
)

// TestRunPingPong bounces one datagram between two endpoints: each round trip
// is twice the one-way delay, and Run jumps from event to event.
func TestRunPingPong(t *testing.T) {
	t.Parallel()
	p := NewSymmetricPair(1, Config{Delay: 25 * time.Millisecond})
	bounces := 0
	routes := []Route{
		{Link: p.AtoB, Receive: func(now time.Duration, d []byte) { bounces++; p.BtoA.Send(now, d) }},
		{Link: p.BtoA, Receive: func(now time.Duration, d []byte) { bounces++; p.AtoB.Send(now, d) }},
	}
	p.AtoB.Send(0, []byte("ping"))
	end := Run(0, time.Second, routes, nil)
	if bounces != 40 || end != time.Second {
		t.Fatalf("bounces %d, ended at %v; want 40 by 1s", bounces, end)
	}
}

func TestRunCallsTickAtItsTimers(t *testing.T) {
	t.Parallel()
	l := NewLink(1, Config{Delay: 7 * time.Millisecond})
	var ticks, received []time.Duration
	routes := []Route{{Link: l, Receive: func(now time.Duration, d []byte) { received = append(received, now) }}}
	tick := func(now time.Duration) (time.Duration, bool) {
		ticks = append(ticks, now)
		if now%(10*time.Millisecond) == 0 {
			l.Send(now, []byte{1})
		}
		if now >= 30*time.Millisecond {
			return 0, false
		}
		return now - now%(10*time.Millisecond) + 10*time.Millisecond, true
	}
	end := Run(0, time.Second, routes, tick)
	wantTicks := []time.Duration{0, 7, 10, 17, 20, 27, 30, 37}
	wantRecv := []time.Duration{7, 17, 27, 37}
	if !equalMillis(ticks, wantTicks) || !equalMillis(received, wantRecv) || end != 37*time.Millisecond {
		t.Fatalf("ticks %v, received %v, end %v", ticks, received, end)
	}
}

func TestRunTickCannotStallTheClock(t *testing.T) {
	t.Parallel()
	calls := 0
	end := Run(0, 100, nil, func(now time.Duration) (time.Duration, bool) {
		calls++
		return now, true // asks for "now" again: Run must still advance
	})
	if calls != 101 || end != 100 {
		t.Fatalf("calls %d, end %v; want 101 calls ending at 100ns", calls, end)
	}
}

func equalMillis(got []time.Duration, ms []time.Duration) bool {
	if len(got) != len(ms) {
		return false
	}
	for i := range got {
		if got[i] != ms[i]*time.Millisecond {
			return false
		}
	}
	return true
}
