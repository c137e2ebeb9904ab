package server

import (
	"context"
	"fmt"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim"
)

// Transport is what the server needs of the network: *endpoint.Server is
// one; tests and benchmarks may plug in another. Both methods must be safe
// from any goroutine, copy the payload and never block.
type Transport interface {
	Send(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) bool
	Kick(id endpoint.ConnID, reason rudp.CloseReason) bool
}

// TickObserver is told about every tick of every room, on the room's
// goroutine, right after the tick. It must not block; metrics use it.
type TickObserver interface {
	ObserveTick(room uint32, loop *sim.Loop)
}

// Server is the authoritative server: one endpoint, many rooms.
type Server struct {
	cfg     Config
	log     zerolog.Logger
	epoch   time.Time
	ep      *endpoint.Server // nil when built with NewWithTransport
	tr      Transport
	reg     registry
	running atomic.Bool
	stats   counters

	// Owned by the network goroutine.
	conns []connState
	ev    scratch

	owner []atomic.Uint32     // per connection: room ID + 1, or 0; read by room sinks
	bufs  *queue.Ring[[]byte] // free list of message copies

	mu       sync.Mutex // guards rooms
	rooms    map[uint32]*Room
	roomCtx  context.Context
	stopRoom context.CancelFunc
	roomWG   sync.WaitGroup
}

// New builds a server and binds its UDP socket. A port already in use is
// an error wrapping syscall.EADDRINUSE.
func New(cfg Config) (*Server, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	epc := s.cfg.Endpoint
	epc.Epoch = s.epoch
	// A connection's id stays its own until its room has applied its
	// disconnect (see releaser), so nothing it queued is mistaken for the
	// next connection's.
	epc.HoldClosedIDs = true
	ep, err := endpoint.Listen(epc, (*netHandler)(s))
	if err != nil {
		return nil, fmt.Errorf("server: listen: %w", err)
	}
	s.ep, s.tr = ep, ep
	return s, nil
}

// NewWithTransport builds a server without a socket whose output goes to tr;
// the caller delivers connection events through Handler. Tests and
// benchmarks use it.
func NewWithTransport(cfg Config, tr Transport) (*Server, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	s.tr = tr
	return s, nil
}

func newServer(cfg Config) (*Server, error) {
	cfg.fillDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("server: new: %w", err)
	}
	bufs, err := queue.NewRing[[]byte](cfg.RoomQueue * 4)
	if err != nil {
		return nil, fmt.Errorf("server: new: %w", err)
	}
	s := &Server{
		cfg: cfg, log: cfg.Logger, epoch: time.Now(), bufs: bufs,
		owner: make([]atomic.Uint32, connTableSize(cfg.MaxConns)),
		rooms: map[uint32]*Room{},
	}
	s.reg.commands = map[string]CommandHandler{}
	s.roomCtx, s.stopRoom = context.WithCancel(context.Background())
	return s, nil
}

// Handler is the endpoint.Handler that feeds the server; New installs it.
func (s *Server) Handler() endpoint.Handler { return (*netHandler)(s) }

// Addr is the bound UDP address (the zero value without a socket).
func (s *Server) Addr() netip.AddrPort {
	if s.ep == nil {
		return netip.AddrPort{}
	}
	return s.ep.Addr()
}

// Endpoint is the UDP endpoint, or nil without a socket.
func (s *Server) Endpoint() *endpoint.Server { return s.ep }

// Now is the server's clock: time since the shared epoch of the endpoint
// and every room.
func (s *Server) Now() time.Duration { return time.Since(s.epoch) }

// Run serves until ctx is done, then sends FIN to every client, lets the
// endpoint flush, and stops the rooms. Registrations are closed once Run
// starts.
func (s *Server) Run(ctx context.Context) error {
	s.running.Store(true)
	var err error
	if s.ep != nil {
		err = s.ep.Run(ctx)
	} else {
		<-ctx.Done()
	}
	s.stopRoom()
	s.roomWG.Wait()
	if err != nil {
		return fmt.Errorf("server: run: %w", err)
	}
	return nil
}

// Rooms returns the open rooms' ids and player counts.
func (s *Server) Rooms() map[uint32]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[uint32]int, len(s.rooms))
	for id, r := range s.rooms {
		out[id] = int(r.players.Load())
	}
	return out
}

// Room returns an open room.
func (s *Server) Room(id uint32) (*Room, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rooms[id]
	return r, ok
}

// getBuf copies p into a recycled buffer.
func (s *Server) getBuf(p []byte) []byte {
	var b []byte
	s.bufs.Pop(&b)
	return append(b[:0], p...)
}

// putBuf recycles a buffer from getBuf (large ones are left to the GC).
func (s *Server) putBuf(b []byte) {
	if b != nil && cap(b) <= 4<<10 {
		s.bufs.Push(&b)
	}
}
