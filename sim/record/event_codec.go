package record

import (
	"encoding/binary"
	"math"
	"slices"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/ingest"
)

// tickHeaderSize is the fixed header of every tick record in a chunk:
//
//	0  u64 tick number
//	8  i64 simulation time (ns) the tick ran at
//	16 u64 state hash after the tick
//	24 u32 number of events
//	28 u8  flags (bit 0: a snapshot follows the events)
const tickHeaderSize = 29

// flagSnapshot marks a tick record followed by an entity snapshot.
const flagSnapshot = 1

// kindApp tags an application record in a tick's event list; ingest's
// kinds are 1 to 3.
const kindApp = 4

// maxAppRecord bounds one application record's data.
const maxAppRecord = 1 << 20

// AppRecord is an application-defined record stored in a tick, such as a
// game action consumed outside ingest. Data is only valid until the next
// Reader.Next.
type AppRecord struct {
	// Channel is the application's own tag for the record.
	Channel uint8
	// After is the number of the tick's ingest events recorded before it.
	After int
	// Data is the record's bytes.
	Data []byte
}

// appendApp encodes an application record: u8 4, u8 channel, uvarint
// length, bytes.
func appendApp(b []byte, channel uint8, data []byte) []byte {
	b = append(b, kindApp, channel)
	b = binary.AppendUvarint(b, uint64(len(data)))
	return append(b, data...)
}

// readApp decodes an application record after its kind byte.
func readApp(c *cursor, rec *AppRecord) {
	rec.Channel = c.u8()
	n := c.uvarint()
	if n > maxAppRecord {
		c.bad = true
		return
	}
	rec.Data = c.take(int(n))
}

// putTickHeader fills a reserved tick header.
func putTickHeader(b []byte, tick uint64, now time.Duration, hash ecs.StateHash, events uint32, flags uint8) {
	_ = b[tickHeaderSize-1]
	binary.LittleEndian.PutUint64(b[0:], tick)
	binary.LittleEndian.PutUint64(b[8:], uint64(now))
	binary.LittleEndian.PutUint64(b[16:], uint64(hash))
	binary.LittleEndian.PutUint32(b[24:], events)
	b[28] = flags
}

// appendEvent encodes ev, one of the three kinds, for a tick whose time in
// milliseconds is nowMS:
//
//	connect    u8 1, uvarint conn, u64 user, u32 room, u8 has_spawn, 3×f32 spawn
//	disconnect u8 2, uvarint conn
//	input      u8 3, uvarint conn, u16 seq, varint (timestamp − nowMS as int32),
//	           3×f32 position, 4×f32 rotation (x y z w), 3×f32 velocity
//
// Floats are stored as their exact bits, NaN payloads included.
func appendEvent(b []byte, ev *ingest.Event, nowMS uint32) []byte {
	if ev.Kind == ingest.KindInput {
		return appendInput(b, ev, nowMS)
	}
	b = append(b, uint8(ev.Kind))
	b = binary.AppendUvarint(b, uint64(ev.Conn))
	switch ev.Kind {
	case ingest.KindConnect:
		b = binary.LittleEndian.AppendUint64(b, ev.UserID)
		b = binary.LittleEndian.AppendUint32(b, ev.Room)
		b = appendBool(b, ev.HasSpawn)
		b = appendVec(b, ev.Spawn[:])
	}
	return b
}

// maxInputSize bounds an encoded input event: kind, uvarint conn (≤ 5),
// u16 seq, varint time delta of an int32 (≤ 5), 10 floats.
const maxInputSize = 1 + 5 + 2 + 5 + 10*4

// appendInput is appendEvent for an input, the event of almost every
// tick: it reserves the largest size once and stores at offsets instead
// of growing b field by field (the recorder calls it on the tick
// goroutine ~10,000 times a tick in the city scenario).
func appendInput(b []byte, ev *ingest.Event, nowMS uint32) []byte {
	n := len(b)
	b = slices.Grow(b, maxInputSize)[:n+maxInputSize]
	o := b[n:]
	o[0] = uint8(ingest.KindInput)
	k := 1 + binary.PutUvarint(o[1:], uint64(ev.Conn))
	in := &ev.Input
	binary.LittleEndian.PutUint16(o[k:], in.Seq)
	k += 2
	k += binary.PutVarint(o[k:], int64(int32(in.Timestamp-nowMS)))
	f := o[k : k+40]
	le := binary.LittleEndian
	le.PutUint32(f[0:], math.Float32bits(in.Position[0]))
	le.PutUint32(f[4:], math.Float32bits(in.Position[1]))
	le.PutUint32(f[8:], math.Float32bits(in.Position[2]))
	le.PutUint32(f[12:], math.Float32bits(in.Rotation.V[0]))
	le.PutUint32(f[16:], math.Float32bits(in.Rotation.V[1]))
	le.PutUint32(f[20:], math.Float32bits(in.Rotation.V[2]))
	le.PutUint32(f[24:], math.Float32bits(in.Rotation.W))
	le.PutUint32(f[28:], math.Float32bits(in.Velocity[0]))
	le.PutUint32(f[32:], math.Float32bits(in.Velocity[1]))
	le.PutUint32(f[36:], math.Float32bits(in.Velocity[2]))
	return b[:n+k+40]
}

// readEvent decodes one event written by appendEvent into ev.
func readEvent(c *cursor, ev *ingest.Event, nowMS uint32) {
	*ev = ingest.Event{Kind: ingest.Kind(c.u8())}
	conn := c.uvarint()
	if conn > math.MaxUint32 {
		c.bad = true
	}
	ev.Conn = uint32(conn)
	switch ev.Kind {
	case ingest.KindConnect:
		ev.UserID = c.u64()
		ev.Room = c.u32()
		ev.HasSpawn = c.bool()
		c.vec(ev.Spawn[:])
	case ingest.KindDisconnect:
	case ingest.KindInput:
		in := &ev.Input
		in.Conn = ev.Conn
		in.Seq = c.u16()
		d := c.varint()
		if d < math.MinInt32 || d > math.MaxInt32 {
			c.bad = true
		}
		in.Timestamp = nowMS + uint32(int32(d))
		c.vec(in.Position[:])
		c.vec(in.Rotation.V[:])
		in.Rotation.W = c.f32()
		c.vec(in.Velocity[:])
	default:
		c.bad = true
	}
}
