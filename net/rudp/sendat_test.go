package rudp

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// TestSendAtCountsShedAgeFromItsTime queues a Low unreliable message on a
// connection that has not been polled for longer than ShedAfter: with Send
// its age counts from the last Poll, so the next Poll sheds it; with SendAt
// it counts from the time given, so it goes out.
func TestSendAtCountsShedAgeFromItsTime(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		send     func(c *Conn, now time.Duration) error
		wantShed uint64
	}{
		{"Send", func(c *Conn, _ time.Duration) error {
			return c.Send(Unreliable, wire.PriorityLow, 0x80, []byte{0x80, 1})
		}, 1},
		{"SendAt", func(c *Conn, now time.Duration) error {
			return c.SendAt(now, Unreliable, wire.PriorityLow, 0x80, []byte{0x80, 1})
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := established(t, cleanLink(), Config{})
			s.run(time.Second, 2*time.Second, nil)
			last := s.client.now // the last time the client was polled
			now := last + 2*s.client.cfg.ShedAfter[wire.PriorityLow]
			if err := tc.send(s.client, now); err != nil {
				t.Fatal(err)
			}
			s.run(now, now+100*time.Millisecond, nil)
			if got := s.client.Stats().Shed[wire.PriorityLow]; got != tc.wantShed {
				t.Fatalf("shed %d Low messages, want %d (last poll %v, sent at %v)", got, tc.wantShed, last, now)
			}
		})
	}
}
