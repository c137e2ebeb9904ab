package sim

import (
	"errors"
	"fmt"

	"github.com/tickforge/tickforge/ecs"
)

// ErrUnknownSystem is returned when a schedule operation names a system that
// is not in the schedule.
var ErrUnknownSystem = errors.New("sim: unknown system")

// ErrDuplicateSystem is returned when a system's name is already scheduled.
var ErrDuplicateSystem = errors.New("sim: duplicate system name")

// Schedule is the ordered list of systems a tick runs. The engine's
// pipeline is ingest → validate-cheat → interpolate → aoi-grid → broadcast;
// a game inserts its own systems before or after a named one.
type Schedule struct {
	systems []ecs.System
	timings []*Timing
}

// Append adds s at the end of the schedule.
func (s *Schedule) Append(sys ecs.System) error {
	return s.insert(len(s.systems), sys)
}

// InsertBefore adds sys just before the system called name.
func (s *Schedule) InsertBefore(name string, sys ecs.System) error {
	i := s.index(name)
	if i < 0 {
		return fmt.Errorf("%w: insert %q before %q", ErrUnknownSystem, sys.Name(), name)
	}
	return s.insert(i, sys)
}

// InsertAfter adds sys just after the system called name.
func (s *Schedule) InsertAfter(name string, sys ecs.System) error {
	i := s.index(name)
	if i < 0 {
		return fmt.Errorf("%w: insert %q after %q", ErrUnknownSystem, sys.Name(), name)
	}
	return s.insert(i+1, sys)
}

// Replace swaps the system called name for sys, keeping its place.
func (s *Schedule) Replace(name string, sys ecs.System) error {
	i := s.index(name)
	if i < 0 {
		return fmt.Errorf("%w: replace %q", ErrUnknownSystem, name)
	}
	if j := s.index(sys.Name()); j >= 0 && j != i {
		return fmt.Errorf("%w: %q", ErrDuplicateSystem, sys.Name())
	}
	s.systems[i] = sys
	s.timings[i] = NewTiming(sys.Name())
	return nil
}

// Names lists the scheduled systems in run order.
func (s *Schedule) Names() []string {
	names := make([]string, len(s.systems))
	for i, sys := range s.systems {
		names[i] = sys.Name()
	}
	return names
}

// Len is the number of scheduled systems.
func (s *Schedule) Len() int { return len(s.systems) }

// System returns the i-th system in run order and its timing.
func (s *Schedule) System(i int) (ecs.System, *Timing) { return s.systems[i], s.timings[i] }

func (s *Schedule) index(name string) int {
	for i, sys := range s.systems {
		if sys.Name() == name {
			return i
		}
	}
	return -1
}

func (s *Schedule) insert(i int, sys ecs.System) error {
	if sys == nil {
		return errors.New("sim: nil system")
	}
	if s.index(sys.Name()) >= 0 {
		return fmt.Errorf("%w: %q", ErrDuplicateSystem, sys.Name())
	}
	s.systems = append(s.systems, nil)
	copy(s.systems[i+1:], s.systems[i:])
	s.systems[i] = sys
	s.timings = append(s.timings, nil)
	copy(s.timings[i+1:], s.timings[i:])
	s.timings[i] = NewTiming(sys.Name())
	return nil
}
