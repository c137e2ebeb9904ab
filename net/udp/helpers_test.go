package udp

import (
	"testing"
)

// backends lists the socket paths to test: the native one where it is
// built, and always the portable x/net one.
func backends() []struct {
	name string
	opts Options
} {
	list := []struct {
		name string
		opts Options
	}{{"xnet", Options{Portable: true}}}
	if nativeAvailable {
		list = append(list, struct {
			name string
			opts Options
		}{"native", Options{}})
	}
	return list
}

// listen opens a loopback socket on an ephemeral port, closed when the test ends.
func listen(t testing.TB, addr string, opts Options) *Socket {
	t.Helper()
	s, err := ListenOptions(addr, opts)
	if err != nil {
		t.Fatalf("ListenOptions(%q): %v", addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// readN reads until n datagrams have arrived, calling fn for each.
func readN(t testing.TB, s *Socket, b *RecvBatch, n int, fn func(data []byte, i int)) {
	t.Helper()
	got := 0
	for got < n {
		k, err := s.ReadBatch(b)
		if err != nil {
			t.Fatalf("ReadBatch after %d of %d: %v", got, n, err)
		}
		for i := range k {
			fn(b.Data(i), got)
			got++
		}
	}
}
