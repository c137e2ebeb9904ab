package broadcast

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// hashingSink hashes every Send (connection, delivery, priority, length and
// bytes, in order) and refuses every dropEvery-th payload when dropEvery > 0.
type hashingSink struct {
	h         hash.Hash
	calls     int
	dropEvery int
}

func (s *hashingSink) Send(conn uint32, d Delivery, p wire.Priority, b []byte) bool {
	var hdr [10]byte
	binary.LittleEndian.PutUint32(hdr[0:], conn)
	hdr[4], hdr[5] = byte(d), byte(p)
	binary.LittleEndian.PutUint32(hdr[6:], uint32(len(b)))
	s.h.Write(hdr[:])
	s.h.Write(b)
	s.calls++
	return s.dropEvery == 0 || s.calls%s.dropEvery != 0
}

// goldenScene is a small world whose whole broadcast output is pinned.
type goldenScene struct {
	name       string
	players    int
	side       float32 // players start in [0, side)² of the world
	rooms      uint32
	maxPayload int
	maxVisible int
	dropEvery  int
	allMove    bool // every player moves every tick
	// digest is the SHA-256 of the scene's Send stream as produced by the
	// implementation before the city-tick performance rewrite; stats are
	// its totals.
	digest string
	stats  Stats
}

// runGoldenScene plays 12 ticks of random moves, rotations and velocities
// (arbitrary float bits, NaNs included), players that do not move (so the
// refresh rule applies), despawns, spawns and a spawn between the AOI pass
// and broadcast, and returns the digest of everything sent.
func runGoldenScene(t *testing.T, sc goldenScene) (string, Stats) {
	t.Helper()
	cfg := ecs.DefaultConfig()
	cfg.WorldMax = mgl32.Vec3{400, 100, 400}
	cfg.MaxPayload, cfg.AOIMaxVisible = sc.maxPayload, sc.maxVisible
	w, err := ecs.NewWorld(cfg, sc.players)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, uint64(sc.players)))
	sink := &hashingSink{h: sha256.New(), dropEvery: sc.dropEvery}
	aoi := aoigrid.New(sc.players)
	sys := New(aoi, sink)
	randomFloat := func() float32 {
		if rng.IntN(20) == 0 {
			return math.Float32frombits(0x7fc00000 | rng.Uint32()&0x3fffff) // a NaN with payload
		}
		return math.Float32frombits(rng.Uint32()&0x3fffffff | rng.Uint32()&0x80000000)
	}
	nextConn := uint32(0)
	spawn := func() {
		pos := mgl32.Vec3{rng.Float32() * sc.side, 0, rng.Float32() * sc.side}
		_, ok := w.SpawnPlayer(ecs.SpawnSpec{Conn: nextConn, UserID: uint64(nextConn)*977 + 3,
			Room: nextConn % sc.rooms, Position: pos})
		if !ok {
			t.Fatalf("spawn conn %d", nextConn)
		}
		nextConn++
	}
	for range sc.players {
		spawn()
	}
	for tick := 1; tick <= 12; tick++ {
		w.Time.Tick++
		w.Time.Now += w.Config.TickDuration()
		switch tick {
		case 4:
			for _, c := range []uint32{1, 5, 9} {
				w.DespawnConn(c)
			}
		case 6, 9:
			spawn()
			spawn()
		}
		for c := range nextConn {
			e, ok := w.EntityOf(c)
			if !ok {
				continue
			}
			mo := w.Motions.Get(e)
			mo.Moved = sc.allMove || rng.IntN(10) < 6
			if !mo.Moved {
				continue
			}
			p := w.Positions.Get(e)
			for _, i := range []int{0, 2} {
				p.Vec3[i] = min(max(p.Vec3[i]+rng.Float32()*40-20, 0), 400)
			}
			p.Vec3[1] = randomFloat()
			w.Rotations.Get(e).Quat = mgl32.Quat{W: randomFloat(), V: mgl32.Vec3{randomFloat(), randomFloat(), randomFloat()}}
			w.Velocities.Get(e).Vec3 = mgl32.Vec3{randomFloat(), randomFloat(), randomFloat()}
		}
		aoi.Update(w)
		if tick == 7 {
			spawn() // not in this tick's AOI pass: seen from the next tick
		}
		sys.Update(w)
	}
	return hex.EncodeToString(sink.h.Sum(nil)), sys.Stats()
}

// TestGoldenOutput pins the exact bytes, order, deliveries and priorities of
// everything broadcast sends for a few small scenes: payload splitting at a
// small MaxPayload and at the default one, capped views, several rooms and a
// sink that drops payloads.
func TestGoldenOutput(t *testing.T) {
	t.Parallel()
	for _, sc := range []goldenScene{
		{name: "split-small-payload", players: 60, side: 120, rooms: 2, maxPayload: 256, maxVisible: 20,
			digest: "d846f65e962428e0fad7cbc31b7081f5c98510442758adc5447b66412127da3a",
			stats:  Stats{Payloads: 1313, Bytes: 217215, Records: 4115, Enters: 1430, Leaves: 836}},
		{name: "default-payload-crowd", players: 90, side: 90, rooms: 1, maxPayload: 1200, maxVisible: 128,
			digest: "e88ce5685cfe79f5e51c1075b175906f067beb74c118fd7776933ca31c3f3c36",
			stats:  Stats{Payloads: 1700, Bytes: 1368780, Records: 27985, Enters: 8556, Leaves: 4561}},
		{name: "sparse-drops", players: 50, side: 400, rooms: 3, maxPayload: 600, maxVisible: 5, dropEvery: 7,
			digest: "7ac6cacde70831f49870364821c50f06f746d47e5d97448f94deaf6fa8042555",
			stats:  Stats{Payloads: 208, Bytes: 18369, Records: 308, Enters: 96, Leaves: 50, Dropped: 59}},
		{name: "all-move", players: 70, side: 200, rooms: 1, maxPayload: 1200, maxVisible: 30, allMove: true,
			digest: "0d2dce690e4b466de5236de91b46f244b3383619ac8cd16394aed211d4e92f9c",
			stats:  Stats{Payloads: 828, Bytes: 458532, Records: 9294, Enters: 2440, Leaves: 1666}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			digest, stats := runGoldenScene(t, sc)
			if digest != sc.digest || stats != sc.stats {
				t.Fatalf("output changed:\ndigest %s\nwant   %s\nstats %+v\nwant  %+v", digest, sc.digest, stats, sc.stats)
			}
		})
	}
}
