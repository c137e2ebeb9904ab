package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/klauspost/cpuid/v2"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/simd"
	"github.com/tickforge/tickforge/systems/broadcast"
)

type benchOptions struct {
	scenario string
	ticks    int
	warmup   int
	seed     uint64
	players  int
	procs    int
	json     bool
	simd     string
	record   string
	snapshot int
	cpuprof  string
	series   string
}

// benchReport is what `tickforge bench` measures; --json prints it as is.
type benchReport struct {
	Scenario  string      `json:"scenario"`
	Players   int         `json:"players"`
	WorldSize float32     `json:"world_size"`
	Ticks     int         `json:"ticks"`
	Warmup    int         `json:"warmup_ticks"`
	Seed      uint64      `json:"seed"`
	Procs     int         `json:"gomaxprocs"`
	CPU       string      `json:"cpu"`
	Go        string      `json:"go"`
	SIMD      string      `json:"simd"`
	BudgetMS  float64     `json:"budget_ms"`
	Systems   []timingRow `json:"systems"`
	Tick      timingRow   `json:"tick"`
	// SlowTicks counts the measured ticks over SlowTickFactor times the
	// median tick (MedianTickMS, exact): many of them mean a noisy host.
	SlowTicks      int               `json:"slow_ticks"`
	SlowTickFactor float64           `json:"slow_tick_factor"`
	MedianTickMS   float64           `json:"median_tick_ms"`
	Overruns       uint64            `json:"overruns"`
	Verdicts       map[string]uint64 `json:"verdicts"`
	Broadcast      broadcast.Stats   `json:"broadcast"`
	StateHash      string            `json:"state_hash"`
	WallTimeMS     float64           `json:"wall_time_ms"`
	Recording      *recordingReport  `json:"recording,omitempty"`
}

// recordingReport describes the recording `bench --record` wrote.
type recordingReport struct {
	File             string  `json:"file"`
	Ticks            uint64  `json:"ticks"`
	Bytes            uint64  `json:"bytes"`
	RawBytes         uint64  `json:"raw_bytes"`
	BytesPerPlayerPS float64 `json:"bytes_per_player_per_second"`
	Stalls           uint64  `json:"writer_stalls"`
}

type timingRow struct {
	Name        string  `json:"name"`
	MeanMS      float64 `json:"mean_ms"`
	P50MS       float64 `json:"p50_ms"`
	P99MS       float64 `json:"p99_ms"`
	MaxMS       float64 `json:"max_ms"`
	BudgetShare float64 `json:"budget_share_mean"`
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := benchOptions{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.scenario, "scenario", "arena", "scenario: arena (1,000 players), city (10,000), mmo (100,000)")
	fs.IntVar(&o.ticks, "ticks", 600, "ticks to measure")
	fs.IntVar(&o.warmup, "warmup", 60, "ticks to run before measuring")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed of the scenario")
	fs.IntVar(&o.players, "players", 0, "override the scenario's number of players")
	fs.IntVar(&o.procs, "procs", 1, "GOMAXPROCS while measuring (the tick runs on one goroutine)")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.record, "record", "", "record the run (warm-up included) to this file for `tickforge replay`")
	fs.IntVar(&o.snapshot, "record-snapshots", 0, "with --record, store every entity's state every N ticks so replay can diff entities (0: never)")
	fs.StringVar(&o.cpuprof, "cpuprofile", "", "write a CPU profile of the measured ticks (not the warm-up; the scenario's input generator included) to this file, for `go tool pprof` or as cmd/tickforge/default.pgo (make pgo)")
	fs.StringVar(&o.series, "series", "", "write every measured tick's duration, per system and whole, to this file as CSV in ms (rows numbered by tick of the run, warm-up counted)")
	fs.StringVar(&o.simd, "simd", "auto", "SIMD kernels: auto (AVX2 when the CPU has it) or off (pure Go); TICKFORGE_SIMD=off also forces Go")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	spec, err := scenario.Lookup(o.scenario)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if o.players > 0 {
		spec.Players = o.players
	}
	switch o.simd {
	case "auto":
	case "off":
		prev := simd.SetEnabled(false)
		defer simd.SetEnabled(prev)
	default:
		return fmt.Errorf("%w: --simd must be auto or off, not %q", errUsage, o.simd)
	}
	if o.ticks < 1 || o.warmup < 0 || o.procs < 1 {
		return fmt.Errorf("%w: --ticks must be ≥ 1, --warmup ≥ 0, --procs ≥ 1", errUsage)
	}
	rep, err := bench(ctx, spec, o, stderr)
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printBench(stdout, rep)
	return nil
}

func bench(ctx context.Context, spec scenario.Spec, o benchOptions, progress io.Writer) (*benchReport, error) {
	prev := runtime.GOMAXPROCS(o.procs)
	defer runtime.GOMAXPROCS(prev)

	sink := &broadcast.DiscardSink{}
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players, Sink: sink})
	if err != nil {
		return nil, err
	}
	rec, err := startRecording(p, spec, o)
	if err != nil {
		return nil, err
	}
	defer rec.abort()
	prof, err := createCPUProfile(o.cpuprof)
	if err != nil {
		return nil, err
	}
	defer prof.finish()
	series, err := createTickSeries(o.series, p, o.ticks, o.warmup)
	if err != nil {
		return nil, err
	}
	defer series.finish()
	gen := scenario.NewGenerator(spec, p.World.Config, o.seed)
	gen.Connect(p.Push)
	total := o.warmup + o.ticks
	start := time.Now()
	lastReport := start
	for i := 0; i < total; i++ {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bench interrupted at tick %d: %w", i, ctx.Err())
		}
		if i == o.warmup {
			for k := 0; k < p.Schedule.Len(); k++ {
				_, t := p.Schedule.System(k)
				t.Reset()
			}
			p.Loop.TickTiming().Reset()
			if err := prof.start(); err != nil {
				return nil, err
			}
		}
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
		if i >= o.warmup {
			series.record()
		}
		if now := time.Now(); now.Sub(lastReport) >= time.Second {
			fmt.Fprintf(progress, "bench %s: tick %d/%d (%.0f%%)\n", spec.Name, i+1, total, 100*float64(i+1)/float64(total))
			lastReport = now
		}
	}
	if err := prof.finish(); err != nil {
		return nil, err
	}
	if err := series.finish(); err != nil {
		return nil, err
	}
	if gen.Dropped() > 0 {
		return nil, fmt.Errorf("bench: the inbound queue dropped %d events; the scenario is larger than the queue", gen.Dropped())
	}
	budget := p.World.Config.TickDuration()
	rep := &benchReport{
		Scenario: spec.Name, Players: spec.Players, WorldSize: spec.WorldSize,
		Ticks: o.ticks, Warmup: o.warmup, Seed: o.seed, Procs: o.procs,
		CPU: cpuid.CPU.BrandName, Go: runtime.Version(), SIMD: simd.Implementation(),
		BudgetMS:   ms(budget),
		Tick:       row(p.Loop.TickTiming(), budget),
		Overruns:   p.Loop.Stats().Overruns,
		Verdicts:   map[string]uint64{},
		Broadcast:  p.Broadcast.Stats(),
		StateHash:  fmt.Sprintf("%016x", uint64(p.Hash())),
		WallTimeMS: ms(time.Since(start)),
	}
	for k := 0; k < p.Schedule.Len(); k++ {
		_, t := p.Schedule.System(k)
		rep.Systems = append(rep.Systems, row(t, budget))
	}
	slow, median := series.slowTicks(slowTickFactor)
	rep.SlowTicks, rep.SlowTickFactor, rep.MedianTickMS = slow, slowTickFactor, ms(median)
	if rep.Recording, err = rec.finish(spec, p.World.Config.TickRate); err != nil {
		return nil, err
	}
	for r, n := range p.Validate.Counts() {
		rep.Verdicts[ecs.RejectReason(r).String()] = n
	}
	return rep, nil
}

// slowTickFactor is how much longer than the median a tick must take to
// count as slow in the report.
const slowTickFactor = 1.2

func row(t *sim.Timing, budget time.Duration) timingRow {
	return timingRow{
		Name: t.Name(), MeanMS: ms(t.Mean()), P50MS: ms(t.Percentile(50)),
		P99MS: ms(t.Percentile(99)), MaxMS: ms(t.Max()),
		BudgetShare: float64(t.Mean()) / float64(budget),
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func printBench(w io.Writer, r *benchReport) {
	fmt.Fprintf(w, "scenario %s: %d players, %.0f×%.0f world, %d ticks after %d warm-up, seed %d\n",
		r.Scenario, r.Players, r.WorldSize, r.WorldSize, r.Ticks, r.Warmup, r.Seed)
	fmt.Fprintf(w, "%s, %s, GOMAXPROCS=%d, SIMD %s, budget %.2f ms per tick\n\n", r.CPU, r.Go, r.Procs, r.SIMD, r.BudgetMS)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "system\tmean ms\tp50 ms\tp99 ms\tmax ms\tbudget (mean)\t")
	for _, s := range append(r.Systems, r.Tick) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f%%\t\n", s.Name, s.MeanMS, s.P50MS, s.P99MS, s.MaxMS, 100*s.BudgetShare)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nslow ticks (over %.1f× the median tick, %.3f ms): %d of %d\n", r.SlowTickFactor, r.MedianTickMS, r.SlowTicks, r.Ticks)
	fmt.Fprintf(w, "overruns %d; verdicts: accepted %d, rejected", r.Overruns, r.Verdicts["accepted"])
	for r2 := ecs.ReasonStale; r2 < ecs.NumReasons; r2++ {
		fmt.Fprintf(w, " %s=%d", r2, r.Verdicts[r2.String()])
	}
	b := r.Broadcast
	fmt.Fprintf(w, "\nbroadcast per tick: %.0f payloads, %.0f KiB, %.0f records, %.1f enters, %.1f leaves\n",
		perTick(b.Payloads, r), perTick(b.Bytes, r)/1024, perTick(b.Records, r), perTick(b.Enters, r), perTick(b.Leaves, r))
	fmt.Fprintf(w, "state hash %s, wall time %.1f s\n", r.StateHash, r.WallTimeMS/1000)
	if rc := r.Recording; rc != nil {
		fmt.Fprintf(w, "recorded %d ticks to %s: %d bytes (%.1f× compression), %.0f bytes per player per second, %d writer stalls\n",
			rc.Ticks, rc.File, rc.Bytes, float64(rc.RawBytes)/float64(max(rc.Bytes, 1)), rc.BytesPerPlayerPS, rc.Stalls)
	}
}

func perTick(n uint64, r *benchReport) float64 { return float64(n) / float64(r.Ticks+r.Warmup) }
