package wire

import "encoding/binary"

// Sizes of the state messages and records, type byte included where a
// message has one.
const (
	// EntityStateSize is the size of one encoded EntityState record.
	EntityStateSize = 8 + 12 + 16 + 12
	// GameStateSyncHeaderSize is the size of a GameStateSync before its
	// records: type, room id, tick, record count.
	GameStateSyncHeaderSize = 1 + 4 + 8 + 2
	// MaxSyncEntities is the most records one GameStateSync may carry; a
	// larger snapshot is split over several messages.
	MaxSyncEntities = 1024
	// EntityEnterSize is the encoded size of an EntityEnter.
	EntityEnterSize = 1 + EntityStateSize
	// EntityLeaveSize is the encoded size of an EntityLeave.
	EntityLeaveSize = 1 + 8
)

// EntityState is one entity's replicated state, a fixed-size record.
// Floats are copied bit for bit; nothing here checks them.
type EntityState struct {
	// UserID is the player the entity belongs to.
	UserID uint64
	// Position is the position (x, y, z) in world units.
	Position [3]float32
	// Rotation is the orientation as a quaternion (x, y, z, w).
	Rotation [4]float32
	// Velocity is the velocity (x, y, z) in units per second.
	Velocity [3]float32
}

// AppendEntityState appends the EntityStateSize-byte record of e to dst.
// The broadcast system encodes each entity once per tick with it and copies
// the bytes into every observer's GameStateSync.
func AppendEntityState(dst []byte, e *EntityState) []byte {
	dst = appendU64(dst, e.UserID)
	dst = appendVec3(dst, e.Position)
	dst = appendQuat(dst, e.Rotation)
	return appendVec3(dst, e.Velocity)
}

// entityState reads one EntityState record.
func (r *reader) entityState() EntityState {
	e := entityStateAt(r.b)
	r.b = r.b[EntityStateSize:]
	return e
}

// entityStateAt decodes the record at the start of p.
func entityStateAt(p []byte) EntityState {
	p = p[:EntityStateSize]
	return EntityState{
		UserID:   binary.LittleEndian.Uint64(p),
		Position: vec3At(p[8:]),
		Rotation: quatAt(p[20:]),
		Velocity: vec3At(p[36:]),
	}
}

// GameStateSync is a room snapshot for one observer: the states of the
// entities it sees. Records holds the encoded records back to back (see
// AppendEntityState), so a decoded message sub-slices the input and a
// sender copies pre-encoded records.
type GameStateSync struct {
	// RoomID is the room the snapshot is of.
	RoomID uint32
	// Tick is the tick the snapshot was taken at.
	Tick uint64
	// Records is Count() encoded EntityState records, EntityStateSize bytes each.
	Records []byte
}

// Count is the number of records in m.
func (m *GameStateSync) Count() int { return len(m.Records) / EntityStateSize }

// Entity decodes record i into e.
//
// Panics: if i is not in [0, m.Count()).
func (m *GameStateSync) Entity(i int, e *EntityState) {
	if i < 0 || i >= m.Count() {
		panic("wire: GameStateSync.Entity: index out of range")
	}
	*e = entityStateAt(m.Records[i*EntityStateSize:])
}

// AppendGameStateSyncHeader appends the part of a GameStateSync before its
// records; the caller then appends exactly count records.
//
// Panics: if count > MaxSyncEntities.
func AppendGameStateSyncHeader(dst []byte, roomID uint32, tick uint64, count int) []byte {
	if count < 0 || count > MaxSyncEntities {
		panic("wire: GameStateSync with more than MaxSyncEntities records")
	}
	dst = append(dst, byte(TypeGameStateSync))
	dst = appendU32(dst, roomID)
	dst = appendU64(dst, tick)
	return appendU16(dst, uint16(count))
}

// AppendGameStateSync appends the encoding of m to dst.
//
// Panics: if len(m.Records) is not a multiple of EntityStateSize or holds
// more than MaxSyncEntities records.
func AppendGameStateSync(dst []byte, m *GameStateSync) []byte {
	if len(m.Records)%EntityStateSize != 0 {
		panic("wire: GameStateSync.Records is not a whole number of records")
	}
	dst = AppendGameStateSyncHeader(dst, m.RoomID, m.Tick, m.Count())
	return append(dst, m.Records...)
}

// DecodeGameStateSync fills m from the message b; m.Records sub-slices b.
// A count above MaxSyncEntities is ErrOutOfRange.
func DecodeGameStateSync(b []byte, m *GameStateSync) error {
	r, err := open(b, TypeGameStateSync, GameStateSyncHeaderSize-1)
	if err != nil {
		return err
	}
	*m = GameStateSync{RoomID: r.u32(), Tick: r.u64()}
	n := int(r.u16())
	if n > MaxSyncEntities {
		return ErrOutOfRange
	}
	if err := r.need(n * EntityStateSize); err != nil {
		return err
	}
	m.Records = r.bytes(n * EntityStateSize)
	return r.end()
}

// EntityEnter tells an observer that an entity became visible, with its
// full state.
type EntityEnter struct {
	// Entity is the entity's state.
	Entity EntityState
}

// AppendEntityEnter appends the encoding of m to dst.
func AppendEntityEnter(dst []byte, m *EntityEnter) []byte {
	return AppendEntityState(append(dst, byte(TypeEntityEnter)), &m.Entity)
}

// DecodeEntityEnter fills m from the message b.
func DecodeEntityEnter(b []byte, m *EntityEnter) error {
	r, err := open(b, TypeEntityEnter, EntityEnterSize-1)
	if err != nil {
		return err
	}
	m.Entity = r.entityState()
	return r.end()
}

// EntityLeave tells an observer that an entity stopped being visible.
type EntityLeave struct {
	// UserID is the player whose entity left.
	UserID uint64
}

// AppendEntityLeave appends the encoding of m to dst.
func AppendEntityLeave(dst []byte, m *EntityLeave) []byte {
	return appendU64(append(dst, byte(TypeEntityLeave)), m.UserID)
}

// DecodeEntityLeave fills m from the message b.
func DecodeEntityLeave(b []byte, m *EntityLeave) error {
	r, err := open(b, TypeEntityLeave, EntityLeaveSize-1)
	if err != nil {
		return err
	}
	m.UserID = r.u64()
	return r.end()
}
