package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// State is a connection's place in its life cycle.
type State uint8

// Connection states.
const (
	// StateSynSent: a client sent SYN and waits for SYN|ACK.
	StateSynSent State = iota
	// StateCookieEcho: a client has the cookie and echoes it on every packet
	// until the server answers.
	StateCookieEcho
	// StateEstablished: both sides have state; data flows.
	StateEstablished
	// StateClosing: Close was called; queued reliable data drains, then FIN.
	StateClosing
	// StateClosed: the connection is over; see CloseReason.
	StateClosed
)

var stateNames = [...]string{"syn-sent", "cookie-echo", "established", "closing", "closed"}

// String names the state.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "invalid"
}

// Message is one delivered message. Body aliases the connection's buffers and
// is valid until the next call to Next.
type Message struct {
	// Channel is the channel it was sent on.
	Channel Channel
	// Type is the sender's message type byte.
	Type uint8
	// Body is the message body.
	Body []byte
}

// Conn is one end of a connection. Create it with Dial (client) or through a
// Listener (server). It is not safe for concurrent use.
type Conn struct {
	cfg      Config
	isServer bool
	state    State
	reason   CloseReason

	now        time.Duration // latest time passed to Poll or Receive
	startedAt  time.Duration
	lastRecvAt time.Duration
	lastSendAt time.Duration

	// handshake (client)
	cookie     [CookieSize]byte
	synSentAt  [32]time.Duration
	synNextAt  time.Duration
	clock      clockSync
	closeAt    time.Duration
	finSent    int
	finNextAt  time.Duration
	ctlPending wire.Flags // FIN|ACK or RST still to emit after closing
	ctlReason  CloseReason

	// send side
	nextSeq      uint16
	sent         []sentPacket
	sentTail     uint16
	largestAcked uint16
	anyAcked     bool
	inFlight     int
	units        []unit
	freeUnits    []int32
	urgentQ      ring[int32]
	resendQ      [wire.NumPriorities]ring[int32]
	freshQ       [wire.NumPriorities]ring[int32]
	queuedBytes  int
	relNext      uint16
	relBase      uint16
	relPending   ring[uint16] // units not yet acked, per message from relBase
	seqNext      uint16
	unrelNext    uint16
	rtt          rttEstimator
	cc           congestion
	lastRTOAt    time.Duration
	reorderSeen  bool // a packet the packet-count rule declared lost was acked later
	dataBlocked  bool // data queued but held by the in-flight or window cap, not the pacer

	// receive side
	rw              recvWindow
	ackPending      int
	ackPendingSince time.Duration
	ackNow          bool     // a packet arrived out of order: ack at once
	lateAcks        lateAcks // packets too far behind the newest for ack_bits
	relExpected     uint16
	relSlots        []int32 // ReceiveWindow entries, index into inMsgs or -1
	inMsgs          []inMsg
	freeMsgs        []int32
	inbox           ring[int32]
	delivered       int32
	assembly        []byte
	recvBytes       int
	reassemblies    int
	reasmDeadline   time.Duration
	seqNewest       uint16
	seqHave         bool

	pool  blockPool
	out   [wire.MaxDatagram]byte
	stats Stats
}

func newConn(cfg Config, isServer bool, now time.Duration) *Conn {
	cfg.fillDefaults()
	c := &Conn{
		cfg:        cfg,
		isServer:   isServer,
		startedAt:  now,
		lastRecvAt: now,
		lastSendAt: now,
		delivered:  -1,
		rtt:        newRTTEstimator(cfg.InitialRTO, cfg.MinRTO, cfg.MaxRTO, cfg.AckDelay),
		cc:         newCongestion(cfg.InitialRate),
	}
	return c
}

// State reports the connection state.
func (c *Conn) State() State { return c.state }

// CloseReason reports why the connection closed, or ReasonNone while open.
func (c *Conn) CloseReason() CloseReason { return c.reason }

// PeerClock estimates the peer's millisecond clock at local time now, with a
// bound on the error: the true value lies within ±bound of ms. ok is false
// before the first round trip. A client uses it to stamp inputs on the
// server's timeline.
func (c *Conn) PeerClock(now time.Duration) (ms uint32, bound time.Duration, ok bool) {
	return c.clock.peerMillis(now)
}

// Close starts a graceful close: no new messages are accepted, queued
// reliable messages get up to CloseLinger to be acked, then FIN is sent. A
// connection still in its handshake closes at once.
func (c *Conn) Close(now time.Duration) {
	switch c.state {
	case StateSynSent, StateCookieEcho:
		c.finish(ReasonLocalClose)
	case StateEstablished:
		c.state, c.closeAt = StateClosing, now
	}
}

// Abort resets the connection: the next Poll emits one RST with
// ReasonShutdown and the connection is closed at once.
func (c *Conn) Abort() { c.reset(ReasonShutdown) }

// Reset is Abort with a chosen reason (for example ReasonProtocolViolation
// when the application kicks a cheater): the next Poll emits one RST
// carrying reason and the connection is closed at once. Reasons that only
// have a local meaning (ReasonNone, local-close, peer-closed, idle-timeout,
// handshake-timeout) are sent as ReasonShutdown.
func (c *Conn) Reset(reason CloseReason) {
	switch reason {
	case ReasonServerFull, ReasonReassemblyTimeout, ReasonProtocolViolation, ReasonShutdown, ReasonBadVersion, ReasonKicked:
	default:
		reason = ReasonShutdown
	}
	c.reset(reason)
}

// reset closes the connection and schedules an RST carrying reason.
func (c *Conn) reset(reason CloseReason) {
	if c.state == StateClosed {
		return
	}
	c.finish(reason)
	c.ctlPending, c.ctlReason = wire.FlagRST, reason
}

// finish moves to StateClosed and releases the send side.
func (c *Conn) finish(reason CloseReason) {
	if c.state == StateClosed {
		return
	}
	c.state, c.reason = StateClosed, reason
	c.dropSendState()
	c.releaseSlots()
}

// dropSendState frees every queued or unacknowledged message.
func (c *Conn) dropSendState() {
	for i := range c.units {
		if u := &c.units[i]; u.state != unitFree {
			c.freeUnit(int32(i))
		}
	}
	c.urgentQ = ring[int32]{}
	for p := range c.resendQ {
		c.resendQ[p], c.freshQ[p] = ring[int32]{}, ring[int32]{}
	}
	c.relPending = ring[uint16]{}
	for i := range c.sent {
		c.sent[i] = sentPacket{}
	}
	c.inFlight = 0
}

// idle reports whether nothing arrived from the peer for IdleTimeout.
func (c *Conn) idle(now time.Duration) bool { return now-c.lastRecvAt >= c.cfg.IdleTimeout }
