package record

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/interpolate"
)

// replayAll replays file and returns the replayed ticks and the error that
// stopped the replay (nil at a clean end).
func replayAll(t *testing.T, file []byte, opts ReplayOptions) (*Replayer, []*Tick, error) {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	rp, err := NewReplayer(rd, opts)
	if err != nil {
		t.Fatal(err)
	}
	var ticks []*Tick
	for {
		tk, err := rp.Step()
		if err == io.EOF {
			return rp, ticks, nil
		}
		if err != nil {
			return rp, ticks, err
		}
		c := *tk
		ticks = append(ticks, &c)
	}
}

func TestReplayReproducesEveryHash(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
	}{
		{"defaults", Options{}},
		{"one tick per chunk", Options{ChunkTicks: 1}},
		{"small chunks and snapshots", Options{ChunkBytes: 4 << 10, SnapshotEvery: 25}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := recordSession(t, smallArena, 150, 7, tc.opts)
			rp, ticks, err := replayAll(t, s.file, ReplayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ticks) != len(s.hashes) || uint64(len(ticks)) != s.stats.Ticks {
				t.Fatalf("replayed %d ticks, recorded %d (stats %d)", len(ticks), len(s.hashes), s.stats.Ticks)
			}
			for i, tk := range ticks {
				if tk.Number != uint64(i+1) || tk.Hash != s.hashes[i] || tk.Now != s.times[i] {
					t.Fatalf("tick %d: got #%d hash %x at %v, recorded hash %x at %v", i+1, tk.Number, tk.Hash, tk.Now, s.hashes[i], s.times[i])
				}
			}
			// The stall makes simulated time jump: replay must use the recorded times.
			jumps := 0
			for i := 1; i < len(ticks); i++ {
				if ticks[i].Now-ticks[i-1].Now > rp.Pipeline().World.Time.Dt {
					jumps++
				}
			}
			if jumps != 1 {
				t.Fatalf("%d time jumps in the recording, want the stall's 1", jumps)
			}
			if got := rp.Pipeline().Hash(); got != s.hashes[len(s.hashes)-1] {
				t.Fatalf("final hash %x, want %x", got, s.hashes[len(s.hashes)-1])
			}
			if tc.opts.SnapshotEvery > 0 {
				n := 0
				for _, tk := range ticks {
					if tk.HasSnapshot {
						n++
					}
				}
				if n != len(ticks)/tc.opts.SnapshotEvery {
					t.Fatalf("%d snapshots, want %d", n, len(ticks)/tc.opts.SnapshotEvery)
				}
			}
		})
	}
}

func TestReplayStopsAtUntil(t *testing.T) {
	t.Parallel()
	s := recordSession(t, smallArena, 90, 3, Options{ChunkTicks: 7})
	_, ticks, err := replayAll(t, s.file, ReplayOptions{Until: 40})
	if err != nil || len(ticks) != 40 || ticks[39].Number != 40 {
		t.Fatalf("replayed %d ticks, err %v", len(ticks), err)
	}
}

// nudge moves one connection's entity at one tick: a deliberately broken system.
type nudge struct {
	tick uint64
	conn uint32
}

func (n nudge) Name() string { return "nudge" }

func (n nudge) Update(w *ecs.World) {
	if w.Time.Tick != n.tick {
		return
	}
	if e, ok := w.EntityOf(n.conn); ok {
		p := w.Positions.Get(e)
		p.Vec3 = p.Vec3.Add(mgl32.Vec3{0.25, 0, 0})
	}
}

func TestChangedSystemIsCaughtAtItsTick(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		snapshotEvery int
		nudgeTick     uint64
		wantDiffTick  uint64
	}{
		{"snapshot every tick", 1, 77, 77},
		{"diff at next snapshot", 10, 73, 80},
		{"no snapshots", 0, 50, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := recordSession(t, smallArena, 120, 11, Options{SnapshotEvery: tc.snapshotEvery})
			hook := func(p *sim.Pipeline) error {
				return p.Schedule.InsertAfter(interpolate.Name, nudge{tick: tc.nudgeTick, conn: 42})
			}
			_, ticks, err := replayAll(t, s.file, ReplayOptions{Configure: hook})
			var d *Divergence
			if !errors.As(err, &d) || !errors.Is(err, ErrDiverged) {
				t.Fatalf("err = %v, want a divergence", err)
			}
			if d.Tick != tc.nudgeTick || uint64(len(ticks)) != tc.nudgeTick-1 {
				t.Fatalf("diverged at tick %d after %d good ticks, want tick %d", d.Tick, len(ticks), tc.nudgeTick)
			}
			if d.Recorded != s.hashes[d.Tick-1] || d.Replayed == d.Recorded {
				t.Fatalf("hashes %x / %x, recorded %x", d.Recorded, d.Replayed, s.hashes[d.Tick-1])
			}
			if d.DiffTick != tc.wantDiffTick {
				t.Fatalf("diff at tick %d, want %d", d.DiffTick, tc.wantDiffTick)
			}
			if tc.wantDiffTick == 0 {
				if d.Diff != nil || d.DiffErr != nil {
					t.Fatalf("diff %v err %v without snapshots", d.Diff, d.DiffErr)
				}
				return
			}
			if len(d.Diff) == 0 || d.Diff[0].Conn != 42 {
				t.Fatalf("diff %v, want conn 42 first", d.Diff)
			}
			if tc.wantDiffTick == tc.nudgeTick {
				if len(d.Diff) != 1 || d.Diff[0].Fields[0].Field != "Position" {
					t.Fatalf("diff at the nudged tick: %v", d.Diff)
				}
				if !strings.Contains(d.Diff[0].String(), "Position") {
					t.Fatalf("diff text %q", d.Diff[0].String())
				}
			}
		})
	}
}
