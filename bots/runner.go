package bots

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/endpoint"
	lua "github.com/yuin/gopher-lua"
)

// ErrBadConfig is wrapped by the errors NewRunner returns for a bad Config.
var ErrBadConfig = errors.New("bad bots config")

// Config describes one run.
type Config struct {
	// Addr is the server's UDP address, passed to Dial.
	Addr string
	// Mix says which scripts run and on how many bots (ParseMix).
	Mix []MixEntry
	// Dial connects one bot.
	Dial Dialer
	// Rate is bot ticks per second: each tick runs on_tick and sends one
	// position input. Default 60.
	Rate int
	// Duration is how long the run lasts, ramp included; it must be > 0, so
	// every run stops by itself.
	Duration time.Duration
	// Ramp spreads the bots' connects evenly over this span.
	Ramp time.Duration
	// Room is the room every bot joins.
	Room uint32
	// FirstUserID is the user id of bot 0; bot i is FirstUserID+i. Default 1.
	FirstUserID uint64
	// Seed seeds every bot's rand (with the bot's index), so a run's
	// scripted choices are reproducible.
	Seed uint64
	// Workers is the number of goroutines ticking bots. Default GOMAXPROCS.
	Workers int
	// Limits are the world's rules the scripts see.
	Limits Limits
	// InstructionBudget is the most Lua instructions one callback (or the
	// script's top level) may run before the script is stopped. Default
	// DefaultInstructionBudget.
	InstructionBudget int64
	// DialTimeout bounds one bot's handshake. Default 5 s.
	DialTimeout time.Duration
	// MaxDialing bounds handshakes in flight. Default 64.
	MaxDialing int
	// Drain is how long, after Duration, the bots keep receiving (without
	// running scripts or sending) so replies to the last reliable messages
	// can arrive. Default 1 s; it ends early once nothing is pending.
	Drain time.Duration
	// Logf receives script log lines and errors. Default: discard.
	Logf func(format string, args ...any)
}

func (c *Config) fillDefaults() {
	if c.Rate == 0 {
		c.Rate = 60
	}
	if c.FirstUserID == 0 {
		c.FirstUserID = 1
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.InstructionBudget == 0 {
		c.InstructionBudget = DefaultInstructionBudget
	}
	if c.DialTimeout == 0 {
		c.DialTimeout = 5 * time.Second
	}
	if c.MaxDialing == 0 {
		c.MaxDialing = 64
	}
	if c.Drain == 0 {
		c.Drain = time.Second
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
}

func (c *Config) validate() error {
	switch {
	case c.Dial == nil:
		return fmt.Errorf("%w: no Dial", ErrBadConfig)
	case len(c.Mix) == 0:
		return fmt.Errorf("%w: empty script mix", ErrBadConfig)
	case c.Rate < 1 || c.Rate > 1000:
		return fmt.Errorf("%w: rate %d, want 1..1000", ErrBadConfig, c.Rate)
	case c.Duration <= 0:
		return fmt.Errorf("%w: duration %v, want > 0", ErrBadConfig, c.Duration)
	case c.Ramp < 0 || c.Ramp > c.Duration:
		return fmt.Errorf("%w: ramp %v, want 0..duration", ErrBadConfig, c.Ramp)
	case c.Workers < 1:
		return fmt.Errorf("%w: %d workers", ErrBadConfig, c.Workers)
	}
	return nil
}

// Runner runs one set of bots. Progress may be called from any goroutine
// while Run runs.
type Runner struct {
	cfg     Config
	scripts []string
	protos  map[string]*lua.FunctionProto
	stats   []*botStats
	started time.Time
	mu      sync.Mutex // guards started
}

// NewRunner checks cfg and prepares the bots' scripts.
func NewRunner(cfg Config) (*Runner, error) {
	cfg.fillDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	r := &Runner{cfg: cfg, scripts: Assign(cfg.Mix), protos: map[string]*lua.FunctionProto{}}
	if len(r.scripts) == 0 {
		return nil, fmt.Errorf("%w: the mix has no bots", ErrBadConfig)
	}
	for _, e := range cfg.Mix {
		src, err := Source(e.Script)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadConfig, err)
		}
		if r.protos[e.Script], err = compile(e.Script, src); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadConfig, err)
		}
	}
	r.stats = make([]*botStats, len(r.scripts))
	for i := range r.stats {
		r.stats[i] = &botStats{}
	}
	return r, nil
}

// Run connects the bots (spread over the ramp), ticks them until the
// duration is over or ctx ends, closes them and returns the report.
func (r *Runner) Run(ctx context.Context) Report {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.Duration)
	defer cancel()
	start := time.Now()
	r.mu.Lock()
	r.started = start
	r.mu.Unlock()
	clock := func() time.Duration { return time.Since(start) }

	workers := make([]*worker, r.cfg.Workers)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i] = &worker{inbox: make(chan *bot, len(r.scripts)/len(workers)+1)}
		wg.Add(1)
		go func(w *worker) {
			defer wg.Done()
			w.run(ctx, time.Second/time.Duration(r.cfg.Rate), r.cfg.Drain, clock)
		}(workers[i])
	}
	r.dialAll(ctx, workers, clock)
	wg.Wait()
	return aggregate(r.scripts, r.stats, r.cfg.FirstUserID, clock())
}

// dialAll starts bot i at i/n of the ramp; it returns when every dial has
// ended.
func (r *Runner) dialAll(ctx context.Context, workers []*worker, clock func() time.Duration) {
	sem := make(chan struct{}, r.cfg.MaxDialing)
	var wg sync.WaitGroup
	n := len(r.scripts)
	for i := range n {
		at := r.cfg.Ramp * time.Duration(i) / time.Duration(n)
		if wait := at - clock(); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			for j := i; j < n; j++ {
				r.stats[j].failure = "run-ended"
			}
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			r.dialOne(ctx, i, workers[i%len(workers)])
		}(i)
	}
	wg.Wait()
	for _, w := range workers {
		close(w.inbox)
	}
}

// dialOne builds bot i's Lua state, connects it and hands it to its worker.
func (r *Runner) dialOne(ctx context.Context, i int, w *worker) {
	name := r.scripts[i]
	b, err := newBot(botConfig{
		index: i, script: name, proto: r.protos[name], seed: r.cfg.Seed, rate: r.cfg.Rate,
		limits: r.cfg.Limits, budget: r.cfg.InstructionBudget, logf: r.cfg.Logf,
	}, r.stats[i])
	if err != nil {
		r.stats[i].failure = "script-error"
		r.cfg.Logf("bot %d (%s): %v", i, name, err)
		return
	}
	dctx, cancel := context.WithTimeout(ctx, r.cfg.DialTimeout)
	conn, err := r.cfg.Dial(dctx, r.cfg.Addr, r.cfg.FirstUserID+uint64(i), r.cfg.Room)
	cancel()
	if err != nil {
		b.close()
		r.stats[i].failure = dialFailure(ctx, err)
		r.cfg.Logf("bot %d (%s): connect: %v", i, name, err)
		return
	}
	b.conn = conn
	w.inbox <- b
}

// dialFailure names a connect error for the report.
func dialFailure(ctx context.Context, err error) string {
	switch {
	case ctx.Err() != nil:
		return "run-ended"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, client.ErrRefused):
		return "refused"
	case errors.Is(err, endpoint.ErrHandshake):
		return "handshake-failed"
	default:
		return "error"
	}
}
