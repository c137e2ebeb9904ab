package bots

import (
	"errors"
	"time"
)

// ErrBudgetExceeded is the error a callback stops with when it ran more Lua
// instructions than its budget.
var ErrBudgetExceeded = errors.New("instruction budget exceeded")

// DefaultInstructionBudget is the Lua instructions one callback may run
// (about 8 ms of pure Lua on one core of the 2-core test machine; see
// BenchmarkRunawayCallback).
const DefaultInstructionBudget = 1_000_000

// closedChan is closed at start; a spent budget hands it out.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// instructionBudget is a context.Context that gopher-lua asks once per
// instruction (its VM selects on Done before each one). Counting those
// calls gives an instruction budget that does not depend on how busy the
// machine is. It is used by the bot's goroutine only and never allocates.
type instructionBudget struct {
	limit, used int64
	exceeded    bool
}

// reset starts a callback's budget.
func (b *instructionBudget) reset() { b.used, b.exceeded = 0, false }

// Deadline implements context.Context: there is none.
func (b *instructionBudget) Deadline() (time.Time, bool) { return time.Time{}, false }

// Done implements context.Context. It counts one instruction; a nil
// channel never fires, the closed one stops the VM.
func (b *instructionBudget) Done() <-chan struct{} {
	b.used++
	if b.used > b.limit {
		b.exceeded = true
		return closedChan
	}
	return nil
}

// Err implements context.Context.
func (b *instructionBudget) Err() error {
	if b.exceeded {
		return ErrBudgetExceeded
	}
	return nil
}

// Value implements context.Context: the budget carries no values.
func (b *instructionBudget) Value(any) any { return nil }
