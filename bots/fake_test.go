package bots

import (
	"errors"
	"fmt"
	lua "github.com/yuin/gopher-lua"
	"sync"
	"testing"
	"time"
)

// sentPosition is one SendPosition call seen by fakeConn.
type sentPosition struct {
	pos, vel Vec3
	skew     time.Duration
}

// fakeConn is an in-memory Conn: it records what the bot sends and hands it
// the events a test queues. With autoConfirm it answers every command with
// an OK reply and confirms every transfer at the next Poll.
type fakeConn struct {
	id          uint64
	spawn       Vec3
	rtt         time.Duration
	autoConfirm bool
	failSends   error

	positions []sentPosition
	actions   []Action
	commands  []string
	larges    [][]byte
	media     []MediaKind
	raws      [][]byte
	queued    []Event
	polls     int
	closed    bool
	nextID    uint32
}

func (c *fakeConn) SendPosition(pos, vel Vec3, skew time.Duration) error {
	if c.failSends != nil {
		return c.failSends
	}
	c.positions = append(c.positions, sentPosition{pos, vel, skew})
	return nil
}

func (c *fakeConn) SendAction(a Action, _ time.Duration) error {
	c.actions = append(c.actions, a)
	return c.failSends
}

func (c *fakeConn) SendCommand(name string, params []byte) (uint32, error) {
	c.nextID++
	c.commands = append(c.commands, name+":"+string(params))
	if c.autoConfirm {
		c.queued = append(c.queued, Event{Kind: EventReply, ID: uint64(c.nextID), Status: 0, Body: []byte("pong")})
	}
	return c.nextID, c.failSends
}

func (c *fakeConn) SendLarge(data []byte) (uint32, error) {
	c.nextID++
	c.larges = append(c.larges, data)
	if c.autoConfirm {
		c.queued = append(c.queued, Event{Kind: EventTransferDone, ID: uint64(c.nextID)})
	}
	return c.nextID, c.failSends
}

func (c *fakeConn) SendMedia(kind MediaKind, _ []byte) error {
	c.media = append(c.media, kind)
	return c.failSends
}

func (c *fakeConn) SendRaw(d []byte) error {
	c.raws = append(c.raws, d)
	return c.failSends
}

func (c *fakeConn) Poll(_ time.Duration, fn func(*Event)) {
	c.polls++
	q := c.queued
	c.queued = nil
	for i := range q {
		fn(&q[i])
	}
}

func (c *fakeConn) Self() (uint64, Vec3) { return c.id, c.spawn }
func (c *fakeConn) Stats() ConnStats     { return ConnStats{RTT: c.rtt} }
func (c *fakeConn) Close() error         { c.closed = true; return nil }

// testLimits is the seed world: 100 units/s, AOI 50, 1000×200×1000.
var testLimits = Limits{MaxSpeed: 100, AOIRadius: 50, WorldMin: Vec3{0, -100, 0}, WorldMax: Vec3{1000, 100, 1000}}

// logSink collects log lines; safe for concurrent use.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// newTestBot compiles src into a bot attached to a fresh fakeConn at time 0.
func newTestBot(t testing.TB, src string, logs *logSink) (*bot, *fakeConn) {
	t.Helper()
	b, err := newTestBotErr(src, logs, DefaultInstructionBudget)
	if err != nil {
		t.Fatalf("newBot: %v", err)
	}
	c := &fakeConn{id: 7, spawn: Vec3{500, 0, 500}, rtt: 3 * time.Millisecond, autoConfirm: true}
	b.attach(0, c)
	t.Cleanup(func() { b.finish(0, "test-ended", true) })
	return b, c
}

func newTestBotErr(src string, logs *logSink, budget int64) (*bot, error) {
	if logs == nil {
		logs = &logSink{}
	}
	proto, err := compile("test", src)
	if err != nil {
		return nil, err
	}
	return newBot(botConfig{
		index: 3, script: "test", proto: proto, seed: 42, rate: 60,
		limits: testLimits, budget: budget, logf: logs.logf,
	}, &botStats{})
}

// tick is one bot tick at 60 Hz.
const tick = time.Second / 60

// runTicks steps b n times at 60 Hz starting after from.
func runTicks(b *bot, from time.Duration, n int) time.Duration {
	now := from
	for range n {
		now += tick
		b.step(now)
	}
	return now
}

var errSendFailed = errors.New("send failed")

// luaNumber shortens lua.LNumber in tests.
type luaNumber = lua.LNumber

// mustCompile compiles src or fails the test.
func mustCompile(t testing.TB, src string) *lua.FunctionProto {
	t.Helper()
	p, err := compile("test", src)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
