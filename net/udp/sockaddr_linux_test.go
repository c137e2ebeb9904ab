//go:build linux && (amd64 || arm64)

package udp

import (
	"net/netip"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

func TestSockaddrRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		ipv6Sock bool
		wantLen  uint32
		want     string
	}{
		{"127.0.0.1:7777", false, unix.SizeofSockaddrInet4, "127.0.0.1:7777"},
		{"[::ffff:10.1.2.3]:1", false, unix.SizeofSockaddrInet4, "10.1.2.3:1"},
		{"[2001:db8::1]:65535", false, 0, ""},
		{"[2001:db8::1]:65535", true, unix.SizeofSockaddrInet6, "[2001:db8::1]:65535"},
		{"192.0.2.9:0", true, unix.SizeofSockaddrInet6, "192.0.2.9:0"},
	}
	for _, tc := range tests {
		var sa unix.RawSockaddrInet6
		n := encodeSockaddr(&sa, netip.MustParseAddrPort(tc.in), tc.ipv6Sock)
		if n != tc.wantLen {
			t.Fatalf("encode %s (ipv6 socket %v): length %d, want %d", tc.in, tc.ipv6Sock, n, tc.wantLen)
		}
		if n == 0 {
			continue
		}
		if got := decodeSockaddr(&sa); got.String() != tc.want {
			t.Fatalf("round trip %s: %v, want %s", tc.in, got, tc.want)
		}
	}
	if n := encodeSockaddr(new(unix.RawSockaddrInet6), netip.AddrPort{}, true); n != 0 {
		t.Fatalf("zero AddrPort encoded to %d bytes", n)
	}
}

// FuzzSockaddr decodes arbitrary sockaddr bytes, as the kernel might hand
// back, and checks that anything decoded re-encodes to the same address.
func FuzzSockaddr(f *testing.F) {
	f.Add([]byte{2, 0, 0x1e, 0x61, 127, 0, 0, 1}, true)
	f.Add([]byte{10, 0, 0, 80, 0, 0, 0, 0, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, true)
	f.Add([]byte{10, 0, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}, false)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, raw []byte, ipv6Sock bool) {
		var sa unix.RawSockaddrInet6
		buf := (*[unix.SizeofSockaddrInet6]byte)(unsafe.Pointer(&sa))
		copy(buf[:], raw)
		ap := decodeSockaddr(&sa)
		if !ap.IsValid() {
			return
		}
		if ap.Addr().Is4In6() {
			t.Fatalf("decoded a mapped address %v", ap)
		}
		var again unix.RawSockaddrInet6
		if encodeSockaddr(&again, ap, ipv6Sock) == 0 {
			if ipv6Sock || ap.Addr().Is4() {
				t.Fatalf("could not re-encode %v (ipv6 socket %v)", ap, ipv6Sock)
			}
			return
		}
		if got := decodeSockaddr(&again); got != ap {
			t.Fatalf("re-encoded %v decodes to %v", ap, got)
		}
	})
}
