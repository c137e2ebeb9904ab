package udp

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"

	"golang.org/x/net/ipv4"
)

// portableRecv is a RecvBatch's scratch for x/net's ReadBatch. ipv4.Message
// and ipv6.Message are the same type, so one slice serves both families.
type portableRecv struct {
	msgs []ipv4.Message
	bufs [][]byte // one single-buffer vector per message
}

func (r *portableRecv) init(b *RecvBatch) {
	r.msgs = make([]ipv4.Message, len(b.slots))
	r.bufs = make([][]byte, len(b.slots))
	for i := range r.msgs {
		r.bufs[i] = b.slots[i]
		r.msgs[i].Buffers = r.bufs[i : i+1 : i+1]
	}
}

func (s *Socket) readPortable(b *RecvBatch) error {
	r := &b.portable
	if r.msgs == nil {
		r.init(b)
	}
	var n int
	var err error
	if s.pc6 != nil {
		n, err = s.pc6.ReadBatch(r.msgs, 0)
	} else {
		n, err = s.pc4.ReadBatch(r.msgs, 0)
	}
	if err != nil {
		return err
	}
	for i := range n {
		m := &r.msgs[i]
		ua, ok := m.Addr.(*net.UDPAddr)
		if !ok || m.N >= len(b.slots[i]) {
			b.Truncated++
			continue
		}
		src := ua.AddrPort()
		b.keep(i, m.N, netip.AddrPortFrom(src.Addr().Unmap(), src.Port()))
	}
	return nil
}

// portableSend is a SendBatch's scratch for x/net's WriteBatch: reusable
// messages and *net.UDPAddr destinations whose IPs live in fixed arrays.
type portableSend struct {
	msgs  []ipv4.Message
	bufs  [][]byte
	addrs []net.UDPAddr
	ips   [][net.IPv6len]byte
}

func (p *portableSend) init(capacity int) {
	p.msgs = make([]ipv4.Message, capacity)
	p.bufs = make([][]byte, capacity)
	p.addrs = make([]net.UDPAddr, capacity)
	p.ips = make([][net.IPv6len]byte, capacity)
	for i := range p.msgs {
		p.msgs[i].Buffers = p.bufs[i : i+1 : i+1]
		p.msgs[i].Addr = &p.addrs[i]
	}
}

// setAddr points destination i at to, in the form the socket's family
// needs; ok is false when the socket cannot reach to.
func (p *portableSend) setAddr(i int, to netip.AddrPort, ipv6Socket bool) bool {
	a := to.Addr().Unmap()
	ua := &p.addrs[i]
	ua.Port = int(to.Port())
	switch {
	case !a.IsValid():
		return false
	case a.Is4():
		v4 := a.As4()
		ua.IP = p.ips[i][:net.IPv4len]
		copy(ua.IP, v4[:])
	case ipv6Socket:
		p.ips[i] = a.As16()
		ua.IP = p.ips[i][:]
	default:
		return false
	}
	return true
}

func (s *Socket) writePortable(out *SendBatch) (int, error) {
	p := &out.portable
	if p.msgs == nil {
		p.init(len(out.slots))
	}
	var firstErr error
	sent, start := 0, 0
	for start < out.n {
		end := start
		for end < out.n {
			p.bufs[end] = out.slots[end]
			if !p.setAddr(end, out.addrs[end], s.ipv6) {
				break
			}
			end++
		}
		if end == start { // the datagram at start has a destination this socket cannot reach
			if firstErr == nil {
				firstErr = fmt.Errorf("datagram %d to %v: %w", start, out.addrs[start], ErrAddressFamily)
			}
			start++
			continue
		}
		var n int
		var err error
		if s.pc6 != nil {
			n, err = s.pc6.WriteBatch(p.msgs[start:end], 0)
		} else {
			n, err = s.pc4.WriteBatch(p.msgs[start:end], 0)
		}
		sent += max(n, 0)
		start += max(n, 0)
		if err == nil && n <= 0 {
			err = io.ErrShortWrite // never expected; guards against spinning
		}
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return sent, err
			}
			if firstErr == nil {
				firstErr = fmt.Errorf("datagram %d to %v: %w", start, out.addrs[start], err)
			}
			start++
		}
	}
	return sent, firstErr
}
