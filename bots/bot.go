package bots

import (
	"fmt"
	"math/rand/v2"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Limits are the world's rules a script reads as constants.
type Limits struct {
	// MaxSpeed is the fastest honest speed in units per second.
	MaxSpeed float32
	// AOIRadius is the radius within which entities are visible.
	AOIRadius float32
	// WorldMin and WorldMax bound every position; moving bots bounce off them.
	WorldMin, WorldMax Vec3
}

// botConfig is what a bot needs besides its connection.
type botConfig struct {
	index  int
	script string
	proto  *lua.FunctionProto
	seed   uint64
	rate   int
	limits Limits
	budget int64
	logf   func(format string, args ...any)
}

// bot is one scripted client. All its methods run on the goroutine of the
// worker that owns it.
type bot struct {
	cfg    botConfig
	L      *lua.LState
	budget instructionBudget
	rng    *rand.Rand
	conn   Conn
	stats  *botStats

	selfID     uint64
	pos, vel   Vec3
	skew       time.Duration
	start      time.Duration
	lastTick   time.Duration
	sleepUntil time.Duration
	lastRTTAt  time.Duration
	started    bool
	ending     bool
	done       bool

	visible map[uint64]Entity
	scratch []uint64
	pending map[uint64]lua.LValue

	onStart, onTick, onSnapshot, onEvent, onDisconnect lua.LValue
	handle                                             func(*Event)
	// sendErr is the first send error of this tick, reported once.
	sendErr error
}

// newBot loads the compiled script into a fresh sandbox. The script's top
// level runs here, within the instruction budget.
func newBot(cfg botConfig, stats *botStats) (*bot, error) {
	L, err := newSandbox()
	if err != nil {
		return nil, err
	}
	b := &bot{
		cfg:     cfg,
		stats:   stats,
		L:       L,
		budget:  instructionBudget{limit: cfg.budget},
		rng:     rand.New(rand.NewPCG(cfg.seed, uint64(cfg.index))),
		visible: make(map[uint64]Entity),
		pending: make(map[uint64]lua.LValue),
	}
	b.handle = b.handleEvent
	L.SetContext(&b.budget)
	b.registerAPI()
	L.Push(L.NewFunctionFromProto(cfg.proto))
	if err := b.protectedCall(0); err != nil {
		b.close()
		return nil, fmt.Errorf("bots: run script %s: %w", cfg.script, err)
	}
	// Raw reads: a script may give _G an __index that raises an error,
	// and these reads are not inside a protected call.
	g := L.G.Global
	b.onStart = g.RawGetString("on_start")
	b.onTick = g.RawGetString("on_tick")
	b.onSnapshot = g.RawGetString("on_snapshot")
	b.onEvent = g.RawGetString("on_event")
	b.onDisconnect = g.RawGetString("on_disconnect")
	return b, nil
}

// protectedCall calls the function and nargs arguments already pushed,
// within the instruction budget. A failure stops the script for good.
func (b *bot) protectedCall(nargs int) error {
	b.budget.reset()
	err := b.L.PCall(nargs, 0, nil)
	if err == nil {
		return nil
	}
	if b.budget.exceeded {
		return fmt.Errorf("%w: callback ran over its budget of %d instructions: %w", ErrScriptStopped, b.cfg.budget, ErrBudgetExceeded)
	}
	return fmt.Errorf("%w: %v", ErrScriptStopped, err)
}

// defined reports whether fn is a callback the script defined and the bot
// still runs; callers check it before boxing arguments, which allocates.
func (b *bot) defined(fn lua.LValue) bool { return !b.done && fn.Type() == lua.LTFunction }

// call runs a callback if the script defines it; an error ends the bot.
func (b *bot) call(fn lua.LValue, now time.Duration, args ...lua.LValue) {
	if b.done || fn.Type() != lua.LTFunction {
		return
	}
	b.L.Push(fn)
	for _, a := range args {
		b.L.Push(a)
	}
	if err := b.protectedCall(len(args)); err != nil {
		b.cfg.logf("bot %d (%s): %v", b.cfg.index, b.cfg.script, err)
		if !b.ending {
			b.finish(now, "script-error", false)
		}
	}
}

// attach gives the bot its connection at now and runs on_start.
func (b *bot) attach(now time.Duration, c Conn) {
	b.conn = c
	b.selfID, b.pos = c.Self()
	b.start, b.lastTick, b.lastRTTAt = now, now, now-time.Second
	b.stats.connected.Store(true)
	b.stats.everConnected = true
	b.started = true
	b.call(b.onStart, now)
}

// step runs one bot tick at now: deliver what arrived, run on_tick unless
// asleep, advance the position and send it.
func (b *bot) step(now time.Duration) {
	if b.done || !b.started {
		return
	}
	b.conn.Poll(now, b.handle)
	if b.done {
		return
	}
	dt := now - b.lastTick
	b.lastTick = now
	if now >= b.sleepUntil {
		if b.defined(b.onTick) {
			b.call(b.onTick, now, lua.LNumber(dt.Seconds()))
		}
		if b.done {
			return
		}
	}
	b.advance(float32(dt.Seconds()))
	b.sendPosition()
	if now-b.lastRTTAt >= time.Second/4 {
		b.lastRTTAt = now
		b.stats.noteRTT(b.conn.Stats().RTT)
	}
	if b.sendErr != nil {
		b.cfg.logf("bot %d (%s): send: %v", b.cfg.index, b.cfg.script, b.sendErr)
		b.sendErr = nil
	}
}

// receive delivers what arrived without running on_tick or sending, and
// reports whether the bot still waits for a confirmation.
func (b *bot) receive(now time.Duration) bool {
	if b.done || !b.started {
		return false
	}
	b.lastTick = now
	b.conn.Poll(now, b.handle)
	return !b.done && len(b.pending) > 0
}

// advance moves the claimed position by the velocity, bouncing off the
// world's bounds.
func (b *bot) advance(dt float32) {
	lo, hi := b.cfg.limits.WorldMin, b.cfg.limits.WorldMax
	for a := range 3 {
		p := b.pos[a] + b.vel[a]*dt
		if p < lo[a] {
			p, b.vel[a] = 2*lo[a]-p, -b.vel[a]
		}
		if p > hi[a] {
			p, b.vel[a] = 2*hi[a]-p, -b.vel[a]
		}
		b.pos[a] = min(max(p, lo[a]), hi[a])
	}
}

func (b *bot) sendPosition() {
	if err := b.conn.SendPosition(b.pos, b.vel, b.skew); err != nil {
		b.noteSendErr(err)
		return
	}
	b.stats.inputsSent.Add(1)
}

func (b *bot) noteSendErr(err error) {
	if b.sendErr == nil {
		b.sendErr = err
	}
}

// finish ends the bot: it runs on_disconnect, records why the bot ended
// (unless the run itself ended it) and closes the connection and the state.
func (b *bot) finish(now time.Duration, reason string, runEnded bool) {
	if b.done || b.ending {
		return
	}
	b.ending = true
	if !runEnded {
		b.stats.disconnect = reason
	}
	if b.defined(b.onDisconnect) {
		b.call(b.onDisconnect, now, lua.LString(reason))
	}
	b.done = true
	b.stats.connected.Store(false)
	if b.conn != nil {
		_ = b.conn.Close()
	}
	b.close()
}

// close releases the Lua state.
func (b *bot) close() { b.L.Close() }
