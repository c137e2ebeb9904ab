package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tickforge/tickforge/ecs"
)

// envName is the environment variable that sets a flag's default:
// TICKFORGE_ and the flag name in upper snake case.
func envName(flagName string) string {
	return "TICKFORGE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// applyEnv sets every flag of fs not given on the command line from its
// TICKFORGE_* variable. Call it after fs.Parse.
func applyEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		if v, ok := os.LookupEnv(envName(f.Name)); ok {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%w: %s=%q: %v", errUsage, envName(f.Name), v, e)
			}
		}
	})
	return err
}

// configFlags binds the simulation settings to flags on fs, with cfg's
// values as defaults.
func configFlags(fs *flag.FlagSet, cfg *ecs.Config) {
	fs.IntVar(&cfg.TickRate, "tick-rate", cfg.TickRate, "ticks per second")
	fs.IntVar(&cfg.MaxCatchUpTicks, "max-catch-up-ticks", cfg.MaxCatchUpTicks, "ticks run back to back after a stall before the rest are skipped")
	float32Var(fs, &cfg.MaxPositionDelta, "max-position-delta", "fastest honest speed, units per second")
	durationVar(fs, &cfg.TimestampJitter, "timestamp-jitter", "client timestamp jitter tolerated by the speed rule (both directions summed)")
	float32Var(fs, &cfg.MaxInputRate, "max-input-rate", "inputs per second a player may send")
	fs.IntVar(&cfg.StrikeLimit, "strike-limit", cfg.StrikeLimit, "rejections within --strike-window that get a player kicked")
	durationVar(fs, &cfg.StrikeWindow, "strike-window", "window over which rejections are counted")
	durationVar(fs, &cfg.InterpolationTime, "interpolation-time", "time to move to an accepted target")
	durationVar(fs, &cfg.ExtrapolationLimit, "extrapolation-limit", "how long to extrapolate with no fresh input")
	float32Var(fs, &cfg.AOIRadius, "aoi-radius", "area-of-interest radius, units (also the grid cell size)")
	fs.IntVar(&cfg.AOIMaxVisible, "aoi-max-visible", cfg.AOIMaxVisible, "most entities one player sees (nearest first)")
}

type float32Value struct{ p *float32 }

func (v float32Value) String() string {
	if v.p == nil {
		return ""
	}
	return fmt.Sprint(*v.p)
}

func (v float32Value) Set(s string) error {
	var f float32
	if _, err := fmt.Sscan(s, &f); err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*v.p = f
	return nil
}

func float32Var(fs *flag.FlagSet, p *float32, name, usage string) {
	fs.Var(float32Value{p}, name, usage)
}

func durationVar(fs *flag.FlagSet, p *time.Duration, name, usage string) {
	fs.DurationVar(p, name, *p, usage)
}

// parseFlags parses args into fs, applies TICKFORGE_* variables and
// rejects positional arguments unless allowArgs.
func parseFlags(fs *flag.FlagSet, args []string, allowArgs bool) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if !allowArgs && fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return applyEnv(fs)
}
