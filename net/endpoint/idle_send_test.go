package endpoint

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// TestUnreliableSendAfterIdleIsNotShed: a connection that was idle longer
// than its ShedAfter still delivers the next unreliable message, in both
// directions. rudp stamps a message's queue time with the connection's
// clock, which only Poll and Receive advance; handed over before the
// connection was polled again, the message looked as old as the idle time
// and was shed at once. (The sim/server media relay lost the first frames
// to a peer that had been quiet for 100 ms this way.)
func TestUnreliableSendAfterIdleIsNotShed(t *testing.T) {
	const shed = 30 * time.Millisecond
	var rc rudp.Config
	rc.ShedAfter = [wire.NumPriorities]time.Duration{0, shed, shed, shed}
	s := startServer(t, ServerConfig{RUDP: rc}, false)
	c, crec := dial(t, s, ClientConfig{RUDP: rc}, 1)
	id := s.rec.next(t, "connect").id
	s.rec.next(t, "message") // the Connect
	for _, ch := range []rudp.Channel{rudp.Unreliable, rudp.UnreliableSequenced} {
		time.Sleep(3 * shed) // both ends idle: no traffic until the keep-alive (1 s)
		msg := []byte{byte(wire.TypeMediaStream), byte(ch), 2, 3}
		if !s.Send(id, ch, wire.PriorityLow, msg) {
			t.Fatal("server send refused")
		}
		if got := crec.next(t, "message"); got.payload[1] != byte(ch) {
			t.Fatalf("client got %v", got.payload)
		}
		time.Sleep(3 * shed)
		if !c.Send(ch, wire.PriorityLow, msg) {
			t.Fatal("client send refused")
		}
		if got := s.rec.next(t, "message"); got.payload[1] != byte(ch) {
			t.Fatalf("server got %v", got.payload)
		}
	}
	if st, _ := s.ConnStats(id); st.Shed != [wire.NumPriorities]uint64{} {
		t.Errorf("server shed %v", st.Shed)
	}
}
