package record_test

import (
	"bytes"
	"fmt"
	"io"

	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/systems/ingest"
)

// A server attaches a recorder before its first tick and closes it after
// the loop stops; replay then checks every tick.
func ExampleAttach() {
	p, _ := sim.NewPipeline(sim.PipelineOptions{Capacity: 16})
	var file bytes.Buffer // an *os.File in a server
	rec, err := record.Attach(p, &file, record.Meta{Source: "example", Capacity: 16})
	if err != nil {
		panic(err)
	}
	p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: 1, UserID: 42})
	for i := 0; i < 90; i++ {
		p.Loop.Step()
	}
	if err := rec.Close(); err != nil {
		panic(err)
	}

	rd, _ := record.NewReader(&file)
	rp, _ := record.NewReplayer(rd, record.ReplayOptions{})
	n := 0
	for {
		if _, err := rp.Step(); err == io.EOF {
			break
		} else if err != nil {
			panic(err)
		}
		n++
	}
	end, _ := rd.End()
	fmt.Printf("replayed %d ticks, every hash matched; %d player; recording %s\n", n, rp.Pipeline().World.PlayerCount(), end.Reason)
	// Output: replayed 90 ticks, every hash matched; 1 player; recording closed
}
