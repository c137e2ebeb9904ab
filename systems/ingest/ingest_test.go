package ingest

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
)

type recorder struct{ kinds []Kind }

func (r *recorder) ObserveEvent(_ uint64, ev *Event) { r.kinds = append(r.kinds, ev.Kind) }

func TestUpdateAppliesEventsInOrder(t *testing.T) {
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 0)
	q := queue.MustRing[Event](64)
	batch := &ecs.InputBatch{}
	s := New(q, batch, 100)
	rec := &recorder{}
	s.SetObserver(rec)
	events := []Event{
		{Kind: KindConnect, Conn: 1, UserID: 10, Spawn: mgl32.Vec3{5, 0, 5}, HasSpawn: true},
		{Kind: KindConnect, Conn: 2, UserID: 20},
		{Kind: KindConnect, Conn: 1, UserID: 99}, // duplicate
		{Kind: KindInput, Conn: 1, Input: ecs.Input{Seq: 7, Position: mgl32.Vec3{6, 0, 5}}},
		{Kind: KindDisconnect, Conn: 2},
		{Kind: KindDisconnect, Conn: 3}, // unknown
		{Kind: 0},                       // garbage kind is ignored
	}
	for i := range events {
		q.Push(&events[i])
	}
	s.Update(w)
	if w.PlayerCount() != 1 {
		t.Fatalf("players = %d, want 1", w.PlayerCount())
	}
	e, ok := w.EntityOf(1)
	if !ok || w.Positions.Get(e).Vec3 != (mgl32.Vec3{5, 0, 5}) || w.Players.Get(e).UserID != 10 {
		t.Fatal("conn 1 not spawned where asked")
	}
	if batch.Len() != 1 || batch.Conn[0] != 1 || batch.Seq[0] != 7 || batch.X[0] != 6 {
		t.Fatalf("batch = %+v", batch)
	}
	st := s.Stats()
	want := Stats{Connects: 2, Disconnects: 1, Inputs: 1, DuplicateConnects: 1, UnknownDisconnects: 1}
	if st != want {
		t.Fatalf("stats = %+v, want %+v", st, want)
	}
	if len(s.Joined()) != 2 || len(s.Left()) != 1 || s.Left()[0] != 2 {
		t.Fatalf("joined %v left %v", s.Joined(), s.Left())
	}
	if len(rec.kinds) != 4 {
		t.Fatalf("observer saw %v, want the 4 applied events", rec.kinds)
	}
	// The next tick starts with an empty batch.
	s.Update(w)
	if batch.Len() != 0 || len(s.Joined()) != 0 {
		t.Fatal("batch or joined not reset")
	}
}

func TestUpdateStopsAtPerTickLimit(t *testing.T) {
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 0)
	q := queue.MustRing[Event](64)
	batch := &ecs.InputBatch{}
	s := New(q, batch, 10)
	for i := 0; i < 25; i++ {
		q.Push(&Event{Kind: KindInput, Conn: 1})
	}
	for _, want := range []int{10, 10, 5, 0} {
		s.Update(w)
		if batch.Len() != want {
			t.Fatalf("batch len %d, want %d", batch.Len(), want)
		}
	}
	if s.Stats().TicksAtLimit != 2 {
		t.Fatalf("ticks at limit = %d", s.Stats().TicksAtLimit)
	}
}
