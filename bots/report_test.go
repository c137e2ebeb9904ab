package bots

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestHistogramPercentiles(t *testing.T) {
	t.Parallel()
	var h Histogram
	if h.Percentile(50) != 0 {
		t.Fatal("empty histogram has a percentile")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	vals := make([]time.Duration, 10000)
	for i := range vals {
		vals[i] = time.Duration(rng.Int64N(int64(100 * time.Millisecond)))
		h.Record(vals[i])
	}
	h.Record(-time.Second) // counts as zero
	for _, p := range []float64{50, 90, 99} {
		want := float64(p) / 100 * float64(100*time.Millisecond)
		got := float64(h.Percentile(p))
		if got < want*0.95 || got > want*1.15 {
			t.Errorf("p%.0f = %v, want about %v", p, time.Duration(got), time.Duration(want))
		}
	}
	var merged Histogram
	merged.Merge(&h)
	merged.Merge(&h)
	if merged.Count() != 2*h.Count() || merged.Percentile(50) != h.Percentile(50) {
		t.Fatalf("merge: count %d p50 %v", merged.Count(), merged.Percentile(50))
	}
	var one Histogram
	one.Record(3 * time.Millisecond)
	if one.Percentile(99) != 3*time.Millisecond {
		t.Fatalf("single sample p99 = %v, want 3ms (capped at the max)", one.Percentile(99))
	}
}

func TestHistogramRecordDoesNotAllocate(t *testing.T) {
	var h Histogram
	if n := testing.AllocsPerRun(100, func() { h.Record(1234 * time.Microsecond) }); n != 0 {
		t.Fatalf("Record allocates %v times", n)
	}
}

func TestAggregate(t *testing.T) {
	t.Parallel()
	mk := func(connected bool, inputs, updates, sent, confirmed, rejected uint64, rtt time.Duration, disc, fail string) *botStats {
		s := &botStats{everConnected: connected, disconnect: disc, failure: fail}
		s.inputsSent.Store(inputs)
		s.updates.Store(updates)
		s.reliableSent.Store(sent)
		s.reliableConfirmed.Store(confirmed)
		s.rejected.Store(rejected)
		if rtt > 0 {
			s.noteRTT(rtt)
		}
		return s
	}
	scripts := []string{"wander", "speedhack", "wander", "speedhack", "wander"}
	stats := []*botStats{
		mk(true, 100, 50, 2, 2, 0, 2*time.Millisecond, "", ""),
		mk(true, 80, 10, 0, 0, 40, 4*time.Millisecond, "kicked", ""),
		mk(true, 100, 60, 3, 2, 0, 2*time.Millisecond, "", ""),
		mk(true, 70, 5, 0, 0, 35, 4*time.Millisecond, "kicked", ""),
		mk(false, 0, 0, 0, 0, 0, 0, "", "timeout"),
	}
	rep := aggregate(scripts, stats, 10, 5*time.Second)
	if len(rep.Scripts) != 2 || rep.Scripts[0].Script != "wander" || rep.Scripts[1].Script != "speedhack" {
		t.Fatalf("scripts %+v", rep.Scripts)
	}
	w, s := rep.Scripts[0], rep.Scripts[1]
	if w.Bots != 3 || w.Connected != 2 || w.InputsSent != 200 || w.Updates != 110 || w.ReliableSent != 5 ||
		w.ReliableConfirmed != 4 || w.Rejected != 0 || w.Failures["timeout"] != 1 || w.Cheater {
		t.Fatalf("wander row %+v", w)
	}
	if s.Bots != 2 || s.Rejected != 75 || s.Disconnects["kicked"] != 2 || !s.Cheater || s.RTTP50 != 4*time.Millisecond {
		t.Fatalf("speedhack row %+v", s)
	}
	if rep.Total.Bots != 5 || rep.Total.InputsSent != 350 || rep.Total.Rejected != 75 {
		t.Fatalf("total %+v", rep.Total)
	}
	if len(rep.Bots) != 5 || rep.Bots[1].UserID != 11 || rep.Bots[1].Disconnect != "kicked" || rep.Bots[4].Failure != "timeout" || rep.Bots[3].Rejected != 35 {
		t.Fatalf("per-bot rows %+v", rep.Bots)
	}
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"speedhack*", "kicked×2", "no-connect(timeout)×1", "total", "2.0ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil || back.Total.InputsSent != 350 || back.Scripts[1].Disconnects["kicked"] != 2 {
		t.Fatalf("JSON round trip: %v %+v", err, back.Total)
	}
}
