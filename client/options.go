package client

import (
	"errors"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// Sentinel errors callers test with errors.Is.
var (
	// ErrRefused: the server refused to admit the player (room limit or full).
	ErrRefused = errors.New("client: refused by server")
	// ErrClosed: the connection is closed.
	ErrClosed = errors.New("client: closed")
	// ErrQueueFull: the outbound queue had no room for the message.
	ErrQueueFull = errors.New("client: outbound queue full")
)

// EventKind says what an Event reports.
type EventKind uint8

// The events a client reports.
const (
	// EventEnter: an entity came into view (Entity).
	EventEnter EventKind = iota + 1
	// EventLeave: an entity left the view (UserID).
	EventLeave
	// EventAction: a player in view acted (Action).
	EventAction
	// EventDisconnect: the server said the player is removed (Reason).
	EventDisconnect
	// EventClosed: the connection ended (CloseReason).
	EventClosed
)

// Event is one thing the server told the client.
type Event struct {
	Kind        EventKind
	UserID      uint64
	Entity      wire.EntityState
	Action      wire.PlayerAction
	Reason      wire.DisconnectReason
	CloseReason rudp.CloseReason
}

// Options configures Dial. Every callback is optional.
type Options struct {
	// Endpoint configures the transport.
	Endpoint endpoint.ClientConfig
	// OnEvent receives enter, leave, action, disconnect and close events.
	OnEvent func(ev *Event)
	// OnSync receives each GameStateSync after the entity map is updated;
	// m.Records is valid only during the call.
	OnSync func(m *wire.GameStateSync)
	// OnMedia receives relayed MediaStream frames (FrameData valid during the call).
	OnMedia func(m *wire.MediaStream)
	// OnTransfer receives completed LargeDataTransfers; data is the callee's.
	OnTransfer func(transferID uint32, data []byte)
	// OnMessage receives game message types (≥ wire.FirstApplicationType),
	// payload valid during the call.
	OnMessage func(payload []byte)
	// MaxTransferBytes caps an incoming transfer (default 1 MiB).
	MaxTransferBytes int
}
