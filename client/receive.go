package client

import (
	"sync/atomic"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// Stats counts what the client received.
type Stats struct {
	// Syncs and Records are GameStateSync messages and their entity records.
	Syncs, Records uint64
	// Enters, Leaves and Actions are the events received.
	Enters, Leaves, Actions uint64
	// Replies, Media, Transfers and Application count those messages.
	Replies, Media, Transfers, Application uint64
	// Malformed counts messages that failed to decode.
	Malformed uint64
	// Transport is the connection's rudp counters.
	Transport rudp.Stats
}

type counters struct {
	syncs, records, enters, leaves, actions      atomic.Uint64
	replies, media, transfers, application, junk atomic.Uint64
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats {
	s := &c.stats
	return Stats{
		Syncs: s.syncs.Load(), Records: s.records.Load(), Enters: s.enters.Load(), Leaves: s.leaves.Load(),
		Actions: s.actions.Load(), Replies: s.replies.Load(), Media: s.media.Load(), Transfers: s.transfers.Load(),
		Application: s.application.Load(), Malformed: s.junk.Load(), Transport: c.ep.Stats(),
	}
}

// handler is the Client seen as an endpoint.ClientHandler.
type handler Client

// OnClose implements endpoint.ClientHandler.
func (h *handler) OnClose(reason rudp.CloseReason) {
	c := (*Client)(h)
	c.closeReason.Store(uint32(reason))
	if f := c.opts.OnEvent; f != nil {
		f(&Event{Kind: EventClosed, CloseReason: reason})
	}
}

// OnMessage implements endpoint.ClientHandler.
func (h *handler) OnMessage(_ rudp.Channel, p []byte) {
	c := (*Client)(h)
	if len(p) == 0 {
		return
	}
	var err error
	switch wire.Type(p[0]) {
	case wire.TypeWelcome:
		err = c.onWelcome(p)
	case wire.TypeGameStateSync:
		err = c.onSync(p)
	case wire.TypeEntityEnter:
		var m wire.EntityEnter
		if err = wire.DecodeEntityEnter(p, &m); err == nil {
			c.stats.enters.Add(1)
			c.mu.Lock()
			c.entities[m.Entity.UserID] = m.Entity
			c.mu.Unlock()
			c.emit(&Event{Kind: EventEnter, UserID: m.Entity.UserID, Entity: m.Entity})
		}
	case wire.TypeEntityLeave:
		var m wire.EntityLeave
		if err = wire.DecodeEntityLeave(p, &m); err == nil {
			c.stats.leaves.Add(1)
			c.mu.Lock()
			delete(c.entities, m.UserID)
			c.mu.Unlock()
			c.emit(&Event{Kind: EventLeave, UserID: m.UserID})
		}
	case wire.TypePlayerAction:
		var m wire.PlayerAction
		if err = wire.DecodePlayerAction(p, &m); err == nil {
			c.stats.actions.Add(1)
			c.emit(&Event{Kind: EventAction, UserID: m.UserID, Action: m})
		}
	case wire.TypeCommandReply:
		err = c.onReply(p)
	case wire.TypeLargeDataTransfer:
		err = c.onTransferChunk(p)
	case wire.TypeMediaStream:
		var m wire.MediaStream
		if err = wire.DecodeMediaStream(p, &m); err == nil {
			c.stats.media.Add(1)
			if f := c.opts.OnMedia; f != nil {
				f(&m)
			}
		}
	case wire.TypeDisconnect:
		var m wire.Disconnect
		if err = wire.DecodeDisconnect(p, &m); err == nil {
			select {
			case c.refused <- m.Reason:
			default:
			}
			c.emit(&Event{Kind: EventDisconnect, UserID: m.UserID, Reason: m.Reason})
		}
	default:
		if p[0] >= byte(wire.FirstApplicationType) {
			c.stats.application.Add(1)
			if f := c.opts.OnMessage; f != nil {
				f(p)
			}
			return
		}
		err = wire.ErrUnknownType
	}
	if err != nil {
		c.stats.junk.Add(1)
	}
}

func (c *Client) emit(ev *Event) {
	if f := c.opts.OnEvent; f != nil {
		f(ev)
	}
}

func (c *Client) onWelcome(p []byte) error {
	var m wire.Welcome
	if err := wire.DecodeWelcome(p, &m); err != nil {
		return err
	}
	select {
	case <-c.welcomed:
	default:
		c.welcome = m
		close(c.welcomed)
	}
	return nil
}

// onSync folds a GameStateSync into the entity map; the record with the
// player's own user id updates Self.
func (c *Client) onSync(p []byte) error {
	var m wire.GameStateSync
	if err := wire.DecodeGameStateSync(p, &m); err != nil {
		return err
	}
	c.stats.syncs.Add(1)
	c.stats.records.Add(uint64(m.Count()))
	var e wire.EntityState
	c.mu.Lock()
	for i := 0; i < m.Count(); i++ {
		m.Entity(i, &e)
		if e.UserID == c.userID {
			c.self, c.hasSelf = e, true
			continue
		}
		c.entities[e.UserID] = e
	}
	c.mu.Unlock()
	if f := c.opts.OnSync; f != nil {
		f(&m)
	}
	return nil
}

func (c *Client) onReply(p []byte) error {
	var m wire.CommandReply
	if err := wire.DecodeCommandReply(p, &m); err != nil {
		return err
	}
	c.stats.replies.Add(1)
	c.mu.Lock()
	f := c.replies[m.CommandID]
	delete(c.replies, m.CommandID)
	c.mu.Unlock()
	if f != nil {
		f(&m)
	}
	return nil
}

func (c *Client) onTransferChunk(p []byte) error {
	var m wire.LargeDataTransfer
	if err := wire.DecodeLargeDataTransfer(p, &m); err != nil {
		return err
	}
	data, done, err := c.asm.Add(&m)
	if err != nil || !done {
		return err
	}
	c.stats.transfers.Add(1)
	if f := c.opts.OnTransfer; f != nil {
		f(m.TransferID, data)
	}
	return nil
}
