package netsim

import (
	"slices"
	"testing"
	"time"
)

func impairedConfig() Config {
	return Config{Loss: 0.05, BurstLoss: &GilbertElliott{PGoodToBad: 0.01, PBadToGood: 0.3, LossBad: 0.9},
		Delay: 40 * time.Millisecond, Jitter: 8 * time.Millisecond, Reorder: 0.2, ReorderDelay: 15 * time.Millisecond,
		Duplicate: 0.02, BandwidthBps: 1_000_000, QueueBytes: 8 << 10}
}

func TestSameSeedSameOutcome(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) ([]delivery, Stats) {
		l := NewLink(seed, impairedConfig())
		l.SetDown(2*time.Second, 3*time.Second)
		got := traffic(l, 5000, 200, time.Millisecond)
		return got, l.Stats()
	}
	a, sa := run(42)
	b, sb := run(42)
	if !slices.Equal(a, b) || sa != sb {
		t.Fatalf("seed 42 gave two different outcomes: %+v vs %+v", sa, sb)
	}
	c, sc := run(43)
	if slices.Equal(a, c) || sa == sc {
		t.Fatal("seeds 42 and 43 gave the same outcome")
	}
	if sa.Lost == 0 || sa.OutageLost == 0 || sa.QueueDropped == 0 || sa.Duplicated == 0 || sa.Reordered == 0 {
		t.Fatalf("the impaired profile did not exercise every impairment: %+v", sa)
	}
}

func TestPairDirectionsAreIndependent(t *testing.T) {
	t.Parallel()
	p := NewSymmetricPair(5, Config{Loss: 0.5})
	ab := traffic(p.AtoB, 1000, 16, time.Millisecond)
	ba := traffic(p.BtoA, 1000, 16, time.Millisecond)
	if slices.Equal(ab, ba) {
		t.Fatal("both directions of a pair lost exactly the same datagrams")
	}
	p.SetDown(time.Second, 2*time.Second)
	if !p.AtoB.Down(time.Second) || !p.BtoA.Down(time.Second) {
		t.Fatal("Pair.SetDown did not take both directions down")
	}
}

func TestPairNextEventIsTheEarlier(t *testing.T) {
	t.Parallel()
	p := NewPair(1, Config{Delay: 30 * time.Millisecond}, Config{Delay: 10 * time.Millisecond})
	if _, ok := p.NextEvent(); ok {
		t.Fatal("empty pair reported an event")
	}
	p.AtoB.Send(0, []byte{1})
	if at, ok := p.NextEvent(); !ok || at != 30*time.Millisecond {
		t.Fatalf("NextEvent = %v, %v; want 30ms", at, ok)
	}
	p.BtoA.Send(5*time.Millisecond, []byte{1})
	if at, ok := p.NextEvent(); !ok || at != 15*time.Millisecond {
		t.Fatalf("NextEvent = %v, %v; want 15ms", at, ok)
	}
}
