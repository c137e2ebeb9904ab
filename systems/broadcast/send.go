package broadcast

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
)

// sendEvents sends an observer on conn its reliable enter and leave events.
func (s *System) sendEvents(conn uint32, entered []int32, leftUserIDs []uint64) {
	for _, d := range entered {
		// An EntityEnter is the type byte and the entity's record.
		s.enter[0] = byte(wire.TypeEntityEnter)
		*(*record)(s.enter[1:]) = s.records[d]
		s.emit(conn, Reliable, s.enter[:], &s.stats.Enters)
	}
	for _, uid := range leftUserIDs {
		s.leave = wire.AppendEntityLeave(s.leave[:0], &wire.EntityLeave{UserID: uid})
		s.emit(conn, Reliable, s.leave, &s.stats.Leaves)
	}
}

// prepareSync sizes the GameStateSync buffer for perPayload records, at
// least one: a MaxPayload too small for a record (Config.Validate rejects
// it) still sends every record, one per payload.
func (s *System) prepareSync(perPayload int) {
	perPayload = max(perPayload, 1)
	if len(s.slots) == perPayload {
		return
	}
	s.sync = make([]byte, wire.GameStateSyncHeaderSize+perPayload*wire.EntityStateSize)
	s.slots = recordSlots(s.sync, wire.GameStateSyncHeaderSize, perPayload)
}

// sendUpdates packs the visible, changed entities of an observer on conn in
// room into as few GameStateSync payloads of len(s.slots) records as it
// can, in one pass over the list, copying each record straight into the
// payload's slots. It gathers in chunks no longer than the payload's free
// slots, so the full-payload test is once per chunk, not once per record.
func (s *System) sendUpdates(w *ecs.World, conn, room uint32, visible []int32) {
	slots, count := s.slots, 0
	for vis := visible; len(vis) > 0; {
		chunk := vis[:min(len(vis), len(slots)-count)]
		vis = vis[len(chunk):]
		if s.sendsAll {
			gatherAll(slots[count:], s.records, chunk)
			count += len(chunk)
		} else {
			count += gatherSending(slots[count:], s.records, s.sends, chunk)
		}
		if count == len(slots) {
			s.flushSync(w, conn, room, count)
			count = 0
		}
	}
	if count > 0 {
		s.flushSync(w, conn, room, count)
	}
}

// flushSync writes the header, with the record count, in front of the
// payload's first count records and sends it.
func (s *System) flushSync(w *ecs.World, conn, room uint32, count int) {
	payload := s.sync[:wire.GameStateSyncHeaderSize+count*wire.EntityStateSize]
	wire.AppendGameStateSyncHeader(payload[:0], room, w.Time.Tick, count)
	s.stats.Records += uint64(count)
	s.stats.Bytes += uint64(len(payload))
	s.emit(conn, Sequenced, payload, &s.stats.Payloads)
}

// emit sends payload and counts it in counter, or as dropped.
func (s *System) emit(conn uint32, d Delivery, payload []byte, counter *uint64) {
	if s.sink.Send(conn, d, wire.PriorityHigh, payload) {
		*counter++
	} else {
		s.stats.Dropped++
	}
}
