package record

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/interpolate"
)

// damage is a game system fed by its own queue, outside ingest, like a
// server's actions: each queued record takes HP from a connection's entity.
type damage struct {
	queue [][]byte // each: u32 conn, u32 amount
	rec   *Recorder
}

func (d *damage) Name() string { return "damage" }

func (d *damage) Update(w *ecs.World) {
	for _, b := range d.queue {
		if d.rec != nil {
			d.rec.RecordApp(7, b)
		}
		if e, ok := w.EntityOf(binary.LittleEndian.Uint32(b)); ok {
			w.Healths.Get(e).HP -= int32(binary.LittleEndian.Uint32(b[4:]))
		}
	}
	d.queue = d.queue[:0]
}

func TestAppRecordsReplayThroughBeforeTick(t *testing.T) {
	t.Parallel()
	spec := scenarioTiny
	p := newPipeline(t, spec)
	dmg := &damage{}
	if err := p.Schedule.InsertAfter(interpolate.Name, dmg); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	rec, err := AttachWith(p, &file, Meta{Capacity: spec.Players}, Options{ChunkTicks: 4})
	if err != nil {
		t.Fatal(err)
	}
	dmg.rec = rec
	gen := scenario.NewGenerator(spec, p.World.Config, 2)
	gen.Connect(p.Push)
	for i := 1; i <= 40; i++ {
		if i%5 == 0 {
			dmg.queue = append(dmg.queue, binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, uint32(i%spec.Players)), 3))
		}
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	replay := func(feed bool) (int, error) {
		rd, err := NewReader(bytes.NewReader(file.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		d := &damage{}
		opts := ReplayOptions{Configure: func(p *sim.Pipeline) error { return p.Schedule.InsertAfter(interpolate.Name, d) }}
		if feed {
			opts.BeforeTick = func(_ *sim.Pipeline, tk *Tick) {
				for _, a := range tk.App {
					if a.Channel != 7 || a.After != len(tk.Events) {
						t.Errorf("tick %d: app record %+v", tk.Number, a)
					}
					d.queue = append(d.queue, bytes.Clone(a.Data))
				}
			}
		}
		rp, err := NewReplayer(rd, opts)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			if _, err := rp.Step(); err == io.EOF {
				return n, nil
			} else if err != nil {
				return n, err
			}
			n++
		}
	}
	if n, err := replay(true); err != nil || n != 40 {
		t.Fatalf("fed replay: %d ticks, %v", n, err)
	}
	var div *Divergence
	if _, err := replay(false); !errors.As(err, &div) || div.Tick != 5 {
		t.Fatalf("unfed replay: %v, want a divergence at tick 5", err)
	}
}
