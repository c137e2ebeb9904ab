package netsim

import (
	"testing"
	"time"
)

// TestSteadyStateZeroAllocs sends and delivers with every impairment on and
// checks that, once buffers and the heap have grown, a packet costs no
// allocation.
func TestSteadyStateZeroAllocs(t *testing.T) {
	cfg := impairedConfig()
	cfg.BandwidthBps = 0 // keep the queue from dropping so every packet takes the full path
	l := NewLink(1, cfg)
	p := NewSymmetricPair(2, cfg)
	buf := make([]byte, 1200)
	var now time.Duration
	sink := 0
	deliver := func(d []byte) { sink += len(d) }
	routes := []Route{{Link: p.AtoB, Receive: func(_ time.Duration, d []byte) { sink += len(d) }}}
	step := func() {
		now += time.Millisecond
		l.Send(now, buf)
		l.Deliver(now, deliver)
		p.AtoB.Send(now, buf)
		Run(now, now, routes, nil)
	}
	for range 2000 { // warm up: fill the pipe, grow the free list and heap
		step()
	}
	if allocs := testing.AllocsPerRun(5000, step); allocs != 0 {
		t.Fatalf("steady state: %v allocations per packet, want 0", allocs)
	}
	if sink == 0 {
		t.Fatal("nothing was delivered")
	}
}

func TestBottleneckZeroAllocs(t *testing.T) {
	l := NewLink(1, Config{Delay: 10 * time.Millisecond, BandwidthBps: 1_000_000, QueueBytes: 4096})
	buf := make([]byte, 500)
	var now time.Duration
	deliver := func([]byte) {}
	step := func() {
		now += 2 * time.Millisecond // 2 Mbit/s offered into 1 Mbit/s: half are tail-dropped
		l.Send(now, buf)
		l.Deliver(now, deliver)
	}
	for range 1000 {
		step()
	}
	if allocs := testing.AllocsPerRun(5000, step); allocs != 0 {
		t.Fatalf("bottleneck: %v allocations per packet, want 0", allocs)
	}
	if l.Stats().QueueDropped == 0 {
		t.Fatal("the bottleneck dropped nothing")
	}
}
