package wire

// PositionUpdateSize is the encoded size of a PositionUpdate, type byte included.
const PositionUpdateSize = 1 + 8 + 12 + 16 + 12 + 4 + 2

// PositionUpdate is a client's claimed movement state. Decoders do not
// reject NaN or infinite floats: judging them is the cheat validator's job.
type PositionUpdate struct {
	// UserID is the player who moves.
	UserID uint64
	// Position is the claimed position (x, y, z) in world units.
	Position [3]float32
	// Rotation is the claimed orientation as a quaternion (x, y, z, w).
	Rotation [4]float32
	// Velocity is the claimed velocity (x, y, z) in units per second.
	Velocity [3]float32
	// Timestamp is the client's send time in ms on the server's timeline.
	Timestamp uint32
	// Sequence is the client's 16-bit input sequence number (wraps).
	Sequence uint16
}

// AppendPositionUpdate appends the encoding of m to dst.
func AppendPositionUpdate(dst []byte, m *PositionUpdate) []byte {
	dst = append(dst, byte(TypePositionUpdate))
	dst = appendU64(dst, m.UserID)
	dst = appendVec3(dst, m.Position)
	dst = appendQuat(dst, m.Rotation)
	dst = appendVec3(dst, m.Velocity)
	dst = appendU32(dst, m.Timestamp)
	return appendU16(dst, m.Sequence)
}

// DecodePositionUpdate fills m from the message b.
func DecodePositionUpdate(b []byte, m *PositionUpdate) error {
	r, err := open(b, TypePositionUpdate, PositionUpdateSize-1)
	if err != nil {
		return err
	}
	*m = PositionUpdate{
		UserID:    r.u64(),
		Position:  r.vec3(),
		Rotation:  r.quat(),
		Velocity:  r.vec3(),
		Timestamp: r.u32(),
		Sequence:  r.u16(),
	}
	return r.end()
}
