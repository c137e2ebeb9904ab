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

// tickSeries keeps every measured tick's duration: bench counts the slow
// ticks from it, and with `tickforge bench --series` it also keeps every
// system's duration and writes them all as CSV at the end: one row per
// tick, one column per system in schedule order, then the tick. Only the
// whole tick is kept without --series (8 bytes a tick). The columns are
// allocated up front, so recording a tick allocates nothing.
type tickSeries struct {
	f      *os.File
	names  []string        // the systems, with --series
	rows   []time.Duration // len(names) per tick, with --series
	ticks  []time.Duration // the whole tick
	first  int             // number of the first measured tick
	timers []*sim.Timing
	loop   *sim.Loop
}

// createTickSeries makes room for ticks ticks and, with a path, creates
// the file there (so a bad path fails before the run).
func createTickSeries(path string, p *sim.Pipeline, ticks, first int) (*tickSeries, error) {
	s := &tickSeries{first: first, loop: p.Loop, ticks: make([]time.Duration, 0, ticks)}
	if path == "" {
		return s, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	s.f = f
	for k := 0; k < p.Schedule.Len(); k++ {
		_, t := p.Schedule.System(k)
		s.timers = append(s.timers, t)
		s.names = append(s.names, t.Name())
	}
	s.rows = make([]time.Duration, 0, ticks*len(s.names))
	return s, nil
}

// record appends the tick that just ran.
func (s *tickSeries) record() {
	if len(s.ticks) == cap(s.ticks) {
		return
	}
	s.ticks = append(s.ticks, s.loop.TickTiming().Last())
	for _, t := range s.timers {
		s.rows = append(s.rows, t.Last())
	}
}

// slowTicks counts the ticks that took more than factor times the median
// tick, and returns that median (of an even count, the lower middle).
func (s *tickSeries) slowTicks(factor float64) (n int, median time.Duration) {
	if len(s.ticks) == 0 {
		return 0, 0
	}
	sorted := slices.Clone(s.ticks)
	slices.Sort(sorted)
	median = sorted[(len(sorted)-1)/2]
	limit := time.Duration(factor * float64(median))
	for _, d := range sorted {
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
	w.WriteString(",tick_ms\n")
	var buf []byte
	k := len(s.names)
	for i, tick := range s.ticks {
		buf = strconv.AppendInt(buf[:0], int64(s.first+i), 10)
		for _, d := range s.rows[i*k : (i+1)*k] {
			buf = appendMS(buf, d)
		}
		buf = appendMS(buf, tick)
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

// appendMS appends a comma and d in milliseconds with three decimals.
func appendMS(b []byte, d time.Duration) []byte {
	return strconv.AppendFloat(append(b, ','), ms(d), 'f', 3, 64)
}
