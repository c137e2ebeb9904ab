package ecs

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

func TestStateHashIgnoresCreationOrderButNotState(t *testing.T) {
	build := func(order []uint32) *World {
		w, _ := NewWorld(DefaultConfig(), 0)
		for _, c := range order {
			w.SpawnPlayer(SpawnSpec{Conn: c, UserID: uint64(c) * 7, Position: mgl32.Vec3{float32(c), 0, 3}})
		}
		return w
	}
	h := NewHasher()
	a := h.Hash(build([]uint32{1, 2, 3, 4}))
	b := h.Hash(build([]uint32{4, 2, 3, 1}))
	if a != b {
		t.Fatalf("same state, different creation order: %x vs %x", a, b)
	}
	w := build([]uint32{1, 2, 3, 4})
	e, _ := w.EntityOf(3)
	w.Positions.Get(e).Vec3[1] = 0.0001
	if h.Hash(w) == a {
		t.Fatal("changing a position did not change the hash")
	}
	w2 := build([]uint32{1, 2, 3, 4})
	w2.Time.Tick = 9
	if h.Hash(w2) == a {
		t.Fatal("changing the tick did not change the hash")
	}
	if allocs := testing.AllocsPerRun(10, func() { h.Hash(w) }); allocs != 0 {
		t.Fatalf("Hash allocates %v", allocs)
	}
}
