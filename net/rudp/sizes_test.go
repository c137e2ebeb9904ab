package rudp

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// TestEveryMessageSizeArrives sends reliable messages of every size around
// the plain-frame and fragment boundaries, then a small one, and requires
// all of them in order: a body that fits no packet must never block its
// channel (it once did for 1,013–1,024 bytes).
func TestEveryMessageSizeArrives(t *testing.T) {
	s := newSim(t, 3, cleanLink(), DefaultConfig())
	var sizes []int
	for n := MaxSingleFrameBody - 3; n <= FragmentSize+3; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, 2*FragmentSize-1, 2*FragmentSize, 2*FragmentSize+1, 5)
	var got [][]byte
	sent := false
	s.run(0, 5*time.Second, func(now time.Duration) time.Duration {
		if s.client.State() == StateEstablished && !sent {
			for i, n := range sizes {
				if err := s.client.Send(ReliableOrdered, wire.PriorityNormal, 0x80, bytes.Repeat([]byte{byte(i)}, n)); err != nil {
					t.Fatalf("send %d bytes: %v", n, err)
				}
			}
			sent = true
		}
		if s.server != nil {
			var m Message
			for s.server.Next(&m) {
				got = append(got, append([]byte(nil), m.Body...))
			}
		}
		return now + time.Millisecond
	})
	if len(got) != len(sizes)+1 { // +1: the client's first message
		var lens []int
		for _, m := range got {
			lens = append(lens, len(m))
		}
		t.Fatalf("server got %d messages %v, want %d; client stats %+v", len(got), lens, len(sizes)+1, s.server.Stats())
	}
	for i, n := range sizes {
		m := got[i+1]
		if len(m) != n || (n > 0 && m[0] != byte(i)) {
			t.Fatalf("message %d: %d bytes, want %d", i, len(m), n)
		}
	}
}

func TestUnreliableBodyMustFitOnePlainFrame(t *testing.T) {
	c, err := Dial(0, DefaultConfig(), 1, []byte{1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		n    int
		want error
	}{{MaxSingleFrameBody, nil}, {MaxSingleFrameBody + 1, ErrTooLarge}} {
		for _, ch := range []Channel{UnreliableSequenced, Unreliable} {
			if err := c.Send(ch, wire.PriorityNormal, 0x80, make([]byte, tc.n)); !errors.Is(err, tc.want) {
				t.Errorf("%v %d bytes: err %v, want %v", ch, tc.n, err, tc.want)
			}
		}
	}
	if _, err := Dial(0, DefaultConfig(), 1, make([]byte, MaxFirstMessage+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized first message: err %v", err)
	}
}
