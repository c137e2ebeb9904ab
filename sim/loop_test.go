package sim

import (
	"errors"
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
)

// countingSystem records the ticks and times it saw; cost is how much fake
// wall time it pretends to take.
type countingSystem struct {
	name  string
	ticks []uint64
	times []time.Duration
	cost  time.Duration
	wall  *fakeWall
}

func (c *countingSystem) Name() string { return c.name }
func (c *countingSystem) Update(w *ecs.World) {
	c.ticks = append(c.ticks, w.Time.Tick)
	c.times = append(c.times, w.Time.Now)
	if c.wall != nil {
		c.wall.t = c.wall.t.Add(c.cost)
	}
}

type fakeWall struct{ t time.Time }

func (f *fakeWall) now() time.Time { return f.t }

func newTestLoop(t *testing.T, cost time.Duration) (*Loop, *countingSystem) {
	t.Helper()
	w, err := ecs.NewWorld(ecs.DefaultConfig(), 0)
	if err != nil {
		t.Fatal(err)
	}
	wall := &fakeWall{t: time.Unix(0, 0)}
	sys := &countingSystem{name: "count", cost: cost, wall: wall}
	var s Schedule
	if err := s.Append(sys); err != nil {
		t.Fatal(err)
	}
	l := NewLoop(w, &s, 0)
	l.SetWallClock(wall.now)
	return l, sys
}

func TestLoopTickCountOverSimulatedTime(t *testing.T) {
	tests := []struct {
		name  string
		span  time.Duration
		step  time.Duration
		ticks uint64
	}{
		{"one second in 1ms steps", time.Second, time.Millisecond, 61}, // ticks at 0, 1/60 … 60/60
		{"ten seconds in 5ms steps", 10 * time.Second, 5 * time.Millisecond, 601},
		{"exactly one tick", 0, time.Millisecond, 1},
		{"one minute in tick steps", time.Minute, time.Second / 60, 3601},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, sys := newTestLoop(t, 0)
			for now := time.Duration(0); now <= tc.span; now += tc.step {
				l.Advance(now)
			}
			l.Advance(tc.span)
			if got := l.Stats().Ticks; got != tc.ticks {
				t.Fatalf("ticks = %d, want %d", got, tc.ticks)
			}
			if l.Stats().Skipped != 0 {
				t.Fatalf("skipped = %d, want 0", l.Stats().Skipped)
			}
			for i, tick := range sys.ticks {
				if tick != uint64(i+1) {
					t.Fatalf("tick %d numbered %d", i, tick)
				}
				if want := time.Duration(i) * (time.Second / 60); sys.times[i] != want {
					t.Fatalf("tick %d at %v, want %v", i+1, sys.times[i], want)
				}
			}
		})
	}
}

func TestLoopCapsCatchUpAfterStall(t *testing.T) {
	l, sys := newTestLoop(t, 0)
	l.Advance(0)
	dt := time.Second / 60
	// Stall for one second: 60 ticks are due, only MaxCatchUpTicks run.
	ran := l.Advance(time.Second)
	max := l.World().Config.MaxCatchUpTicks
	if ran != max {
		t.Fatalf("ran %d ticks after the stall, want %d", ran, max)
	}
	if want := uint64(60 - max); l.Stats().Skipped != want {
		t.Fatalf("skipped = %d, want %d", l.Stats().Skipped, want)
	}
	// The next tick is due after the stall, on the tick grid.
	if next := l.NextTickAt(); next <= time.Second || next > time.Second+dt {
		t.Fatalf("next tick at %v, want within (1s, 1s+dt]", next)
	}
	// Then the loop runs at its normal rate again.
	before := len(sys.ticks)
	l.Advance(2 * time.Second)
	if got := len(sys.ticks) - before; got != max {
		t.Fatalf("second stall ran %d, want %d", got, max)
	}
	for now := 2 * time.Second; now < 3*time.Second; now += time.Millisecond {
		l.Advance(now)
	}
	if got := l.Stats().Skipped; got != uint64(2*(60-max)) {
		t.Fatalf("skipped after recovery = %d, want %d", got, 2*(60-max))
	}
}

func TestLoopCountsOverruns(t *testing.T) {
	dt := time.Second / 60
	for _, tc := range []struct {
		cost     time.Duration
		overruns uint64
	}{{dt / 2, 0}, {dt, 0}, {dt + time.Microsecond, 10}} {
		l, _ := newTestLoop(t, tc.cost)
		for i := 0; i < 10; i++ {
			l.Step()
		}
		if got := l.Stats().Overruns; got != tc.overruns {
			t.Errorf("cost %v: overruns = %d, want %d", tc.cost, got, tc.overruns)
		}
		if got := l.TickTiming().Max(); got != tc.cost {
			t.Errorf("cost %v: max tick = %v", tc.cost, got)
		}
	}
}

func TestScheduleOrder(t *testing.T) {
	mk := func(n string) *countingSystem { return &countingSystem{name: n} }
	var s Schedule
	for _, n := range []string{"ingest", "validate-cheat", "interpolate", "aoi-grid", "broadcast"} {
		if err := s.Append(mk(n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.InsertBefore("interpolate", mk("physics")); err != nil {
		t.Fatal(err)
	}
	if err := s.InsertAfter("broadcast", mk("stats")); err != nil {
		t.Fatal(err)
	}
	if err := s.InsertAfter("ingest", mk("ingest")); !errors.Is(err, ErrDuplicateSystem) {
		t.Fatalf("duplicate insert err = %v", err)
	}
	if err := s.InsertBefore("nope", mk("x")); !errors.Is(err, ErrUnknownSystem) {
		t.Fatalf("unknown insert err = %v", err)
	}
	if err := s.Replace("aoi-grid", mk("aoi-grid")); err != nil {
		t.Fatal(err)
	}
	want := []string{"ingest", "validate-cheat", "physics", "interpolate", "aoi-grid", "broadcast", "stats"}
	got := s.Names()
	if len(got) != len(want) {
		t.Fatalf("names = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("names = %v, want %v", got, want)
		}
	}
}

func TestTimingPercentiles(t *testing.T) {
	tm := NewTiming("x")
	for i := 1; i <= 1000; i++ {
		tm.Record(time.Duration(i) * time.Microsecond)
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{50, 500 * time.Microsecond}, {99, 990 * time.Microsecond}, {100, time.Millisecond}} {
		got := tm.Percentile(tc.p)
		if diff := float64(got-tc.want) / float64(tc.want); diff < -0.04 || diff > 0.04 {
			t.Errorf("p%v = %v, want %v ±4%%", tc.p, got, tc.want)
		}
	}
	if tm.Max() != time.Millisecond || tm.Count() != 1000 {
		t.Fatalf("max %v count %d", tm.Max(), tm.Count())
	}
	if allocs := testing.AllocsPerRun(100, func() { tm.Record(time.Millisecond) }); allocs != 0 {
		t.Fatalf("Record allocates %v", allocs)
	}
}
