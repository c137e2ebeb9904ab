package record

import (
	"bytes"
	"io"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
)

// BenchmarkTickRecording runs four city pipelines (10,000 players) on the
// same inputs, two recording and two not, created in the order off, on,
// on, off so neither side gets the fresher memory, and alternates their
// ticks. Each tick is timed with the tick thread's CPU clock (on Linux), so
// time spent descheduled on a shared machine does not count. It reports the
// mean and median tick of each side (systems and after-tick hooks; input
// generation excluded), the overhead, and the recorded bytes per player
// per second.
// The writer goroutine's compression runs concurrently and is not part of
// the tick; on a machine with no spare core it competes with the tick.
func BenchmarkTickRecording(b *testing.B) {
	for _, mode := range []string{"hash+events", "hash+events+snapshots"} {
		b.Run("city/"+mode, func(b *testing.B) {
			spec := scenario.Specs["city"]
			opts := Options{}
			if mode == "hash+events+snapshots" {
				opts.SnapshotEvery = 600
			}
			type side struct {
				p   *sim.Pipeline
				g   *scenario.Generator
				rec *Recorder
				d   *[]time.Duration
			}
			var tOff, tOn []time.Duration
			var sides []side
			for _, recording := range []bool{false, true, true, false} {
				p := newPipeline(b, spec)
				s := side{p: p, g: scenario.NewGenerator(spec, p.World.Config, 1), d: &tOff}
				if recording {
					var err error
					if s.rec, err = AttachWith(p, io.Discard, Meta{}, opts); err != nil {
						b.Fatal(err)
					}
					s.d = &tOn
				}
				s.g.Connect(p.Push)
				sides = append(sides, s)
			}
			step := func(s side) time.Duration {
				s.g.Inputs(s.p.Loop.NextTickAt(), s.p.Push)
				start := threadCPU()
				s.p.Loop.Step()
				return threadCPU() - start
			}
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for i := 0; i < 20; i++ {
				for _, s := range sides {
					step(s)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range sides {
					s := sides[(i+k)%len(sides)] // rotate who goes first
					*s.d = append(*s.d, step(s))
				}
			}
			b.StopTimer()
			var st Stats
			for _, s := range sides {
				if s.p.Hash() != sides[0].p.Hash() {
					b.Fatal("the pipelines diverged")
				}
				if s.rec != nil {
					if err := s.rec.Close(); err != nil {
						b.Fatal(err)
					}
					st = s.rec.Stats()
				}
			}
			seconds := float64(st.Ticks) / float64(sides[0].p.World.Config.TickRate)
			b.ReportMetric(meanMS(tOff), "off-ms/tick")
			b.ReportMetric(meanMS(tOn), "on-ms/tick")
			b.ReportMetric(medianMS(tOff), "off-p50-ms")
			b.ReportMetric(medianMS(tOn), "on-p50-ms")
			b.ReportMetric(100*(medianMS(tOn)/medianMS(tOff)-1), "overhead-p50-%")
			b.ReportMetric(float64(st.WrittenBytes)/float64(spec.Players)/seconds, "B/player/s")
			b.ReportMetric(float64(st.RawBytes)/float64(st.WrittenBytes), "compression")
			b.ReportMetric(float64(st.Stalls), "stalls")
		})
	}
}

// BenchmarkRecorderTickSide measures only the recorder's work on the tick
// goroutine for one city tick: copying the tick's ~10,000 events and
// taking the state hash, with no systems run. Compare it with the city
// tick from `tickforge bench --scenario city` for the overhead.
func BenchmarkRecorderTickSide(b *testing.B) {
	spec := scenario.Specs["city"]
	p := newPipeline(b, spec)
	gen := scenario.NewGenerator(spec, p.World.Config, 1)
	gen.Connect(p.Push)
	p.Loop.Step()
	var events []ingest.Event
	gen.Inputs(p.Loop.NextTickAt(), func(ev *ingest.Event) bool { events = append(events, *ev); return true })
	rec, err := AttachWith(newPipeline(b, spec), io.Discard, Meta{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	rec.pipe = p // observe the populated world
	defer rec.Close()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := threadCPU()
		p.World.Time.Tick++
		for k := range events {
			rec.ObserveEvent(p.World.Time.Tick, &events[k])
		}
		rec.afterTick(p.World)
		cpu += threadCPU() - start
		b.StopTimer()
		for !rec.idle() {
			runtime.Gosched()
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(len(events)), "events/tick")
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/tick")
}

func meanMS(d []time.Duration) float64 {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return float64(sum) / float64(len(d)) / 1e6
}

func medianMS(d []time.Duration) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[len(s)/2]) / 1e6
}

// BenchmarkReplay replays a recorded arena session (1,000 players,
// 600 ticks) per op and reports ticks per second and the multiple of real time.
// BenchmarkReplay replays 600 arena ticks: "broadcast" runs every system
// as replay did before this change, "full-aoi" skips broadcast only (as a
// server room's replay does), "default" also reduces aoi-grid to its cell
// writes, "decode-ahead" also decodes on a second goroutine (what
// `tickforge replay` runs for a bench recording).
func BenchmarkReplay(b *testing.B) {
	spec := scenario.Specs["arena"]
	s := recordSession(b, spec, 600, 1, Options{})
	for _, bc := range []struct {
		name string
		opts ReplayOptions
	}{{"broadcast", ReplayOptions{KeepBroadcast: true}}, {"full-aoi", ReplayOptions{FullAOI: true}}, {"default", ReplayOptions{}}, {"decode-ahead", ReplayOptions{DecodeAhead: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s.file)))
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ticks := 0
			cpu := threadCPU()
			for i := 0; i < b.N; i++ {
				ticks += replayCount(b, s.file, bc.opts)
			}
			cpu = threadCPU() - cpu
			perSec := float64(ticks) / b.Elapsed().Seconds()
			b.ReportMetric(perSec, "ticks/s")
			b.ReportMetric(perSec/60, "x-realtime")
			// The replay goroutine's own CPU time: the speed with a core to
			// itself (and, with decode-ahead, a second one for decoding).
			b.ReportMetric(float64(ticks)/cpu.Seconds()/60, "x-realtime-cpu")
			b.ReportMetric(float64(len(s.file))/float64(spec.Players)/(float64(len(s.hashes))/60), "B/player/s")
		})
	}
}

// replayCount replays a whole recording and returns its ticks.
func replayCount(b *testing.B, file []byte, opts ReplayOptions) int {
	rd, err := NewReader(bytes.NewReader(file))
	if err != nil {
		b.Fatal(err)
	}
	defer rd.Close()
	rp, err := NewReplayer(rd, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer rp.Close()
	ticks := 0
	for {
		if _, err := rp.Step(); err == io.EOF {
			return ticks
		} else if err != nil {
			b.Fatal(err)
		}
		ticks++
	}
}

// BenchmarkStateHash measures the per-tick state hash the recorder takes,
// on a city world (10,000 players).
func BenchmarkStateHash(b *testing.B) {
	spec := scenario.Specs["city"]
	p := newPipeline(b, spec)
	gen := scenario.NewGenerator(spec, p.World.Config, 1)
	gen.Connect(p.Push)
	for i := 0; i < 10; i++ {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Hash()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(spec.Players), "ns/entity")
}
