package ingest

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
)

// onlyPop hides a ring's PopBatch, so ingest takes the one-event-at-a-time path.
type onlyPop struct{ r *queue.Ring[Event] }

func (o onlyPop) Pop(ev *Event) bool { return o.r.Pop(ev) }

type eventLog struct{ events []Event }

func (l *eventLog) ObserveEvent(_ uint64, ev *Event) { l.events = append(l.events, *ev) }

// TestBatchedDrainMatchesOneByOne feeds the same random event streams to an
// ingest reading a queue.Ring (batched) and one reading it through Pop only,
// under per-tick limits below, at and above the drain batch size, and
// requires identical batches, stats, joins, leaves, observed events and
// worlds after every tick.
func TestBatchedDrainMatchesOneByOne(t *testing.T) {
	for _, limit := range []int{1, 7, drainBatch - 1, drainBatch, drainBatch + 1, 3 * drainBatch, 5000} {
		rng := rand.New(rand.NewPCG(uint64(limit), 1))
		type side struct {
			w     *ecs.World
			q     *queue.Ring[Event]
			batch *ecs.InputBatch
			s     *System
			log   *eventLog
		}
		var sides [2]side
		for k := range sides {
			w, err := ecs.NewWorld(ecs.DefaultConfig(), 64)
			if err != nil {
				t.Fatal(err)
			}
			q := queue.MustRing[Event](1 << 15) // holds every event of the test
			batch := &ecs.InputBatch{}
			var src Source = q
			if k == 1 {
				src = onlyPop{q}
			}
			sides[k] = side{w: w, q: q, batch: batch, s: New(src, batch, limit), log: &eventLog{}}
			sides[k].s.SetObserver(sides[k].log)
		}
		if sides[0].s.batched == nil || sides[1].s.batched != nil {
			t.Fatal("the ring should be drained in batches and the wrapper one by one")
		}
		for tick := 0; tick < 25; tick++ {
			for n := rng.IntN(1200); n > 0; n-- {
				conn := uint32(rng.IntN(50))
				ev := Event{Kind: KindInput, Conn: conn, Input: ecs.Input{Conn: 999, Seq: uint16(rng.Uint32()),
					Timestamp: rng.Uint32(), Position: mgl32.Vec3{rng.Float32(), rng.Float32(), rng.Float32()},
					Rotation: mgl32.Quat{W: rng.Float32()}, Velocity: mgl32.Vec3{rng.Float32(), 0, 0}}}
				switch rng.IntN(20) {
				case 0:
					ev = Event{Kind: KindConnect, Conn: conn, UserID: rng.Uint64(), Spawn: mgl32.Vec3{1, 0, 2}, HasSpawn: rng.IntN(2) == 0}
				case 1:
					ev = Event{Kind: KindDisconnect, Conn: conn}
				case 2:
					ev.Kind = Kind(rng.IntN(256))
				}
				for k := range sides {
					if !sides[k].q.Push(&ev) {
						t.Fatal("ring full")
					}
				}
			}
			for k := range sides {
				sides[k].w.Time.Tick++
				sides[k].s.Update(sides[k].w)
			}
			a, b := sides[0], sides[1]
			if a.batch.Len() != b.batch.Len() || a.s.Stats() != b.s.Stats() || a.w.PlayerCount() != b.w.PlayerCount() ||
				!slices.Equal(a.s.Joined(), b.s.Joined()) || !slices.Equal(a.s.Left(), b.s.Left()) || !slices.Equal(a.log.events, b.log.events) {
				t.Fatalf("limit %d tick %d: batched %d inputs %+v, one by one %d %+v", limit, tick, a.batch.Len(), a.s.Stats(), b.batch.Len(), b.s.Stats())
			}
			for i := 0; i < a.batch.Len(); i++ {
				if a.batch.At(i) != b.batch.At(i) || a.batch.Reason[i] != b.batch.Reason[i] {
					t.Fatalf("limit %d tick %d input %d: %+v vs %+v", limit, tick, i, a.batch.At(i), b.batch.At(i))
				}
			}
		}
		st := sides[0].s.Stats()
		if st.Inputs == 0 || (limit >= drainBatch && (st.Connects == 0 || st.Disconnects == 0)) || (limit < 1000 && st.TicksAtLimit == 0) {
			t.Fatalf("limit %d: stream did not exercise every path: %+v", limit, st)
		}
	}
}

func TestDrainAllocatesNothingInSteadyState(t *testing.T) {
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 0)
	q := queue.MustRing[Event](4096)
	batch := &ecs.InputBatch{}
	s := New(q, batch, 4096)
	w.SpawnPlayer(ecs.SpawnSpec{Conn: 1})
	run := func() {
		for i := 0; i < 1000; i++ {
			q.Push(&Event{Kind: KindInput, Conn: 1})
		}
		s.Update(w)
	}
	run()
	if allocs := testing.AllocsPerRun(20, run); allocs != 0 {
		t.Fatalf("allocs per tick = %v, want 0", allocs)
	}
}
