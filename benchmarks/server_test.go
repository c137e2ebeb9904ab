package benchmarks

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

// probeTransport is the server's output in BenchmarkServerLatency: it finds,
// in each GameStateSync, the records that carry a player's probed input
// (tagged in the velocity's Y) and records how long after the input was
// handed to the server the broadcast was written.
type probeTransport struct {
	at      []atomic.Int64  // per user: ns the probed input was handed in (0: none)
	tag     []atomic.Uint32 // per user: float bits of the probed velocity Y
	epoch   time.Time
	samples []time.Duration // written by the room goroutine only
	sends   atomic.Uint64
}

func (p *probeTransport) Send(_ endpoint.ConnID, _ rudp.Channel, _ wire.Priority, b []byte) bool {
	p.sends.Add(1)
	if len(b) < wire.GameStateSyncHeaderSize || wire.Type(b[0]) != wire.TypeGameStateSync {
		return true
	}
	now := int64(time.Since(p.epoch))
	for r := b[wire.GameStateSyncHeaderSize:]; len(r) >= wire.EntityStateSize; r = r[wire.EntityStateSize:] {
		uid := binary.LittleEndian.Uint64(r)
		if uid >= uint64(len(p.at)) {
			continue
		}
		t := p.at[uid].Load()
		if t != 0 && binary.LittleEndian.Uint32(r[8+12+16+4:]) == p.tag[uid].Load() && p.at[uid].CompareAndSwap(t, 0) {
			p.samples = append(p.samples, time.Duration(now-t))
		}
	}
	return true
}

func (p *probeTransport) Kick(endpoint.ConnID, rudp.CloseReason) bool { return true }

// BenchmarkServerLatency: 1,000 players in one 1000×1000 room (the arena),
// each sending an honest PositionUpdate every tick (60 Hz) or every second
// tick (30 Hz, half the players each tick), the arrivals spread over the
// tick. Latency is from handing a message to the server's network handler
// (where the endpoint delivers a received datagram's message) to the server
// writing the first broadcast record that carries its result (its tagged
// velocity); the socket and rudp are not included. "sampled" is the share
// of inputs whose result was broadcast at all. One iteration is one tick.
//
// Known effect: validate-cheat starts an accepted move's interpolation at
// the current tick's time, so the entity does not move in the tick that
// accepts it; at 60 Hz every tick brings a new target and most records are
// only sent by broadcast's periodic refresh.
func BenchmarkServerLatency(b *testing.B) {
	for _, every := range []int{1, 2} {
		b.Run(fmt.Sprintf("1000-players-%dHz", 60/every), func(b *testing.B) { benchLatency(b, every) })
	}
}

func benchLatency(b *testing.B, every int) {
	const players = 1000
	cfg := server.DefaultConfig()
	rng := rand.New(rand.NewPCG(1, 1))
	pos := make([]mgl32.Vec3, players+1)
	for i := 1; i <= players; i++ {
		pos[i] = mgl32.Vec3{50 + rng.Float32()*900, 0, 50 + rng.Float32()*900}
	}
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 { return pos[uid] }
	tr := &probeTransport{at: make([]atomic.Int64, players+1), tag: make([]atomic.Uint32, players+1)}
	srv, err := server.NewWithTransport(cfg, tr)
	if err != nil {
		b.Fatal(err)
	}
	tr.epoch = time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Run(ctx)
	h := srv.Handler()
	for i := 1; i <= players; i++ {
		h.OnConnect(endpoint.ConnID(i), netip.AddrPort{})
		h.OnMessage(endpoint.ConnID(i), rudp.ReliableOrdered, wire.AppendConnect(nil, &wire.Connect{UserID: uint64(i), RoomID: 1}))
	}
	time.Sleep(300 * time.Millisecond) // spawn and let the anchors age

	tick := time.Second / 60
	const bursts = 16 // arrivals spread over the tick in 16 bursts
	msg := make([]byte, 0, wire.PositionUpdateSize)
	var seq uint16
	ticks := max(b.N, 120)
	b.ResetTimer()
	start := time.Now()
	for t := 0; t < ticks; t++ {
		seq++
		for s := 0; s < bursts; s++ {
			burstAt := start.Add(time.Duration(t)*tick + time.Duration(s)*tick/bursts)
			time.Sleep(time.Until(burstAt))
			for i := 1 + s; i <= players; i += bursts {
				if (i+t)%every != 0 {
					continue
				}
				pos[i] = walk(rng, pos[i])
				tagY := float32(seq%1000+1) * 1e-3
				tr.tag[i].Store(math.Float32bits(tagY))
				tr.at[i].Store(int64(time.Since(tr.epoch)))
				msg = wire.AppendPositionUpdate(msg[:0], &wire.PositionUpdate{
					UserID: uint64(i), Position: pos[i], Rotation: [4]float32{0, 0, 0, 1},
					Velocity: [3]float32{0, tagY, 0}, Timestamp: uint32(srv.Now() / time.Millisecond), Sequence: seq,
				})
				h.OnMessage(endpoint.ConnID(i), rudp.UnreliableSequenced, msg)
			}
		}
	}
	elapsed := time.Since(start)
	time.Sleep(3 * tick) // let the last inputs come out
	b.StopTimer()
	cancel()
	lat := slices.Clone(tr.samples)
	slices.Sort(lat)
	if len(lat) == 0 {
		b.Fatal("no latency samples")
	}
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
	st := srv.Stats()
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(st.Cheat[0])/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(len(lat))/float64(st.Cheat[0]), "sampled")
	if st.Cheat[0] != uint64(ticks*players/every) || st.Overruns > 0 {
		b.Logf("accepted %d of %d; verdicts %v; overruns %d", st.Cheat[0], ticks*players/every, st.Cheat, st.Overruns)
	}
}

// walk moves p by at most one unit (60 units/s at 60 Hz), inside the world.
func walk(rng *rand.Rand, p mgl32.Vec3) mgl32.Vec3 {
	a := rng.Float64() * 2 * math.Pi
	p[0] = min(max(p[0]+float32(math.Cos(a))*0.9, 1), 999)
	p[2] = min(max(p[2]+float32(math.Sin(a))*0.9, 1), 999)
	return p
}

// BenchmarkServerThroughput: 200 or 500 real clients over loopback UDP (each its own
// socket and goroutines, in this process) send PositionUpdates as fast as
// their 8 ms pacing allows; the figure is the messages per second the server
// received and routed (all of them reach the simulation: accepted or judged).
func BenchmarkServerThroughput(b *testing.B) {
	for _, n := range []int{200, 500} {
		b.Run(fmt.Sprintf("%d-clients", n), func(b *testing.B) { benchThroughput(b, n) })
	}
}

func benchThroughput(b *testing.B, clients int) {
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.Endpoint.Listener.MaxConnsPerAddr = clients
	cfg.Sim.MaxInputRate = 1000
	cfg.Sim.InputBurst = 100
	rng := rand.New(rand.NewPCG(2, 2))
	pos := make([]mgl32.Vec3, clients+1)
	for i := 1; i <= clients; i++ {
		pos[i] = mgl32.Vec3{50 + rng.Float32()*900, 0, 50 + rng.Float32()*900}
	}
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 { return pos[uid] }
	srv, err := server.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Run(ctx)
	cs := make([]*client.Client, 0, clients)
	for i := 1; i <= clients; i++ {
		dctx, dcancel := context.WithTimeout(ctx, 10*time.Second)
		c, err := client.Dial(dctx, srv.Addr().String(), uint64(i), 1, client.Options{})
		dcancel()
		if err != nil {
			b.Fatal(err)
		}
		cs = append(cs, c)
	}
	defer func() {
		for _, c := range cs {
			c.Close()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	dur := time.Duration(max(b.N, 1)) * 2 * time.Second
	before := srv.Stats()
	b.ResetTimer()
	var wg sync.WaitGroup
	stop := time.Now().Add(dur)
	for i, c := range cs {
		wg.Add(1)
		go func(uid int, c *client.Client) {
			defer wg.Done()
			p := pos[uid]
			r := rand.New(rand.NewPCG(uint64(uid), 3))
			for time.Now().Before(stop) {
				p = walk(r, p)
				c.SendPosition(p, [4]float32{0, 0, 0, 1}, [3]float32{})
				time.Sleep(8 * time.Millisecond)
			}
		}(i+1, c)
	}
	wg.Wait()
	time.Sleep(100 * time.Millisecond)
	b.StopTimer()
	after := srv.Stats()
	in := after.MessagesIn[wire.TypePositionUpdate] - before.MessagesIn[wire.TypePositionUpdate]
	var judged uint64
	for r := range after.Cheat {
		judged += after.Cheat[r] - before.Cheat[r]
	}
	b.ReportMetric(float64(in)/dur.Seconds(), "msgs/s")
	b.ReportMetric(float64(judged)/dur.Seconds(), "judged/s")
	b.ReportMetric(float64(after.Cheat[0]-before.Cheat[0])/float64(max(judged, 1)), "accepted-share")
	es := srv.Endpoint().Stats()
	b.ReportMetric(float64(es.DatagramsOut)/dur.Seconds(), "datagrams-out/s")
}
