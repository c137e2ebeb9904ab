package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/tickforge/tickforge/sim"
)

// tickSeries keeps every measured tick's duration, per system and whole:
// bench counts the slow ticks from it, and `tickforge bench --series`
// writes it as CSV at the end: one row per tick, one column per system in
// schedule order, then the tick. The rows are allocated up front, so
// recording a tick allocates nothing.
type tickSeries struct {
	f      *os.File
	names  []string
	rows   []time.Duration // len(names) per tick
	ticks  int
	first  int // number of the first measured tick
	timers []*sim.Timing
	loop   *sim.Loop
}

// createTickSeries makes room for ticks rows and creates the file at path
// (so a bad path fails before the run); with an empty path the series is
// only kept in memory.
func createTickSeries(path string, p *sim.Pipeline, ticks, first int) (*tickSeries, error) {
	s := &tickSeries{first: first, loop: p.Loop}
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("series: %w", err)
		}
		s.f = f
	}
	for k := 0; k < p.Schedule.Len(); k++ {
		_, t := p.Schedule.System(k)
		s.timers = append(s.timers, t)
		s.names = append(s.names, t.Name())
	}
	s.names = append(s.names, "tick")
	s.rows = make([]time.Duration, 0, ticks*len(s.names))
	return s, nil
}

// record appends the tick that just ran.
func (s *tickSeries) record() {
	if len(s.rows)+len(s.names) > cap(s.rows) {
		return
	}
	for _, t := range s.timers {
		s.rows = append(s.rows, t.Last())
	}
	s.rows = append(s.rows, s.loop.TickTiming().Last())
	s.ticks++
}

// slowTicks counts the ticks that took more than factor times the median
// tick, and returns that median.
func (s *tickSeries) slowTicks(factor float64) (n int, median time.Duration) {
	if s.ticks == 0 {
		return 0, 0
	}
	k := len(s.names)
	ticks := make([]time.Duration, s.ticks)
	for i := range ticks {
		ticks[i] = s.rows[i*k+k-1]
	}
	slices.Sort(ticks)
	median = ticks[(len(ticks)-1)/2]
	limit := time.Duration(factor * float64(median))
	for _, d := range ticks {
		if d > limit {
			n++
		}
	}
	return n, median
}

// finish writes the CSV (milliseconds, microsecond precision) and closes
// the file, if there is one. It is safe to call more than once; only the
// first call writes.
func (s *tickSeries) finish() error {
	if s.f == nil {
		return nil
	}
	f := s.f
	s.f = nil
	w := bufio.NewWriter(f)
	w.WriteString("tick")
	for _, n := range s.names {
		w.WriteString("," + n + "_ms")
	}
	w.WriteByte('\n')
	var buf []byte
	for i := 0; i < s.ticks; i++ {
		buf = strconv.AppendInt(buf[:0], int64(s.first+i), 10)
		for _, d := range s.rows[i*len(s.names) : (i+1)*len(s.names)] {
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, ms(d), 'f', 3, 64)
		}
		buf = append(buf, '\n')
		w.Write(buf)
	}
	err := w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("series: %w", err)
	}
	return nil
}
