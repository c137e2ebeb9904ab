package bots

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBuiltinNames(t *testing.T) {
	t.Parallel()
	want := []string{"chase", "chatter", "circle", "flood", "garbage", "speedhack", "teleport", "timewarp", "uploader", "voice", "wander"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, n := range want {
		if Summary(n) == "" {
			t.Errorf("%s has no summary comment", n)
		}
	}
	if _, err := Source("nope"); err == nil {
		t.Fatal("Source(nope) succeeded")
	}
}

// scriptRun is what one built-in script did in 3 s of fake ticks.
type scriptRun struct {
	conn      *fakeConn
	maxSpeed  float64 // fastest claimed move between consecutive ticks, units/s
	maxJump   float64 // longest claimed move between consecutive inputs, units
	positions int
}

func runScript(t *testing.T, name string) scriptRun {
	t.Helper()
	src, err := Source(name)
	if err != nil {
		t.Fatal(err)
	}
	b, c := newTestBot(t, src, nil)
	// a visible player for chase to follow
	c.queued = []Event{{Kind: EventEnter, ID: 9, Entities: []Entity{{ID: 9, Position: Vec3{520, 0, 520}}}}}
	var r scriptRun
	r.conn = c
	prevTick := c.spawn
	for i := 1; i <= 180; i++ {
		before := len(c.positions)
		b.step(time.Duration(i) * tick)
		if b.done {
			t.Fatalf("%s stopped: %s", name, b.stats.disconnect)
		}
		if len(c.positions) > before {
			last := c.positions[len(c.positions)-1].pos
			r.maxSpeed = math.Max(r.maxSpeed, dist(prevTick, last)/tick.Seconds())
			prevTick = last
		}
	}
	for i := 1; i < len(c.positions); i++ {
		r.maxJump = math.Max(r.maxJump, dist(c.positions[i-1].pos, c.positions[i].pos))
	}
	r.positions = len(c.positions)
	return r
}

func dist(a, b Vec3) float64 {
	dx, dy, dz := float64(a[0]-b[0]), float64(a[1]-b[1]), float64(a[2]-b[2])
	return math.Sqrt(dx*dx + dy*dy + dz*dz)
}

func TestBuiltinScriptsBehave(t *testing.T) {
	t.Parallel()
	const honestSpeed = 100 * 1.001 // MAX_SPEED, with float rounding
	tests := []struct {
		name  string
		check func(t *testing.T, r scriptRun)
	}{
		{"wander", func(t *testing.T, r scriptRun) { honest(t, r, honestSpeed) }},
		{"circle", func(t *testing.T, r scriptRun) { honest(t, r, honestSpeed) }},
		{"chase", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if last := r.conn.positions[r.positions-1].pos; dist(last, Vec3{520, 0, 520}) > 6 {
				t.Fatalf("chase ended at %v, not next to the player at 520,0,520", last)
			}
		}},
		{"chatter", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if n := len(r.conn.commands); n != 6 {
				t.Fatalf("chatter sent %d commands in 3 s, want 6", n)
			}
		}},
		{"uploader", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if len(r.conn.larges) != 2 || len(r.conn.larges[0]) != 16*1024 {
				t.Fatalf("uploader sent %d transfers", len(r.conn.larges))
			}
		}},
		{"voice", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if len(r.conn.media) != 180 || r.conn.media[0] != MediaAudio {
				t.Fatalf("voice sent %d frames", len(r.conn.media))
			}
		}},
		{"speedhack", func(t *testing.T, r scriptRun) {
			if r.maxSpeed < 2.9*100 {
				t.Fatalf("speedhack moved at most %.0f units/s, want about 300", r.maxSpeed)
			}
		}},
		{"teleport", func(t *testing.T, r scriptRun) {
			if r.maxJump < 250 {
				t.Fatalf("teleport jumped at most %.0f units", r.maxJump)
			}
		}},
		{"timewarp", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if r.conn.positions[0].skew != 2*time.Second {
				t.Fatalf("timewarp skew %v, want 2s", r.conn.positions[0].skew)
			}
		}},
		{"flood", func(t *testing.T, r scriptRun) {
			if r.positions != 180*21 {
				t.Fatalf("flood sent %d inputs in 180 ticks, want %d", r.positions, 180*21)
			}
		}},
		{"garbage", func(t *testing.T, r scriptRun) {
			honest(t, r, honestSpeed)
			if len(r.conn.raws) != 180 {
				t.Fatalf("garbage sent %d raw datagrams", len(r.conn.raws))
			}
			var short, long bool
			for _, d := range r.conn.raws {
				short = short || len(d) < 8
				long = long || len(d) > 1200
			}
			if !short || !long {
				t.Fatalf("garbage lacks truncated (%v) or oversized (%v) datagrams", short, long)
			}
		}},
	}
	if len(tests) != len(Names()) {
		t.Fatalf("%d script cases for %d scripts", len(tests), len(Names()))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t, runScript(t, tc.name))
		})
	}
}

// honest checks one input per tick and no move faster than maxSpeed.
func honest(t *testing.T, r scriptRun, maxSpeed float64) {
	t.Helper()
	if r.positions != 180 {
		t.Fatalf("sent %d positions in 180 ticks, want 180", r.positions)
	}
	if r.maxSpeed > maxSpeed {
		t.Fatalf("moved at %.2f units/s, above the honest %.0f", r.maxSpeed, maxSpeed)
	}
}

// TestPatrolExample runs the custom script of docs/BOTS.md.
func TestPatrolExample(t *testing.T) {
	t.Parallel()
	src, err := Source("testdata/patrol.lua")
	if err != nil {
		t.Fatal(err)
	}
	logs := &logSink{}
	b, c := newTestBot(t, src, logs)
	c.queued = []Event{{Kind: EventEnter, ID: 9, Entities: []Entity{{ID: 9}}}, {Kind: EventEnter, ID: 9, Entities: []Entity{{ID: 9}}}}
	runTicks(b, 0, 300)
	if b.done {
		t.Fatalf("patrol stopped: %s", b.stats.disconnect)
	}
	if len(c.commands) != 1 || c.commands[0] != "greet:9" || b.stats.reliableConfirmed.Load() != 1 {
		t.Fatalf("commands %q, confirmed %d", c.commands, b.stats.reliableConfirmed.Load())
	}
	// 300 ticks at 50 units/s walk 250 units: more than twice round the 120-unit square.
	var far float64
	for _, p := range c.positions {
		far = math.Max(far, dist(p.pos, c.spawn))
		if p.pos[0] < 499.9 || p.pos[0] > 530.1 || p.pos[2] < 499.9 || p.pos[2] > 530.1 {
			t.Fatalf("patrol left its square: %v", p.pos)
		}
	}
	if far < 40 { // the far corner is 42.4 units away
		t.Fatalf("patrol never reached the far corner (max distance %.1f)", far)
	}
	b.finish(5*time.Second, "test-ended", false)
	if len(logs.lines) != 1 || !strings.Contains(logs.lines[0], "patrol: greeted replies 1 ended test-ended") {
		t.Fatalf("log %q", logs.lines)
	}
}
