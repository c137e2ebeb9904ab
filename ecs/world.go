package ecs

import (
	"fmt"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	arche "github.com/mlange-42/arche/ecs"
	"github.com/mlange-42/arche/generic"
)

// Entity is arche's entity handle, re-exported so callers need not import arche.
type Entity = arche.Entity

// TickInfo is the clock resource: which tick is running and at what time.
type TickInfo struct {
	// Tick is the number of the tick being run, starting at 1.
	Tick uint64
	// Now is the simulation time at the start of this tick.
	Now time.Duration
	// Dt is the fixed tick length.
	Dt time.Duration
}

// NowMillis is Now on the 32-bit millisecond timeline that input timestamps use.
func (t TickInfo) NowMillis() uint32 { return uint32(t.Now / time.Millisecond) }

// World owns the arche world, the configuration, the clock resource and the
// index from connections to player entities. Exactly one goroutine may use it.
type World struct {
	// ECS is the underlying arche world.
	ECS arche.World
	// Config is the simulation configuration; treat it as read-only.
	Config Config
	// Time is the current tick's clock resource, set by the loop.
	Time TickInfo

	// Player is the component mapper for the player spawn bundle.
	Player generic.Map8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell]

	// Positions, Rotations, Velocities, Players, Inputs, Motions and Healths
	// are single-component mappers.
	Positions  generic.Map[Position]
	Rotations  generic.Map[Rotation]
	Velocities generic.Map[Velocity]
	Players    generic.Map[Player]
	Inputs     generic.Map[InputState]
	Motions    generic.Map[Motion]
	Healths    generic.Map[Health]
	Cells      generic.Map[AOICell]

	byConn  []Entity // indexed by connection; the zero Entity means none
	players int
}

// MaxConn is the largest connection index a player may have. The network
// layer hands out small, dense, reused indices, so a slice indexes them.
const MaxConn = 1<<22 - 1

// NewWorld builds an empty world for cfg, with room for capacity entities
// before arche grows its arrays.
func NewWorld(cfg Config, capacity int) (*World, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("ecs: new world: %w", err)
	}
	if capacity < 64 {
		capacity = 64
	}
	w := &World{Config: cfg, byConn: make([]Entity, 0, capacity)}
	w.ECS = arche.NewWorld(capacity)
	w.Player = generic.NewMap8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell](&w.ECS)
	w.Positions = generic.NewMap[Position](&w.ECS)
	w.Rotations = generic.NewMap[Rotation](&w.ECS)
	w.Velocities = generic.NewMap[Velocity](&w.ECS)
	w.Players = generic.NewMap[Player](&w.ECS)
	w.Inputs = generic.NewMap[InputState](&w.ECS)
	w.Motions = generic.NewMap[Motion](&w.ECS)
	w.Healths = generic.NewMap[Health](&w.ECS)
	w.Cells = generic.NewMap[AOICell](&w.ECS)
	w.Time.Dt = cfg.TickDuration()
	return w, nil
}

// SpawnSpec describes a player entity to create.
type SpawnSpec struct {
	Conn     uint32
	UserID   uint64
	Room     uint32
	Position mgl32.Vec3
	Rotation mgl32.Quat
	HP       int32
}

// SpawnPlayer creates a player entity for a connection. The input anchor
// starts at the spawn position at the current time.
//
// It returns false if the connection already has an entity or its index
// is above MaxConn.
func (w *World) SpawnPlayer(s SpawnSpec) (Entity, bool) {
	if s.Conn > MaxConn {
		return Entity{}, false
	}
	if _, dup := w.EntityOf(s.Conn); dup {
		return Entity{}, false
	}
	if need := int(s.Conn) + 1; need > len(w.byConn) {
		w.byConn = append(w.byConn, make([]Entity, need-len(w.byConn))...)
	}
	rot := s.Rotation
	// mgl32's Len() == 0, with each square rounded so that no build fuses
	// the sum (GOAMD64=v3 and arm64 would), and a spawn is the same on every
	// build.
	if float32(rot.W*rot.W)+float32(rot.V[0]*rot.V[0])+float32(rot.V[1]*rot.V[1])+float32(rot.V[2]*rot.V[2]) == 0 {
		rot = mgl32.QuatIdent()
	}
	nowMS := w.Time.NowMillis()
	e := w.Player.NewWith(
		&Position{s.Position},
		&Rotation{rot},
		&Velocity{},
		&Player{UserID: s.UserID, Room: s.Room, Conn: s.Conn},
		&InputState{
			AnchorPos: s.Position, AnchorTS: nowMS,
			PendingPos: s.Position, PendingTS: nowMS,
			LastTS:            nowMS,
			RateTokens:        w.Config.InputBurst,
			StrikeWindowStart: w.Time.Now,
		},
		&Motion{From: s.Position, FromRot: rot, Target: s.Position, TargetRot: rot, Start: w.Time.Now},
		&Health{HP: s.HP},
		&AOICell{},
	)
	w.byConn[s.Conn] = e
	w.players++
	return e, true
}

// DespawnConn removes the entity of a connection, if there is one, and
// reports whether it existed.
func (w *World) DespawnConn(conn uint32) bool {
	e, ok := w.EntityOf(conn)
	if !ok {
		return false
	}
	w.byConn[conn] = Entity{}
	w.players--
	w.ECS.RemoveEntity(e)
	return true
}

// EntityOf returns the entity of a connection.
func (w *World) EntityOf(conn uint32) (Entity, bool) {
	if int(conn) >= len(w.byConn) {
		return Entity{}, false
	}
	e := w.byConn[conn]
	return e, !e.IsZero()
}

// PlayerCount is the number of player entities.
func (w *World) PlayerCount() int { return w.players }
