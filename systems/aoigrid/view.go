package aoigrid

import (
	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// ObserverView is one observer's result for the current tick. Its slices
// point into the System's arrays: read them, do not modify or keep them past
// the next Update. Building a view allocates nothing.
type ObserverView struct {
	// Entity is the observer's own entity.
	Entity ecs.Entity
	// UserID, Conn and Room are copied from the observer's ecs.Player.
	UserID uint64
	Conn   uint32
	Room   uint32
	// Visible holds the dense indices (see System.EntityAt) of the entities
	// the observer sees this tick, in a deterministic but unspecified order.
	Visible []int32
	// Entered is the subset of Visible that the observer did not see last tick.
	Entered []int32
	// Left holds the entities the observer saw last tick and does not see
	// now, including entities that no longer exist; LeftUserIDs[i] is the
	// UserID Left[i] had last tick.
	Left        []ecs.Entity
	LeftUserIDs []uint64
}

// Stats summarises the last Update.
type Stats struct {
	// Observers is the number of player entities.
	Observers int
	// Visible, Entered and Left are the totals over all observers.
	Visible, Entered, Left int
	// Capped is the number of observers whose set was cut to AOIMaxVisible.
	Capped int
	// CellSize is the grid's cell edge (AOIRadius unless the world is too
	// large and sparse for the cell budget); Cells is the grid's cell count.
	CellSize float32
	Cells    int
}

// Observers is the number of observers (every player entity) of the last
// Update. Observer indices and dense indices run from 0 to Observers()-1.
func (s *System) Observers() int { return len(s.cur.ent) }

// Observer returns the result of observer i (a dense index).
//
// Panics: if i is not in [0, Observers()).
func (s *System) Observer(i int) ObserverView {
	c := s.cur
	return ObserverView{
		Entity:      c.ent[i],
		UserID:      c.uid[i],
		Conn:        c.conn[i],
		Room:        c.room[i],
		Visible:     c.vis[c.visStart[i]:c.visEnd[i]:c.visEnd[i]],
		Entered:     s.entered[s.entStart[i]:s.entEnd[i]:s.entEnd[i]],
		Left:        s.left[s.leftStart[i]:s.leftEnd[i]:s.leftEnd[i]],
		LeftUserIDs: s.leftUID[s.leftStart[i]:s.leftEnd[i]:s.leftEnd[i]],
	}
}

// EntityAt returns the entity at a dense index, its UserID and its position
// as of the last Update.
//
// Panics: if dense is not in [0, Observers()).
func (s *System) EntityAt(dense int32) (e ecs.Entity, userID uint64, pos mgl32.Vec3) {
	c := s.cur
	return c.ent[dense], c.uid[dense], c.pos[dense]
}

// DenseOf returns e's dense index in the last Update, or false if e was not
// a player entity then.
func (s *System) DenseOf(e ecs.Entity) (int32, bool) {
	d := s.cur.lookup(e)
	return d, d >= 0
}

// Stats returns the totals of the last Update.
func (s *System) Stats() Stats { return s.stats }
