package bots

import (
	"context"
	"time"
)

// Conn is the part of a game client a bot uses. Send methods queue and do not
// block; Poll hands over what arrived since the previous Poll. A Conn is used
// by one goroutine at a time.
type Conn interface {
	// SendPosition sends the bot's claimed position and velocity. skew is
	// added to the timestamp the client would normally put on the input.
	SendPosition(pos, vel Vec3, skew time.Duration) error
	// SendAction sends a player action.
	SendAction(a Action, skew time.Duration) error
	// SendCommand sends a reliable command and returns its id; the reply
	// arrives later as an EventReply carrying the same id.
	SendCommand(name string, params []byte) (id uint32, err error)
	// SendLarge sends a large transfer (fragmented and reliable) and returns
	// its id; EventTransferDone reports the server's confirmation.
	SendLarge(data []byte) (id uint32, err error)
	// SendMedia sends one media frame (unreliable).
	SendMedia(kind MediaKind, data []byte) error
	// SendRaw writes one datagram to the server address as is, bypassing the
	// protocol (for the garbage script).
	SendRaw(datagram []byte) error
	// Poll calls fn for each event received since the previous Poll, in order.
	// The Event and the slices in it are only valid during the call.
	Poll(now time.Duration, fn func(*Event))
	// Self returns the entity id and position the server gave the bot when
	// it joined (the spawn point the bot's first move starts from).
	Self() (id uint64, pos Vec3)
	// Stats returns the connection's counters.
	Stats() ConnStats
	// Close ends the connection politely; further sends fail.
	Close() error
}

// Dialer connects one bot. It returns once the server accepted the bot
// (welcome received) or with an error. userID is unique per bot in a run.
type Dialer func(ctx context.Context, addr string, userID uint64, room uint32) (Conn, error)

// Vec3 is a position or velocity in world units.
type Vec3 [3]float32

// ActionKind names a player action.
type ActionKind uint8

// Action kinds, the same values as the wire protocol's.
const (
	ActMove     ActionKind = 1
	ActAttack   ActionKind = 2
	ActUseItem  ActionKind = 3
	ActInteract ActionKind = 4
	ActCast     ActionKind = 5
)

// Action is one player action; which fields count depends on Kind.
type Action struct {
	Kind ActionKind
	// Direction and Speed for ActMove; Position is the cast target for ActCast.
	Direction, Position Vec3
	Speed               float32
	// Target is the entity attacked, the object interacted with.
	Target uint64
	// Value is the damage, the item id or the skill id.
	Value uint32
}

// MediaKind is the kind of a media frame.
type MediaKind uint8

// Media kinds, the same values as the wire protocol's frame types.
const (
	MediaKey     MediaKind = 1
	MediaPredict MediaKind = 2
	MediaAudio   MediaKind = 3
)

// EventKind says what an Event carries.
type EventKind uint8

// Event kinds.
const (
	// EventSnapshot: one server update carrying Count entity records (and
	// perhaps their states in Entities); Latency is its age on arrival if the
	// client knows it.
	EventSnapshot EventKind = iota + 1
	// EventEnter: entity ID became visible at Entities[0].
	EventEnter
	// EventLeave: entity ID stopped being visible.
	EventLeave
	// EventAction: another player's action (Action, ID is the actor).
	EventAction
	// EventMedia: a relayed media frame from player ID.
	EventMedia
	// EventReply: the reply to command ID (Status, Body).
	EventReply
	// EventTransferDone: large transfer ID was delivered and confirmed.
	EventTransferDone
	// EventRejected: the server rejected Count of our inputs (Reason).
	EventRejected
	// EventSelf: the server's view of our own position (Entities[0]).
	EventSelf
	// EventDisconnect: the connection ended (Reason).
	EventDisconnect
	// EventView: every entity in view now (Entities); it replaces the
	// bot's view and is not counted as an update.
	EventView
)

// Entity is one visible entity in an update.
type Entity struct {
	ID       uint64
	Position Vec3
	Velocity Vec3
}

// Event is one thing a Conn received.
type Event struct {
	Kind     EventKind
	ID       uint64
	Entities []Entity
	Action   Action
	Status   uint8
	Body     []byte
	Count    int
	Reason   string
	Latency  time.Duration
}

// ConnStats are a connection's counters as the client sees them.
type ConnStats struct {
	// RTT is the smoothed round-trip time.
	RTT time.Duration
	// Retransmits counts reliable resends.
	Retransmits uint64
}
