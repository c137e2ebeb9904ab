package broadcast

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// hashingSink hashes every Send (connection, delivery, priority, length and
// bytes, in order) and refuses every dropEvery-th payload when dropEvery > 0.
//
// It also keeps a digest that ignores order: per tick (endTick), what each
// connection was offered, as a sorted list of items — one per record of a
// GameStateSync (with its header but not the record count, which depends
// on how records were grouped into payloads) and one per event. Two
// implementations that send every connection the same records and events
// each tick, in any order and any grouping, have the same content digest.
type hashingSink struct {
	h         hash.Hash
	calls     int
	dropEvery int

	content hash.Hash
	items   []string
}

func (s *hashingSink) Send(conn uint32, d Delivery, p wire.Priority, b []byte) bool {
	var hdr [10]byte
	binary.LittleEndian.PutUint32(hdr[0:], conn)
	hdr[4], hdr[5] = byte(d), byte(p)
	binary.LittleEndian.PutUint32(hdr[6:], uint32(len(b)))
	s.h.Write(hdr[:])
	s.h.Write(b)
	s.calls++

	const head = wire.GameStateSyncHeaderSize
	if len(b) >= head && wire.Type(b[0]) == wire.TypeGameStateSync {
		for r := b[head:]; len(r) >= wire.EntityStateSize; r = r[wire.EntityStateSize:] {
			s.items = append(s.items, string(hdr[:6])+string(b[:head-2])+string(r[:wire.EntityStateSize]))
		}
	} else {
		s.items = append(s.items, string(hdr[:6])+string(b))
	}
	return s.dropEvery == 0 || s.calls%s.dropEvery != 0
}

// endTick adds the tick's items, sorted, to the content digest.
func (s *hashingSink) endTick() {
	slices.Sort(s.items)
	for _, it := range s.items {
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(it)))
		s.content.Write(n[:])
		s.content.Write([]byte(it))
	}
	s.items = s.items[:0]
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
	// digest is the SHA-256 of the scene's Send stream; stats are its
	// totals. content is the order-free digest (see hashingSink), which
	// the implementation before the city-tick performance rewrite
	// produced: rewrites may change the order in which records and events
	// go out, never what each connection is sent.
	digest, content string
	stats           Stats
}

// runGoldenScene plays 12 ticks of random moves, rotations and velocities
// (arbitrary float bits, NaNs included), players that do not move (so the
// refresh rule applies), despawns, spawns and a spawn between the AOI pass
// and broadcast, and returns the digest of everything sent.
func runGoldenScene(t *testing.T, sc goldenScene) (digest, content string, _ Stats) {
	t.Helper()
	cfg := ecs.DefaultConfig()
	cfg.WorldMax = mgl32.Vec3{400, 100, 400}
	cfg.MaxPayload, cfg.AOIMaxVisible = sc.maxPayload, sc.maxVisible
	w, err := ecs.NewWorld(cfg, sc.players)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, uint64(sc.players)))
	sink := &hashingSink{h: sha256.New(), content: sha256.New(), dropEvery: sc.dropEvery}
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
		sink.endTick()
	}
	return hex.EncodeToString(sink.h.Sum(nil)), hex.EncodeToString(sink.content.Sum(nil)), sys.Stats()
}

// TestGoldenOutput pins the exact bytes, order, deliveries and priorities of
// everything broadcast sends for a few small scenes: payload splitting at a
// small MaxPayload and at the default one, capped views, several rooms and a
// sink that drops payloads.
func TestGoldenOutput(t *testing.T) {
	t.Parallel()
	for _, sc := range []goldenScene{
		{name: "split-small-payload", players: 60, side: 120, rooms: 2, maxPayload: 256, maxVisible: 20,
			digest:  "556e0328dc165e419bad88affe43e90732b1ee0d830cceeff9ce8ebc882c8baf",
			content: "ea1a2853007e5e2b23519595bf8f7c07cb612d2466965de683eed639b80e3005",
			stats:   Stats{Payloads: 1313, Bytes: 217215, Records: 4115, Enters: 1430, Leaves: 836}},
		{name: "default-payload-crowd", players: 90, side: 90, rooms: 1, maxPayload: 1200, maxVisible: 128,
			digest:  "f02ca6634fa5265f24316e0aab15a1b8135c680359fe39cdac994d2bdc56e028",
			content: "5658397c8b25057b844b49c3623f150624a1c71f934ad7e176d4cb935cb9c163",
			stats:   Stats{Payloads: 1700, Bytes: 1368780, Records: 27985, Enters: 8556, Leaves: 4561}},
		{name: "sparse-drops", players: 50, side: 400, rooms: 3, maxPayload: 600, maxVisible: 5, dropEvery: 7,
			digest:  "3e22431ddeaf15be336c522de8f16b93e82f543ed950b120253ddd64dad950cc",
			content: "cf24d1c1ba58b7f7a11fef4122c0e7fbb08310ea331008b5c8e5b4e50e227d85",
			stats:   Stats{Payloads: 208, Bytes: 18369, Records: 308, Enters: 96, Leaves: 50, Dropped: 59}},
		{name: "all-move", players: 70, side: 200, rooms: 1, maxPayload: 1200, maxVisible: 30, allMove: true,
			digest:  "ba5234dd549bd4857638c11182aa843e2bb88be84f12c64cf062ec2fabb768d6",
			content: "9eb6fe2d3c191a2a1df35db3ff896378e4539880552cfaafb254d26699261aec",
			stats:   Stats{Payloads: 828, Bytes: 458532, Records: 9294, Enters: 2440, Leaves: 1666}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			digest, content, stats := runGoldenScene(t, sc)
			if content != sc.content || stats != sc.stats {
				t.Fatalf("content changed:\ncontent %s\nwant    %s\nstats %+v\nwant  %+v", content, sc.content, stats, sc.stats)
			}
			if digest != sc.digest {
				t.Fatalf("order changed:\ndigest %s\nwant   %s", digest, sc.digest)
			}
		})
	}
}
