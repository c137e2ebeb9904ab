package udp

import (
	"testing"
)

// allocsPerBatch measures the steady-state allocations of queuing and
// sending a batch of size datagrams (write), and of that plus reading them
// back (round trip), on loopback.
func allocsPerBatch(t *testing.T, opts Options, size int) (write, roundTrip float64) {
	a := listen(t, "127.0.0.1:0", opts)
	b := listen(t, "127.0.0.1:0", opts)
	sink := listen(t, "127.0.0.1:0", opts) // never read: write-only traffic goes here
	out := NewSendBatch(size, 256)
	in := NewRecvBatch(size, 256)
	payload := make([]byte, 100)
	send := func(to *Socket) {
		for range size {
			if err := out.Add(to.LocalAddr(), payload); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := a.WriteBatch(out); n != size || err != nil {
			t.Fatalf("WriteBatch = %d, %v", n, err)
		}
	}
	roundTripOnce := func() {
		send(b)
		for got := 0; got < size; {
			n, err := b.ReadBatch(in)
			if err != nil {
				t.Fatal(err)
			}
			got += n
		}
	}
	for range 10 { // warm up: lazy scratch, x/net's pools
		roundTripOnce()
		send(sink)
	}
	write = testing.AllocsPerRun(200, func() { send(sink) })
	roundTrip = testing.AllocsPerRun(200, roundTripOnce)
	return write, roundTrip
}

func TestNativeSteadyStateAllocatesNothing(t *testing.T) {
	if !nativeAvailable {
		t.Skip("native path not built on this platform")
	}
	for _, size := range []int{1, 8, 32} {
		write, rt := allocsPerBatch(t, Options{}, size)
		if write != 0 || rt != 0 {
			t.Errorf("batch of %d: %v allocs on write, %v on write+read; want 0 and 0", size, write, rt)
		}
	}
}

// TestPortableAllocations records what the x/net path costs. Its write path
// allocates nothing; its read path allocates a *net.UDPAddr and its IP for
// every datagram inside x/net, which is why the native path exists.
func TestPortableAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("x/net pools through sync.Pool, which the race detector empties at random")
	}
	const size = 8
	write, rt := allocsPerBatch(t, Options{Portable: true}, size)
	t.Logf("x/net path, batch of %d: %v allocs per write batch, %v per write+read", size, write, rt)
	if write != 0 {
		t.Errorf("x/net write path: %v allocs per batch, want 0", write)
	}
	if perDatagram := rt / size; perDatagram > 3 {
		t.Errorf("x/net read path: %.1f allocs per datagram, expected at most 3 (address + IP)", perDatagram)
	}
}
