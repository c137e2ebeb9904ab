package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/ecs"
)

// botsOptions are the flags of `tickforge bots` that are not the runner's.
type botsOptions struct {
	n        int
	script   string
	json     bool
	list     bool
	progress time.Duration
	logs     bool
	perBot   bool
}

func runBots(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	sim := ecs.DefaultConfig()
	cfg := bots.Config{}
	var o botsOptions
	var room uint
	fs := flag.NewFlagSet("bots", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:7777", "server UDP address HOST:PORT")
	fs.IntVar(&o.n, "n", 10, "number of bots")
	fs.StringVar(&o.script, "script", "wander", "script mix NAME[=COUNT],...: built-in names (see --list) or .lua files; bots without a count are shared evenly")
	fs.IntVar(&cfg.Rate, "rate", 60, "bot ticks per second (each sends one position input)")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "length of the run, ramp included")
	fs.DurationVar(&cfg.Ramp, "ramp", 5*time.Second, "connect the bots evenly over this span (if not given: at most a quarter of --duration)")
	fs.UintVar(&room, "room", 1, "room every bot joins")
	fs.Uint64Var(&cfg.FirstUserID, "first-user", 1, "user id of the first bot (bot i gets first-user+i)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the bots' rand")
	fs.IntVar(&cfg.Workers, "workers", 0, "goroutines ticking bots (0 = GOMAXPROCS)")
	fs.Int64Var(&cfg.InstructionBudget, "instruction-budget", bots.DefaultInstructionBudget, "most Lua instructions one callback may run before its script is stopped")
	float32Var(fs, &sim.MaxPositionDelta, "max-position-delta", "the server's fastest honest speed, units per second (scripts read MAX_SPEED)")
	float32Var(fs, &sim.AOIRadius, "aoi-radius", "the server's area-of-interest radius (scripts read AOI_RADIUS)")
	fs.BoolVar(&o.json, "json", false, "print the final report as JSON")
	fs.BoolVar(&o.list, "list", false, "list the built-in scripts and exit")
	fs.DurationVar(&o.progress, "progress", time.Second, "interval of the progress line on stderr (0 = none)")
	fs.BoolVar(&o.logs, "log-scripts", false, "print script log lines and errors on stderr")
	fs.BoolVar(&o.perBot, "per-bot", false, "include one row per bot in the JSON report")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if o.list {
		return listScripts(stdout)
	}
	rampGiven := false
	fs.Visit(func(f *flag.Flag) { rampGiven = rampGiven || f.Name == "ramp" })
	if _, env := os.LookupEnv(envName("ramp")); !rampGiven && !env {
		cfg.Ramp = min(cfg.Ramp, cfg.Duration/4)
	}
	mix, err := bots.ParseMix(o.script, o.n)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg.Mix, cfg.Room = mix, uint32(room)
	cfg.Limits = bots.Limits{MaxSpeed: sim.MaxPositionDelta, AOIRadius: sim.AOIRadius,
		WorldMin: bots.Vec3(sim.WorldMin), WorldMax: bots.Vec3(sim.WorldMax)}
	cfg.Dial = bots.NetDialer(bots.NetConfig{})
	var logMu sync.Mutex
	if o.logs {
		cfg.Logf = func(format string, args ...any) {
			logMu.Lock()
			defer logMu.Unlock()
			fmt.Fprintf(stderr, format+"\n", args...)
		}
	}
	r, err := bots.NewRunner(cfg)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	stopProgress := startProgress(r, stderr, o.progress, &logMu)
	rep := r.Run(ctx)
	stopProgress()
	if !o.perBot {
		rep.Bots = nil
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	return rep.WriteTable(stdout)
}

// listScripts prints the built-in scripts with their one-line summaries.
func listScripts(w io.Writer) error {
	for _, name := range bots.Names() {
		kind := "honest"
		if bots.IsCheater(name) {
			kind = "cheater"
		}
		if _, err := fmt.Fprintf(w, "%-10s %-7s %s\n", name, kind, bots.Summary(name)); err != nil {
			return fmt.Errorf("list scripts: %w", err)
		}
	}
	return nil
}

// startProgress prints a progress line every interval until the returned
// function is called: rewritten in place on a terminal, one line each
// otherwise.
func startProgress(r *bots.Runner, w io.Writer, every time.Duration, mu *sync.Mutex) (stop func()) {
	if every <= 0 {
		return func() {}
	}
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd())
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		var prev bots.Progress
		for {
			select {
			case <-done:
				if tty {
					fmt.Fprintln(w)
				}
				return
			case <-t.C:
				p := r.Progress()
				line := progressLine(p, prev)
				prev = p
				mu.Lock()
				if tty {
					fmt.Fprintf(w, "\r%s\x1b[K", line)
				} else {
					fmt.Fprintln(w, line)
				}
				mu.Unlock()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// progressLine formats p, with rates computed against the previous p.
func progressLine(p, prev bots.Progress) string {
	secs := (p.Elapsed - prev.Elapsed).Seconds()
	rate := func(now, before uint64) float64 {
		if secs <= 0 {
			return 0
		}
		return float64(now-before) / secs
	}
	return fmt.Sprintf("%5.1fs  connected %d/%d  inputs %.0f/s  updates %.0f/s  rtt p50 %.1fms p99 %.1fms  reliable %d/%d  rejected %d",
		p.Elapsed.Seconds(), p.Connected, p.Bots, rate(p.InputsSent, prev.InputsSent), rate(p.Updates, prev.Updates),
		float64(p.RTTP50)/1e6, float64(p.RTTP99)/1e6, p.ReliableConfirmed, p.ReliableSent, p.Rejected)
}
