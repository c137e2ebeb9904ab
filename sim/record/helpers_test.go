package record

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
)

var smallArena = scenario.Spec{Name: "small", Players: 120, WorldSize: 300, CheatRate: 0.01}

// session is a recorded scenario run: the file and each tick's hash.
type session struct {
	file   []byte
	hashes []ecs.StateHash
	times  []time.Duration
	stats  Stats
}

// recordSession runs spec for ticks ticks while recording, with a stall
// that skips ticks, players leaving and rejoining, and returns the file.
func recordSession(t testing.TB, spec scenario.Spec, ticks int, seed uint64, opts Options) session {
	t.Helper()
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rec, err := AttachWith(p, &buf, Meta{Source: "test", Scenario: spec.Name, Seed: seed, Capacity: spec.Players}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var s session
	p.Loop.OnTick(func(w *ecs.World) {
		s.hashes = append(s.hashes, p.Hash())
		s.times = append(s.times, w.Time.Now)
	})
	gen := scenario.NewGenerator(spec, p.World.Config, seed)
	gen.Connect(p.Push)
	for i := 0; i < ticks; i++ {
		switch i {
		case ticks / 3: // a few players leave, one of them rejoins elsewhere
			for c := uint32(0); c < 5; c++ {
				p.Push(&ingest.Event{Kind: ingest.KindDisconnect, Conn: c})
			}
			p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: 2, UserID: 1002})
		case ticks / 2: // a stall: Advance catches up a few ticks and skips the rest
			gen.Inputs(p.Loop.NextTickAt(), p.Push)
			p.Loop.Advance(p.Loop.NextTickAt() + 20*p.World.Time.Dt)
			continue
		}
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if p.Loop.Stats().Skipped == 0 {
		t.Fatal("the session skipped no ticks; the stall is not exercised")
	}
	s.file, s.stats = buf.Bytes(), rec.Stats()
	return s
}

// chunkOffsets walks a well-formed file and returns each chunk's offset,
// the end marker's last.
func chunkOffsets(t testing.TB, file []byte) []int {
	t.Helper()
	off := fileHeaderFixed + int(binary.LittleEndian.Uint32(file[12:])) + 4
	var offs []int
	for off < len(file) {
		offs = append(offs, off)
		off += chunkHeaderSize + int(binary.LittleEndian.Uint32(file[off+8:]))
	}
	if off != len(file) {
		t.Fatalf("chunks end at %d, file is %d bytes", off, len(file))
	}
	return offs
}

// readAll reads every tick of file and returns the tick numbers read and
// the error that ended the reading (nil after a clean end).
func readAll(file []byte) (ticks []uint64, err error) {
	rd, err := NewReader(bytes.NewReader(file))
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	for {
		t, err := rd.Next()
		if err == io.EOF {
			return ticks, nil
		}
		if err != nil {
			return ticks, err
		}
		ticks = append(ticks, t.Number)
	}
}

var scenarioTiny = scenario.Spec{Name: "tiny", Players: 12, WorldSize: 200, CheatRate: 0.05}
