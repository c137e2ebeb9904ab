package rudp

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// ListenerConfig configures the server side of the handshake.
type ListenerConfig struct {
	// Conn is the configuration of every accepted connection.
	Conn Config
	// CookieKey is the secret the cookies are keyed with; at least 16 bytes,
	// random, and kept by the process (a restart invalidates open handshakes).
	CookieKey []byte
	// CookieBucket is the cookie time bucket; a cookie lives one to two buckets.
	// Default 10 s.
	CookieBucket time.Duration
	// MaxConns caps connections in total. Default 4096.
	MaxConns int
	// MaxConnsPerAddr caps connections from one IP address. Default 16.
	// Loopback addresses are exempt (bots, tests and co-located services
	// connect from 127.0.0.1); MaxConns still applies to them.
	MaxConnsPerAddr int
	// ReceiveBudget caps receive-side memory across all connections (the
	// global reassembly cap) in bytes. Default 64 MiB.
	ReceiveBudget int64
	// SendBudget caps send-queue memory across all connections in bytes
	// (Send returns ErrQueueFull beyond it). Default 256 MiB.
	SendBudget int64
}

// ListenerStats counts what the Listener did with datagrams that did not
// belong to an established connection.
type ListenerStats struct {
	// SynReplies counts SYNs answered with SYN|ACK.
	SynReplies uint64
	// Accepted counts connections created after a valid cookie echo.
	Accepted uint64
	// Refused counts valid echoes refused by the connection caps (answered with RST).
	Refused uint64
	// BadCookie counts echoes with a wrong or expired cookie.
	BadCookie uint64
	// Dropped counts other datagrams from unknown addresses, ignored silently.
	Dropped uint64
}

// Listener is the server side of the handshake. It keeps no state for an
// address until that address echoes a valid cookie. Not safe for concurrent use.
type Listener struct {
	cfg     ListenerConfig
	cookies *cookieJar
	budget  *Budget
	conns   map[netip.AddrPort]*Conn
	perAddr map[netip.Addr]int
	reply   [SynAckSize]byte
	stats   ListenerStats
}

// NewListener validates cfg and returns a Listener.
func NewListener(cfg ListenerConfig) (*Listener, error) {
	if len(cfg.CookieKey) < 16 {
		return nil, fmt.Errorf("%w: CookieKey has %d bytes, want >= 16", ErrInvalidConfig, len(cfg.CookieKey))
	}
	if err := cfg.Conn.Validate(); err != nil {
		return nil, fmt.Errorf("rudp: listener: %w", err)
	}
	if cfg.CookieBucket <= 0 {
		cfg.CookieBucket = 10 * time.Second
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 4096
	}
	if cfg.MaxConnsPerAddr <= 0 {
		cfg.MaxConnsPerAddr = 16
	}
	if cfg.ReceiveBudget <= 0 {
		cfg.ReceiveBudget = 64 << 20
	}
	if cfg.SendBudget <= 0 {
		cfg.SendBudget = 256 << 20
	}
	l := &Listener{
		cfg:     cfg,
		cookies: newCookieJar(cfg.CookieKey, cfg.CookieBucket),
		budget:  NewBudget(cfg.ReceiveBudget),
		conns:   make(map[netip.AddrPort]*Conn),
		perAddr: make(map[netip.Addr]int),
	}
	if l.cfg.Conn.Budget == nil {
		l.cfg.Conn.Budget = l.budget
	}
	if l.cfg.Conn.SendBudget == nil {
		l.cfg.Conn.SendBudget = NewBudget(cfg.SendBudget)
	}
	return l, nil
}

// HandleDatagram routes one datagram from addr at now. A datagram for a known
// connection goes to its Receive. From an unknown address, a SYN is answered
// through reply with a SYN|ACK no larger than the SYN, and a cookie echo with
// a valid cookie creates the connection (accepted is true); everything else
// is dropped without a reply and without allocating. reply's buffer is
// reused after it returns. A closed connection keeps its address until
// Sweep removes it, so call Sweep regularly (every tick is fine).
func (l *Listener) HandleDatagram(now time.Duration, from netip.AddrPort, b []byte, reply func([]byte)) (c *Conn, accepted bool) {
	h, err := wire.ParseHeader(b)
	if c = l.conns[from]; c != nil && (err != nil || h.Flags&(wire.FlagSYN|wire.FlagACK) != wire.FlagSYN) {
		c.Receive(now, b)
		return c, false
	}
	if err != nil {
		l.stats.Dropped++
		return nil, false
	}
	switch h.Flags & (wire.FlagSYN | wire.FlagACK) {
	case wire.FlagSYN:
		l.answerSyn(now, from, h, b, reply)
		return c, false
	case wire.FlagSYN | wire.FlagACK:
		if h.Priority != wire.PriorityCritical {
			break
		}
		return l.acceptEcho(now, from, b, reply)
	}
	l.stats.Dropped++
	return nil, false
}

func (l *Listener) answerSyn(now time.Duration, from netip.AddrPort, h wire.Header, b []byte, reply func([]byte)) {
	if len(b) < SynSize {
		l.stats.Dropped++
		return
	}
	if b[wire.HeaderSize] != Version {
		if RSTSize <= len(b) {
			wire.Header{Seq: 0, Flags: wire.FlagRST, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(l.reply[:])
			l.reply[wire.HeaderSize] = byte(ReasonBadVersion)
			reply(l.reply[:RSTSize])
		}
		return
	}
	r := l.reply[:]
	wire.Header{Seq: 0, Flags: wire.FlagSYN | wire.FlagACK, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(r)
	wire.AckBlock{Ack: h.Seq}.Put(r[wire.HeaderSize:])
	body := r[wire.HeaderSize+wire.AckBlockSize:]
	body[0], body[1] = Version, 0
	l.cookies.make(body[2:2+CookieSize], from, l.cookies.bucketAt(now))
	l.stats.SynReplies++
	reply(r)
}

func (l *Listener) acceptEcho(now time.Duration, from netip.AddrPort, b []byte, reply func([]byte)) (*Conn, bool) {
	const cookieAt = wire.HeaderSize + wire.AckBlockSize
	if len(b) <= cookieAt+CookieSize { // an echo without frames (a keep-alive) opens nothing
		l.stats.Dropped++
		return nil, false
	}
	if !l.cookies.check(b[cookieAt:cookieAt+CookieSize], from, now) {
		l.stats.BadCookie++
		return nil, false
	}
	perAddrFull := l.perAddr[from.Addr()] >= l.cfg.MaxConnsPerAddr && !from.Addr().IsLoopback()
	if len(l.conns) >= l.cfg.MaxConns || perAddrFull {
		l.stats.Refused++
		wire.Header{Flags: wire.FlagRST, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(l.reply[:])
		l.reply[wire.HeaderSize] = byte(ReasonServerFull)
		reply(l.reply[:RSTSize])
		return nil, false
	}
	c := newConn(l.cfg.Conn, true, now)
	c.state = StateEstablished
	c.nextSeq = 1 // the stateless SYN|ACK used 0
	c.sentTail = 1
	l.conns[from] = c
	l.perAddr[from.Addr()]++
	l.stats.Accepted++
	c.Receive(now, b)
	return c, true
}

// Conn returns the connection for addr, or nil.
func (l *Listener) Conn(addr netip.AddrPort) *Conn { return l.conns[addr] }

// Len reports the number of connections.
func (l *Listener) Len() int { return len(l.conns) }

// Range calls fn for each connection until fn returns false. fn must not
// add or remove connections.
func (l *Listener) Range(fn func(addr netip.AddrPort, c *Conn) bool) {
	for a, c := range l.conns {
		if !fn(a, c) {
			return
		}
	}
}

// Sweep removes every closed connection, releases its receive buffers and
// calls fn (if not nil) for each removed one.
func (l *Listener) Sweep(fn func(addr netip.AddrPort, c *Conn)) {
	for a, c := range l.conns {
		if c.State() != StateClosed || c.ctlPending != 0 {
			continue
		}
		delete(l.conns, a)
		if l.perAddr[a.Addr()]--; l.perAddr[a.Addr()] <= 0 {
			delete(l.perAddr, a.Addr())
		}
		c.Release()
		if fn != nil {
			fn(a, c)
		}
	}
}

// Stats returns the listener's counters.
func (l *Listener) Stats() ListenerStats { return l.stats }

// Budget is the shared receive-memory budget of the accepted connections.
func (l *Listener) Budget() *Budget { return l.budget }
