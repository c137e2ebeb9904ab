package ecs

import "github.com/go-gl/mathgl/mgl32"

// RejectReason says why validate-cheat refused an input. Zero means accepted.
type RejectReason uint8

// The reasons an input is refused. ReasonStale is not cheating: an input
// older than the newest accepted one is dropped without a strike.
const (
	ReasonAccepted RejectReason = iota
	ReasonStale
	ReasonNonFinite
	ReasonFuture
	ReasonOutOfBounds
	ReasonSpeed
	ReasonRate
	ReasonUnknownPlayer
	// NumReasons is the number of reasons, for sizing counter arrays.
	NumReasons
)

var reasonNames = [NumReasons]string{"accepted", "stale", "non_finite", "future_timestamp", "out_of_bounds", "speed", "rate", "unknown_player"}

// String returns the reason's snake_case name, as used in logs and metrics.
func (r RejectReason) String() string {
	if r < NumReasons {
		return reasonNames[r]
	}
	return "unknown"
}

// InputBatch is the tick's decoded movement inputs as a structure of arrays,
// filled by ingest and judged by validate-cheat. Every slice has Len() entries.
// The batch keeps its capacity between ticks, so steady-state ticks allocate
// nothing.
type InputBatch struct {
	// Conn is the connection each input came from.
	Conn []uint32
	// Seq is the client's 16-bit input sequence number.
	Seq []uint16
	// Timestamp is the client's send time in ms on the server's timeline.
	Timestamp []uint32
	// X, Y, Z is the claimed position.
	X, Y, Z []float32
	// Rot is the claimed orientation.
	Rot []mgl32.Quat
	// Vel is the claimed velocity.
	Vel []mgl32.Vec3
	// Reason is the verdict, written by validate-cheat.
	Reason []RejectReason
}

// Input is one movement input, the unit InputBatch stores column-wise.
type Input struct {
	Conn      uint32
	Seq       uint16
	Timestamp uint32
	Position  mgl32.Vec3
	Rotation  mgl32.Quat
	Velocity  mgl32.Vec3
}

// Len is the number of inputs in the batch.
func (b *InputBatch) Len() int { return len(b.Conn) }

// Reset empties the batch and keeps its capacity.
func (b *InputBatch) Reset() {
	b.Conn, b.Seq, b.Timestamp = b.Conn[:0], b.Seq[:0], b.Timestamp[:0]
	b.X, b.Y, b.Z = b.X[:0], b.Y[:0], b.Z[:0]
	b.Rot, b.Vel, b.Reason = b.Rot[:0], b.Vel[:0], b.Reason[:0]
}

// Append adds one input with an undecided verdict.
func (b *InputBatch) Append(in Input) {
	b.Conn = append(b.Conn, in.Conn)
	b.Seq = append(b.Seq, in.Seq)
	b.Timestamp = append(b.Timestamp, in.Timestamp)
	b.X = append(b.X, in.Position[0])
	b.Y = append(b.Y, in.Position[1])
	b.Z = append(b.Z, in.Position[2])
	b.Rot = append(b.Rot, in.Rotation)
	b.Vel = append(b.Vel, in.Velocity)
	b.Reason = append(b.Reason, ReasonAccepted)
}

// At returns input i as a row.
func (b *InputBatch) At(i int) Input {
	return Input{
		Conn: b.Conn[i], Seq: b.Seq[i], Timestamp: b.Timestamp[i],
		Position: mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]},
		Rotation: b.Rot[i], Velocity: b.Vel[i],
	}
}
