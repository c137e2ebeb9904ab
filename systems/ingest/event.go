package ingest

import (
	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// Kind says what an Event carries.
type Kind uint8

// The kinds of inbound event.
const (
	// KindConnect asks to spawn a player for a connection.
	KindConnect Kind = iota + 1
	// KindDisconnect removes a connection's player.
	KindDisconnect
	// KindInput is one movement input (a decoded PositionUpdate).
	KindInput
)

// Event is one item of the inbound queue. It is a plain value with no
// pointers, so the queue copies it without allocating.
type Event struct {
	Kind Kind
	// Conn is the network connection the event belongs to.
	Conn uint32
	// UserID and Room identify a connecting player (KindConnect).
	UserID uint64
	Room   uint32
	// Spawn is where a connecting player appears (KindConnect); HasSpawn
	// false means the world's centre on the ground.
	Spawn    mgl32.Vec3
	HasSpawn bool
	// Input is the movement input (KindInput); Input.Conn is ignored in
	// favour of Conn.
	Input ecs.Input
}

// Source is where ingest reads events from; queue.Ring[Event] is one.
type Source interface {
	// Pop removes the oldest event into *ev and reports whether there was one.
	Pop(ev *Event) bool
}

// BatchSource is a Source that can also hand over many events at once, as
// queue.Ring[Event] can. Ingest drains such a source in batches, paying the
// queue's synchronisation once per batch rather than once per event.
type BatchSource interface {
	Source
	// PopBatch removes up to len(dst) of the oldest events into dst, in
	// order, and returns how many; fewer than len(dst) means none are left.
	PopBatch(dst []Event) int
}
