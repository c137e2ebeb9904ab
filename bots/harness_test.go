package bots_test

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/server"
)

// maxTestUsers bounds the user ids the in-process harness tracks.
const maxTestUsers = 4096

// tickRing is how many recent tick start times the harness remembers.
const tickRing = 4096

// inProcess is a real server on a loopback port plus what a test needs to
// judge the bots from the server's side: rejected inputs per user, when
// each tick started, the tick durations.
type inProcess struct {
	srv  *server.Server
	addr string

	rejected [maxTestUsers]atomic.Uint64
	// rateRejected is the part of rejected that is ecs.ReasonRate.
	rateRejected [maxTestUsers]atomic.Uint64
	accepted     [maxTestUsers]atomic.Uint64
	// maxExcess is the most an accepted move of a user went beyond
	// MaxPositionDelta × the time between its timestamp and the previous
	// accepted input's (units, float32 bits); lastPos, lastTS and hasPos
	// are room-goroutine only.
	maxExcess [maxTestUsers]atomic.Uint32
	lastPos   [maxTestUsers]mgl32.Vec3
	lastTS    [maxTestUsers]uint32
	hasPos    [maxTestUsers]bool
	tickStart [tickRing]atomic.Int64 // unix ns
	tickNum   [tickRing]atomic.Uint64
	transfers atomic.Uint64

	mu    sync.Mutex
	ticks bots.Histogram
}

// startInProcess runs a server until the test ends: bots spawn in clusters
// of ten (so each has neighbours in its AOI), "ping" and the upload marker
// command answer OK, and transfers are counted.
func startInProcess(t testing.TB, tune func(*server.Config)) *inProcess {
	t.Helper()
	h := &inProcess{}
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.Endpoint.Listener.MaxConnsPerAddr = maxTestUsers
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 {
		c := float32(uid % 10)
		return mgl32.Vec3{200 + 60*c, 0, 200 + 60*c + float32(uid/10%10)}
	}
	cfg.TickObserver = h
	cfg.RoomSetup = func(r *server.Room) error {
		p := r.Pipeline
		if err := p.Schedule.InsertBefore("ingest", tickClock{h}); err != nil {
			return err
		}
		return p.Schedule.InsertAfter("validate-cheat", rejectCounter{h, p.Batch})
	}
	if tune != nil {
		tune(&cfg)
	}
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ok := func(*server.Context, []byte) (wire.ReplyStatus, []byte) { return wire.StatusOK, []byte("pong") }
	for _, name := range []string{"ping", bots.UploadDoneCommand} {
		if err := s.HandleCommand(name, ok); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.HandleTransfers(func(*server.Context, uint32, []byte) { h.transfers.Add(1) }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server run: %v", err)
		}
	})
	h.srv, h.addr = s, s.Addr().String()
	return h
}

// ObserveTick implements server.TickObserver: it records each tick's duration.
func (h *inProcess) ObserveTick(_ uint32, loop *sim.Loop) {
	d := loop.TickTiming().Last()
	h.mu.Lock()
	h.ticks.Record(d)
	h.mu.Unlock()
}

// tickP99 is the 99th percentile tick duration since the start or the
// last resetTicks.
func (h *inProcess) tickP99() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ticks.Percentile(99)
}

// tickStats returns the tick count, p50, p99 and max since the last reset.
func (h *inProcess) tickStats() (n uint64, p50, p99, maxTick time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ticks.Count(), h.ticks.Percentile(50), h.ticks.Percentile(99), h.ticks.Percentile(100)
}

// resetTicks forgets the tick durations recorded so far.
func (h *inProcess) resetTicks() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ticks = bots.Histogram{}
}

// netConfig lets the bots read the server-side truth the protocol does not
// carry: rejections per user and tick start times.
func (h *inProcess) netConfig() bots.NetConfig {
	return bots.NetConfig{
		Rejected: func(uid uint64) uint64 {
			if uid >= maxTestUsers {
				return 0
			}
			return h.rejected[uid].Load()
		},
		TickTime: func(_ uint32, tick uint64) (time.Time, bool) {
			i := tick % tickRing
			if h.tickNum[i].Load() != tick {
				return time.Time{}, false
			}
			return time.Unix(0, h.tickStart[i].Load()), true
		},
	}
}

// tickClock notes when each tick started (first system of the schedule).
type tickClock struct{ h *inProcess }

func (tickClock) Name() string { return "test-tick-clock" }

func (c tickClock) Update(w *ecs.World) {
	i := w.Time.Tick % tickRing
	c.h.tickStart[i].Store(time.Now().UnixNano())
	c.h.tickNum[i].Store(w.Time.Tick)
}

// rejectCounter counts validate-cheat's verdicts per user.
type rejectCounter struct {
	h     *inProcess
	batch *ecs.InputBatch
}

func (rejectCounter) Name() string { return "test-reject-counter" }

func (c rejectCounter) Update(w *ecs.World) {
	for i, reason := range c.batch.Reason {
		e, ok := w.EntityOf(c.batch.Conn[i])
		if !ok {
			continue
		}
		uid := w.Players.Get(e).UserID
		switch {
		case uid >= maxTestUsers:
		case reason == ecs.ReasonAccepted:
			c.h.accepted[uid].Add(1)
			pos, ts := mgl32.Vec3{c.batch.X[i], c.batch.Y[i], c.batch.Z[i]}, c.batch.Timestamp[i]
			if c.h.hasPos[uid] {
				dt := float32(int32(ts-c.h.lastTS[uid])) / 1000
				excess := pos.Sub(c.h.lastPos[uid]).Len() - w.Config.MaxPositionDelta*max(dt, 0)
				if excess > math.Float32frombits(c.h.maxExcess[uid].Load()) {
					c.h.maxExcess[uid].Store(math.Float32bits(excess))
				}
			}
			c.h.lastPos[uid], c.h.lastTS[uid], c.h.hasPos[uid] = pos, ts, true
		default:
			c.h.rejected[uid].Add(1)
			if reason == ecs.ReasonRate {
				c.h.rateRejected[uid].Add(1)
			}
		}
	}
}
