package main

import (
	"fmt"
	"os"

	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/sim/scenario"
)

// benchRecording is the recording `bench --record` writes; a nil one does nothing.
type benchRecording struct {
	path string
	f    *os.File
	rec  *record.Recorder
}

// startRecording attaches a recorder to p if --record was given.
func startRecording(p *sim.Pipeline, spec scenario.Spec, o benchOptions) (*benchRecording, error) {
	if o.record == "" {
		return nil, nil
	}
	f, err := os.Create(o.record)
	if err != nil {
		return nil, fmt.Errorf("bench: record: %w", err)
	}
	meta := record.Meta{Source: "bench", Scenario: spec.Name, Seed: o.seed, Capacity: spec.Players}
	rec, err := record.AttachWith(p, f, meta, record.Options{SnapshotEvery: o.snapshot})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: record: %w", err)
	}
	return &benchRecording{path: o.record, f: f, rec: rec}, nil
}

// finish closes the recording and reports it.
func (b *benchRecording) finish(spec scenario.Spec, tickRate int) (*recordingReport, error) {
	if b == nil {
		return nil, nil
	}
	err := b.rec.Close()
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	b.f = nil
	if err != nil {
		return nil, fmt.Errorf("bench: record %s: %w", b.path, err)
	}
	st := b.rec.Stats()
	seconds := float64(st.Ticks) / float64(tickRate)
	return &recordingReport{
		File: b.path, Ticks: st.Ticks, Bytes: st.WrittenBytes, RawBytes: st.RawBytes,
		BytesPerPlayerPS: float64(st.WrittenBytes) / float64(spec.Players) / seconds, Stalls: st.Stalls,
	}, nil
}

// abort closes the recording if finish was not reached (an error or an
// interrupt), keeping what was recorded so far.
func (b *benchRecording) abort() {
	if b == nil || b.f == nil {
		return
	}
	b.rec.Close()
	b.f.Close()
}
