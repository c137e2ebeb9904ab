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

// Resize sets the batch to n inputs, keeping the first min(n, Len()) and
// reusing the columns' capacity; when n exceeds it, every column grows
// together with room to spare, so steady-state ticks allocate nothing.
// Inputs beyond the old length hold stale values until written with Set.
func (b *InputBatch) Resize(n int) {
	if n > cap(b.Conn) || n > cap(b.Seq) || n > cap(b.Timestamp) || n > cap(b.X) || n > cap(b.Y) ||
		n > cap(b.Z) || n > cap(b.Rot) || n > cap(b.Vel) || n > cap(b.Reason) {
		b.grow(n + n/4 + 16)
	}
	b.Conn, b.Seq, b.Timestamp = b.Conn[:n], b.Seq[:n], b.Timestamp[:n]
	b.X, b.Y, b.Z = b.X[:n], b.Y[:n], b.Z[:n]
	b.Rot, b.Vel, b.Reason = b.Rot[:n], b.Vel[:n], b.Reason[:n]
}

// grow gives every column capacity c, keeping its contents.
func (b *InputBatch) grow(c int) {
	b.Conn = append(make([]uint32, 0, c), b.Conn...)
	b.Seq = append(make([]uint16, 0, c), b.Seq...)
	b.Timestamp = append(make([]uint32, 0, c), b.Timestamp...)
	b.X = append(make([]float32, 0, c), b.X...)
	b.Y = append(make([]float32, 0, c), b.Y...)
	b.Z = append(make([]float32, 0, c), b.Z...)
	b.Rot = append(make([]mgl32.Quat, 0, c), b.Rot...)
	b.Vel = append(make([]mgl32.Vec3, 0, c), b.Vel...)
	b.Reason = append(make([]RejectReason, 0, c), b.Reason...)
}

// Set overwrites input i with in and an undecided verdict; it is Append
// for a batch already sized with Resize.
//
// Panics: if i is not below Len().
func (b *InputBatch) Set(i int, in *Input) {
	b.Conn[i] = in.Conn
	b.Seq[i] = in.Seq
	b.Timestamp[i] = in.Timestamp
	b.X[i], b.Y[i], b.Z[i] = in.Position[0], in.Position[1], in.Position[2]
	b.Rot[i] = in.Rotation
	b.Vel[i] = in.Velocity
	b.Reason[i] = ReasonAccepted
}

// At returns input i as a row.
func (b *InputBatch) At(i int) Input {
	return Input{
		Conn: b.Conn[i], Seq: b.Seq[i], Timestamp: b.Timestamp[i],
		Position: mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]},
		Rotation: b.Rot[i], Velocity: b.Vel[i],
	}
}
