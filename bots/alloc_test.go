package bots

import (
	"testing"
	"time"
)

// TestStepGlueDoesNotAllocate: the Go side of a bot tick (poll, advance,
// send) allocates nothing; a script's own Lua code may (gopher-lua boxes
// numbers), which BenchmarkBotTick reports.
func TestStepGlueDoesNotAllocate(t *testing.T) {
	b, c := newTestBot(t, `function on_start() move_dir(1, 0, 0, 50) end`, nil)
	c.positions = make([]sentPosition, 0, 1024)
	now := time.Duration(0)
	allocs := testing.AllocsPerRun(500, func() {
		now += tick
		b.step(now)
		c.positions = c.positions[:0]
	})
	if allocs != 0 {
		t.Fatalf("a bot tick without on_tick allocates %v times", allocs)
	}
}

// TestEventDeliveryDoesNotAllocate: delivering snapshots and views to a
// script without callbacks allocates nothing.
func TestEventDeliveryDoesNotAllocate(t *testing.T) {
	b, c := newTestBot(t, ``, nil)
	ents := []Entity{{ID: 1}, {ID: 2}, {ID: 3}}
	events := []Event{{Kind: EventView, Entities: ents}, {Kind: EventSnapshot, Count: 3, Latency: time.Millisecond}}
	c.positions = make([]sentPosition, 0, 1024)
	now := time.Duration(0)
	allocs := testing.AllocsPerRun(500, func() {
		now += tick
		c.queued = events
		b.step(now)
		c.positions = c.positions[:0]
	})
	if allocs != 0 {
		t.Fatalf("event delivery allocates %v times per tick", allocs)
	}
}
