package aoigrid_test

import (
	"fmt"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// A broadcast system reads each observer's sets after Update; nothing here
// allocates.
func Example() {
	w, _ := ecs.NewWorld(ecs.DefaultConfig(), 4)
	w.SpawnPlayer(ecs.SpawnSpec{Conn: 1, UserID: 100, Position: mgl32.Vec3{100, 0, 100}})
	w.SpawnPlayer(ecs.SpawnSpec{Conn: 2, UserID: 200, Position: mgl32.Vec3{130, 0, 140}}) // exactly 50 away
	w.SpawnPlayer(ecs.SpawnSpec{Conn: 3, UserID: 300, Position: mgl32.Vec3{900, 0, 900}})

	aoi := aoigrid.New(4)
	aoi.Update(w)
	for i := 0; i < aoi.Observers(); i++ {
		v := aoi.Observer(i)
		for _, d := range v.Entered {
			_, uid, pos := aoi.EntityAt(d)
			fmt.Printf("conn %d: user %d entered at %v\n", v.Conn, uid, pos)
		}
	}

	// User 200 walks 54 units away: still visible (leave radius 55).
	e, _ := w.EntityOf(2)
	w.Positions.Get(e).Vec3 = mgl32.Vec3{154, 0, 100}
	aoi.Update(w)
	// Now 56 units away: it leaves.
	w.Positions.Get(e).Vec3 = mgl32.Vec3{156, 0, 100}
	aoi.Update(w)
	for i := 0; i < aoi.Observers(); i++ {
		v := aoi.Observer(i)
		for _, uid := range v.LeftUserIDs {
			fmt.Printf("conn %d: user %d left\n", v.Conn, uid)
		}
	}
	// Unordered output:
	// conn 1: user 200 entered at [130 0 140]
	// conn 2: user 100 entered at [100 0 100]
	// conn 1: user 200 left
	// conn 2: user 100 left
}
