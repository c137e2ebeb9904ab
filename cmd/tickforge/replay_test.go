package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/interpolate"
)

// recordBench runs `bench --record` and returns the file's path.
func recordBench(t *testing.T, extra ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bench.tfr")
	args := append([]string{"bench", "--players", "150", "--ticks", "100", "--warmup", "20", "--record", path, "--json"}, extra...)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), args, &out, &errOut); code != exitOK {
		t.Fatalf("bench exit %d: %s", code, errOut.String())
	}
	var rep benchReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Recording == nil || rep.Recording.Ticks != 120 || rep.Recording.Bytes == 0 || rep.Recording.BytesPerPlayerPS <= 0 {
		t.Fatalf("recording report %+v", rep.Recording)
	}
	return path
}

func replayCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"replay"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBenchRecordThenReplayMatches(t *testing.T) {
	path := recordBench(t)
	export := filepath.Join(t.TempDir(), "states.jsonl")
	code, out, errOut := replayCmd(t, "--export", export, "--every", "30", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	for _, want := range []string{"every hash matches", "ended (closed) at tick 120", "ticks 120 (1..120)", "players at most 150", "ticks/s", "exported 4 ticks"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	f, err := os.Open(export)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var ticks []uint64
	for sc.Scan() {
		var line exportLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if len(line.Entities) != 150 || line.Entities[0].Conn != 0 || line.Hash == "" {
			t.Fatalf("tick %d: %d entities, first conn %d", line.Tick, len(line.Entities), line.Entities[0].Conn)
		}
		ticks = append(ticks, line.Tick)
	}
	if len(ticks) != 4 || ticks[0] != 30 || ticks[3] != 120 {
		t.Fatalf("exported ticks %v", ticks)
	}
}

func TestReplayUntil(t *testing.T) {
	path := recordBench(t)
	code, out, _ := replayCmd(t, "--until", "50", path)
	if code != exitOK || !strings.Contains(out, "up to --until tick 50") || !strings.Contains(out, "ticks 50 (1..50)") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

type nudgeSystem struct{ tick uint64 }

func (n nudgeSystem) Name() string { return "test-nudge" }

func (n nudgeSystem) Update(w *ecs.World) {
	if w.Time.Tick == n.tick {
		if e, ok := w.EntityOf(9); ok {
			w.Positions.Get(e).Vec3 = w.Positions.Get(e).Vec3.Add(mgl32.Vec3{0, 0, 1})
		}
	}
}

func TestReplayReportsDivergenceWithDiff(t *testing.T) {
	path := recordBench(t, "--record-snapshots", "1")
	replayConfigure = func(p *sim.Pipeline) error {
		return p.Schedule.InsertAfter(interpolate.Name, nudgeSystem{tick: 64})
	}
	defer func() { replayConfigure = nil }()
	code, out, errOut := replayCmd(t, path)
	if code != exitError {
		t.Fatalf("exit %d, want %d:\n%s", code, exitError, out)
	}
	for _, want := range []string{"DIVERGED at tick 64", "entities differ at that tick", "conn 9:", "Position"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "diverged at tick 64") {
		t.Fatalf("stderr %q", errOut)
	}
}

func TestReplayBadFiles(t *testing.T) {
	path := recordBench(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := bytes.Clone(data)
	corrupt[len(corrupt)/2] ^= 0xff
	tests := []struct {
		name string
		path string
		code int
		want string
	}{
		{"missing", filepath.Join(dir, "nope.tfr"), exitError, "no such file"},
		{"empty", write("empty", nil), exitError, "empty file"},
		{"not a recording", write("text", []byte("hello, world\n")), exitError, "not a tickforge recording"},
		{"corrupt chunk", write("corrupt", corrupt), exitError, "corrupt recording at byte offset"},
		{"truncated", write("cut", data[:len(data)*2/3]), exitOK, "truncated recording at byte offset"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := replayCmd(t, tc.path)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d (want %d), stderr %q, stdout:\n%s", code, tc.code, errOut, out)
			}
		})
	}
}

func TestReplaySpeedPacesToRecordedTime(t *testing.T) {
	path := recordBench(t)
	start := time.Now()
	code, out, _ := replayCmd(t, "--speed", "40", path) // 120 ticks = 2 s simulated → ≥ 50 ms
	if code != exitOK || !strings.Contains(out, "every hash matches") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if d := time.Since(start); d < 49*time.Millisecond {
		t.Fatalf("replay at --speed 40 took %v, want at least 50 ms", d)
	}
}
