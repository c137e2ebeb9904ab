package bots

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkNewBot measures building one bot's sandbox and running the
// (compiled, shared) wander script's top level: the cost of a connect, and the memory one bot's
// Lua state keeps (bytes/bot, from the heap after GC).
func BenchmarkNewBot(b *testing.B) {
	src, err := Source("wander")
	if err != nil {
		b.Fatal(err)
	}
	proto := mustCompile(b, src)
	bots := make([]*bot, 0, b.N)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		bt, err := newBot(botConfig{index: i, script: "wander", proto: proto, seed: 1, rate: 60,
			limits: testLimits, budget: DefaultInstructionBudget, logf: func(string, ...any) {}}, &botStats{})
		if err != nil {
			b.Fatal(err)
		}
		bots = append(bots, bt)
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(bots)), "bytes/bot")
	for _, bt := range bots {
		bt.close()
	}
}

// BenchmarkBotTick measures one tick of a bot running a built-in script
// against a fake connection: the client-side CPU per bot per tick.
func BenchmarkBotTick(b *testing.B) {
	for _, name := range []string{"wander", "chase", "chatter", "voice"} {
		b.Run(name, func(b *testing.B) {
			src, err := Source(name)
			if err != nil {
				b.Fatal(err)
			}
			bt, c := newTestBot(b, src, nil)
			c.queued = []Event{{Kind: EventEnter, ID: 9, Entities: []Entity{{ID: 9, Position: Vec3{520, 0, 520}}}}}
			b.ReportAllocs()
			now := time.Duration(0)
			for b.Loop() {
				now += tick
				bt.step(now)
				c.positions, c.media, c.commands = c.positions[:0], c.media[:0], c.commands[:0]
			}
			if bt.done {
				b.Fatalf("bot stopped: %s", bt.stats.disconnect)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*60/1e9*100, "%core/bot@60Hz")
		})
	}
}

// BenchmarkRunawayCallback is the time a runaway callback takes to be
// stopped by the default instruction budget: the worst stall one script
// can cause its worker per tick.
func BenchmarkRunawayCallback(b *testing.B) {
	runaway := mustCompile(b, `while true do end`)
	for b.Loop() {
		bt, err := newBot(botConfig{script: "runaway", proto: runaway, rate: 60, limits: testLimits,
			budget: DefaultInstructionBudget, logf: func(string, ...any) {}}, &botStats{})
		if err == nil {
			bt.close()
			b.Fatal("runaway script was not stopped")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/stop")
}
