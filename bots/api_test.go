package bots

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMoveAndMoveDir(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `
function on_start() move_dir(3, 0, 4, 50) end
local n = 0
function on_tick(dt)
  n = n + 1
  if n == 30 then move(10, 0, 20) stop() end
end`, nil)
	runTicks(b, 0, 30)
	if len(c.positions) != 30 {
		t.Fatalf("sent %d positions in 30 ticks, want 30", len(c.positions))
	}
	first := c.positions[0]
	want := Vec3{500 + 30*tickSec(), 0, 500 + 40*tickSec()}
	if !near(first.pos, want, 1e-3) || !near(first.vel, Vec3{30, 0, 40}, 1e-3) {
		t.Fatalf("first position %v velocity %v, want %v and {30 0 40}", first.pos, first.vel, want)
	}
	if last := c.positions[29]; last.pos != (Vec3{10, 0, 20}) || last.vel != (Vec3{}) {
		t.Fatalf("after move+stop sent %v %v, want {10 0 20} at rest", last.pos, last.vel)
	}
}

func TestBounceOffWorldEdge(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `function on_start() move(995, 0, 500) move_dir(1, 0, 0, 100) end`, nil)
	runTicks(b, 0, 12)
	for _, p := range c.positions {
		if p.pos[0] < 0 || p.pos[0] > 1000 {
			t.Fatalf("position %v left the world", p.pos)
		}
	}
	if last := c.positions[len(c.positions)-1]; last.vel[0] >= 0 || last.pos[0] >= 1000 {
		t.Fatalf("bot did not bounce: %v %v", last.pos, last.vel)
	}
}

func TestActionsCommandsTransfersMediaRaw(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `
function on_start()
  act("move", 1, 0, 0, 5)
  act("attack", 12, 30)
  act("use", 4)
  act("interact", 99)
  act("cast", 7, 1, 2, 3)
  command("ping", "hi", function(status, body) got = status .. ":" .. body end)
  command("fire-and-forget")
  upload("0123456789")
  media("audio", "aa") media("key", "k") media("predict", "p")
  raw("\1\2\3")
end`, nil)
	wantActions := []Action{
		{Kind: ActMove, Direction: Vec3{1, 0, 0}, Speed: 5},
		{Kind: ActAttack, Target: 12, Value: 30},
		{Kind: ActUseItem, Value: 4},
		{Kind: ActInteract, Target: 99},
		{Kind: ActCast, Value: 7, Position: Vec3{1, 2, 3}},
	}
	if !slices.Equal(c.actions, wantActions) {
		t.Fatalf("actions %+v, want %+v", c.actions, wantActions)
	}
	if !slices.Equal(c.commands, []string{"ping:hi", "fire-and-forget:"}) || len(c.larges) != 1 || string(c.larges[0]) != "0123456789" {
		t.Fatalf("commands %q larges %q", c.commands, c.larges)
	}
	if !slices.Equal(c.media, []MediaKind{MediaAudio, MediaKey, MediaPredict}) || len(c.raws) != 1 || string(c.raws[0]) != "\x01\x02\x03" {
		t.Fatalf("media %v raws %q", c.media, c.raws)
	}
	if b.stats.reliableSent.Load() != 3 || b.stats.reliableConfirmed.Load() != 0 {
		t.Fatalf("reliable sent %d confirmed %d before replies, want 3 and 0", b.stats.reliableSent.Load(), b.stats.reliableConfirmed.Load())
	}
	b.step(tick) // the fake delivers the replies and the transfer confirmation
	if got := b.L.GetGlobal("got").String(); got != "ok:pong" {
		t.Fatalf("command callback got %q, want ok:pong", got)
	}
	if b.stats.reliableConfirmed.Load() != 3 || len(b.pending) != 0 {
		t.Fatalf("confirmed %d pending %d, want 3 and 0", b.stats.reliableConfirmed.Load(), len(b.pending))
	}
	if got := b.stats.inputsSent.Load(); got != 5+1 {
		t.Fatalf("inputs sent %d, want 5 actions + 1 position", got)
	}
}

func TestBadArgumentsStopTheScript(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`act("fly")`, `media("video", "x")`, `rand(0)`, `rand(5, 1)`, `move(1, 2)`, `command()`, `skew("soon")`,
	} {
		if _, err := newTestBotErr(src, nil, DefaultInstructionBudget); err == nil {
			t.Errorf("%s: ran, want an error", src)
		}
	}
}

func TestSkewSleepNowLog(t *testing.T) {
	t.Parallel()
	logs := &logSink{}
	b, c := newTestBot(t, `
ticks = 0
function on_start() skew(2.0) end
function on_tick(dt)
  ticks = ticks + 1
  if ticks == 1 then sleep(0.49) log("slept at", now()) end
end`, logs)
	runTicks(b, 0, 60)
	if c.positions[0].skew != 2*time.Second {
		t.Fatalf("skew %v, want 2s", c.positions[0].skew)
	}
	// tick 1 at 1/60 s sleeps until 0.5067 s: ticks 2..30 are skipped, 31..60 run.
	if got := b.L.GetGlobal("ticks").String(); got != "31" {
		t.Fatalf("on_tick ran %s times in 60 ticks with a 0.49 s sleep, want 31", got)
	}
	if len(c.positions) != 60 {
		t.Fatalf("a sleeping bot must keep sending: %d positions", len(c.positions))
	}
	if len(logs.lines) != 1 || !strings.Contains(logs.lines[0], "slept at 0.0166") {
		t.Fatalf("log lines %q", logs.lines)
	}
}

func TestVisibleNearestAndEvents(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `
events = {}
function on_event(kind, id, a) events[#events + 1] = kind .. ":" .. tostring(id) .. ":" .. tostring(a) end
function on_snapshot(n) snaps = (snaps or 0) + n end
function on_tick()
  local v = visible()
  count = #v
  first = v[1] and v[1].id
  near_id, _, _, _, near_d = nearest()
end`, nil)
	c.queued = []Event{
		{Kind: EventEnter, ID: 20, Entities: []Entity{{ID: 20, Position: Vec3{530, 0, 500}}}},
		{Kind: EventEnter, ID: 10, Entities: []Entity{{ID: 10, Position: Vec3{510, 0, 500}}}},
		{Kind: EventSnapshot, Entities: []Entity{{ID: 7, Position: Vec3{500, 0, 500}}, {ID: 20, Position: Vec3{503, 0, 504}}}, Latency: 4 * time.Millisecond},
		{Kind: EventAction, ID: 10, Action: Action{Kind: ActAttack}},
		{Kind: EventRejected, Count: 2, Reason: "speed"},
		{Kind: EventMedia, ID: 10},
	}
	b.step(tick)
	g := func(name string) string { return b.L.GetGlobal(name).String() }
	if g("count") != "2" || g("first") != "10" || g("near_id") != "20" || g("near_d") != "5" || g("snaps") != "2" {
		t.Fatalf("count=%s first=%s nearest=%s d=%s snaps=%s", g("count"), g("first"), g("near_id"), g("near_d"), g("snaps"))
	}
	wantEvents := "enter:20:nil enter:10:nil action:10:attack rejected:2:speed media:10:nil"
	var got []string
	ev := b.L.GetGlobal("events")
	for i := 1; ; i++ {
		e := b.L.GetTable(ev, luaNumber(i))
		if e.String() == "nil" {
			break
		}
		got = append(got, e.String())
	}
	if strings.Join(got, " ") != wantEvents {
		t.Fatalf("events %q, want %q", strings.Join(got, " "), wantEvents)
	}
	if b.stats.updates.Load() != 3 || b.stats.rejected.Load() != 2 || b.stats.latencyHist.Count() != 1 {
		t.Fatalf("updates %d rejected %d latency samples %d", b.stats.updates.Load(), b.stats.rejected.Load(), b.stats.latencyHist.Count())
	}
	c.queued = []Event{{Kind: EventLeave, ID: 20}}
	b.step(2 * tick)
	if g("count") != "1" || g("near_id") != "10" {
		t.Fatalf("after leave: count=%s nearest=%s", g("count"), g("near_id"))
	}
}

func TestServerDisconnectEndsBot(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `function on_disconnect(r) why = r end`, nil)
	c.queued = []Event{{Kind: EventDisconnect, Reason: "kicked"}}
	b.step(tick)
	if !b.done || b.stats.disconnect != "kicked" || !c.closed || b.stats.connected.Load() {
		t.Fatalf("done=%v reason=%q closed=%v", b.done, b.stats.disconnect, c.closed)
	}
	if len(c.positions) != 0 {
		t.Fatalf("a disconnected bot sent %d positions", len(c.positions))
	}
}

func TestSendErrorsAreLoggedNotFatal(t *testing.T) {
	t.Parallel()
	logs := &logSink{}
	b, c := newTestBot(t, ``, logs)
	c.failSends = errSendFailed
	runTicks(b, 0, 3)
	if b.done || b.stats.inputsSent.Load() != 0 || len(logs.lines) != 3 {
		t.Fatalf("done=%v inputs=%d logs=%q", b.done, b.stats.inputsSent.Load(), logs.lines)
	}
}

func TestRandIsSeededPerBot(t *testing.T) {
	t.Parallel()
	src := `seq = "" for i = 1, 5 do seq = seq .. rand(1000) .. "," .. math.random(3, 4) .. ";" end
x = rand() bytes = random_bytes(11)`
	a, _ := newTestBot(t, src, nil)
	b, _ := newTestBot(t, src, nil)
	if a.L.GetGlobal("seq").String() != b.L.GetGlobal("seq").String() || a.L.GetGlobal("bytes").String() != b.L.GetGlobal("bytes").String() {
		t.Fatal("same seed and index gave different sequences")
	}
	c, err := newBot(botConfig{index: 4, script: "t", proto: mustCompile(t, src), seed: 42, rate: 60, limits: testLimits, budget: DefaultInstructionBudget, logf: func(string, ...any) {}}, &botStats{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if c.L.GetGlobal("seq").String() == a.L.GetGlobal("seq").String() {
		t.Fatal("bots 3 and 4 drew the same sequence")
	}
	if x := float64(a.L.GetGlobal("x").(luaNumber)); x < 0 || x >= 1 || len(a.L.GetGlobal("bytes").String()) != 11 {
		t.Fatalf("rand() = %v, random_bytes length %d", x, len(a.L.GetGlobal("bytes").String()))
	}
}

func tickSec() float32 { return float32(tick.Seconds()) }

func near(a, b Vec3, eps float64) bool {
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > eps {
			return false
		}
	}
	return true
}
