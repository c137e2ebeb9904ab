package record

import (
	"encoding/binary"
	"slices"
	"time"

	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
)

// EntityState is one player entity's simulated state: every field the
// state hash covers, plus Motion.Moved. Snapshots, diffs and the JSONL
// export use it.
type EntityState struct {
	Conn              uint32        `json:"conn"`
	UserID            uint64        `json:"user_id"`
	Room              uint32        `json:"room"`
	Position          [3]float32    `json:"pos"`
	Rotation          [4]float32    `json:"rot"` // x, y, z, w
	Velocity          [3]float32    `json:"vel"`
	HP                int32         `json:"hp"`
	LastSeq           uint16        `json:"last_seq"`
	HasSeq            bool          `json:"has_seq"`
	Kick              bool          `json:"kick"`
	AnchorPos         [3]float32    `json:"anchor_pos"`
	AnchorTS          uint32        `json:"anchor_ts"`
	PendingPos        [3]float32    `json:"pending_pos"`
	PendingTS         uint32        `json:"pending_ts"`
	LastTS            uint32        `json:"last_ts"`
	RateTokens        float32       `json:"rate_tokens"`
	RateRefilledAt    time.Duration `json:"rate_refilled_at_ns"`
	Strikes           uint16        `json:"strikes"`
	StrikeWindowStart time.Duration `json:"strike_window_start_ns"`
	From              [3]float32    `json:"motion_from"`
	FromRot           [4]float32    `json:"motion_from_rot"`
	Target            [3]float32    `json:"motion_target"`
	TargetRot         [4]float32    `json:"motion_target_rot"`
	TargetVel         [3]float32    `json:"motion_target_vel"`
	MotionStart       time.Duration `json:"motion_start_ns"`
	Active            bool          `json:"motion_active"`
	Moved             bool          `json:"motion_moved"`
	CellX             int32         `json:"cell_x"`
	CellZ             int32         `json:"cell_z"`
}

// entitySize is the encoded size of one EntityState.
const entitySize = 4 + 8 + 4 + 12 + 16 + 12 + 4 + 2 + 1 + 1 + 12 + 4 + 12 + 4 + 4 + 4 + 8 + 2 + 8 +
	12 + 16 + 12 + 16 + 12 + 8 + 1 + 1 + 4 + 4

// entityFilter selects the player components an EntityState is made of.
type entityFilter = generic.Filter8[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.InputState, ecs.Motion, ecs.Health, ecs.AOICell]

func newEntityFilter() *entityFilter {
	return generic.NewFilter8[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.InputState, ecs.Motion, ecs.Health, ecs.AOICell]()
}

func quat(q ecs.Rotation) [4]float32 { return [4]float32{q.V[0], q.V[1], q.V[2], q.W} }

// forEachEntity calls fn with the state of every player entity in storage order.
func forEachEntity(f *entityFilter, w *ecs.World, fn func(e *EntityState)) {
	var e EntityState
	q := f.Query(&w.ECS)
	for q.Next() {
		pos, rot, vel, pl, in, mo, hp, cell := q.Get()
		e = EntityState{
			Conn: pl.Conn, UserID: pl.UserID, Room: pl.Room,
			Position: pos.Vec3, Rotation: quat(*rot), Velocity: vel.Vec3, HP: hp.HP,
			LastSeq: in.LastSeq, HasSeq: in.HasSeq, Kick: in.Kick,
			AnchorPos: in.AnchorPos, AnchorTS: in.AnchorTS, PendingPos: in.PendingPos, PendingTS: in.PendingTS,
			LastTS: in.LastTS, RateTokens: in.RateTokens, RateRefilledAt: in.RateRefilledAt,
			Strikes: in.Strikes, StrikeWindowStart: in.StrikeWindowStart,
			From: mo.From, FromRot: quat(ecs.Rotation{Quat: mo.FromRot}), Target: mo.Target,
			TargetRot: quat(ecs.Rotation{Quat: mo.TargetRot}), TargetVel: mo.TargetVel,
			MotionStart: mo.Start, Active: mo.Active, Moved: mo.Moved,
			CellX: cell.X, CellZ: cell.Z,
		}
		fn(&e)
	}
}

// Capture appends the state of every player entity of w to dst, sorted by
// connection, and returns it.
func Capture(w *ecs.World, dst []EntityState) []EntityState {
	return captureWith(newEntityFilter(), w, dst)
}

func captureWith(f *entityFilter, w *ecs.World, dst []EntityState) []EntityState {
	dst = dst[:0]
	forEachEntity(f, w, func(e *EntityState) { dst = append(dst, *e) })
	sortByConn(dst)
	return dst
}

func sortByConn(s []EntityState) {
	slices.SortFunc(s, func(a, b EntityState) int { return int(int64(a.Conn) - int64(b.Conn)) })
}

// appendEntity encodes e in the fixed layout of a snapshot: the fields in
// declaration order, little-endian, floats as bits, bools as one byte,
// durations as i64 nanoseconds.
func appendEntity(b []byte, e *EntityState) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, e.Conn)
	b = le.AppendUint64(b, e.UserID)
	b = le.AppendUint32(b, e.Room)
	b = appendVec(b, e.Position[:])
	b = appendVec(b, e.Rotation[:])
	b = appendVec(b, e.Velocity[:])
	b = le.AppendUint32(b, uint32(e.HP))
	b = le.AppendUint16(b, e.LastSeq)
	b = appendBool(b, e.HasSeq)
	b = appendBool(b, e.Kick)
	b = appendVec(b, e.AnchorPos[:])
	b = le.AppendUint32(b, e.AnchorTS)
	b = appendVec(b, e.PendingPos[:])
	b = le.AppendUint32(b, e.PendingTS)
	b = le.AppendUint32(b, e.LastTS)
	b = appendF32(b, e.RateTokens)
	b = le.AppendUint64(b, uint64(e.RateRefilledAt))
	b = le.AppendUint16(b, e.Strikes)
	b = le.AppendUint64(b, uint64(e.StrikeWindowStart))
	b = appendVec(b, e.From[:])
	b = appendVec(b, e.FromRot[:])
	b = appendVec(b, e.Target[:])
	b = appendVec(b, e.TargetRot[:])
	b = appendVec(b, e.TargetVel[:])
	b = le.AppendUint64(b, uint64(e.MotionStart))
	b = appendBool(b, e.Active)
	b = appendBool(b, e.Moved)
	b = le.AppendUint32(b, uint32(e.CellX))
	return le.AppendUint32(b, uint32(e.CellZ))
}

// readEntity decodes one entity written by appendEntity.
func readEntity(c *cursor, e *EntityState) {
	e.Conn = c.u32()
	e.UserID = c.u64()
	e.Room = c.u32()
	c.vec(e.Position[:])
	c.vec(e.Rotation[:])
	c.vec(e.Velocity[:])
	e.HP = int32(c.u32())
	e.LastSeq = c.u16()
	e.HasSeq = c.bool()
	e.Kick = c.bool()
	c.vec(e.AnchorPos[:])
	e.AnchorTS = c.u32()
	c.vec(e.PendingPos[:])
	e.PendingTS = c.u32()
	e.LastTS = c.u32()
	e.RateTokens = c.f32()
	e.RateRefilledAt = time.Duration(c.u64())
	e.Strikes = c.u16()
	e.StrikeWindowStart = time.Duration(c.u64())
	c.vec(e.From[:])
	c.vec(e.FromRot[:])
	c.vec(e.Target[:])
	c.vec(e.TargetRot[:])
	c.vec(e.TargetVel[:])
	e.MotionStart = time.Duration(c.u64())
	e.Active = c.bool()
	e.Moved = c.bool()
	e.CellX = int32(c.u32())
	e.CellZ = int32(c.u32())
}
