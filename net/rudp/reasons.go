package rudp

// CloseReason says why a connection ended. It travels as the one-byte body of
// an RST packet, so its values are part of the protocol.
type CloseReason uint8

// Close reasons. Values up to ReasonKicked are defined; a peer's RST with
// another value is reported as ReasonUnspecified.
const (
	// ReasonNone means the connection is still open.
	ReasonNone CloseReason = 0
	// ReasonLocalClose means Close was called on this side and FIN completed.
	ReasonLocalClose CloseReason = 1
	// ReasonPeerClosed means the peer sent FIN.
	ReasonPeerClosed CloseReason = 2
	// ReasonIdleTimeout means nothing arrived from the peer for IdleTimeout.
	ReasonIdleTimeout CloseReason = 3
	// ReasonHandshakeTimeout means the handshake did not finish in HandshakeTimeout.
	ReasonHandshakeTimeout CloseReason = 4
	// ReasonServerFull means the server refused the connection (connection caps).
	ReasonServerFull CloseReason = 5
	// ReasonReassemblyTimeout means a reliable message stayed incomplete for
	// ReassemblyTimeout; the ordered stream cannot continue without it.
	ReasonReassemblyTimeout CloseReason = 6
	// ReasonProtocolViolation means the peer sent something a correct peer never sends.
	ReasonProtocolViolation CloseReason = 7
	// ReasonShutdown means the application reset the connection (Abort).
	ReasonShutdown CloseReason = 8
	// ReasonBadVersion means the peer speaks an unsupported protocol version.
	ReasonBadVersion CloseReason = 9
	// ReasonKicked means the application removed the peer for its behaviour
	// (for example repeated cheating).
	ReasonKicked CloseReason = 10
	// ReasonUnspecified is a peer's RST with an unknown reason byte.
	ReasonUnspecified CloseReason = 255
)

var closeReasonNames = [...]string{"none", "local-close", "peer-closed", "idle-timeout",
	"handshake-timeout", "server-full", "reassembly-timeout", "protocol-violation", "shutdown", "bad-version", "kicked"}

// String names the reason for logs and metrics labels.
func (r CloseReason) String() string {
	if int(r) < len(closeReasonNames) {
		return closeReasonNames[r]
	}
	return "unspecified"
}

// DropReason says why Receive discarded a datagram or a message in it.
type DropReason uint8

// Drop reasons, used as indexes into Stats.Drops.
const (
	// DropTruncated: shorter than a header, an ack block, a frame or a control body.
	DropTruncated DropReason = iota
	// DropOversized: larger than wire.MaxDatagram.
	DropOversized
	// DropBadHeader: reserved flag bits, an illegal flag combination or a bad priority.
	DropBadHeader
	// DropDuplicate: a packet sequence number already received.
	DropDuplicate
	// DropStale: a packet sequence number older than the duplicate window.
	DropStale
	// DropBadFrame: a frame with a bad channel, reserved bits, a length past
	// the datagram, or too many frames.
	DropBadFrame
	// DropBadFragment: a fragment with an absurd count or index, a wrong
	// length, or disagreeing with earlier fragments of its message.
	DropBadFragment
	// DropUnknownType: a message type the configuration does not allow.
	DropUnknownType
	// DropWindow: a reliable message outside the receive window.
	DropWindow
	// DropNoMemory: a per-connection or global receive bound was reached; the
	// packet is not acked, so a reliable sender will retry.
	DropNoMemory
	// DropStaleSequenced: an unreliable-sequenced message older than one delivered.
	DropStaleSequenced
	// DropState: a packet that does not fit the connection state (handshake
	// packets when established, anything after close).
	DropState
	// DropInboxFull: an unreliable message while the delivery queue was full.
	DropInboxFull
	// NumDropReasons sizes arrays indexed by DropReason.
	NumDropReasons
)

var dropReasonNames = [NumDropReasons]string{"truncated", "oversized", "bad-header", "duplicate", "stale",
	"bad-frame", "bad-fragment", "unknown-type", "window", "no-memory", "stale-sequenced", "state", "inbox-full"}

// String names the reason for logs and metrics labels.
func (r DropReason) String() string {
	if r < NumDropReasons {
		return dropReasonNames[r]
	}
	return "invalid"
}
