package endpoint

import (
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
)

// DefaultAddr is the address a Server binds when ServerConfig.Addr is empty.
const DefaultAddr = "127.0.0.1:7777"

// DefaultOutboundCapacity is the outbound queue size when none is set.
const DefaultOutboundCapacity = 4096

// recvBatchSize is how many datagrams one batched read takes at most.
const recvBatchSize = 64

// sendBatchSize is how many datagrams the network goroutine queues before a
// batched write.
const sendBatchSize = 64

// statsRefresh is how often the network goroutine republishes connection
// snapshots for ConnStats and the RTT summary in Stats.
const statsRefresh = 100 * time.Millisecond

// ServerConfig configures Listen. The zero value of a field means its default.
type ServerConfig struct {
	// Addr is the UDP address to bind. Default DefaultAddr.
	Addr string
	// RUDP is the configuration of every accepted connection.
	RUDP rudp.Config
	// Listener configures the handshake and the connection caps; its Conn
	// field is ignored (RUDP is used). An empty CookieKey is filled with 32
	// random bytes.
	Listener rudp.ListenerConfig
	// OutboundCapacity is the number of slots in the bounded outbound queue
	// shared by Send and Kick; a power of two. Default DefaultOutboundCapacity.
	OutboundCapacity int
	// Socket tunes the UDP socket (buffer sizes, portable path).
	Socket udp.Options
	// Epoch is time zero of the server's rudp clock (Now). Default: when
	// Listen is called.
	Epoch time.Time
	// Logger receives connection events at debug level and errors. The zero
	// value logs nothing.
	Logger zerolog.Logger
	// HoldClosedIDs keeps the ConnID of a closed connection out of reuse
	// after OnDisconnect until the Handler calls Server.ReleaseID for it.
	// A Handler that queues a connection's messages for another goroutine
	// sets it, so that goroutine can never mistake what the old connection
	// sent for the next connection's. Default false: an id may be reused
	// as soon as OnDisconnect returns.
	HoldClosedIDs bool
}

// ClientConfig configures Dial. The zero value of a field means its default.
type ClientConfig struct {
	// RUDP is the connection's configuration.
	RUDP rudp.Config
	// OutboundCapacity is the number of slots in the bounded outbound queue
	// used by Send; a power of two. Default 1024.
	OutboundCapacity int
	// Socket tunes the UDP socket.
	Socket udp.Options
	// Logger receives errors. The zero value logs nothing.
	Logger zerolog.Logger
}

func checkCapacity(n int) error {
	if n < 2 || n&(n-1) != 0 {
		return fmt.Errorf("%w: OutboundCapacity = %d, want a power of two >= 2", ErrInvalidConfig, n)
	}
	return nil
}
