//go:build linux && (amd64 || arm64)

package udp

import (
	"net/netip"
	"unsafe"

	"golang.org/x/sys/unix"
)

// putPort stores port in network byte order in a sockaddr's port field.
func putPort(field *uint16, port uint16) {
	b := (*[2]byte)(unsafe.Pointer(field))
	b[0], b[1] = byte(port>>8), byte(port)
}

func getPort(field *uint16) uint16 {
	b := (*[2]byte)(unsafe.Pointer(field))
	return uint16(b[0])<<8 | uint16(b[1])
}

// encodeSockaddr writes to into sa in the family of the socket and returns
// the sockaddr's length, or 0 when the socket cannot reach to. An IPv6
// socket reaches IPv4 destinations through 4-in-6 mapped addresses; zones
// (scope ids) are not carried.
func encodeSockaddr(sa *unix.RawSockaddrInet6, to netip.AddrPort, ipv6Socket bool) uint32 {
	a := to.Addr()
	if !a.IsValid() {
		return 0
	}
	if !ipv6Socket {
		a = a.Unmap()
		if !a.Is4() {
			return 0
		}
		sa4 := (*unix.RawSockaddrInet4)(unsafe.Pointer(sa))
		*sa4 = unix.RawSockaddrInet4{Family: unix.AF_INET, Addr: a.As4()}
		putPort(&sa4.Port, to.Port())
		return unix.SizeofSockaddrInet4
	}
	*sa = unix.RawSockaddrInet6{Family: unix.AF_INET6, Addr: a.As16()}
	putPort(&sa.Port, to.Port())
	return unix.SizeofSockaddrInet6
}

// decodeSockaddr reads a sockaddr the kernel filled in. IPv4 sources that
// arrive 4-in-6 mapped on an IPv6 socket come out as plain IPv4; an unknown
// family gives the zero AddrPort.
func decodeSockaddr(sa *unix.RawSockaddrInet6) netip.AddrPort {
	switch sa.Family {
	case unix.AF_INET:
		sa4 := (*unix.RawSockaddrInet4)(unsafe.Pointer(sa))
		return netip.AddrPortFrom(netip.AddrFrom4(sa4.Addr), getPort(&sa4.Port))
	case unix.AF_INET6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr).Unmap(), getPort(&sa.Port))
	}
	return netip.AddrPort{}
}
