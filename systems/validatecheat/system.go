package validatecheat

import (
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
)

// Name is the system's name in the schedule.
const Name = "validate-cheat"

// MoveChecker judges a whole tick of moves at once; the SIMD kernel plugs in
// here. It writes a verdict for every index of moves into reasons.
type MoveChecker func(moves *Moves, lim *Limits, reasons []ecs.RejectReason)

// Moves is the tick's moves as a structure of arrays, gathered for the checker.
// Update hands the checker one move per input of the batch, so Index is
// 0, 1, 2, …; the anchors and elapsed times of inputs refused before the
// check (stale, rate-limited, unknown player) are unspecified, and their
// verdicts are ignored.
type Moves struct {
	PrevX, PrevY, PrevZ []float32
	NewX, NewY, NewZ    []float32
	Elapsed             []float32
	Timestamp           []uint32
	// Index maps each move back to its input in the InputBatch.
	Index []int32
}

// resize returns s with length n, growing its capacity by a quarter more
// than needed when it is too small, so steady-state ticks do not allocate.
func resize[T any](s []T, n int) []T {
	if n <= cap(s) {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

// Len is the number of gathered moves.
func (m *Moves) Len() int { return len(m.Index) }

// At returns move i as a row.
func (m *Moves) At(i int) Move {
	return Move{
		Prev:    mgl32.Vec3{m.PrevX[i], m.PrevY[i], m.PrevZ[i]},
		New:     mgl32.Vec3{m.NewX[i], m.NewY[i], m.NewZ[i]},
		Elapsed: m.Elapsed[i], Timestamp: m.Timestamp[i],
	}
}

// ScalarChecker runs CheckMove on every move; it is the reference checker.
func ScalarChecker(moves *Moves, lim *Limits, reasons []ecs.RejectReason) {
	for i := 0; i < moves.Len(); i++ {
		mv := moves.At(i)
		reasons[i] = CheckMove(&mv, lim)
	}
}

// Counters are the verdict counts by reason since the system was created.
type Counters [ecs.NumReasons]uint64

// System is the validate-cheat system.
type System struct {
	batch   *ecs.InputBatch
	checker MoveChecker
	log     zerolog.Logger

	moves   Moves
	limits  Limits
	verdict []ecs.RejectReason
	counts  Counters
	kicked  []uint32
	// players holds, per input of the tick, its player as admit found it.
	players []player
	// identity is 0, 1, 2, …: the moves' Index, one move per input.
	identity []int32

	// Rate-limited logging: one line per reason per LogInterval of sim time.
	logInterval time.Duration
	lastLog     [ecs.NumReasons]time.Duration
	suppressed  [ecs.NumReasons]uint64
}

// New returns the system judging batch, logging rejections through log.
// Moves are judged by a BatchChecker (the SIMD kernel where available).
func New(batch *ecs.InputBatch, log zerolog.Logger) *System {
	s := &System{batch: batch, checker: NewBatchChecker().Check, log: log, logInterval: time.Second}
	for i := range s.lastLog {
		s.lastLog[i] = -time.Hour
	}
	return s
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// SetChecker replaces the move checker (for example with the SIMD kernel).
func (s *System) SetChecker(c MoveChecker) { s.checker = c }

// Counts returns the verdict counters.
func (s *System) Counts() Counters { return s.counts }

// Kicked lists the connections newly marked for kick this tick.
func (s *System) Kicked() []uint32 { return s.kicked }
