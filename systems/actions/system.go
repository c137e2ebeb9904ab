package actions

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
	"github.com/tickforge/tickforge/systems/broadcast"
)

// Name is the system's name in the schedule.
const Name = "actions"

// Config holds the action rules. Zero values take the defaults of DefaultConfig.
type Config struct {
	// AttackRange is the farthest an attack reaches, in world units.
	AttackRange float32
	// MaxDamage caps the damage of one attack.
	MaxDamage uint32
	// CastRange is the farthest from the caster a cast may be aimed.
	CastRange float32
	// MaxPerTick caps the actions applied per tick; the rest wait.
	MaxPerTick int
	// Validate, if not nil, is the game's verdict on UseItem, Interact and
	// Cast after the engine's own checks; returning false rejects the action.
	// It runs on the room goroutine and may read the world.
	Validate func(w *ecs.World, actor ecs.Entity, a *wire.PlayerAction) bool
}

// DefaultConfig returns attack range 5, max damage 100, cast range 30 and
// 4,096 actions per tick.
func DefaultConfig() Config {
	return Config{AttackRange: 5, MaxDamage: 100, CastRange: 30, MaxPerTick: 4096}
}

func (c *Config) fillDefaults() {
	d := DefaultConfig()
	if c.AttackRange <= 0 {
		c.AttackRange = d.AttackRange
	}
	if c.MaxDamage == 0 {
		c.MaxDamage = d.MaxDamage
	}
	if c.CastRange <= 0 {
		c.CastRange = d.CastRange
	}
	if c.MaxPerTick <= 0 {
		c.MaxPerTick = d.MaxPerTick
	}
}

// Stats counts the system's verdicts since it was created.
type Stats struct {
	// Verdicts counts actions by outcome (Applied or a Reject reason).
	Verdicts [NumRejects]uint64
	// ByKind counts applied actions by wire.ActionKind.
	ByKind [wire.ActionCast + 1]uint64
	// Events counts the reliable events sent to observers; Dropped those the sink refused.
	Events, Dropped uint64
	// Damage is the total damage dealt.
	Damage uint64
}

// System applies queued actions. It runs after ingest and reads visibility
// from the AOI system's previous pass.
type System struct {
	src   Source
	aoi   *aoigrid.System
	sink  broadcast.Sink
	cfg   Config
	stats Stats
	act   Action // a field, so handing it to the Source does not allocate
	buf   []byte
}

// New returns the actions system reading src, checking visibility with aoi
// and sending events to sink.
func New(src Source, aoi *aoigrid.System, sink broadcast.Sink, cfg Config) *System {
	cfg.fillDefaults()
	return &System{src: src, aoi: aoi, sink: sink, cfg: cfg, buf: make([]byte, 0, 64)}
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// Stats returns the counters.
func (s *System) Stats() Stats { return s.stats }

// Update implements ecs.System.
func (s *System) Update(w *ecs.World) {
	for n := 0; n < s.cfg.MaxPerTick && s.src.Pop(&s.act); n++ {
		r := s.Apply(w, &s.act)
		s.stats.Verdicts[r]++
		if r == Applied {
			s.stats.ByKind[s.act.Msg.Kind]++
		}
	}
}
