package endpoint

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
	"github.com/tickforge/tickforge/net/wire"
)

// defaultClientOutbound is the client's outbound queue size when none is set.
const defaultClientOutbound = 1024

// clientCloseWait bounds how long Close waits for the FIN exchange.
const clientCloseWait = time.Second

// Client is one rudp connection to a server over its own UDP socket, driven
// by its own network goroutine. Every method is safe from any goroutine.
type Client struct {
	cfg    ClientConfig
	h      ClientHandler
	sock   *udp.Socket
	server netip.AddrPort
	conn   *rudp.Conn
	epoch  time.Time
	out    *outbox
	maxMsg int

	closeReq    chan struct{}
	closeOnce   sync.Once
	done        chan struct{} // closed when the network goroutine has exited
	established chan struct{} // closed when the handshake completed
	reason      atomic.Uint32 // the final rudp.CloseReason
	clockOffset atomic.Uint32 // server ms − local ms, mod 2^32
	clockValid  atomic.Bool

	statsMu sync.Mutex
	stats   rudp.Stats

	// network goroutine state
	sendQ  *udp.SendBatch
	msg    rudp.Message
	emitFn func([]byte)
	est    bool
	hold   outEntry // a message rudp refused with ErrQueueFull, retried first
	held   bool
}

// Dial connects to the server at addr ("host:port"): it sends SYN, echoes
// the server's cookie together with first (a wire message, type byte first,
// at most rudp.FragmentSize bytes, sent reliably at Critical priority, such
// as a wire Connect), and returns once the server answered. It fails with
// ErrHandshake when the server refused or did not answer within
// cfg.RUDP.HandshakeTimeout, or with ctx's error. Messages may reach h
// before Dial returns.
func Dial(ctx context.Context, addr string, cfg ClientConfig, first []byte, h ClientHandler) (*Client, error) {
	if len(first) == 0 {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, ErrEmptyMessage)
	}
	if cfg.OutboundCapacity == 0 {
		cfg.OutboundCapacity = defaultClientOutbound
	}
	if err := checkCapacity(cfg.OutboundCapacity); err != nil {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, err)
	}
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, err)
	}
	server := ua.AddrPort()
	server = netip.AddrPortFrom(server.Addr().Unmap(), server.Port())
	bind := "0.0.0.0:0"
	if server.Addr().Is6() {
		bind = "[::]:0"
	}
	out, err := newOutbox(cfg.OutboundCapacity)
	if err != nil {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, err)
	}
	epoch := time.Now()
	conn, err := rudp.Dial(0, cfg.RUDP, first[0], first)
	if err != nil {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, err)
	}
	sock, err := udp.ListenOptions(bind, cfg.Socket)
	if err != nil {
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, err)
	}
	maxMsg := cfg.RUDP.MaxMessageSize
	if maxMsg == 0 {
		maxMsg = rudp.DefaultConfig().MaxMessageSize
	}
	c := &Client{
		cfg: cfg, h: h, sock: sock, server: server, conn: conn, epoch: epoch, out: out, maxMsg: maxMsg,
		closeReq:    make(chan struct{}),
		done:        make(chan struct{}),
		established: make(chan struct{}),
		sendQ:       udp.NewSendBatch(sendBatchSize, wire.MaxDatagram),
	}
	c.emitFn = c.emit
	go c.loop()
	select {
	case <-c.established:
		return c, nil
	case <-c.done:
		return nil, fmt.Errorf("endpoint: dial %s: %w: %v", addr, ErrHandshake, rudp.CloseReason(c.reason.Load()))
	case <-ctx.Done():
		c.Close()
		return nil, fmt.Errorf("endpoint: dial %s: %w", addr, ctx.Err())
	}
}

// Send queues a copy of payload (a wire message, type byte first). It never
// blocks: it returns false when the client is closed, the outbound queue is
// full, or the payload is empty or larger than MaxMessageSize.
func (c *Client) Send(ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	if len(payload) == 0 || len(payload) > c.maxMsg {
		return false
	}
	select {
	case <-c.done:
		return false
	default:
	}
	return c.out.push(outEntry{kind: outMessage, ch: ch, prio: prio}, payload)
}

// ServerTimeMS estimates the server's millisecond clock now (Server.Now in
// ms, mod 2^32), from rudp's clock synchronisation; use it to stamp inputs.
// It is 0 before the first round trip.
func (c *Client) ServerTimeMS() uint32 {
	if !c.clockValid.Load() {
		return 0
	}
	return uint32(time.Since(c.epoch)/time.Millisecond) + c.clockOffset.Load()
}

// Stats returns a snapshot of the connection's counters, at most about
// 100 ms old (exact after Close).
func (c *Client) Stats() rudp.Stats {
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	return c.stats
}

// LocalAddr is the client socket's bound address: the unspecified address
// of the server's family (0.0.0.0 or ::) and the port the kernel chose.
func (c *Client) LocalAddr() netip.AddrPort { return c.sock.LocalAddr() }

// Done is closed once the connection is over and OnClose has been called.
func (c *Client) Done() <-chan struct{} { return c.done }

// Close closes the connection gracefully (queued reliable messages get a
// moment to be acked, then FIN), waits up to about a second for the
// server's answer, resets if it does not come, and closes the socket. It is
// safe to call more than once and after the server closed the connection.
func (c *Client) Close() error {
	c.closeOnce.Do(func() { close(c.closeReq) })
	<-c.done
	return nil
}
