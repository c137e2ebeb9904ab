package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/tickforge/tickforge/sim"
)

// tickSeries keeps every measured tick's duration, per system and whole,
// for `tickforge bench --series`, and writes them as CSV at the end: one
// row per tick, one column per system in schedule order, then the tick.
// The rows are allocated up front, so recording a tick allocates nothing.
type tickSeries struct {
	f      *os.File
	names  []string
	rows   []time.Duration // len(names) per tick
	ticks  int
	first  int // number of the first measured tick
	timers []*sim.Timing
	loop   *sim.Loop
}

// createTickSeries creates the series' file (so a bad path fails before
// the run) and room for ticks rows; an empty path gives a series that
// records nothing.
func createTickSeries(path string, p *sim.Pipeline, ticks, first int) (*tickSeries, error) {
	if path == "" {
		return &tickSeries{}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	s := &tickSeries{f: f, first: first, loop: p.Loop}
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
	if s.f == nil || len(s.rows)+len(s.names) > cap(s.rows) {
		return
	}
	for _, t := range s.timers {
		s.rows = append(s.rows, t.Last())
	}
	s.rows = append(s.rows, s.loop.TickTiming().Last())
	s.ticks++
}

// finish writes the CSV (milliseconds, microsecond precision) and closes
// the file. It is safe to call more than once; only the first call writes.
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
