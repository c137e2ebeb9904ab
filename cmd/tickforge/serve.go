package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := ecs.DefaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFlags(fs, &cfg)
	logFormat := fs.String("log-format", "auto", "log format: json, console, or auto (console on a terminal)")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	status := fs.Duration("status-interval", 10*time.Second, "how often to log a status line (0 = never)")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: cfg, Logger: &log})
	if err != nil {
		return err
	}
	log.Info().Int("tick_rate", cfg.TickRate).Float32("max_position_delta", cfg.MaxPositionDelta).
		Stringer("interpolation_time", cfg.InterpolationTime).Stringer("extrapolation_limit", cfg.ExtrapolationLimit).
		Float32("aoi_radius", cfg.AOIRadius).Int("aoi_max_visible", cfg.AOIMaxVisible).
		Strs("systems", p.Schedule.Names()).Msg("tickforge serve: simulation started (no network listener yet)")

	clock := sim.NewRealClock()
	var lastStatus time.Duration
	p.Loop.OnTick(func(w *ecs.World) {
		if *status > 0 && w.Time.Now-lastStatus >= *status {
			lastStatus = w.Time.Now
			st := p.Loop.Stats()
			tt := p.Loop.TickTiming()
			log.Info().Uint64("tick", w.Time.Tick).Int("players", w.PlayerCount()).
				Stringer("tick_p99", tt.Percentile(99)).Stringer("tick_max", tt.Max()).
				Uint64("overruns", st.Overruns).Uint64("skipped", st.Skipped).Msg("status")
		}
	})
	p.Loop.Run(ctx, clock)
	st := p.Loop.Stats()
	log.Info().Uint64("ticks", st.Ticks).Uint64("overruns", st.Overruns).Uint64("skipped", st.Skipped).
		Msg("tickforge serve: stopped")
	return nil
}
