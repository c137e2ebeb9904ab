package broadcast

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// TEMPORARY: the implementation before the rewrite, for side-by-side benchmarks.

// System is the broadcast system.
type legacySystem struct {
	aoi  *aoigrid.System
	sink Sink

	filter  *generic.Filter5[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.Motion]
	records []byte // EntityStateSize bytes per dense index
	send    []bool // per dense index: record goes out this tick
	buf     []byte
	stats   Stats
}

// New returns a broadcast system that reads visibility from aoi and writes to sink.
func newLegacy(aoi *aoigrid.System, sink Sink) *legacySystem {
	return &legacySystem{
		aoi: aoi, sink: sink, buf: make([]byte, 0, wire.MaxDatagram),
		filter: generic.NewFilter5[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.Motion](),
	}
}

// Name implements ecs.System.
func (s *legacySystem) Name() string { return Name }

// Stats returns the counters.
func (s *legacySystem) Stats() Stats { return s.stats }

// Update implements ecs.System.
func (s *legacySystem) Update(w *ecs.World) {
	s.encodeEntities(w)
	budget := w.Config.MaxPayload - TransportReserve
	perPayload := (budget - wire.GameStateSyncHeaderSize) / wire.EntityStateSize
	for i := 0; i < s.aoi.Observers(); i++ {
		v := s.aoi.Observer(i)
		s.sendEvents(&v)
		s.sendUpdates(w, &v, perPayload)
	}
}

// encodeEntities writes every entity's record once, at its AOI dense index,
// and decides which are sent to their observers this tick. It walks arche's
// component arrays in storage order rather than looking entities up.
func (s *legacySystem) encodeEntities(w *ecs.World) {
	n := s.aoi.Observers()
	if cap(s.send) < n {
		s.records = make([]byte, (n+n/4)*wire.EntityStateSize)
		s.send = make([]bool, n+n/4)
	}
	s.records, s.send = s.records[:n*wire.EntityStateSize], s.send[:n]
	clear(s.send)
	tick := w.Time.Tick
	var st wire.EntityState
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		d, ok := s.aoi.DenseOf(q.Entity())
		if !ok {
			continue // spawned after the AOI pass; it is seen from next tick
		}
		pos, rot, vel, pl, mo := q.Get()
		st = wire.EntityState{
			UserID:   pl.UserID,
			Position: pos.Vec3,
			Rotation: [4]float32{rot.V[0], rot.V[1], rot.V[2], rot.W},
			Velocity: vel.Vec3,
		}
		wire.AppendEntityState(s.record(d)[:0], &st)
		s.send[d] = mo.Moved || (pl.UserID+tick)%RefreshTicks == 0
	}
}

func (s *legacySystem) record(d int32) []byte {
	off := int(d) * wire.EntityStateSize
	return s.records[off : off+wire.EntityStateSize]
}

// copyRecord copies record d to dst[0:EntityStateSize] as six 8-byte
// words: for 48 bytes that is a few register moves, where copy calls memmove.
func (s *legacySystem) copyRecord(dst []byte, d int32) {
	off := int(d) * wire.EntityStateSize
	src := s.records[off : off+wire.EntityStateSize : off+wire.EntityStateSize]
	dst = dst[:wire.EntityStateSize:wire.EntityStateSize]
	le := binary.LittleEndian
	le.PutUint64(dst[0:], le.Uint64(src[0:]))
	le.PutUint64(dst[8:], le.Uint64(src[8:]))
	le.PutUint64(dst[16:], le.Uint64(src[16:]))
	le.PutUint64(dst[24:], le.Uint64(src[24:]))
	le.PutUint64(dst[32:], le.Uint64(src[32:]))
	le.PutUint64(dst[40:], le.Uint64(src[40:]))
}

// sendEvents sends the observer's reliable enter and leave events.
func (s *legacySystem) sendEvents(v *aoigrid.ObserverView) {
	for _, d := range v.Entered {
		s.buf = append(s.buf[:0], byte(wire.TypeEntityEnter))
		s.buf = append(s.buf, s.record(d)...)
		s.emit(v.Conn, Reliable, &s.stats.Enters)
	}
	for _, uid := range v.LeftUserIDs {
		s.buf = wire.AppendEntityLeave(s.buf[:0], &wire.EntityLeave{UserID: uid})
		s.emit(v.Conn, Reliable, &s.stats.Leaves)
	}
}

// sendUpdates packs the observer's visible, changed entities into as few
// GameStateSync payloads as fit the budget, in one pass over its view. The
// payload is built in place in buf, grown once to a full payload.
func (s *legacySystem) sendUpdates(w *ecs.World, v *aoigrid.ObserverView, perPayload int) {
	full := wire.GameStateSyncHeaderSize + perPayload*wire.EntityStateSize
	if cap(s.buf) < full {
		s.buf = make([]byte, 0, full)
	}
	buf := s.buf[:full]
	send := s.send
	count, n := 0, wire.GameStateSyncHeaderSize
	for _, d := range v.Visible {
		if !send[d] {
			continue
		}
		s.copyRecord(buf[n:], d)
		n += wire.EntityStateSize
		if count++; count == perPayload {
			s.flushSync(w, v, buf[:n], count)
			count, n = 0, wire.GameStateSyncHeaderSize
		}
	}
	if count > 0 {
		s.flushSync(w, v, buf[:n], count)
	}
}

// flushSync writes the header, with the record count, in front of the
// payload's records and sends it.
func (s *legacySystem) flushSync(w *ecs.World, v *aoigrid.ObserverView, payload []byte, count int) {
	wire.AppendGameStateSyncHeader(payload[:0], v.Room, w.Time.Tick, count)
	s.stats.Records += uint64(count)
	s.stats.Bytes += uint64(len(payload))
	s.buf = payload
	s.emit(v.Conn, Sequenced, &s.stats.Payloads)
}

func (s *legacySystem) emit(conn uint32, d Delivery, counter *uint64) {
	if s.sink.Send(conn, d, wire.PriorityHigh, s.buf) {
		*counter++
	} else {
		s.stats.Dropped++
	}
}

// TestMatchesLegacy is TEMPORARY: it runs the new and the old system side by
// side on random worlds and compares everything they send.
func TestMatchesLegacy(t *testing.T) {
	for seed := uint64(0); seed < 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		cfg := ecs.DefaultConfig()
		cfg.WorldMax = mgl32.Vec3{300, 100, 300}
		cfg.MaxPayload = 256 + rng.IntN(945)
		cfg.AOIMaxVisible = 1 + rng.IntN(150)
		cfg.AOIRadius = 10 + rng.Float32()*60
		w, err := ecs.NewWorld(cfg, 0)
		if err != nil {
			t.Fatal(err)
		}
		aoi := aoigrid.New(16)
		hn, ho := &hashingSink{h: sha256.New(), dropEvery: int(seed % 5)}, &hashingSink{h: sha256.New(), dropEvery: int(seed % 5)}
		sn, so := New(aoi, hn), newLegacy(aoi, ho)
		n := 1 + rng.IntN(300)
		moveP := rng.IntN(11)
		conn := uint32(0)
		for tick := 0; tick < 40; tick++ {
			w.Time.Tick += uint64(1 + rng.IntN(3))
			for range rng.IntN(n/4 + 2) {
				if w.PlayerCount() < n {
					w.SpawnPlayer(ecs.SpawnSpec{Conn: conn, UserID: rng.Uint64(), Room: uint32(rng.IntN(3)),
						Position: mgl32.Vec3{rng.Float32() * 300, 0, rng.Float32() * 300}})
					conn++
				} else {
					w.DespawnConn(uint32(rng.IntN(int(conn))))
				}
			}
			for c := range conn {
				e, ok := w.EntityOf(c)
				if !ok {
					continue
				}
				mo := w.Motions.Get(e)
				mo.Moved = rng.IntN(10) < moveP
				if mo.Moved {
					p := w.Positions.Get(e)
					p.Vec3[0] = min(max(p.Vec3[0]+rng.Float32()*20-10, 0), 300)
					p.Vec3[2] = min(max(p.Vec3[2]+rng.Float32()*20-10, 0), 300)
					w.Velocities.Get(e).Vec3 = mgl32.Vec3{rng.Float32(), rng.Float32(), rng.Float32()}
				}
			}
			aoi.Update(w)
			if rng.IntN(4) == 0 {
				w.SpawnPlayer(ecs.SpawnSpec{Conn: conn, UserID: rng.Uint64(), Position: mgl32.Vec3{1, 0, 1}})
				conn++
			}
			so.Update(w)
			sn.Update(w)
			if a, b := hex.EncodeToString(hn.h.Sum(nil)), hex.EncodeToString(ho.h.Sum(nil)); a != b || sn.Stats() != so.Stats() {
				t.Fatalf("seed %d tick %d: new %s %+v, old %s %+v", seed, tick, a, sn.Stats(), b, so.Stats())
			}
		}
	}
}
