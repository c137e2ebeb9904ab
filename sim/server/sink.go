package server

import (
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/broadcast"
)

// roomSink is the room's broadcast.Sink: it maps deliveries to rudp
// channels and sends through the room.
type roomSink struct{ room *Room }

// Send implements broadcast.Sink.
func (k *roomSink) Send(conn uint32, d broadcast.Delivery, prio wire.Priority, payload []byte) bool {
	ch := rudp.UnreliableSequenced
	if d == broadcast.Reliable {
		ch = rudp.ReliableOrdered
	}
	return k.room.Send(endpoint.ConnID(conn), ch, prio, payload)
}

// pendingSend is a reliable message held because the outbound queue was full.
type pendingSend struct {
	id   endpoint.ConnID
	ch   rudp.Channel
	prio wire.Priority
	buf  []byte
}

// send is Send after the ownership check.
func (r *Room) send(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	s := r.srv
	reliable := ch == rudp.ReliableOrdered || prio == wire.PriorityCritical
	if r.congested && !reliable && prio >= wire.PriorityNormal {
		s.stats.outboundShed[prio].Add(1)
		return false
	}
	if reliable && len(r.pending) > 0 {
		return r.hold(id, ch, prio, payload) // keep reliable messages in order behind the held ones
	}
	if s.tr.Send(id, ch, prio, payload) {
		return true
	}
	r.congested = true
	if !reliable {
		s.stats.outboundShed[prio].Add(1)
		return false
	}
	return r.hold(id, ch, prio, payload)
}

// hold keeps a copy of a reliable message for retry, or kicks the
// connection when the room already holds MaxPendingCritical.
func (r *Room) hold(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	s := r.srv
	if len(r.pending) >= s.cfg.MaxPendingCritical {
		s.stats.criticalKicks.Add(1)
		s.tr.Kick(id, rudp.ReasonServerFull)
		return false
	}
	s.stats.criticalRetried.Add(1)
	r.pending = append(r.pending, pendingSend{id: id, ch: ch, prio: prio, buf: s.getBuf(payload)})
	return true
}

// retryPending resends held reliable messages in order, keeping the ones
// still refused. It runs after each tick, before the tick's own output
// would next be produced.
func (r *Room) retryPending() {
	s := r.srv
	kept := r.pending[:0]
	for i, p := range r.pending {
		if s.owner[p.id].Load() != r.ID+1 {
			s.putBuf(p.buf) // the connection is gone
			continue
		}
		if len(kept) == 0 && s.tr.Send(p.id, p.ch, p.prio, p.buf) {
			s.putBuf(p.buf)
			continue
		}
		kept = append(kept, r.pending[i])
	}
	clear(r.pending[len(kept):])
	r.pending = kept
}
