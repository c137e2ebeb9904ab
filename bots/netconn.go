package bots

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"

	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
)

// UploadDoneCommand is the command a bot sends right after each upload. It
// travels on the same reliable-ordered channel, so its reply proves the
// server received every chunk before it; any reply status counts.
const UploadDoneCommand = "bots.upload-done"

// ErrSendRefused is returned when the client's outbound queue refused a
// message (full or closed).
var ErrSendRefused = errors.New("send refused")

// maxReplyBody is how much of a command reply body reaches the script.
const maxReplyBody = 64

// NetConfig configures NetDialer. The zero value is ready to use.
type NetConfig struct {
	// Endpoint configures each bot's transport.
	Endpoint endpoint.ClientConfig
	// SpawnWait is how long a new bot waits for the server's snapshot of
	// itself to learn its spawn point. Default 500 ms.
	SpawnWait time.Duration
	// DefaultSpawn is assumed when no snapshot of itself came in time.
	// Default: the seed world's centre on the ground (500, 0, 500).
	DefaultSpawn *Vec3
	// EventQueue is each bot's inbound event capacity, a power of two.
	// Default 1024; events beyond it are dropped and counted.
	EventQueue int
	// TickTime, if set, says when the server started a tick of a room. With
	// the server in the same process it lets bots measure update latency.
	TickTime func(room uint32, tick uint64) (time.Time, bool)
	// Rejected, if set, says how many inputs of a user the server rejected
	// so far; the wire protocol does not tell clients, so only an
	// in-process server can fill this in.
	Rejected func(userID uint64) uint64
}

// NetDialer returns a Dialer that connects bots with the real client over
// UDP.
func NetDialer(cfg NetConfig) Dialer {
	if cfg.SpawnWait == 0 {
		cfg.SpawnWait = 500 * time.Millisecond
	}
	if cfg.DefaultSpawn == nil {
		cfg.DefaultSpawn = &Vec3{500, 0, 500}
	}
	if cfg.EventQueue == 0 {
		cfg.EventQueue = 1024
	}
	return func(ctx context.Context, addr string, userID uint64, room uint32) (Conn, error) {
		return dialNet(ctx, cfg, addr, userID, room)
	}
}

// netEvent is an Event without slices, so it can sit in a lock-free ring.
type netEvent struct {
	kind    EventKind
	id      uint64
	entity  Entity
	action  Action
	status  uint8
	bodyLen uint8
	body    [maxReplyBody]byte
	count   int
	reason  string
	latency time.Duration
}

// netConn is a Conn over client.Client. The client's callbacks run on its
// network goroutine and push into events; Poll runs on the bot's worker.
type netConn struct {
	cfg    NetConfig
	c      *client.Client
	addr   string
	userID uint64
	room   uint32
	events *queue.Ring[netEvent]
	drops  atomic.Uint64

	selfPos  Vec3
	posSeq   uint16
	actSeq   uint16
	raw      *net.UDPConn
	rejected uint64
	ev       netEvent
	pending  []netEvent
	out      Event
	one      [1]Entity
	scratch  []wire.EntityState
	ents     []Entity
	buf      []byte
}

func dialNet(ctx context.Context, cfg NetConfig, addr string, userID uint64, room uint32) (Conn, error) {
	events, err := queue.NewRing[netEvent](cfg.EventQueue)
	if err != nil {
		return nil, fmt.Errorf("bots: event queue: %w", err)
	}
	n := &netConn{cfg: cfg, addr: addr, userID: userID, room: room, events: events}
	opts := client.Options{
		Endpoint: cfg.Endpoint,
		OnEvent:  n.onEvent,
		OnSync:   n.onSync,
		OnMedia:  n.onMedia,
	}
	c, err := client.Dial(ctx, addr, userID, room, opts)
	if err != nil {
		return nil, fmt.Errorf("bots: connect user %d: %w", userID, err)
	}
	n.c = c
	n.selfPos = *cfg.DefaultSpawn
	deadline := time.NewTimer(cfg.SpawnWait)
	defer deadline.Stop()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if self, ok := c.Self(); ok {
			n.selfPos = self.Position
			return n, nil
		}
		select {
		case <-tick.C:
		case <-deadline.C:
			return n, nil
		case <-ctx.Done():
			_ = c.Close()
			return nil, fmt.Errorf("bots: connect user %d: %w", userID, ctx.Err())
		}
	}
}

func (n *netConn) push(e *netEvent) {
	if !n.events.Push(e) {
		n.drops.Add(1)
	}
}

var disconnectNames = [...]string{
	wire.ReasonQuit: "quit", wire.ReasonTimeout: "timeout", wire.ReasonKicked: "kicked",
	wire.ReasonServerShutdown: "server-shutdown", wire.ReasonProtocolError: "protocol-error", wire.ReasonRoomFull: "room-full",
}

// onEvent runs on the network goroutine.
func (n *netConn) onEvent(ev *client.Event) {
	e := netEvent{id: ev.UserID}
	switch ev.Kind {
	case client.EventEnter:
		e.kind = EventEnter
		e.entity = Entity{ID: ev.Entity.UserID, Position: ev.Entity.Position, Velocity: ev.Entity.Velocity}
	case client.EventLeave:
		e.kind = EventLeave
	case client.EventAction:
		e.kind = EventAction
		e.action = Action{Kind: ActionKind(ev.Action.Kind)}
	case client.EventDisconnect:
		e.kind, e.reason = EventDisconnect, "disconnect"
		if int(ev.Reason) < len(disconnectNames) {
			e.reason = disconnectNames[ev.Reason]
		}
	case client.EventClosed:
		e.kind, e.reason = EventDisconnect, "closed:"+ev.CloseReason.String()
	default:
		return
	}
	n.push(&e)
}

// onSync runs on the network goroutine: one snapshot (count and latency).
func (n *netConn) onSync(m *wire.GameStateSync) {
	e := netEvent{kind: EventSnapshot, count: m.Count()}
	if n.cfg.TickTime != nil {
		if at, ok := n.cfg.TickTime(m.RoomID, m.Tick); ok {
			e.latency = max(time.Since(at), 1)
		}
	}
	n.push(&e)
}

// onMedia runs on the network goroutine.
func (n *netConn) onMedia(m *wire.MediaStream) {
	n.push(&netEvent{kind: EventMedia, id: uint64(m.StreamID)})
}

// Poll hands the queued events to fn, preceded by an EventView of every
// visible entity's latest state when a snapshot, enter or leave arrived.
func (n *netConn) Poll(_ time.Duration, fn func(*Event)) {
	n.pending = n.pending[:0]
	viewChanged := false
	for n.events.Pop(&n.ev) {
		n.pending = append(n.pending, n.ev)
		viewChanged = viewChanged || n.ev.kind == EventSnapshot || n.ev.kind == EventEnter || n.ev.kind == EventLeave
	}
	// Rejections first: a kick queued behind them ends the bot.
	if n.cfg.Rejected != nil {
		if r := n.cfg.Rejected(n.userID); r > n.rejected {
			n.out = Event{Kind: EventRejected, Count: int(r - n.rejected), Reason: "server"}
			n.rejected = r
			fn(&n.out)
		}
	}
	if viewChanged {
		n.scratch = n.c.Entities(n.scratch[:0])
		n.ents = n.ents[:0]
		for _, s := range n.scratch {
			n.ents = append(n.ents, Entity{ID: s.UserID, Position: s.Position, Velocity: s.Velocity})
		}
		n.out = Event{Kind: EventView, Entities: n.ents}
		fn(&n.out)
	}
	for i := range n.pending {
		e := &n.pending[i]
		n.out = Event{Kind: e.kind, ID: e.id, Action: e.action, Status: e.status, Body: e.body[:e.bodyLen],
			Reason: e.reason, Count: e.count, Latency: e.latency}
		if e.kind == EventEnter {
			n.one[0] = e.entity
			n.out.Entities = n.one[:]
		}
		fn(&n.out)
	}
}

// Self returns the bot's user id (entities are named by user id) and the
// spawn point learned when it joined.
func (n *netConn) Self() (uint64, Vec3) { return n.userID, n.selfPos }

// Stats returns the transport's smoothed RTT and retransmits.
func (n *netConn) Stats() ConnStats {
	t := n.c.Transport().Stats()
	return ConnStats{RTT: t.SRTT, Retransmits: t.Retransmits}
}
