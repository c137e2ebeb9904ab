package udp

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
)

// Options tunes a socket. The zero value is the default.
type Options struct {
	// ReadBufferBytes sets SO_RCVBUF when positive; the kernel caps it (on
	// Linux at net.core.rmem_max).
	ReadBufferBytes int
	// WriteBufferBytes sets SO_SNDBUF when positive.
	WriteBufferBytes int
	// Portable forces the golang.org/x/net ReadBatch/WriteBatch path even
	// where the native recvmmsg/sendmmsg path exists, for comparison and
	// tests. In that path a datagram that exactly fills a receive slot is
	// treated as truncated, because truncation cannot be told apart from it.
	Portable bool
}

// Socket is a bound UDP socket with batched reads and writes. ReadBatch is
// meant for one reader goroutine; WriteBatch may be called from several
// goroutines at once, each with its own SendBatch. Close unblocks a reader.
type Socket struct {
	conn   *net.UDPConn
	raw    syscall.RawConn
	local  netip.AddrPort
	ipv6   bool // the socket is AF_INET6 (it then also reaches IPv4 via mapped addresses, if dual-stack)
	native bool
	pc4    *ipv4.PacketConn
	pc6    *ipv6.PacketConn
}

// Listen binds a UDP socket to addr, such as "127.0.0.1:7777", "[::1]:0" or
// ":7777", with default options. A taken port gives an error for which
// errors.Is(err, syscall.EADDRINUSE) holds.
func Listen(addr string) (*Socket, error) { return ListenOptions(addr, Options{}) }

// ListenOptions is Listen with options.
func ListenOptions(addr string, opts Options) (*Socket, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("udp: listen %s: %w", addr, err)
	}
	conn, err := net.ListenUDP("udp", ua)
	if err != nil {
		return nil, fmt.Errorf("udp: listen %s: %w", addr, err)
	}
	s, err := newSocket(conn, opts)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("udp: listen %s: %w", addr, err)
	}
	return s, nil
}

func newSocket(conn *net.UDPConn, opts Options) (*Socket, error) {
	if opts.ReadBufferBytes > 0 {
		if err := conn.SetReadBuffer(opts.ReadBufferBytes); err != nil {
			return nil, fmt.Errorf("set read buffer: %w", err)
		}
	}
	if opts.WriteBufferBytes > 0 {
		if err := conn.SetWriteBuffer(opts.WriteBufferBytes); err != nil {
			return nil, fmt.Errorf("set write buffer: %w", err)
		}
	}
	raw, err := conn.SyscallConn()
	if err != nil {
		return nil, fmt.Errorf("raw conn: %w", err)
	}
	local := conn.LocalAddr().(*net.UDPAddr).AddrPort()
	s := &Socket{
		conn:   conn,
		raw:    raw,
		local:  netip.AddrPortFrom(local.Addr().Unmap(), local.Port()),
		ipv6:   !local.Addr().Is4(),
		native: nativeAvailable && !opts.Portable,
	}
	if !s.native {
		if s.ipv6 {
			s.pc6 = ipv6.NewPacketConn(conn)
		} else {
			s.pc4 = ipv4.NewPacketConn(conn)
		}
	}
	return s, nil
}

// LocalAddr is the address the socket is bound to, with the port the kernel
// chose when listening on port 0.
func (s *Socket) LocalAddr() netip.AddrPort { return s.local }

// Native reports whether the socket uses its own recvmmsg/sendmmsg path
// rather than golang.org/x/net.
func (s *Socket) Native() bool { return s.native }

// Close closes the socket; a blocked ReadBatch returns an error wrapping
// net.ErrClosed.
func (s *Socket) Close() error {
	if err := s.conn.Close(); err != nil {
		return fmt.Errorf("udp: close %v: %w", s.local, err)
	}
	return nil
}

// ReadBatch blocks until at least one datagram has arrived, then stores as
// many as are waiting, up to b.Cap(), replacing b's previous contents. It
// returns b.Len(). Datagrams larger than a slot are dropped and counted in
// b.Truncated. After Close it returns an error wrapping net.ErrClosed.
func (s *Socket) ReadBatch(b *RecvBatch) (int, error) {
	b.n = 0
	for b.n == 0 {
		var err error
		if s.native {
			err = s.readNative(b)
		} else {
			err = s.readPortable(b)
		}
		if err != nil {
			return 0, fmt.Errorf("udp: read batch on %v: %w", s.local, err)
		}
	}
	return b.n, nil
}

// WriteBatch sends every datagram queued in out, in order, and empties out.
// A datagram that cannot be sent (an unreachable address family, a kernel
// refusal) is skipped and the rest still go; the error reports the first
// such failure. It returns how many datagrams were sent.
func (s *Socket) WriteBatch(out *SendBatch) (int, error) {
	var sent int
	var err error
	if s.native {
		sent, err = s.writeNative(out)
	} else {
		sent, err = s.writePortable(out)
	}
	out.Reset()
	if err != nil {
		return sent, fmt.Errorf("udp: write batch on %v: %w", s.local, err)
	}
	return sent, nil
}

// ReadLoop is the socket's reader goroutine body: it reads into b and calls
// fn with each non-empty batch until the socket is closed, when it returns
// nil. Any other read error ends the loop and is returned. fn must finish
// with b's datagrams before returning.
func (s *Socket) ReadLoop(b *RecvBatch, fn func(*RecvBatch)) error {
	for {
		if _, err := s.ReadBatch(b); err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		fn(b)
	}
}
