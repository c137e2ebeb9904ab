// Package udp is tickforge's batched UDP socket I/O: many datagrams per
// system call, into and out of fixed, reused buffers, with sources and
// destinations as netip.AddrPort.
//
// On linux/amd64 and linux/arm64 the socket calls recvmmsg and sendmmsg
// itself, which costs no allocation per datagram. Elsewhere, or with
// Options.Portable, it uses golang.org/x/net/ipv4 and ipv6 PacketConn
// ReadBatch and WriteBatch, which batch on Linux and fall back to one call
// per datagram on other systems; that path allocates a source address per
// received datagram. One goroutine reads a socket (see Socket.ReadLoop); any
// number may write, each with its own SendBatch.
package udp
