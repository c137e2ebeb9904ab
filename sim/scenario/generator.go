package scenario

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/ingest"
)

// floodInputs is how many inputs a flooding player sends in one tick.
const floodInputs = 40

// Push hands one event to the pipeline; it reports false if the queue is full.
type Push func(ev *ingest.Event) bool

// Generator produces a scenario's events. It is deterministic for a seed.
type Generator struct {
	spec    Spec
	cfg     ecs.Config
	rng     *rand.Rand
	players []walker
	sent    [numCheats]uint64
	dropped uint64
	ev      ingest.Event
}

type walker struct {
	pos     mgl32.Vec3
	heading float64
	speed   float32
	seq     uint16
}

// NewGenerator returns a generator for spec under cfg (use spec.Config).
func NewGenerator(spec Spec, cfg ecs.Config, seed uint64) *Generator {
	g := &Generator{spec: spec, cfg: cfg, rng: rand.New(rand.NewPCG(seed, 0x7469636b))}
	g.players = make([]walker, spec.Players)
	for i := range g.players {
		g.players[i] = walker{
			pos:     mgl32.Vec3{g.rng.Float32() * spec.WorldSize, 0, g.rng.Float32() * spec.WorldSize},
			heading: g.rng.Float64() * 2 * math.Pi,
			speed:   cfg.MaxPositionDelta * (0.25 + float32(0.75*g.rng.Float32())),
		}
	}
	return g
}

// Spec is the generator's scenario.
func (g *Generator) Spec() Spec { return g.spec }

// Sent returns how many inputs of each cheat kind were generated, honest
// ones under CheatNone.
func (g *Generator) Sent() [numCheats]uint64 { return g.sent }

// Dropped is the number of events the queue refused.
func (g *Generator) Dropped() uint64 { return g.dropped }

// Connect pushes a connect event for every player; connection i is player i.
func (g *Generator) Connect(push Push) {
	for i := range g.players {
		g.ev = ingest.Event{Kind: ingest.KindConnect, Conn: uint32(i), UserID: uint64(i) + 1, Spawn: g.players[i].pos, HasSpawn: true}
		g.push(push)
	}
}

// Inputs pushes every player's input for the tick that runs at time now:
// each player walks for one tick and reports where it is, stamped with now.
func (g *Generator) Inputs(now time.Duration, push Push) {
	dt := float32(g.cfg.TickDuration().Seconds())
	nowMS := uint32(now / time.Millisecond)
	size := g.spec.WorldSize
	for i := range g.players {
		p := &g.players[i]
		if g.rng.IntN(60) == 0 {
			p.heading += float64(g.rng.Float64()*2) - 1
		}
		dir := mgl32.Vec3{float32(math.Cos(p.heading)), 0, float32(math.Sin(p.heading))}
		next := p.pos.Add(dir.Mul(p.speed * dt))
		if next[0] < 1 || next[0] > size-1 || next[2] < 1 || next[2] > size-1 {
			p.heading += math.Pi // turn back at the walls
			next = p.pos
		}
		p.pos = next
		p.seq++
		in := ecs.Input{
			Conn: uint32(i), Seq: p.seq, Timestamp: nowMS, Position: p.pos,
			Rotation: mgl32.QuatRotate(float32(p.heading), mgl32.Vec3{0, 1, 0}),
			Velocity: dir.Mul(p.speed),
		}
		cheat := g.pickCheat()
		g.sent[cheat]++
		switch cheat {
		case CheatSpeed:
			in.Position = p.pos.Add(dir.Mul(3 * g.cfg.MaxPositionDelta * 0.5))
		case CheatTeleport:
			in.Position = mgl32.Vec3{g.rng.Float32() * size, 0, g.rng.Float32() * size}
			if d := in.Position.Sub(p.pos); float32(math.Sqrt(float64(float32(d[0]*d[0])+float32(d[1]*d[1])+float32(d[2]*d[2])))) < 200 { // Len, never fused
				in.Position[0] = float32(math.Mod(float64(in.Position[0]+float32(size/2)), float64(size)))
			}
		case CheatTimewarp:
			in.Timestamp = nowMS + 2000
		case CheatNaN:
			in.Position[1] = float32(math.NaN())
		case CheatOutOfBounds:
			in.Position[0] = -10
		case CheatStale:
			in.Seq = p.seq - 100
		case CheatFlood:
			for k := 0; k < floodInputs; k++ {
				p.seq++
				in.Seq = p.seq
				g.pushInput(&in, push)
			}
			continue
		}
		if cheat != CheatNone && cheat != CheatStale {
			// The cheat is a one-off packet: the client's own walk goes on
			// from where it really was, with a fresh sequence number.
			p.seq++
			in.Seq = p.seq
		}
		g.pushInput(&in, push)
	}
}

func (g *Generator) pickCheat() Cheat {
	r := g.rng.Float64()
	for c := Cheat(1); c < numCheats; c++ {
		if r < g.spec.CheatRate*float64(c) {
			return c
		}
	}
	return CheatNone
}

func (g *Generator) pushInput(in *ecs.Input, push Push) {
	g.ev = ingest.Event{Kind: ingest.KindInput, Conn: in.Conn, Input: *in}
	g.push(push)
}

func (g *Generator) push(push Push) {
	if !push(&g.ev) {
		g.dropped++
	}
}
