package endpoint

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/simd"
)

// Server accepts many rudp connections on one UDP socket. Listen binds it;
// Run drives it. Send, Kick, Stats, ConnStats, Addr and Now are safe from
// any goroutine.
type Server struct {
	cfg     ServerConfig
	h       Handler
	sock    *udp.Socket
	lis     *rudp.Listener
	epoch   time.Time
	out     *outbox
	ctr     counters
	maxMsg  int
	started atomic.Bool

	// network goroutine state
	slots     []slot // indexed by ConnID; slot 0 is never used
	freeIDs   []ConnID
	byAddr    map[netip.AddrPort]ConnID
	deadlines []time.Duration // per ConnID: when Poll next has work
	sendQ     *udp.SendBatch
	pkts      wire.PacketBatch
	cols      simd.HeaderColumns
	valid     []uint64
	msg       rudp.Message
	emitTo    netip.AddrPort
	emitFn    func([]byte)
	discardFn func([]byte)
	sweepFn   func(netip.AddrPort, *rudp.Conn)
	closed    bool // a connection closed since the last sweep
	shutting  bool

	// released holds the ids ReleaseID handed back, guarded by releaseMu;
	// nReleased is its length, so the network goroutine skips the lock
	// when it is empty.
	releaseMu sync.Mutex
	released  []ConnID
	nReleased atomic.Int32

	closedRetrans uint64
	closedDrops   [rudp.NumDropReasons]uint64

	snapMu  sync.Mutex
	snaps   []rudp.Stats // per ConnID, refreshed every statsRefresh
	snapOK  []bool
	summary ServerStats // the refreshed part of Stats
}

// slot is one ConnID's connection.
type slot struct {
	conn   *rudp.Conn
	addr   netip.AddrPort
	newest uint16 // newest packet sequence number seen (for the simd pre-filter)
	seen   bool
	kicked rudp.CloseReason // the reason of a Kick, reported by OnDisconnect
	// awaitRelease marks a closed connection's id held for ReleaseID
	// (ServerConfig.HoldClosedIDs).
	awaitRelease bool
	held         []outEntry // messages rudp refused with ErrQueueFull, retried in order
}

// Listen validates cfg and binds the socket. A taken port gives an error
// for which errors.Is(err, syscall.EADDRINUSE) holds.
func Listen(cfg ServerConfig, h Handler) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.OutboundCapacity == 0 {
		cfg.OutboundCapacity = DefaultOutboundCapacity
	}
	if err := checkCapacity(cfg.OutboundCapacity); err != nil {
		return nil, fmt.Errorf("endpoint: listen: %w", err)
	}
	cfg.Listener.Conn = cfg.RUDP
	if len(cfg.Listener.CookieKey) == 0 {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("endpoint: listen: cookie key: %w", err)
		}
		cfg.Listener.CookieKey = key
	}
	if cfg.Epoch.IsZero() {
		cfg.Epoch = time.Now()
	}
	lis, err := rudp.NewListener(cfg.Listener)
	if err != nil {
		return nil, fmt.Errorf("endpoint: listen: %w", err)
	}
	out, err := newOutbox(cfg.OutboundCapacity)
	if err != nil {
		return nil, fmt.Errorf("endpoint: listen: %w", err)
	}
	sock, err := udp.ListenOptions(cfg.Addr, cfg.Socket)
	if err != nil {
		return nil, fmt.Errorf("endpoint: listen: %w", err)
	}
	maxMsg := cfg.Listener.Conn.MaxMessageSize
	if maxMsg == 0 {
		maxMsg = rudp.DefaultConfig().MaxMessageSize
	}
	s := &Server{
		cfg:    cfg,
		h:      h,
		sock:   sock,
		lis:    lis,
		epoch:  cfg.Epoch,
		out:    out,
		maxMsg: maxMsg,
		slots:  make([]slot, 1),
		byAddr: make(map[netip.AddrPort]ConnID),
		sendQ:  udp.NewSendBatch(sendBatchSize, wire.MaxDatagram),
		valid:  make([]uint64, simd.MaskWords(recvBatchSize)),
	}
	s.deadlines = make([]time.Duration, 1)
	s.pkts.Grow(recvBatchSize)
	s.emitFn = s.emit
	s.discardFn = func([]byte) {}
	s.sweepFn = s.onSwept
	return s, nil
}

// Addr is the bound address (with the kernel's port when Addr had port 0).
func (s *Server) Addr() netip.AddrPort { return s.sock.LocalAddr() }

// Now is the server's rudp clock: the time since ServerConfig.Epoch. The
// millisecond timestamps the server puts on packets, and that clients learn
// through clock synchronisation, are Now in milliseconds (mod 2^32).
func (s *Server) Now() time.Duration { return time.Since(s.epoch) }

// Send queues a copy of payload (a wire message, type byte first) for
// connection id. It never blocks: it returns false, counting the drop, when
// the outbound queue is full or the payload is empty or larger than the
// connection's MaxMessageSize. When the connection's rudp send queue is
// full, up to 256 messages per connection are held and handed over in order
// as it drains; beyond that, or when the connection is closing, messages are
// dropped and counted as DropRefused.
func (s *Server) Send(id ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	if len(payload) == 0 || len(payload) > s.maxMsg {
		s.ctr.drop(DropMessageSize)
		return false
	}
	if !s.out.push(outEntry{id: id, kind: outMessage, ch: ch, prio: prio}, payload) {
		s.ctr.drop(DropQueueFull)
		return false
	}
	return true
}

// Kick resets connection id: the client receives an RST carrying reason and
// OnDisconnect(id, reason) follows. Reasons that only have a local meaning
// (none, local-close, peer-closed, idle-timeout, handshake-timeout) are
// sent, and reported, as rudp.ReasonShutdown. It never blocks; it returns false when
// the outbound queue is full.
func (s *Server) Kick(id ConnID, reason rudp.CloseReason) bool {
	if !s.out.push(outEntry{id: id, kind: outKick, reason: reason}, nil) {
		s.ctr.drop(DropQueueFull)
		return false
	}
	return true
}

// Stats returns the server's counters. The traffic counters and Conns are
// exact; the RTT summary, Retransmits, RUDPDrops, the handshake counters
// and Drops[DropUnknownPeer] are at most about 100 ms old.
func (s *Server) Stats() ServerStats {
	s.snapMu.Lock()
	st := s.summary
	s.snapMu.Unlock()
	unknown := st.Drops[DropUnknownPeer]
	s.ctr.load(&st)
	st.Drops[DropUnknownPeer] = unknown
	st.Conns = int(st.Accepted - st.Disconnected)
	return st
}

// ConnStats returns a snapshot of connection id's rudp counters, at most
// about 100 ms old; ok is false for an unknown id.
func (s *Server) ConnStats(id ConnID) (rudp.Stats, bool) {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if int(id) >= len(s.snapOK) || !s.snapOK[id] {
		return rudp.Stats{}, false
	}
	return s.snaps[id], true
}

// Run drives the server until ctx is done: it reads datagrams, runs the
// handshake and every connection, delivers messages to the Handler and
// writes what the connections emit. When ctx is done it closes every
// connection with FIN, waits up to a second for the peers to answer, resets
// the rest, reports each with OnDisconnect and closes the socket. It
// returns nil after a clean shutdown, or the socket error that stopped it.
// Run may be called once.
func (s *Server) Run(ctx context.Context) error {
	if !s.started.CompareAndSwap(false, true) {
		return fmt.Errorf("endpoint: run: %w", ErrClosed)
	}
	return s.loop(ctx)
}
