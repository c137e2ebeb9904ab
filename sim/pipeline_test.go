package sim_test

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/broadcast"
)

// runScenario runs spec for ticks ticks from seed and returns the final
// state hash and the pipeline.
func runScenario(t testing.TB, spec scenario.Spec, seed uint64, ticks int) (ecs.StateHash, *sim.Pipeline) {
	t.Helper()
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players})
	if err != nil {
		t.Fatal(err)
	}
	gen := scenario.NewGenerator(spec, p.World.Config, seed)
	gen.Connect(p.Push)
	for i := 0; i < ticks; i++ {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	if gen.Dropped() != 0 {
		t.Fatalf("generator dropped %d events", gen.Dropped())
	}
	return p.Hash(), p
}

var smallArena = scenario.Spec{Name: "small", Players: 300, WorldSize: 400, CheatRate: 0.01}

func TestSameSeedSameHashInProcess(t *testing.T) {
	a, pa := runScenario(t, smallArena, 42, 600)
	b, _ := runScenario(t, smallArena, 42, 600)
	c, _ := runScenario(t, smallArena, 43, 600)
	if a != b {
		t.Fatalf("same seed, different hashes: %x vs %x", a, b)
	}
	if a == c {
		t.Fatalf("different seeds, same hash %x", a)
	}
	// The run exercised every rule, so the hash covers real work.
	counts := pa.Validate.Counts()
	for r := ecs.ReasonAccepted; r < ecs.NumReasons; r++ {
		if r == ecs.ReasonUnknownPlayer {
			continue
		}
		if counts[r] == 0 {
			t.Errorf("no input got verdict %v in 600 ticks", r)
		}
	}
	if st := pa.Broadcast.Stats(); st.Payloads == 0 || st.Enters == 0 {
		t.Errorf("broadcast sent nothing: %+v", st)
	}
}

// TestSameSeedSameHashAcrossProcesses runs the scenario in a child process
// (this test binary, re-executed) and compares the hashes.
func TestSameSeedSameHashAcrossProcesses(t *testing.T) {
	if os.Getenv("TICKFORGE_HASH_CHILD") == "1" {
		h, _ := runScenario(t, smallArena, 42, 600)
		fmt.Printf("HASH=%x\n", uint64(h))
		return
	}
	want, _ := runScenario(t, smallArena, 42, 600)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestSameSeedSameHashAcrossProcesses$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "TICKFORGE_HASH_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	i := strings.Index(string(out), "HASH=")
	if i < 0 {
		t.Fatalf("child printed no hash:\n%s", out)
	}
	field := strings.Fields(string(out[i+5:]))[0]
	got, err := strconv.ParseUint(field, 16, 64)
	if err != nil {
		t.Fatalf("child hash %q: %v", field, err)
	}
	if ecs.StateHash(got) != want {
		t.Fatalf("child hash %x, parent %x", got, uint64(want))
	}
}

func TestStepAllocatesNothingInSteadyStateCity(t *testing.T) {
	if testing.Short() {
		t.Skip("city scenario is large")
	}
	spec := scenario.Specs["city"]
	sink := &broadcast.DiscardSink{}
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	gen := scenario.NewGenerator(spec, p.World.Config, 1)
	gen.Connect(p.Push)
	tick := func() {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	for i := 0; i < 30; i++ { // reach steady state: arrays grown, everyone visible
		tick()
	}
	if allocs := testing.AllocsPerRun(5, tick); allocs != 0 {
		t.Fatalf("allocations per city tick = %v, want 0", allocs)
	}
	if sink.Payloads == 0 {
		t.Fatal("city ticks sent no payloads")
	}
}
