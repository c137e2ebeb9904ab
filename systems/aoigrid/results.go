package aoigrid

import "github.com/tickforge/tickforge/ecs"

// Lists holds one list per observer, packed into one array: observer i's
// list is Items[Start[i]:End[i]].
type Lists[T any] struct {
	Items      []T
	Start, End []int32
}

// Of returns observer i's list, capped at its end so an append cannot
// overwrite the next observer's.
//
// Panics: if i is not an observer index of the Update the lists came from.
func (l *Lists[T]) Of(i int) []T { return l.Items[l.Start[i]:l.End[i]:l.End[i]] }

// Len returns the length of observer i's list.
//
// Panics: if i is not an observer index of the Update the lists came from.
func (l *Lists[T]) Len(i int) int { return int(l.End[i] - l.Start[i]) }

// Results is every observer's result of the last Update at once, as
// columns indexed by observer (dense index): the same values ObserverInto
// writes into a view, field for field. A system that visits every
// observer each tick, as broadcast does, reads them with plain indexing
// instead of building a view per observer. The slices point into the
// System's arrays: read them, do not modify or keep them past the next
// Update. Filling Results allocates nothing.
type Results struct {
	// Entity, UserID, Conn and Room are per observer, as in ObserverView.
	Entity []ecs.Entity
	UserID []uint64
	Conn   []uint32
	Room   []uint32
	// Visible, Entered, Left and LeftUserIDs are per observer the lists of
	// the same names in ObserverView.
	Visible, Entered Lists[int32]
	Left             Lists[ecs.Entity]
	LeftUserIDs      Lists[uint64]
}

// ResultsInto fills r with the results of the last Update. Each column
// has Observers() entries.
func (s *System) ResultsInto(r *Results) {
	c := s.cur
	n := len(c.ent)
	r.Entity, r.UserID, r.Conn, r.Room = c.ent[:n:n], c.uid[:n:n], c.conn[:n:n], c.room[:n:n]
	r.Visible = Lists[int32]{Items: c.vis, Start: c.visStart[:n:n], End: c.visEnd[:n:n]}
	r.Entered = Lists[int32]{Items: s.entered, Start: s.entStart[:n:n], End: s.entEnd[:n:n]}
	r.Left = Lists[ecs.Entity]{Items: s.left, Start: s.leftStart[:n:n], End: s.leftEnd[:n:n]}
	r.LeftUserIDs = Lists[uint64]{Items: s.leftUID, Start: s.leftStart[:n:n], End: s.leftEnd[:n:n]}
}
