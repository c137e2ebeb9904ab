package aoigrid

import (
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// spawnAt is a player in a hand-written case; its UserID equals its Conn.
type spawnAt struct {
	conn uint32
	room uint32
	x, z float32
}

// ruleStep is one tick of a hand-written case: changes, then the expected
// sets of observer conn 1 as UserIDs (= conns), sorted.
type ruleStep struct {
	move    map[uint32][2]float32
	spawn   []spawnAt
	despawn []uint32
	visible []uint64
	entered []uint64
	left    []uint64
}

func TestRules(t *testing.T) {
	t.Parallel()
	type tc struct {
		name       string
		maxVisible int
		spawns     []spawnAt
		steps      []ruleStep
	}
	cases := []tc{
		{
			name:   "enters at exactly R, not beyond",
			spawns: []spawnAt{{conn: 1}, {conn: 2, x: 30, z: 40}, {conn: 3, x: -50}, {conn: 4, x: 30, z: 40.01}},
			steps:  []ruleStep{{visible: []uint64{2, 3}, entered: []uint64{2, 3}}},
		},
		{
			name:   "leaves only beyond R+margin",
			spawns: []spawnAt{{conn: 1}, {conn: 2, x: 50}},
			steps: []ruleStep{
				{visible: []uint64{2}, entered: []uint64{2}},
				{move: map[uint32][2]float32{2: {54, 0}}, visible: []uint64{2}},
				{move: map[uint32][2]float32{2: {33, 44}}, visible: []uint64{2}}, // exactly 55
				{move: map[uint32][2]float32{2: {55.01, 0}}, left: []uint64{2}},
				{move: map[uint32][2]float32{2: {54, 0}}},                                                // inside leave radius, but was not visible
				{move: map[uint32][2]float32{2: {-40, -30}}, visible: []uint64{2}, entered: []uint64{2}}, // exactly 50 again
			},
		},
		{
			name:   "no flapping at the border",
			spawns: []spawnAt{{conn: 1, x: -1000, z: -1000}, {conn: 2, x: -1049, z: -1000}},
			steps: []ruleStep{
				{visible: []uint64{2}, entered: []uint64{2}},
				{move: map[uint32][2]float32{2: {-1054, -1000}}, visible: []uint64{2}},
				{move: map[uint32][2]float32{2: {-1049, -1000}}, visible: []uint64{2}},
				{move: map[uint32][2]float32{2: {-1054, -1000}}, visible: []uint64{2}},
				{move: map[uint32][2]float32{2: {-1051, -1000}}, visible: []uint64{2}},
			},
		},
		{
			name:       "cap keeps the nearest, ties by UserID",
			maxVisible: 2,
			spawns:     []spawnAt{{conn: 1}, {conn: 5, x: 30}, {conn: 4, z: 10}, {conn: 3, x: -20}, {conn: 2, z: -20}},
			steps: []ruleStep{
				{visible: []uint64{2, 4}, entered: []uint64{2, 4}},
				// 2 walks off: 3 is now among the nearest two.
				{move: map[uint32][2]float32{2: {0, -40}}, visible: []uint64{3, 4}, entered: []uint64{3}, left: []uint64{2}},
			},
		},
		{
			name:   "rooms do not see each other",
			spawns: []spawnAt{{conn: 1}, {conn: 2, room: 1, x: 1}, {conn: 3, x: 2}},
			steps:  []ruleStep{{visible: []uint64{3}, entered: []uint64{3}}},
		},
		{
			name:   "despawned and respawned entities leave and enter",
			spawns: []spawnAt{{conn: 1}, {conn: 2, x: 10}, {conn: 3, x: 20}},
			steps: []ruleStep{
				{visible: []uint64{2, 3}, entered: []uint64{2, 3}},
				{despawn: []uint32{2}, visible: []uint64{3}, left: []uint64{2}},
				// conn 4 likely reuses conn 2's entity ID; it is a new entity.
				{spawn: []spawnAt{{conn: 4, x: 10}}, visible: []uint64{3, 4}, entered: []uint64{4}},
			},
		},
		{
			name: "negative coordinates across cell borders",
			spawns: []spawnAt{
				{conn: 1, x: -50, z: -50}, {conn: 2, x: -100, z: -50}, {conn: 3, x: -50, z: -0.0001},
				{conn: 4, x: -99.99, z: -99.99}, {conn: 5, x: -15, z: -15}, {conn: 6, x: -100.01, z: -50}, {conn: 7, x: -14.6, z: -14.6},
			},
			steps: []ruleStep{{visible: []uint64{2, 3, 5}, entered: []uint64{2, 3, 5}}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := ecs.DefaultConfig()
			cfg.WorldMin = mgl32.Vec3{-2000, -100, -2000}
			if c.maxVisible > 0 {
				cfg.AOIMaxVisible = c.maxVisible
			}
			w, err := ecs.NewWorld(cfg, 16)
			if err != nil {
				t.Fatal(err)
			}
			spawn := func(sp spawnAt) {
				if _, ok := w.SpawnPlayer(ecs.SpawnSpec{Conn: sp.conn, UserID: uint64(sp.conn), Room: sp.room,
					Position: mgl32.Vec3{sp.x, 0, sp.z}}); !ok {
					t.Fatalf("spawn %d failed", sp.conn)
				}
			}
			for _, sp := range c.spawns {
				spawn(sp)
			}
			s := New(16)
			for i, st := range c.steps {
				for conn, xz := range st.move {
					e, _ := w.EntityOf(conn)
					w.Positions.Get(e).Vec3 = mgl32.Vec3{xz[0], 0, xz[1]}
				}
				for _, conn := range st.despawn {
					w.DespawnConn(conn)
				}
				for _, sp := range st.spawn {
					spawn(sp)
				}
				s.Update(w)
				v := observerByConn(t, s, 1)
				uids := func(dense []int32) []uint64 {
					var out []uint64
					for _, d := range dense {
						_, uid, _ := s.EntityAt(d)
						out = append(out, uid)
					}
					slices.Sort(out)
					return out
				}
				left := slices.Sorted(slices.Values(v.LeftUserIDs))
				if g := uids(v.Visible); !slices.Equal(g, st.visible) {
					t.Errorf("step %d: visible %v, want %v", i, g, st.visible)
				}
				if g := uids(v.Entered); !slices.Equal(g, st.entered) {
					t.Errorf("step %d: entered %v, want %v", i, g, st.entered)
				}
				if !slices.Equal(left, st.left) {
					t.Errorf("step %d: left %v, want %v", i, left, st.left)
				}
			}
		})
	}
}

// observerByConn finds the view of the observer with the given connection.
func observerByConn(t *testing.T, s *System, conn uint32) ObserverView {
	t.Helper()
	for i := 0; i < s.Observers(); i++ {
		if v := s.Observer(i); v.Conn == conn {
			return v
		}
	}
	t.Fatalf("no observer for conn %d", conn)
	return ObserverView{}
}

// TestObserverIdentity checks that views and EntityAt agree with the world
// and that nobody sees itself.
func TestObserverIdentity(t *testing.T) {
	t.Parallel()
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 8)
	for conn := uint32(1); conn <= 5; conn++ {
		w.SpawnPlayer(ecs.SpawnSpec{Conn: conn, UserID: 100 + uint64(conn), Room: 7, Position: mgl32.Vec3{float32(conn), 3, 0}})
	}
	s := New(0)
	if s.Observers() != 0 {
		t.Fatalf("Observers before Update = %d", s.Observers())
	}
	s.Update(w)
	if s.Observers() != 5 {
		t.Fatalf("Observers = %d, want 5", s.Observers())
	}
	for i := 0; i < s.Observers(); i++ {
		v := s.Observer(i)
		e, uid, pos := s.EntityAt(int32(i))
		if e != v.Entity || uid != v.UserID || v.Room != 7 || pos != w.Positions.Get(e).Vec3 {
			t.Errorf("observer %d: view %+v, EntityAt %v %d %v", i, v, e, uid, pos)
		}
		if d, ok := s.DenseOf(e); !ok || d != int32(i) {
			t.Errorf("DenseOf(%v) = %d, %v; want %d", e, d, ok, i)
		}
		if len(v.Visible) != 4 || slices.Contains(v.Visible, int32(i)) {
			t.Errorf("observer %d sees %v, want the 4 others", i, v.Visible)
		}
	}
	if s.Name() != "aoi-grid" {
		t.Errorf("Name = %q", s.Name())
	}
	e, _ := w.EntityOf(3)
	w.DespawnConn(3)
	s.Update(w)
	if _, ok := s.DenseOf(e); ok {
		t.Errorf("DenseOf found despawned entity %v", e)
	}
	for conn := uint32(1); conn <= 5; conn++ {
		w.DespawnConn(conn)
	}
	s.Update(w)
	if s.Observers() != 0 || s.Stats().Left != 0 {
		t.Errorf("empty world: %d observers, stats %+v", s.Observers(), s.Stats())
	}
}

// TestResultsColumns checks Results' shape: one entry per observer in every
// column, list lengths that agree with the lists, and empty columns before
// the first Update.
func TestResultsColumns(t *testing.T) {
	t.Parallel()
	s := New(0)
	var r Results
	s.ResultsInto(&r)
	if len(r.Conn) != 0 || len(r.Visible.Start) != 0 {
		t.Fatalf("before Update: %+v", r)
	}
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 8)
	for conn := uint32(1); conn <= 3; conn++ {
		w.SpawnPlayer(ecs.SpawnSpec{Conn: conn, UserID: uint64(conn), Position: mgl32.Vec3{float32(conn), 0, 0}})
	}
	s.Update(w)
	s.ResultsInto(&r)
	for name, n := range map[string]int{
		"Entity": len(r.Entity), "UserID": len(r.UserID), "Conn": len(r.Conn), "Room": len(r.Room),
		"Visible": len(r.Visible.Start), "Entered": len(r.Entered.End), "Left": len(r.Left.Start),
		"LeftUserIDs": len(r.LeftUserIDs.End),
	} {
		if n != 3 {
			t.Errorf("column %s has %d entries, want 3", name, n)
		}
	}
	for i := range r.Conn {
		if r.Visible.Len(i) != 2 || len(r.Visible.Of(i)) != 2 || r.Entered.Len(i) != 2 {
			t.Errorf("observer %d: visible %v, entered %v; want the 2 others, all new", i, r.Visible.Of(i), r.Entered.Of(i))
		}
		if vis := r.Visible.Of(i); cap(vis) != len(vis) {
			t.Errorf("observer %d: visible list has spare capacity %d", i, cap(vis)-len(vis))
		}
	}
}
