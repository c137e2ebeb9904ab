package broadcast

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// sendEvents sends the observer's reliable enter and leave events.
func (s *System) sendEvents(v *aoigrid.ObserverView) {
	for _, d := range v.Entered {
		s.buf = append(s.buf[:0], byte(wire.TypeEntityEnter))
		s.buf = append(s.buf, s.records[d][:]...)
		s.emit(v.Conn, Reliable, &s.stats.Enters)
	}
	for _, uid := range v.LeftUserIDs {
		s.buf = wire.AppendEntityLeave(s.buf[:0], &wire.EntityLeave{UserID: uid})
		s.emit(v.Conn, Reliable, &s.stats.Leaves)
	}
}

// sendUpdates packs the observer's visible, changed entities into as few
// GameStateSync payloads as fit the budget, in one pass over its view. The
// payload is built in place in buf, grown once to a full payload.
//
// Every visible record is copied to the write offset, which then advances
// only past the records that go out, so the loop has no data-dependent
// branch. It runs in chunks no longer than the free slots of the payload,
// so the full-payload test is once per chunk, not once per record.
func (s *System) sendUpdates(w *ecs.World, v *aoigrid.ObserverView, perPayload int) {
	const hdr, size = wire.GameStateSyncHeaderSize, wire.EntityStateSize
	full := hdr + perPayload*size
	if cap(s.buf) < full {
		s.buf = make([]byte, 0, full)
	}
	buf, records, advance := s.buf[:full], s.records, s.advance
	n := hdr
	for vis := v.Visible; len(vis) > 0; {
		chunk := vis[:min(len(vis), (full-n)/size)]
		vis = vis[len(chunk):]
		if s.sendsAll {
			for _, d := range chunk {
				*(*record)(buf[n:]) = records[d]
				n += size
			}
		} else {
			for _, d := range chunk {
				*(*record)(buf[n:]) = records[d]
				n += int(advance[d])
			}
		}
		if n == full {
			s.flushSync(w, v, buf, perPayload)
			n = hdr
		}
	}
	if n > hdr {
		s.flushSync(w, v, buf[:n], (n-hdr)/size)
	}
}

// flushSync writes the header, with the record count, in front of the
// payload's records and sends it.
func (s *System) flushSync(w *ecs.World, v *aoigrid.ObserverView, payload []byte, count int) {
	wire.AppendGameStateSyncHeader(payload[:0], v.Room, w.Time.Tick, count)
	s.stats.Records += uint64(count)
	s.stats.Bytes += uint64(len(payload))
	s.buf = payload
	s.emit(v.Conn, Sequenced, &s.stats.Payloads)
}

func (s *System) emit(conn uint32, d Delivery, counter *uint64) {
	if s.sink.Send(conn, d, wire.PriorityHigh, s.buf) {
		*counter++
	} else {
		s.stats.Dropped++
	}
}
