package rudp

import (
	"fmt"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// Protocol constants shared by both ends; changing one changes the protocol.
const (
	// Version is the protocol version carried in SYN and SYN|ACK.
	Version = 1
	// FragmentSize is the payload of every fragment except a message's last,
	// and the largest body sent without fragmentation.
	FragmentSize = 1024
	// ReceiveWindow is how many reliable message sequence numbers past the
	// next expected one a receiver buffers; a sender keeps at most this many
	// reliable messages unacknowledged.
	ReceiveWindow = 256
	// MaxUnfragmentedDatagram is the largest datagram without FlagFRAG:
	// at most FragmentSize bytes follow the header.
	MaxUnfragmentedDatagram = wire.HeaderSize + FragmentSize
	// MaxFramesPerPacket bounds the frames one datagram may carry.
	MaxFramesPerPacket = 64
	// SynSize is the exact size of a SYN datagram; it is at least as large as
	// any reply, so the handshake cannot amplify.
	SynSize = 64
	// SynAckSize is the size of a SYN|ACK datagram.
	SynAckSize = wire.HeaderSize + wire.AckBlockSize + 2 + CookieSize
	// CookieSize is the size of the handshake cookie.
	CookieSize = 16
	// RSTSize is the size of an RST datagram: header and one reason byte.
	RSTSize = wire.HeaderSize + 1
)

// Config holds a connection's limits and timers. The zero value of a field
// means its default (see DefaultConfig); Validate rejects negative values.
type Config struct {
	// MaxMessageSize caps a message body, fragmented or not. Default 64 KiB.
	MaxMessageSize int
	// MaxReassemblies caps messages being reassembled at once. Default 100.
	MaxReassemblies int
	// ReassemblyTimeout is how long a partly received message may stay
	// incomplete before the connection is reset. Default 10 s.
	ReassemblyTimeout time.Duration
	// MaxQueuedBytes caps the memory of messages queued or unacknowledged on
	// the send side, bodies rounded up to their block size (64, 256 or 1,024
	// bytes); Low priority may use half of it. Default 1 MiB.
	MaxQueuedBytes int
	// MaxReceiveBytes caps the memory held on the receive side (out-of-order
	// messages, partial reassemblies, undelivered messages), counted like
	// MaxQueuedBytes. Default 1 MiB.
	MaxReceiveBytes int
	// Budget, if not nil, is a receive-memory budget shared with other
	// connections (the global reassembly cap); each held block is charged to it.
	Budget *Budget
	// SendBudget, if not nil, is a send-queue budget shared with other
	// connections: every queued block is charged to it as well, and Send
	// returns ErrQueueFull when it is exhausted.
	SendBudget *Budget
	// IdleTimeout closes the connection when nothing arrived for this long. Default 10 s.
	IdleTimeout time.Duration
	// KeepAlive is the longest the connection stays silent; after it an
	// ack-only packet is sent. Default 1 s.
	KeepAlive time.Duration
	// AckDelay is the longest a received packet waits for a piggyback before
	// an ack-only packet is sent (a packet that arrived out of order is acked
	// at once). Default 1 ms.
	AckDelay time.Duration
	// InitialRTO, MinRTO and MaxRTO bound the retransmission timeout, which
	// is srtt + max(4·rttvar, srtt/8, 1 ms) + AckDelay (AckDelay standing for
	// the peer's, which is assumed to use the same value).
	// Defaults 250 ms, 2 ms, 2 s.
	InitialRTO, MinRTO, MaxRTO time.Duration
	// HandshakeRetry is the SYN retransmission interval. Default 250 ms.
	HandshakeRetry time.Duration
	// HandshakeTimeout is how long a client waits for the handshake. Default 5 s.
	HandshakeTimeout time.Duration
	// CloseLinger is how long Close waits for queued reliable data before FIN. Default 2 s.
	CloseLinger time.Duration
	// InitialRate is the pacing rate in bytes/s before the first bandwidth
	// sample. Default 64 KiB/s.
	InitialRate int
	// ShedAfter is, per priority, how long an unreliable message may wait in
	// the send queue before it is shed. Zero means the default: never for
	// Critical, 500 ms High, 250 ms Normal, 100 ms Low.
	ShedAfter [wire.NumPriorities]time.Duration
	// AllowType, if not nil, says which message types the peer may send;
	// others are counted as DropUnknownType.
	AllowType func(msgType uint8) bool
}

// DefaultConfig returns the configuration with every default filled in.
func DefaultConfig() Config {
	var c Config
	c.fillDefaults()
	return c
}

func (c *Config) fillDefaults() {
	setInt := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	setDur := func(p *time.Duration, v time.Duration) {
		if *p == 0 {
			*p = v
		}
	}
	setInt(&c.MaxMessageSize, 64<<10)
	setInt(&c.MaxReassemblies, 100)
	setInt(&c.MaxQueuedBytes, 1<<20)
	setInt(&c.MaxReceiveBytes, 1<<20)
	setInt(&c.InitialRate, 64<<10)
	setDur(&c.ReassemblyTimeout, 10*time.Second)
	setDur(&c.IdleTimeout, 10*time.Second)
	setDur(&c.KeepAlive, time.Second)
	setDur(&c.AckDelay, time.Millisecond)
	setDur(&c.InitialRTO, 250*time.Millisecond)
	setDur(&c.MinRTO, 2*time.Millisecond)
	setDur(&c.MaxRTO, 2*time.Second)
	setDur(&c.HandshakeRetry, 250*time.Millisecond)
	setDur(&c.HandshakeTimeout, 5*time.Second)
	setDur(&c.CloseLinger, 2*time.Second)
	defShed := [wire.NumPriorities]time.Duration{0, 500 * time.Millisecond, 250 * time.Millisecond, 100 * time.Millisecond}
	for p := 1; p < wire.NumPriorities; p++ {
		setDur(&c.ShedAfter[p], defShed[p])
	}
}

// Validate reports the first field out of range, wrapping ErrInvalidConfig.
func (c Config) Validate() error {
	ints := []struct {
		name string
		v    int
	}{{"MaxMessageSize", c.MaxMessageSize}, {"MaxReassemblies", c.MaxReassemblies},
		{"MaxQueuedBytes", c.MaxQueuedBytes}, {"MaxReceiveBytes", c.MaxReceiveBytes}, {"InitialRate", c.InitialRate}}
	for _, f := range ints {
		if f.v < 0 {
			return fmt.Errorf("%w: %s = %d, want >= 0", ErrInvalidConfig, f.name, f.v)
		}
	}
	if c.MaxMessageSize > 0xFFFF*FragmentSize {
		return fmt.Errorf("%w: MaxMessageSize = %d, want <= %d", ErrInvalidConfig, c.MaxMessageSize, 0xFFFF*FragmentSize)
	}
	durs := []struct {
		name string
		v    time.Duration
	}{{"ReassemblyTimeout", c.ReassemblyTimeout}, {"IdleTimeout", c.IdleTimeout}, {"KeepAlive", c.KeepAlive},
		{"AckDelay", c.AckDelay}, {"InitialRTO", c.InitialRTO}, {"MinRTO", c.MinRTO}, {"MaxRTO", c.MaxRTO},
		{"HandshakeRetry", c.HandshakeRetry}, {"HandshakeTimeout", c.HandshakeTimeout}, {"CloseLinger", c.CloseLinger}}
	for _, f := range durs {
		if f.v < 0 {
			return fmt.Errorf("%w: %s = %v, want >= 0", ErrInvalidConfig, f.name, f.v)
		}
	}
	for p, d := range c.ShedAfter {
		if d < 0 {
			return fmt.Errorf("%w: ShedAfter[%d] = %v, want >= 0", ErrInvalidConfig, p, d)
		}
	}
	return nil
}
