package rudp

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// TestRecvWindowMatchesModel compares the packet window with a map across
// sequence wrap-around, duplicates and stale packets.
func TestRecvWindowMatchesModel(t *testing.T) {
	t.Parallel()
	for _, start := range []uint16{0, 100, 65500, 65535} {
		rng := rand.New(rand.NewPCG(uint64(start), 9))
		var w recvWindow
		seen := map[uint16]bool{}
		newest, have := uint16(0), false
		for i := range 5000 {
			seq := start + uint16(i) - uint16(rng.IntN(300))
			r, ok := w.check(seq)
			var want DropReason
			wantOK := true
			switch {
			case !have:
			case int(wire.SeqDiff(seq, newest)) <= -dupWindowSize:
				want, wantOK = DropStale, false
			case seen[seq] && wire.SeqDiff(seq, newest) > -dupWindowSize:
				want, wantOK = DropDuplicate, false
			}
			if ok != wantOK || (!ok && r != want) {
				t.Fatalf("start %d step %d seq %d: got %v %v, want %v %v", start, i, seq, r, ok, want, wantOK)
			}
			if !ok {
				continue
			}
			w.mark(seq)
			seen[seq] = true
			if !have || wire.SeqLess(newest, seq) {
				for s := range seen { // forget what slid out of the window
					if int(wire.SeqDiff(seq, s)) >= dupWindowSize {
						delete(seen, s)
					}
				}
				newest, have = seq, true
			}
			ab := w.ackBlock()
			if ab.Ack != newest {
				t.Fatalf("ack %d, want %d", ab.Ack, newest)
			}
			for b := range 32 {
				s := newest - 1 - uint16(b)
				if got := ab.AckBits&(1<<b) != 0; got != seen[s] {
					t.Fatalf("ack bit for %d = %v, want %v", s, got, seen[s])
				}
			}
		}
	}
}

func TestRTOBackoffAndBounds(t *testing.T) {
	t.Parallel()
	r := newRTTEstimator(250*time.Millisecond, 40*time.Millisecond, 2*time.Second, 5*time.Millisecond)
	if got := r.rto(); got != 250*time.Millisecond {
		t.Fatalf("initial RTO %v", got)
	}
	r.sample(0, 100*time.Millisecond)
	if got := r.rto(); got != 305*time.Millisecond { // 100 + max(4·50, 12.5, 1) + 5
		t.Fatalf("RTO after one 100 ms sample: %v", got)
	}
	for range 50 {
		r.sample(0, 100*time.Millisecond)
	}
	if got := r.rto(); got < 117*time.Millisecond || got > 125*time.Millisecond { // rttvar → 0: 100 + 12.5 + 5
		t.Fatalf("RTO after steady 100 ms: %v", got)
	}
	base := r.rto()
	r.backOff()
	r.backOff()
	if got := r.rto(); got != 4*base {
		t.Fatalf("RTO after two backoffs %v, want %v", got, 4*base)
	}
	for range 20 {
		r.backOff()
	}
	if got := r.rto(); got != 2*time.Second {
		t.Fatalf("RTO not capped: %v", got)
	}
	r.sample(0, time.Microsecond)
	if r.backoff != 0 {
		t.Fatal("a sample did not reset the backoff")
	}
	for range 100 {
		r.sample(0, time.Microsecond)
	}
	if got := r.rto(); got != 40*time.Millisecond {
		t.Fatalf("RTO below floor: %v", got)
	}
}

func TestClockSyncKeepsTightestSample(t *testing.T) {
	t.Parallel()
	var c clockSync
	if _, _, ok := c.peerMillis(0); ok {
		t.Fatal("estimate before any sample")
	}
	const offset = 5000 // peer is 5 s ahead
	ms := func(d time.Duration) uint32 { return uint32(d / time.Millisecond) }
	// Peer stamped at 130 ms local (path 30 ms out, 70 ms back).
	c.sample(100*time.Millisecond, 200*time.Millisecond, ms(130*time.Millisecond)+offset)
	est, bound, _ := c.peerMillis(200 * time.Millisecond)
	if bound != 51*time.Millisecond || int32(est-(200+offset)) > 51 || int32(est-(200+offset)) < -51 {
		t.Fatalf("estimate %d bound %v", est, bound)
	}
	// A looser sample does not replace it; a tighter one does.
	c.sample(300*time.Millisecond, 500*time.Millisecond, ms(400*time.Millisecond)+offset)
	if _, b, _ := c.peerMillis(500 * time.Millisecond); b > 52*time.Millisecond {
		t.Fatalf("looser sample replaced the estimate: bound %v", b)
	}
	c.sample(600*time.Millisecond, 610*time.Millisecond, ms(605*time.Millisecond)+offset)
	est, bound, _ = c.peerMillis(610 * time.Millisecond)
	if bound != 6*time.Millisecond || est != 610+offset {
		t.Fatalf("tight sample: estimate %d bound %v", est, bound)
	}
	// The bound ages by 1 ms per second.
	if _, b, _ := c.peerMillis(10610 * time.Millisecond); b != 16*time.Millisecond {
		t.Fatalf("aged bound %v, want 16 ms", b)
	}
}

func TestRingGrowsAndKeepsOrder(t *testing.T) {
	t.Parallel()
	var r ring[int]
	next, want := 0, 0
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		if rng.IntN(3) > 0 || r.len() == 0 {
			r.push(next)
			next++
		} else if got := r.pop(); got != want {
			t.Fatalf("popped %d, want %d", got, want)
		} else {
			want++
		}
	}
	if r.len() != next-want {
		t.Fatalf("len %d, want %d", r.len(), next-want)
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	bad := []Config{
		{MaxMessageSize: -1},
		{MaxMessageSize: 0xFFFF*FragmentSize + 1},
		{IdleTimeout: -time.Second},
		{ShedAfter: [wire.NumPriorities]time.Duration{0, -1}},
	}
	for i, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("config %d accepted", i)
		}
		if _, err := Dial(0, c, 1, nil); err == nil {
			t.Errorf("Dial accepted config %d", i)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewListener(ListenerConfig{CookieKey: []byte("short")}); err == nil {
		t.Fatal("short cookie key accepted")
	}
}

func TestSendRejects(t *testing.T) {
	t.Parallel()
	c := serverConn(Config{MaxQueuedBytes: 4096, MaxMessageSize: 8192})
	cases := []struct {
		name string
		err  error
		send func() error
	}{
		{"bad channel", ErrBadChannel, func() error { return c.Send(3, 0, 1, nil) }},
		{"bad priority", ErrBadPriority, func() error { return c.Send(0, 4, 1, nil) }},
		{"too large", ErrTooLarge, func() error { return c.Send(0, 1, 1, make([]byte, 8193)) }},
		{"unreliable over 1024", ErrTooLarge, func() error { return c.Send(Unreliable, 1, 1, make([]byte, 1025)) }},
		{"low over half", ErrQueueFull, func() error { return c.Send(0, wire.PriorityLow, 1, make([]byte, 2049)) }},
		{"queue full", ErrQueueFull, func() error {
			_ = c.Send(0, 1, 1, make([]byte, 4000))
			return c.Send(0, 1, 1, make([]byte, 100))
		}},
	}
	for _, tc := range cases {
		if err := tc.send(); err == nil || !errorsIs(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
	}
}
