package netsim

import (
	"math"
	"testing"
	"time"
)

// within fails the test when got is further than tol from want.
func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.5f, want %.5f ± %.5f", what, got, want, tol)
	}
}

// binomialTol is five standard deviations of a rate measured over n trials.
func binomialTol(p float64, n int) float64 { return 5 * math.Sqrt(p*(1-p)/float64(n)) }

func TestUniformLossRate(t *testing.T) {
	t.Parallel()
	const n = 100_000
	for _, p := range []float64{0.01, 0.1, 0.3} {
		l := NewLink(7, Config{Loss: p})
		got := traffic(l, n, 16, time.Millisecond)
		s := l.Stats()
		if uint64(len(got)) != s.Delivered || s.Delivered+s.Lost != n {
			t.Fatalf("loss %v: delivered %d, stats %+v", p, len(got), s)
		}
		within(t, "realised loss", float64(s.Lost)/n, p, binomialTol(p, n))
	}
}

// lossRuns returns the lost fraction and the mean length of runs of
// consecutive lost datagrams, from the ids that arrived.
func lossRuns(got []delivery, n int) (lossRate, meanRun float64) {
	arrived := make([]bool, n)
	for _, d := range got {
		arrived[d.id] = true
	}
	lost, runs := 0, 0
	for i, ok := range arrived {
		if !ok {
			lost++
			if i == 0 || arrived[i-1] {
				runs++
			}
		}
	}
	return float64(lost) / float64(n), float64(lost) / float64(runs)
}

func TestGilbertElliottBurstLoss(t *testing.T) {
	t.Parallel()
	const n = 200_000
	g := GilbertElliott{PGoodToBad: 0.02, PBadToGood: 0.25, LossGood: 0, LossBad: 1}
	l := NewLink(11, Config{BurstLoss: &g})
	rate, run := lossRuns(traffic(l, n, 16, time.Millisecond), n)
	within(t, "burst loss rate", rate, g.MeanLoss(), 0.1*g.MeanLoss())
	within(t, "mean loss burst", run, g.MeanBurst(), 0.1*g.MeanBurst())

	// The same mean loss spread uniformly has runs barely longer than one.
	u := NewLink(11, Config{Loss: g.MeanLoss()})
	urate, urun := lossRuns(traffic(u, n, 16, time.Millisecond), n)
	within(t, "uniform loss rate", urate, g.MeanLoss(), 0.1*g.MeanLoss())
	if urun > 1.2 || run < 2*urun {
		t.Errorf("mean run: bursty %.2f, uniform %.2f; want bursty ≥ 2× uniform and uniform ≤ 1.2", run, urun)
	}
}

func TestGilbertElliottMeanLoss(t *testing.T) {
	t.Parallel()
	tests := []struct {
		g    GilbertElliott
		want float64
	}{
		{GilbertElliott{PGoodToBad: 0.1, PBadToGood: 0.1, LossGood: 0, LossBad: 1}, 0.5},
		{GilbertElliott{PGoodToBad: 0.01, PBadToGood: 0.99, LossGood: 0, LossBad: 1}, 0.01},
		{GilbertElliott{PGoodToBad: 0, PBadToGood: 0, LossGood: 0.2, LossBad: 1}, 0.2},
		{GilbertElliott{PGoodToBad: 0.1, PBadToGood: 0.3, LossGood: 0.04, LossBad: 0.8}, 0.75*0.04 + 0.25*0.8},
	}
	for _, tc := range tests {
		within(t, "MeanLoss", tc.g.MeanLoss(), tc.want, 1e-12)
	}
}

func TestDuplicationRate(t *testing.T) {
	t.Parallel()
	const n = 100_000
	const p = 0.05
	l := NewLink(3, Config{Duplicate: p, Delay: 5 * time.Millisecond})
	got := traffic(l, n, 16, time.Millisecond)
	seen := make([]int, n)
	for _, d := range got {
		seen[d.id]++
	}
	twice := 0
	for id, c := range seen {
		switch c {
		case 1:
		case 2:
			twice++
		default:
			t.Fatalf("datagram %d delivered %d times", id, c)
		}
	}
	s := l.Stats()
	if uint64(twice) != s.Duplicated || len(got) != n+twice {
		t.Fatalf("twice %d, delivered %d, stats %+v", twice, len(got), s)
	}
	within(t, "realised duplication", float64(twice)/n, p, binomialTol(p, n))
}

func TestReorderRate(t *testing.T) {
	t.Parallel()
	const n = 100_000
	const p = 0.25
	cfg := Config{Delay: 50 * time.Millisecond, Reorder: p, ReorderDelay: 20 * time.Millisecond}
	l := NewLink(5, cfg)
	got := traffic(l, n, 16, time.Millisecond)
	held, newest := 0, int64(-1)
	for _, d := range got {
		switch d.arrived - d.sent {
		case cfg.Delay:
		case cfg.Delay + cfg.ReorderDelay:
			held++
			if int64(d.id) > newest {
				t.Fatalf("held-back datagram %d was not overtaken", d.id)
			}
		default:
			t.Fatalf("datagram %d took %v", d.id, d.arrived-d.sent)
		}
		newest = max(newest, int64(d.id))
	}
	s := l.Stats()
	if uint64(held) != s.Reordered {
		t.Fatalf("held back %d, Stats.Reordered %d", held, s.Reordered)
	}
	within(t, "realised reorder", float64(held)/n, p, binomialTol(p, n))
}

func TestDelayJitterDistribution(t *testing.T) {
	t.Parallel()
	const n = 50_000
	delay, jitter := 50*time.Millisecond, 10*time.Millisecond
	l := NewLink(9, Config{Delay: delay, Jitter: jitter})
	got := traffic(l, n, 16, time.Millisecond)
	var sum, sumSq float64
	var bins [4]int // quarters of [delay-jitter, delay+jitter]
	prev := time.Duration(0)
	for _, d := range got {
		if d.arrived < prev {
			t.Fatalf("arrivals out of time order: %v after %v", d.arrived, prev)
		}
		prev = d.arrived
		lat := d.arrived - d.sent
		if lat < delay-jitter || lat > delay+jitter {
			t.Fatalf("latency %v outside %v ± %v", lat, delay, jitter)
		}
		ms := float64(lat) / 1e6
		sum += ms
		sumSq += ms * ms
		bins[min(3, int((lat-(delay-jitter))*4/(2*jitter)))]++
	}
	mean := sum / n
	sd := math.Sqrt(sumSq/n - mean*mean)
	within(t, "mean delay ms", mean, 50, 0.2)
	within(t, "delay sd ms", sd, 10/math.Sqrt(3), 0.15)
	for i, c := range bins {
		within(t, "quarter "+string(rune('1'+i))+" share", float64(c)/n, 0.25, binomialTol(0.25, n))
	}
	if l.Stats().Reordered == 0 {
		t.Error("10 ms jitter on 1 ms spacing reordered nothing")
	}
}

// TestIssueProfile checks the impairment profile transport tests use:
// 10% loss, 50±10 ms, 25% reordering, 1% duplication.
func TestIssueProfile(t *testing.T) {
	t.Parallel()
	const n = 100_000
	l := NewLink(2026, Config{Loss: 0.1, Delay: 50 * time.Millisecond, Jitter: 10 * time.Millisecond,
		Reorder: 0.25, ReorderDelay: 30 * time.Millisecond, Duplicate: 0.01})
	got := traffic(l, n, 64, 2*time.Millisecond)
	s := l.Stats()
	within(t, "loss", float64(s.Lost)/n, 0.1, binomialTol(0.1, n))
	within(t, "duplication", float64(s.Duplicated)/float64(n-int(s.Lost)), 0.01, binomialTol(0.01, n))
	if s.Delivered != uint64(len(got)) || s.Delivered != n-s.Lost+s.Duplicated || s.Reordered < n/5 {
		t.Fatalf("stats %+v, delivered %d", s, len(got))
	}
	for _, d := range got {
		if lat := d.arrived - d.sent; lat < 40*time.Millisecond || lat > 90*time.Millisecond {
			t.Fatalf("latency %v outside [40ms, 90ms]", lat)
		}
	}
}
