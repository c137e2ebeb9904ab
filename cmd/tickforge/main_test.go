package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
		err  string
	}{
		{"no command", nil, exitUsage, "usage"},
		{"help", []string{"help"}, exitOK, "commands:"},
		{"unknown command", []string{"fly"}, exitUsage, "unknown command"},
		{"bad flag", []string{"bench", "--nope"}, exitUsage, "flag provided but not defined"},
		{"unknown scenario", []string{"bench", "--scenario", "moon"}, exitUsage, "unknown scenario"},
		{"invalid config", []string{"serve", "--tick-rate", "0"}, exitUsage, "tick_rate"},
		{"bad log format", []string{"serve", "--log-format", "xml"}, exitUsage, "unknown log format"},
		{"replay without a file", []string{"replay"}, exitUsage, "want exactly one recording FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := run(context.Background(), tc.args, &out, &errOut)
			if got != tc.want {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, tc.want, errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.err) {
				t.Fatalf("stderr %q does not mention %q", errOut.String(), tc.err)
			}
		})
	}
}

func TestBenchJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"bench", "--scenario", "arena", "--players", "200", "--ticks", "30", "--warmup", "5", "--json"}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rep benchReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out.String())
	}
	if rep.Players != 200 || rep.Ticks != 30 || len(rep.Systems) != 5 {
		t.Fatalf("report %+v", rep)
	}
	want := []string{"ingest", "validate-cheat", "interpolate", "aoi-grid", "broadcast"}
	for i, s := range rep.Systems {
		if s.Name != want[i] {
			t.Fatalf("system %d is %q, want %q", i, s.Name, want[i])
		}
		if s.MaxMS <= 0 || s.P99MS > s.MaxMS {
			t.Fatalf("implausible timing %+v", s)
		}
	}
	if rep.Verdicts["accepted"] == 0 || rep.Verdicts["speed"] == 0 {
		t.Fatalf("verdicts %v", rep.Verdicts)
	}
	if rep.SlowTickFactor != slowTickFactor || rep.MedianTickMS <= 0 || rep.MedianTickMS > rep.Tick.MaxMS ||
		rep.SlowTicks < 0 || rep.SlowTicks > rep.Ticks {
		t.Fatalf("slow ticks %d over %.1f× the median %.3f ms (max %.3f)", rep.SlowTicks, rep.SlowTickFactor, rep.MedianTickMS, rep.Tick.MaxMS)
	}
}

// TestSlowTicks counts the ticks over a factor of the median from the
// whole-tick column, whatever the systems' columns hold, and leaves the
// series in tick order for --series.
func TestSlowTicks(t *testing.T) {
	msec := time.Millisecond
	for _, tc := range []struct {
		name   string
		ticks  []time.Duration
		factor float64
		want   int
		median time.Duration
	}{
		{"none", nil, 1.2, 0, 0},
		{"one", []time.Duration{3 * msec}, 1.2, 0, 3 * msec},
		{"quiet", []time.Duration{3 * msec, 3 * msec, 3100 * time.Microsecond, 3 * msec}, 1.2, 0, 3 * msec},
		{"bursts", []time.Duration{3 * msec, 5 * msec, 3 * msec, 4 * msec, 3 * msec, 3600 * time.Microsecond}, 1.2, 2, 3 * msec},
		{"at the limit is not slow", []time.Duration{10 * msec, 10 * msec, 12 * msec}, 1.2, 0, 10 * msec},
		{"even count takes the lower middle", []time.Duration{2 * msec, 4 * msec, 100 * msec, 1 * msec}, 2, 1, 2 * msec},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &tickSeries{names: []string{"system"}}
			for _, d := range tc.ticks {
				s.rows = append(s.rows, 99*msec) // a system column far above every tick
				s.ticks = append(s.ticks, d)
			}
			order := slices.Clone(s.ticks)
			n, median := s.slowTicks(tc.factor)
			if !slices.Equal(s.ticks, order) {
				t.Fatalf("slowTicks reordered the series: %v", s.ticks)
			}
			if n != tc.want || median != tc.median {
				t.Fatalf("slowTicks = %d, median %v; want %d, %v", n, median, tc.want, tc.median)
			}
		})
	}
}

func TestBenchTable(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"bench", "--players", "100", "--ticks", "10"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, s := range []string{"aoi-grid", "p99 ms", "tick", "state hash"} {
		if !strings.Contains(out.String(), s) {
			t.Fatalf("table lacks %q:\n%s", s, out.String())
		}
	}
}

func TestServeStopsCleanlyAndLogsConfig(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var out, errOut bytes.Buffer
	t.Setenv("TICKFORGE_AOI_RADIUS", "40")
	code := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--log-format", "json", "--status-interval", "100ms"}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	logs := errOut.String()
	for _, s := range []string{`"tick_rate":60`, `"aoi_radius":40`, `"message":"status"`, `"message":"tickforge serve: stopped"`} {
		if !strings.Contains(logs, s) {
			t.Fatalf("logs lack %s:\n%s", s, logs)
		}
	}
}

func TestEnvRejectsBadValue(t *testing.T) {
	t.Setenv("TICKFORGE_TICK_RATE", "fast")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"serve"}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "TICKFORGE_TICK_RATE") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestBenchCPUProfile checks that --cpuprofile writes a profile (gzipped
// protobuf, as runtime/pprof writes it), and that a path that cannot be
// created fails before the run.
func TestBenchCPUProfile(t *testing.T) {
	path := benchWritingFile(t, "--cpuprofile", 2)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("the profile is not gzipped: %v", err)
	}
	if body, err := io.ReadAll(zr); err != nil || len(body) == 0 {
		t.Fatalf("the profile's body: %d bytes, %v", len(body), err)
	}

	checkBadPathFailsFirst(t, "--cpuprofile", "cpu profile")
}

// benchWritingFile runs a small bench of 20 ticks after warmup with flag
// naming a fresh file, and returns the file's path.
func benchWritingFile(t *testing.T, flag string, warmup int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out")
	var out, errOut bytes.Buffer
	args := []string{"bench", "--players", "100", "--ticks", "20", "--warmup", strconv.Itoa(warmup), flag, path}
	if code := run(context.Background(), args, &out, &errOut); code != exitOK {
		t.Fatalf("%s: exit %d: %s", flag, code, errOut.String())
	}
	return path
}

// checkBadPathFailsFirst runs bench with flag naming a file in a missing
// directory: it must fail with an error mentioning want, before printing
// any tick.
func checkBadPathFailsFirst(t *testing.T, flag, want string) {
	t.Helper()
	var out, errOut bytes.Buffer
	bad := filepath.Join(t.TempDir(), "missing", "out")
	code := run(context.Background(), []string{"bench", "--players", "100", "--ticks", "5", flag, bad}, &out, &errOut)
	if code == exitOK || !strings.Contains(errOut.String(), want) || strings.Contains(out.String(), "tick") {
		t.Fatalf("%s with a bad path: exit %d, stdout %q, stderr %q", flag, code, out.String(), errOut.String())
	}
}

// TestBenchSeries checks --series: a header naming every system, one row
// per measured tick numbered after the warm-up, durations that parse and
// a tick never shorter than one of its systems; a path that cannot be
// created fails before the run.
func TestBenchSeries(t *testing.T) {
	body, err := os.ReadFile(benchWritingFile(t, "--series", 3))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	const header = "tick,ingest_ms,validate-cheat_ms,interpolate_ms,aoi-grid_ms,broadcast_ms,tick_ms"
	if len(lines) != 21 || lines[0] != header {
		t.Fatalf("%d lines, header %q", len(lines), lines[0])
	}
	for i, line := range lines[1:] {
		fields := strings.Split(line, ",")
		if len(fields) != 7 || fields[0] != strconv.Itoa(3+i) {
			t.Fatalf("row %d: %q", i, line)
		}
		var vals []float64
		for _, f := range fields[1:] {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || v < 0 {
				t.Fatalf("row %d: field %q: %v", i, f, err)
			}
			vals = append(vals, v)
		}
		if tick := vals[5]; tick+0.001 < slices.Max(vals[:5]) {
			t.Fatalf("row %d: tick %.3f ms shorter than a system: %v", i, tick, vals)
		}
	}

	checkBadPathFailsFirst(t, "--series", "series")
}
