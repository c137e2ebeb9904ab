package server

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/systems/actions"
	"github.com/tickforge/tickforge/systems/broadcast"
)

// DiscardTransport is a Transport that accepts and drops everything. A
// server built with NewWithTransport(cfg, DiscardTransport{}) replays
// recordings without a socket.
type DiscardTransport struct{}

// Send implements Transport; it drops the message.
func (DiscardTransport) Send(endpoint.ConnID, rudp.Channel, wire.Priority, []byte) bool { return true }

// Kick implements Transport; it does nothing.
func (DiscardTransport) Kick(endpoint.ConnID, rudp.CloseReason) bool { return true }

// replayActions is the actions system's Source in a replay: the tick's
// recorded actions, in order.
type replayActions struct {
	items []actions.Action
	next  int
}

// Pop implements actions.Source; after the last action it resets for the next tick.
func (s *replayActions) Pop(a *actions.Action) bool {
	if s.next >= len(s.items) {
		s.items, s.next = s.items[:0], 0
		return false
	}
	*a = s.items[s.next]
	s.next++
	return true
}

// NewReplayer replays a recording of one of s's rooms (made with
// Config.Record). It builds a room around the replay pipeline as newRoom
// does — the room-events and actions systems after ingest, with the
// action rules from the recording's header and Config.Actions.Validate,
// then Config.RoomSetup — and before each tick feeds back the actions and
// handled room events the live tick consumed. Handlers see a Room whose
// sends go nowhere. opts.Configure and opts.BeforeTick run after the
// room's own. Build s with NewWithTransport(cfg, DiscardTransport{}) and
// register the game's handlers on it first.
func (s *Server) NewReplayer(rd *record.Reader, opts record.ReplayOptions) (*record.Replayer, error) {
	h := rd.Header()
	acfg := s.cfg.Actions
	if len(h.Meta.App) > 0 {
		var app appMeta
		if err := json.Unmarshal(h.Meta.App, &app); err != nil {
			return nil, fmt.Errorf("server: replay: header's app settings: %w", err)
		}
		acfg = app.Actions.apply(acfg)
	}
	r := &Room{ID: h.Meta.Room, srv: s, capacity: h.Meta.Capacity, actionCfg: acfg}
	r.sink.room = r
	r.evsys.replaying = true
	src := &replayActions{}
	configure, before := opts.Configure, opts.BeforeTick
	opts.Configure = func(p *sim.Pipeline) error {
		r.Pipeline = p
		if err := r.addSystems(src, &broadcast.DiscardSink{}); err != nil {
			return err
		}
		if setup := s.cfg.RoomSetup; setup != nil {
			if err := setup(r); err != nil {
				return fmt.Errorf("server: replay room %d setup: %w", r.ID, err)
			}
		}
		if configure != nil {
			return configure(p)
		}
		return nil
	}
	opts.BeforeTick = func(p *sim.Pipeline, t *record.Tick) {
		for i := range t.App {
			r.feed(src, &t.App[i])
		}
		if before != nil {
			before(p, t)
		}
	}
	return record.NewReplayer(rd, opts)
}

// feed queues one recorded application record for the coming tick.
// Records that do not decode are skipped (the reader has already checked
// the chunk's CRC, so they come from a newer or buggy writer); a
// divergence will name the tick if they mattered.
func (r *Room) feed(src *replayActions, a *record.AppRecord) {
	b := a.Data
	switch a.Channel {
	case AppChannelAction:
		if len(b) < 4 {
			return
		}
		var act actions.Action
		act.Conn = binary.LittleEndian.Uint32(b)
		if wire.DecodePlayerAction(b[4:], &act.Msg) != nil {
			return
		}
		src.items = append(src.items, act)
	case AppChannelEvent:
		if len(b) < eventRecordHeader {
			return
		}
		e := roomEvent{
			kind: eventKind(b[0]), typ: wire.Type(b[1]), owned: true,
			conn:       endpoint.ConnID(binary.LittleEndian.Uint32(b[2:])),
			userID:     binary.LittleEndian.Uint64(b[6:]),
			transferID: binary.LittleEndian.Uint32(b[14:]),
			buf:        b[eventRecordHeader:], // valid until the reader's next tick, after this one ran
		}
		if e.kind == evTransfer {
			e.buf = bytes.Clone(e.buf) // a transfer handler may keep its data
		}
		r.evsys.replayed = append(r.evsys.replayed, e)
	}
}
