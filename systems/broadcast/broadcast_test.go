package broadcast

import (
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
	"github.com/tickforge/tickforge/systems/interpolate"
)

type sent struct {
	conn     uint32
	delivery Delivery
	prio     wire.Priority
	payload  []byte
}

type recordingSink struct{ out []sent }

func (r *recordingSink) Send(conn uint32, d Delivery, p wire.Priority, b []byte) bool {
	r.out = append(r.out, sent{conn, d, p, append([]byte(nil), b...)})
	return true
}

type rig struct {
	w    *ecs.World
	aoi  *aoigrid.System
	sys  *System
	sink *recordingSink
	ip   *interpolate.System
}

func newRig(t *testing.T) *rig {
	t.Helper()
	w, err := ecs.NewWorld(ecs.DefaultConfig(), 0)
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{w: w, aoi: aoigrid.New(16), sink: &recordingSink{}, ip: interpolate.New()}
	r.sys = New(r.aoi, r.sink)
	return r
}

func (r *rig) tick() {
	r.sink.out = r.sink.out[:0]
	r.w.Time.Tick++
	r.w.Time.Now += r.w.Config.TickDuration()
	r.ip.Update(r.w)
	r.aoi.Update(r.w)
	r.sys.Update(r.w)
}

// moveTo makes e move to p this tick (as an accepted input with no interpolation would).
func (r *rig) moveTo(e ecs.Entity, p mgl32.Vec3) {
	mo := r.w.Motions.Get(e)
	mo.From, mo.Target, mo.Start, mo.Active = p, p, r.w.Time.Now, true
	mo.FromRot, mo.TargetRot = mgl32.QuatIdent(), mgl32.QuatIdent()
}

func (r *rig) to(conn uint32) []sent {
	var out []sent
	for _, s := range r.sink.out {
		if s.conn == conn {
			out = append(out, s)
		}
	}
	return out
}

func TestObserversGetWhatTheySee(t *testing.T) {
	r := newRig(t)
	a, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: 1, UserID: 11, Position: mgl32.Vec3{100, 0, 100}})
	b, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: 2, UserID: 12, Position: mgl32.Vec3{120, 0, 100}})
	r.w.SpawnPlayer(ecs.SpawnSpec{Conn: 3, UserID: 13, Position: mgl32.Vec3{800, 0, 800}})
	r.tick()

	// First tick: 1 and 2 see each other enter, reliably; 3 sees nobody.
	for _, tc := range []struct {
		conn  uint32
		enter uint64
	}{{1, 12}, {2, 11}} {
		var enters int
		for _, s := range r.to(tc.conn) {
			if wire.Type(s.payload[0]) == wire.TypeEntityEnter {
				var m wire.EntityEnter
				if err := wire.DecodeEntityEnter(s.payload, &m); err != nil {
					t.Fatal(err)
				}
				if m.Entity.UserID != tc.enter || s.delivery != Reliable {
					t.Fatalf("conn %d: enter %+v delivery %v", tc.conn, m, s.delivery)
				}
				enters++
			}
		}
		if enters != 1 {
			t.Fatalf("conn %d got %d enters", tc.conn, enters)
		}
	}
	if got := r.to(3); len(got) != 0 {
		t.Fatalf("far player got %d payloads", len(got))
	}

	// b moves: a gets a sequenced GameStateSync with b's new position; b
	// itself and far player 3 get nothing about it.
	r.moveTo(b, mgl32.Vec3{125, 0, 100})
	r.tick()
	var got []wire.EntityState
	for _, s := range r.to(1) {
		if wire.Type(s.payload[0]) != wire.TypeGameStateSync {
			continue
		}
		if s.delivery != Sequenced || s.prio != wire.PriorityHigh {
			t.Fatalf("sync delivery %v prio %v", s.delivery, s.prio)
		}
		var m wire.GameStateSync
		if err := wire.DecodeGameStateSync(s.payload, &m); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < m.Count(); i++ {
			var st wire.EntityState
			m.Entity(i, &st)
			got = append(got, st)
		}
	}
	if len(got) != 1 || got[0].UserID != 12 || got[0].Position != [3]float32{125, 0, 100} {
		t.Fatalf("a received %+v, want b at 125,0,100", got)
	}
	if len(r.to(3)) != 0 {
		t.Fatal("far player received an update")
	}

	// a leaves b's view: b gets a reliable leave for a.
	r.moveTo(a, mgl32.Vec3{300, 0, 300})
	r.tick()
	var leaves int
	for _, s := range r.to(2) {
		if wire.Type(s.payload[0]) == wire.TypeEntityLeave {
			var m wire.EntityLeave
			if err := wire.DecodeEntityLeave(s.payload, &m); err != nil || m.UserID != 11 || s.delivery != Reliable {
				t.Fatalf("leave %+v err %v", m, err)
			}
			leaves++
		}
	}
	if leaves != 1 {
		t.Fatalf("b got %d leaves", leaves)
	}
}

func TestPayloadsFitOneDatagram(t *testing.T) {
	r := newRig(t)
	const n = 120 // all within one AOI radius: each sees 119 others
	var ents []ecs.Entity
	for i := 0; i < n; i++ {
		e, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i + 1), Position: mgl32.Vec3{500 + float32(i%11), 0, 500 + float32(i/11)}})
		ents = append(ents, e)
	}
	r.tick()
	for _, e := range ents {
		p := r.w.Positions.Get(e).Vec3
		r.moveTo(e, p.Add(mgl32.Vec3{0.5, 0, 0}))
	}
	r.tick()
	budget := r.w.Config.MaxPayload - TransportReserve
	records := map[uint32]int{}
	for _, s := range r.sink.out {
		if len(s.payload) > budget {
			t.Fatalf("payload of %d bytes exceeds budget %d", len(s.payload), budget)
		}
		var m wire.GameStateSync
		if err := wire.DecodeGameStateSync(s.payload, &m); err != nil {
			t.Fatalf("payload does not decode: %v", err)
		}
		records[s.conn] += m.Count()
	}
	for c := uint32(0); c < n; c++ {
		if records[c] != n-1 {
			t.Fatalf("conn %d received %d records, want %d", c, records[c], n-1)
		}
	}
}

func TestUpdateAllocatesNothing(t *testing.T) {
	r := newRig(t)
	r.sys = New(r.aoi, &DiscardSink{})
	var ents []ecs.Entity
	for i := 0; i < 500; i++ {
		e, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i + 1), Position: mgl32.Vec3{float32(i * 7 % 400), 0, float32(i * 13 % 400)}})
		ents = append(ents, e)
	}
	step := func() {
		for _, e := range ents {
			r.moveTo(e, r.w.Positions.Get(e).Vec3.Add(mgl32.Vec3{0.1, 0, 0}))
		}
		r.w.Time.Now += time.Millisecond
		r.tick()
	}
	for i := 0; i < 5; i++ {
		step()
	}
	if allocs := testing.AllocsPerRun(20, step); allocs != 0 {
		t.Fatalf("allocs per tick = %v", allocs)
	}
}

// TestRecordsFollowEntitiesWhenStorageOrderChanges removes entities between
// the AOI pass and broadcast, which makes arche move others in storage, so
// broadcast's walk no longer matches the AOI pass's. Every record sent must
// still be the current state of the entity the AOI pass placed there.
func TestRecordsFollowEntitiesWhenStorageOrderChanges(t *testing.T) {
	r := newRig(t)
	const n = 40
	ents := make([]ecs.Entity, n)
	for i := range ents {
		ents[i], _ = r.w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(100 + i),
			Position: mgl32.Vec3{200 + float32(i%7)*4, 0, 200 + float32(i/7)*4}})
	}
	r.tick()
	for i, e := range ents {
		r.moveTo(e, mgl32.Vec3{201 + float32(i%7)*4, 0, 201 + float32(i/7)*4})
	}
	r.sink.out = r.sink.out[:0]
	r.w.Time.Tick++
	r.w.Time.Now += r.w.Config.TickDuration()
	r.ip.Update(r.w)
	r.aoi.Update(r.w)
	gone := map[uint64]bool{}
	for _, c := range []uint32{0, 3, 17} { // arche fills each hole with its last entity
		gone[uint64(100+c)] = true
		r.w.DespawnConn(c)
	}
	r.sys.Update(r.w)

	// What each observer must get: the alive entities the AOI pass showed it.
	want := map[uint32]map[uint64]bool{}
	for o := range r.aoi.Observers() {
		v := r.aoi.Observer(o)
		if gone[v.UserID] {
			continue
		}
		want[v.Conn] = map[uint64]bool{}
		for _, d := range v.Visible {
			if _, uid, _ := r.aoi.EntityAt(d); !gone[uid] {
				want[v.Conn][uid] = true
			}
		}
	}
	got := map[uint32]map[uint64]bool{}
	checked := 0
	for _, s := range r.sink.out {
		if s.delivery != Sequenced {
			continue
		}
		var sync wire.GameStateSync
		if err := wire.DecodeGameStateSync(s.payload, &sync); err != nil {
			t.Fatal(err)
		}
		for i := range sync.Count() {
			var st wire.EntityState
			sync.Entity(i, &st)
			if got[s.conn] == nil {
				got[s.conn] = map[uint64]bool{}
			}
			if got[s.conn][st.UserID] {
				t.Fatalf("conn %d got user %d twice", s.conn, st.UserID)
			}
			got[s.conn][st.UserID] = true
			if gone[st.UserID] {
				t.Fatalf("conn %d got a record of despawned user %d", s.conn, st.UserID)
			}
			e, ok := r.w.EntityOf(uint32(st.UserID - 100))
			if !ok {
				t.Fatalf("record of unknown user %d", st.UserID)
			}
			if want := r.w.Positions.Get(e).Vec3; st.Position != want {
				t.Fatalf("user %d: record position %v, entity is at %v", st.UserID, st.Position, want)
			}
			checked++
		}
	}
	if checked < n*10 {
		t.Fatalf("only %d records checked", checked)
	}
	for conn, uids := range want {
		if len(got[conn]) != len(uids) {
			t.Errorf("conn %d got %d records, AOI shows it %d alive entities", conn, len(got[conn]), len(uids))
		}
		for uid := range uids {
			if !got[conn][uid] {
				t.Errorf("conn %d: no record of visible user %d", conn, uid)
			}
		}
	}
}
