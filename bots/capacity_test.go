package bots_test

import (
	"context"
	"flag"
	"fmt"
	"hash/maphash"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim/server"
)

var (
	capacityBots     = flag.String("capacity.bots", "50,100", "comma-separated wander-bot counts BenchmarkCapacity tries")
	capacityDuration = flag.Duration("capacity.duration", 3*time.Second, "steady-state length of each BenchmarkCapacity run (after the ramp)")
)

// capacityRamp is how long BenchmarkCapacity spreads n connects over: at
// least 2 s and 10 ms per bot, since a loopback handshake with 64 in flight
// takes about 160 ms (p50) on the 2-core machine. Tick durations recorded
// during the ramp and the second after it are discarded.
func capacityRamp(n int) time.Duration {
	return max(2*time.Second, time.Duration(n)*10*time.Millisecond)
}

// capacityResult is one BenchmarkCapacity run.
type capacityResult struct {
	bots, connected, ended      int
	failures                    map[string]int
	ticks                       uint64
	tickP50, tickP99, tickMax   time.Duration
	updP50, updP99              time.Duration
	reliableSent, reliableConf  uint64
	criticalKicks, overruns     uint64
	cpuCores                    float64 // process CPU seconds per wall second
	inputsPerSec, updatesPerSec float64
}

// BenchmarkCapacity runs wander bots at 60 Hz against an in-process server
// (one room, players spread uniformly over the 1000×1000 world, about 8 in
// each AOI) and reports the server's tick p50/p99/max in the steady state,
// the bots' update latency (tick start → snapshot received), whether every
// reliable message was confirmed (one chatter bot per 50 is the canary) and
// the process's CPU. Server and bots goroutines carry the pprof label
// side=server / side=bots, so -cpuprofile splits the CPU per side:
//
//	go test -run XXX -bench Capacity -benchtime 1x -capacity.bots 200,400 -cpuprofile cpu.out ./bots
//	go tool pprof -tags cpu.out
func BenchmarkCapacity(b *testing.B) {
	for _, field := range strings.Split(*capacityBots, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			b.Fatalf("bad -capacity.bots entry %q", field)
		}
		b.Run(fmt.Sprintf("bots=%d", n), func(b *testing.B) {
			var r capacityResult
			for b.Loop() {
				r = runCapacity(b, n, *capacityDuration)
			}
			simCfg := ecs.DefaultConfig()
			budget := simCfg.TickDuration()
			b.ReportMetric(float64(r.connected), "connected")
			b.ReportMetric(ms(r.tickP50), "tick-p50-ms")
			b.ReportMetric(ms(r.tickP99), "tick-p99-ms")
			b.ReportMetric(ms(r.tickMax), "tick-max-ms")
			b.ReportMetric(ms(r.updP50), "upd-p50-ms")
			b.ReportMetric(ms(r.updP99), "upd-p99-ms")
			b.ReportMetric(r.cpuCores, "cpu-cores")
			b.ReportMetric(r.inputsPerSec, "inputs/s")
			b.ReportMetric(r.updatesPerSec, "updates/s")
			b.ReportMetric(float64(r.reliableSent-r.reliableConf), "reliable-unconfirmed")
			within := r.tickP99 <= budget && r.connected == n && r.ended == 0 && r.reliableConf == r.reliableSent && r.criticalKicks == 0
			b.Logf("bots %d: connected %d (failures %v), ended early %d, ticks %d (p50 %v p99 %v max %v, budget %v, overruns %d), update latency p50 %v p99 %v, reliable %d/%d, cpu %.2f cores, sustained: %v",
				n, r.connected, r.failures, r.ended, r.ticks, r.tickP50, r.tickP99, r.tickMax, budget, r.overruns, r.updP50, r.updP99,
				r.reliableConf, r.reliableSent, r.cpuCores, within)
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// runCapacity is one run of n bots for the ramp plus steady.
func runCapacity(b *testing.B, n int, steady time.Duration) capacityResult {
	b.Helper()
	var h *inProcess
	seed := maphash.MakeSeed()
	pprof.Do(context.Background(), pprof.Labels("side", "server"), func(context.Context) {
		h = startInProcess(b, func(c *server.Config) {
			c.Endpoint.Listener.MaxConnsPerAddr = maxTestUsers
			c.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 {
				v := maphash.Comparable(seed, uid)
				return mgl32.Vec3{50 + float32(v%900), 0, 50 + float32(v>>32%900)}
			}
		})
	})
	canaries := n / 50
	mix, err := bots.ParseMix(fmt.Sprintf("wander,chatter=%d", canaries), n)
	if err != nil {
		b.Fatal(err)
	}
	sim := ecs.DefaultConfig()
	var logMu sync.Mutex
	var connectErrs []string
	r, err := bots.NewRunner(bots.Config{
		Logf: func(f string, a ...any) {
			logMu.Lock()
			defer logMu.Unlock()
			if line := fmt.Sprintf(f, a...); strings.Contains(line, "connect:") && len(connectErrs) < 3 {
				connectErrs = append(connectErrs, line)
			}
		},
		Addr: h.addr, Mix: mix, Dial: bots.NetDialer(h.netConfig()), Room: 1,
		Duration: capacityRamp(n) + time.Second + steady, Ramp: capacityRamp(n), Seed: 1,
		Limits: bots.Limits{MaxSpeed: sim.MaxPositionDelta, AOIRadius: sim.AOIRadius,
			WorldMin: bots.Vec3(sim.WorldMin), WorldMax: bots.Vec3(sim.WorldMax)},
	})
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		time.Sleep(capacityRamp(n) + time.Second) // let the last connects settle
		h.resetTicks()
	}()
	cpu0, wall0 := processCPU(), time.Now()
	var rep bots.Report
	pprof.Do(context.Background(), pprof.Labels("side", "bots"), func(ctx context.Context) {
		rep = r.Run(ctx)
	})
	cpu, wall := processCPU()-cpu0, time.Since(wall0)
	res := capacityResult{bots: n, connected: rep.Total.Connected, cpuCores: cpu.Seconds() / wall.Seconds(),
		updP50: rep.Total.LatencyP50, updP99: rep.Total.LatencyP99,
		reliableSent: rep.Total.ReliableSent, reliableConf: rep.Total.ReliableConfirmed,
		inputsPerSec: float64(rep.Total.InputsSent) / wall.Seconds(), updatesPerSec: float64(rep.Total.Updates) / wall.Seconds()}
	res.failures = rep.Total.Failures
	for _, e := range connectErrs {
		b.Log(e)
	}
	for _, c := range rep.Total.Disconnects {
		res.ended += c
	}
	res.ticks, res.tickP50, res.tickP99, res.tickMax = h.tickStats()
	st := h.srv.Stats()
	res.criticalKicks, res.overruns = st.CriticalKicks, st.Overruns
	return res
}

// processCPU is the CPU time (user + system) this process used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
