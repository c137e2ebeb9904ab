package server

import (
	"fmt"
	"io"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/systems/actions"
)

// Config configures a Server. Zero values take the defaults of DefaultConfig.
type Config struct {
	// Sim is every room's simulation configuration.
	Sim ecs.Config
	// Endpoint configures the UDP endpoint (address, rudp limits, caps).
	// Its Epoch is set by the server so rooms and the transport share one clock.
	Endpoint endpoint.ServerConfig
	// Actions are the PlayerAction rules.
	Actions actions.Config

	// MaxRooms caps the rooms open at once; a Connect to a new room beyond it
	// is refused with wire.ReasonRoomFull.
	MaxRooms int
	// MaxPlayersPerRoom caps each room's players.
	MaxPlayersPerRoom int
	// MaxConns is the largest connection id tracked (the endpoint's
	// Listener.MaxConns); it sizes fixed per-connection tables.
	MaxConns int
	// RoomQueue is the slots of each room's inbound queues (a power of two).
	RoomQueue int
	// NormalBatch and NormalDelay: Normal-priority messages (commands, sync
	// requests, transfers, Normal game messages) are handled when NormalBatch
	// of them are waiting or the oldest has waited NormalDelay.
	NormalBatch int
	NormalDelay time.Duration
	// MaxTransferBytes caps one LargeDataTransfer; MaxTransfersPerConn the
	// transfers a connection may have open at once.
	MaxTransferBytes    int
	MaxTransfersPerConn int
	// MaxPendingCritical caps the reliable messages a room holds for retry
	// when the outbound queue is full; beyond it the connection is kicked.
	MaxPendingCritical int

	// RoomSetup, if not nil, runs once for every new room on the room's
	// goroutine before its first tick: the place to add a game's systems to
	// the room's schedule. An error closes the room and refuses its players.
	RoomSetup func(r *Room) error
	// SpawnPoint, if not nil, says where a joining player appears (default:
	// the world's centre on the ground). It runs on the network goroutine.
	SpawnPoint func(userID uint64, room uint32) mgl32.Vec3
	// RoomIdleClose is how long a room with no players stays open. Default 10 s.
	RoomIdleClose time.Duration
	// TickObserver, if not nil, is told about every tick of every room
	// (metrics use it).
	TickObserver TickObserver
	// Logger receives the server's logs.
	Logger zerolog.Logger

	// Record, if not nil, opens the destination of a room's recording each
	// time a room opens (so a room closed when idle and opened again gets a
	// second call). It runs on the new room's goroutine before its first
	// tick, possibly for several rooms at once. The server closes the
	// writer after the room stops if it is an io.Closer. An error is logged
	// and the room runs unrecorded. See RecordFiles and docs/RECORDING.md.
	Record func(room uint32) (io.Writer, error)
	// RecordOptions tunes the rooms' recorders.
	RecordOptions record.Options
}

// DefaultConfig returns the seed defaults: 64 rooms of up to 1,024 players,
// 4,096 connections, Normal batches of 32 or 50 ms, 1 MiB transfers (4 open
// per connection).
func DefaultConfig() Config {
	return Config{
		Sim: ecs.DefaultConfig(), Actions: actions.DefaultConfig(),
		MaxRooms: 64, MaxPlayersPerRoom: 1024, MaxConns: 4096, RoomQueue: 4096,
		NormalBatch: 32, NormalDelay: 50 * time.Millisecond,
		MaxTransferBytes: 1 << 20, MaxTransfersPerConn: 4, MaxPendingCritical: 4096,
		RoomIdleClose: 10 * time.Second,
	}
}

func (c *Config) fillDefaults() {
	d := DefaultConfig()
	if c.Sim.TickRate == 0 {
		c.Sim = d.Sim
	}
	setInt := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	setInt(&c.MaxRooms, d.MaxRooms)
	setInt(&c.MaxPlayersPerRoom, d.MaxPlayersPerRoom)
	setInt(&c.MaxConns, d.MaxConns)
	setInt(&c.RoomQueue, d.RoomQueue)
	setInt(&c.NormalBatch, d.NormalBatch)
	setInt(&c.MaxTransferBytes, d.MaxTransferBytes)
	setInt(&c.MaxTransfersPerConn, d.MaxTransfersPerConn)
	setInt(&c.MaxPendingCritical, d.MaxPendingCritical)
	if c.RoomIdleClose == 0 {
		c.RoomIdleClose = 10 * time.Second
	}
	if c.NormalDelay == 0 {
		c.NormalDelay = d.NormalDelay
	}
	if c.Endpoint.Listener.MaxConns == 0 {
		c.Endpoint.Listener.MaxConns = c.MaxConns
	}
}

// Validate reports the first setting out of range.
func (c *Config) Validate() error {
	bad := func(name string, v any, want string) error {
		return fmt.Errorf("%w: %s = %v, want %s", ErrInvalidConfig, name, v, want)
	}
	if err := c.Sim.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	switch {
	case c.MaxRooms < 1:
		return bad("max_rooms", c.MaxRooms, ">= 1")
	case c.MaxPlayersPerRoom < 1:
		return bad("max_players_per_room", c.MaxPlayersPerRoom, ">= 1")
	case c.MaxConns < 1 || c.MaxConns > ecs.MaxConn:
		return bad("max_conns", c.MaxConns, fmt.Sprintf("1..%d", ecs.MaxConn))
	case c.Endpoint.Listener.MaxConns > c.MaxConns:
		return bad("endpoint.listener.max_conns", c.Endpoint.Listener.MaxConns, "<= max_conns")
	case c.RoomQueue < 64 || c.RoomQueue&(c.RoomQueue-1) != 0:
		return bad("room_queue", c.RoomQueue, "a power of two >= 64")
	case c.NormalBatch < 1:
		return bad("normal_batch", c.NormalBatch, ">= 1")
	case c.NormalDelay < 0:
		return bad("normal_delay", c.NormalDelay, ">= 0")
	case c.MaxTransferBytes < 1:
		return bad("max_transfer_bytes", c.MaxTransferBytes, ">= 1")
	case c.MaxTransfersPerConn < 1:
		return bad("max_transfers_per_conn", c.MaxTransfersPerConn, ">= 1")
	case c.MaxPendingCritical < 1:
		return bad("max_pending_critical", c.MaxPendingCritical, ">= 1")
	}
	return nil
}
