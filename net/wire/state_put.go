package wire

import (
	"encoding/binary"
	"math"
)

// PutEntityState writes the EntityStateSize-byte record of e into r with
// fixed-offset stores; the bytes are the ones AppendEntityState appends.
// A sender that keeps records in an array of [EntityStateSize]byte encodes
// each one in place with it, without a length check per field.
func PutEntityState(r *[EntityStateSize]byte, e *EntityState) {
	le := binary.LittleEndian
	le.PutUint64(r[0:], e.UserID)
	le.PutUint32(r[8:], math.Float32bits(e.Position[0]))
	le.PutUint32(r[12:], math.Float32bits(e.Position[1]))
	le.PutUint32(r[16:], math.Float32bits(e.Position[2]))
	le.PutUint32(r[20:], math.Float32bits(e.Rotation[0]))
	le.PutUint32(r[24:], math.Float32bits(e.Rotation[1]))
	le.PutUint32(r[28:], math.Float32bits(e.Rotation[2]))
	le.PutUint32(r[32:], math.Float32bits(e.Rotation[3]))
	le.PutUint32(r[36:], math.Float32bits(e.Velocity[0]))
	le.PutUint32(r[40:], math.Float32bits(e.Velocity[1]))
	le.PutUint32(r[44:], math.Float32bits(e.Velocity[2]))
}
