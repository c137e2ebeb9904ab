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
	var v ObserverView
	s.ObserverInto(i, &v)
	return v
}

// ObserverInto writes the result of observer i (a dense index) into v, the
// same view Observer returns; a caller that visits every observer each tick
// reuses one view instead of copying a fresh one out per observer.
//
// Panics: if i is not in [0, Observers()).
func (s *System) ObserverInto(i int, v *ObserverView) {
	c := s.cur
	v.Entity, v.UserID, v.Conn, v.Room = c.ent[i], c.uid[i], c.conn[i], c.room[i]
	v.Visible = c.vis[c.visStart[i]:c.visEnd[i]:c.visEnd[i]]
	v.Entered = s.entered[s.entStart[i]:s.entEnd[i]:s.entEnd[i]]
	v.Left = s.left[s.leftStart[i]:s.leftEnd[i]:s.leftEnd[i]]
	v.LeftUserIDs = s.leftUID[s.leftStart[i]:s.leftEnd[i]:s.leftEnd[i]]
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

// Gathered lists the entities of the last Update in the order its query
// visited them (arche's storage order) and, in parallel, their dense
// indices. A system that walks the same entities in storage order (as
// broadcast does) can take each dense index from here with sequential
// reads instead of looking entities up. Read-only; valid until the next
// Update.
func (s *System) Gathered() (entities []ecs.Entity, dense []int32) {
	return s.staged.ent, s.grid.rank
}

// GatheredIndex returns the position in Gathered of the entity at a dense
// index.
//
// Panics: if dense is not in [0, Observers()).
func (s *System) GatheredIndex(dense int32) int32 { return s.grid.order[dense] }

// Stats returns the totals of the last Update.
func (s *System) Stats() Stats { return s.stats }
