package server

import (
	"fmt"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// MessageHandler handles one message of a type the game registered. payload
// is the whole message, type byte first, valid only during the call.
type MessageHandler func(ctx *Context, payload []byte)

// CommandHandler runs a ReliableCommand and returns the reply's status and
// body (at most wire.MaxBytesField bytes; the server copies it). params is
// valid only during the call.
type CommandHandler func(ctx *Context, params []byte) (wire.ReplyStatus, []byte)

// TransferHandler receives a completed LargeDataTransfer; data is the
// handler's to keep.
type TransferHandler func(ctx *Context, transferID uint32, data []byte)

// Context tells a handler who sent a message and lets it answer. The server
// reuses it: do not keep it after the handler returns.
type Context struct {
	// Room is the sender's room.
	Room *Room
	// Conn is the sender's connection.
	Conn endpoint.ConnID
	// UserID is the sender's user id (from its Connect).
	UserID uint64
	// onNetwork is set for Critical handlers, which run on the network goroutine.
	onNetwork bool
}

// World is the room's world, or nil for a Critical handler (which runs on
// the network goroutine and must not touch the world).
func (c *Context) World() *ecs.World {
	if c.onNetwork {
		return nil
	}
	return c.Room.Pipeline.World
}

// Entity is the sender's player entity, if it has one yet (never from a
// Critical handler).
func (c *Context) Entity() (ecs.Entity, bool) {
	if c.onNetwork {
		return ecs.Entity{}, false
	}
	return c.Room.Pipeline.World.EntityOf(uint32(c.Conn))
}

// Reply sends payload (a whole wire message) to the sender.
func (c *Context) Reply(ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	if c.onNetwork {
		return c.Room.srv.tr.Send(c.Conn, ch, prio, payload)
	}
	return c.Room.Send(c.Conn, ch, prio, payload)
}

// messageRoute is a registered game message type.
type messageRoute struct {
	prio    wire.Priority
	handler MessageHandler
}

// registry holds what a game registered. It is written before Run and only
// read after, so the goroutines read it without locks.
type registry struct {
	messages [256]*messageRoute
	commands map[string]CommandHandler
	transfer TransferHandler
}

// HandleMessage registers a game message type (t ≥ wire.FirstApplicationType)
// and the priority it is handled at: Critical at once on the network
// goroutine, High in the room's next tick, Normal and Low in the room's
// Normal batch. Call it before Run.
func (s *Server) HandleMessage(t wire.Type, prio wire.Priority, h MessageHandler) error {
	switch {
	case s.running.Load():
		return fmt.Errorf("server: handle message %#x: %w", uint8(t), ErrRunning)
	case t < wire.FirstApplicationType:
		return fmt.Errorf("server: handle message %#x: %w", uint8(t), ErrReservedType)
	case prio >= wire.NumPriorities:
		return fmt.Errorf("server: handle message %#x: %w", uint8(t), wire.ErrBadPriority)
	case h == nil:
		return fmt.Errorf("server: handle message %#x: %w: nil handler", uint8(t), ErrInvalidConfig)
	case s.reg.messages[t] != nil:
		return fmt.Errorf("server: handle message %#x: %w", uint8(t), ErrDuplicate)
	}
	s.reg.messages[t] = &messageRoute{prio: prio, handler: h}
	return nil
}

// HandleCommand registers a ReliableCommand by name. Commands run on the
// room goroutine in the Normal batch. Call it before Run.
func (s *Server) HandleCommand(name string, h CommandHandler) error {
	switch {
	case s.running.Load():
		return fmt.Errorf("server: handle command %q: %w", name, ErrRunning)
	case name == "" || len(name) > wire.MaxCommandName || h == nil:
		return fmt.Errorf("server: handle command %q: %w: name must be 1..%d bytes and handler set", name, ErrInvalidConfig, wire.MaxCommandName)
	case s.reg.commands[name] != nil:
		return fmt.Errorf("server: handle command %q: %w", name, ErrDuplicate)
	}
	s.reg.commands[name] = h
	return nil
}

// HandleTransfers sets the handler of completed LargeDataTransfers (without
// one, transfers are reassembled and dropped). Call it before Run.
func (s *Server) HandleTransfers(h TransferHandler) error {
	if s.running.Load() {
		return fmt.Errorf("server: handle transfers: %w", ErrRunning)
	}
	s.reg.transfer = h
	return nil
}
