package endpoint

import (
	"sync/atomic"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
)

// DropReason says why the endpoint itself discarded a datagram or an
// outbound message; rudp's own drops are counted in ServerStats.RUDPDrops.
type DropReason uint8

// Endpoint drop reasons, used as indexes into ServerStats.Drops.
const (
	// DropShort: shorter than a header, or an ACK packet without its ack block.
	DropShort DropReason = iota
	// DropTooLarge: longer than wire.MaxDatagram (or than a receive slot), or
	// than rudp.MaxUnfragmentedDatagram without FRAG.
	DropTooLarge
	// DropBadFlags: reserved flag bits or an illegal flag pair.
	DropBadFlags
	// DropBadPriority: priority above Low.
	DropBadPriority
	// DropSeqWindow: a packet sequence number too far from the connection's
	// newest (more than 1024 either way).
	DropSeqWindow
	// DropUnknownPeer: a datagram from an address without a connection that
	// is neither a SYN nor a valid cookie echo.
	DropUnknownPeer
	// DropTypeMismatch: a received message whose body is empty or does not
	// start with the frame's msg_type.
	DropTypeMismatch
	// DropQueueFull: Send or Kick found the outbound queue full.
	DropQueueFull
	// DropMessageSize: Send got an empty payload or one larger than the
	// connection's MaxMessageSize.
	DropMessageSize
	// DropNoConn: an outbound message for a connection that is gone.
	DropNoConn
	// DropRefused: rudp refused an outbound message (closing, too large for
	// the channel), or more than 256 were held while its send queue was full.
	DropRefused
	// DropWriteError: the socket refused a datagram.
	DropWriteError
	// NumDropReasons sizes arrays indexed by DropReason.
	NumDropReasons
)

var dropReasonNames = [NumDropReasons]string{"short", "too-large", "bad-flags", "bad-priority", "seq-window",
	"unknown-peer", "type-mismatch", "queue-full", "message-size", "no-conn", "refused", "write-error"}

// String names the reason for logs and metrics labels.
func (r DropReason) String() string {
	if r < NumDropReasons {
		return dropReasonNames[r]
	}
	return "invalid"
}

// ServerStats is a snapshot of a Server's counters. Traffic counters and
// Conns are exact; the RTT summary, Retransmits, RUDPDrops, the handshake
// counters and Drops[DropUnknownPeer] are refreshed every 100 ms by the
// network goroutine.
type ServerStats struct {
	// DatagramsIn and BytesIn count every datagram read from the socket.
	DatagramsIn, BytesIn uint64
	// DatagramsOut and BytesOut count datagrams written to the socket.
	DatagramsOut, BytesOut uint64
	// MessagesIn counts messages delivered to OnMessage; MessagesOut
	// messages handed to a connection by Send.
	MessagesIn, MessagesOut uint64
	// Drops counts what the endpoint discarded, by reason.
	Drops [NumDropReasons]uint64
	// RUDPDrops sums the connections' rudp.Stats.Drops (live and closed).
	RUDPDrops [rudp.NumDropReasons]uint64
	// Conns is the number of open connections.
	Conns int
	// Accepted and Disconnected count OnConnect and OnDisconnect calls.
	Accepted, Disconnected uint64
	// SynReplies, BadCookie and Refused are the handshake counters of rudp.ListenerStats.
	SynReplies, BadCookie, Refused uint64
	// Retransmits sums the connections' retransmitted frames (live and closed).
	Retransmits uint64
	// RTTMean and RTTMax summarise the open connections' smoothed RTT.
	RTTMean, RTTMax time.Duration
}

// counters are the Server's atomic counters, written by the network
// goroutine (and by Send/Kick for queue drops) and read by Stats.
type counters struct {
	datagramsIn, bytesIn, datagramsOut, bytesOut atomic.Uint64
	messagesIn, messagesOut                      atomic.Uint64
	drops                                        [NumDropReasons]atomic.Uint64
	accepted, disconnected                       atomic.Uint64
}

func (c *counters) drop(r DropReason) { c.drops[r].Add(1) }

// load copies the counters into s.
func (c *counters) load(s *ServerStats) {
	s.DatagramsIn, s.BytesIn = c.datagramsIn.Load(), c.bytesIn.Load()
	s.DatagramsOut, s.BytesOut = c.datagramsOut.Load(), c.bytesOut.Load()
	s.MessagesIn, s.MessagesOut = c.messagesIn.Load(), c.messagesOut.Load()
	for i := range s.Drops {
		s.Drops[i] = c.drops[i].Load()
	}
	s.Accepted, s.Disconnected = c.accepted.Load(), c.disconnected.Load()
}
