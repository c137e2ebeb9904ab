package metrics_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/metrics"
	"github.com/tickforge/tickforge/sim/server"
)

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(b)
}

// value returns the sample of the series line that starts with series.
func value(t *testing.T, body, series string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no series %s", series)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScrapeSeesSeriesMove(t *testing.T) {
	admin, err := metrics.NewAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.TickObserver = admin.Ticks
	cfg.Sim.StrikeLimit = 1000
	cfg.SpawnPoint = func(uint64, uint32) mgl32.Vec3 { return mgl32.Vec3{100, 0, 100} }
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.Attach(srv); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Run(ctx)
	go admin.Serve(ctx)
	base := "http://" + admin.Addr().String()

	dctx, dcancel := context.WithTimeout(ctx, 5*time.Second)
	defer dcancel()
	c, err := client.Dial(dctx, srv.Addr().String(), 1, 1, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(300 * time.Millisecond)
	before := scrape(t, base+"/metrics")
	for i := 0; i < 10; i++ {
		c.SendPosition([3]float32{100 + float32(i)*0.5, 0, 100}, [4]float32{0, 0, 0, 1}, [3]float32{})
		time.Sleep(20 * time.Millisecond)
	}
	c.SendPosition([3]float32{900, 0, 900}, [4]float32{0, 0, 0, 1}, [3]float32{}) // a teleport
	time.Sleep(100 * time.Millisecond)
	after := scrape(t, base+"/metrics")

	moving := []string{
		`tickforge_ticks_total`,
		`tickforge_tick_duration_seconds_count{system="tick"}`,
		`tickforge_tick_duration_seconds_count{system="validate-cheat"}`,
		`tickforge_packets_total{direction="in",result="ok"}`,
		`tickforge_packets_total{direction="out",result="ok"}`,
		`tickforge_bytes_total{direction="in"}`,
		`tickforge_cheat_verdicts_total{reason="accepted"}`,
		`tickforge_cheat_verdicts_total{reason="speed"}`,
	}
	for _, s := range moving {
		if b, a := value(t, before, s), value(t, after, s); !(a > b) {
			t.Errorf("%s did not move: %v → %v", s, b, a)
		}
	}
	for s, want := range map[string]float64{`tickforge_players`: 1, `tickforge_rooms`: 1, `tickforge_connections`: 1} {
		if got := value(t, after, s); got != want {
			t.Errorf("%s = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{`tickforge_rtt_seconds{stat="mean"}`, `tickforge_retransmits_total`, `tickforge_tick_overruns_total`} {
		value(t, after, s) // present
	}
	if body := scrape(t, base+"/healthz"); body != "ok\n" {
		t.Fatalf("healthz %q", body)
	}
	if body := scrape(t, base+"/debug/pprof/"); len(body) == 0 {
		t.Fatal("empty pprof index")
	}
}

func TestObserveTickAllocatesNothing(t *testing.T) {
	admin, err := metrics.NewAdmin("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Serve(canceled())
	p := newPipeline(t)
	p.Loop.Step()
	admin.Ticks.ObserveTick(1, p.Loop)
	if n := testing.AllocsPerRun(100, func() { admin.Ticks.ObserveTick(1, p.Loop) }); n != 0 {
		t.Fatalf("ObserveTick allocates %v", n)
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
