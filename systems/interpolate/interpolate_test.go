package interpolate

import (
	"math"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

func TestPose(t *testing.T) {
	half := mgl32.QuatRotate(math.Pi/2, mgl32.Vec3{0, 1, 0})
	mo := &ecs.Motion{
		From: mgl32.Vec3{0, 0, 0}, FromRot: mgl32.QuatIdent(),
		Target: mgl32.Vec3{10, 0, 0}, TargetRot: half,
		TargetVel: mgl32.Vec3{100, 0, 0},
		Start:     time.Second, Active: true,
	}
	const interp, extra = 100 * time.Millisecond, 50 * time.Millisecond
	tests := []struct {
		name    string
		now     time.Duration
		wantX   float32
		wantRot mgl32.Quat
	}{
		{"before start holds From", 900 * time.Millisecond, 0, mgl32.QuatIdent()},
		{"at start", time.Second, 0, mgl32.QuatIdent()},
		{"halfway lerps and slerps", time.Second + 50*time.Millisecond, 5, mgl32.QuatRotate(math.Pi/4, mgl32.Vec3{0, 1, 0})},
		{"reaches target", time.Second + interp, 10, half},
		{"extrapolates by velocity", time.Second + interp + 20*time.Millisecond, 12, half},
		{"extrapolation is capped", time.Second + interp + extra, 15, half},
		{"then holds", time.Second + 10*time.Second, 15, half},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r := Pose(mo, tc.now, interp, extra)
			if math.Abs(float64(p[0]-tc.wantX)) > 1e-4 || p[1] != 0 || p[2] != 0 {
				t.Fatalf("position %v, want x=%v", p, tc.wantX)
			}
			if !r.OrientationEqualThreshold(tc.wantRot, 1e-4) {
				t.Fatalf("rotation %v, want %v", r, tc.wantRot)
			}
		})
	}
}

func TestUpdateMovesThenHolds(t *testing.T) {
	w, err := ecs.NewWorld(ecs.DefaultConfig(), 0)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := w.SpawnPlayer(ecs.SpawnSpec{Conn: 1, UserID: 1, Position: mgl32.Vec3{100, 0, 100}})
	idle, _ := w.SpawnPlayer(ecs.SpawnSpec{Conn: 2, UserID: 2, Position: mgl32.Vec3{200, 0, 200}})
	mo := w.Motions.Get(e)
	mo.Target = mgl32.Vec3{110, 0, 100}
	mo.TargetVel = mgl32.Vec3{20000, 0, 0} // would leave the world if not clamped
	mo.TargetRot = mgl32.QuatIdent()
	mo.Active = true
	mo.Start = 0
	s := New()
	dt := w.Config.TickDuration()
	var movedTicks int
	for tick := 1; tick <= 30; tick++ {
		w.Time.Now = time.Duration(tick) * dt
		s.Update(w)
		if w.Motions.Get(e).Moved {
			movedTicks++
		}
		if w.Motions.Get(idle).Moved {
			t.Fatal("idle entity reported as moved")
		}
	}
	// 100 ms of interpolation (ticks 1–6) then extrapolation until the clamp at
	// the world edge holds it (ticks 7–9); after that nothing changes.
	if movedTicks != 9 {
		t.Fatalf("moved on %d ticks, want 9", movedTicks)
	}
	if got := w.Positions.Get(e).Vec3; got[0] != w.Config.WorldMax[0] {
		t.Fatalf("extrapolated position %v not clamped to the world edge", got)
	}
	if got := w.Positions.Get(idle).Vec3; got != (mgl32.Vec3{200, 0, 200}) {
		t.Fatalf("idle entity moved to %v", got)
	}
}

func TestUpdateAllocatesNothing(t *testing.T) {
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 1000)
	for i := 0; i < 1000; i++ {
		e, _ := w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i), Position: mgl32.Vec3{float32(i % 1000), 0, 1}})
		mo := w.Motions.Get(e)
		mo.Target, mo.Active = mgl32.Vec3{500, 0, 500}, true
	}
	s := New()
	if allocs := testing.AllocsPerRun(20, func() { w.Time.Now += time.Millisecond; s.Update(w) }); allocs != 0 {
		t.Fatalf("allocs per tick = %v", allocs)
	}
}

func TestTurnMatchesSlerp(t *testing.T) {
	axis := mgl32.Vec3{0.3, 1, -0.2}.Normalize()
	for _, angle := range []float32{0, 0.005, 0.02, 0.06, 0.5, 2, 3.1} {
		a := mgl32.QuatRotate(0.7, axis)
		b := mgl32.QuatRotate(0.7+angle, axis)
		for _, frac := range []float32{0, 0.25, 0.5, 0.9} {
			want := mgl32.QuatSlerp(a, b, frac)
			got := turn(a, b, frac)
			// Within 0.5° of mgl32's slerp (the snap threshold), and unit length.
			if d := got.Dot(want); d < 1-1e-5 && -d < 1-1e-5 {
				t.Errorf("angle %v t %v: turn %v, slerp %v", angle, frac, got, want)
			}
			if l := got.Len(); l < 0.9999 || l > 1.0001 {
				t.Errorf("angle %v t %v: |q| = %v", angle, frac, l)
			}
		}
	}
	// The shorter arc is taken when the target's sign is flipped.
	a := mgl32.QuatIdent()
	b := mgl32.QuatRotate(1, mgl32.Vec3{0, 1, 0}).Scale(-1)
	if got, want := turn(a, b, 0.5), mgl32.QuatRotate(0.5, mgl32.Vec3{0, 1, 0}); !got.OrientationEqualThreshold(want, 1e-4) {
		t.Errorf("flipped target: %v, want %v", got, want)
	}
}

// turn is rotate for mgl32 values.
func turn(a, b mgl32.Quat, t float32) mgl32.Quat { return rotate(quatAt(&a), quatAt(&b), t).mgl() }
