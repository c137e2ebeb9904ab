package ecs

// System is one step of the tick. Systems run in a fixed order on the
// goroutine that owns the world; they read the time from w.Time and never
// from a wall clock.
type System interface {
	// Name is the system's stable name, used in the schedule, logs and metrics.
	Name() string
	// Update runs the system for the tick described by w.Time.
	Update(w *World)
}
