package rudp

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

func TestHandshakeDeliversFirstMessage(t *testing.T) {
	t.Parallel()
	s := newSim(t, 1, cleanLink(), Config{})
	s.run(0, time.Second, nil)
	if s.server == nil {
		t.Fatal("server never accepted")
	}
	if got := s.client.State(); got != StateEstablished {
		t.Fatalf("client state %v, want established", got)
	}
	var m Message
	if !s.server.Next(&m) || string(m.Body) != "connect" || m.Type != 1 || m.Channel != ReliableOrdered {
		t.Fatalf("first message = %+v", m)
	}
	if s.ln.Len() != 1 {
		t.Fatalf("listener has %d conns", s.ln.Len())
	}
	if rtt := s.client.Stats().SRTT; rtt < 40*time.Millisecond || rtt > 60*time.Millisecond {
		t.Fatalf("client SRTT %v, want about 40 ms", rtt)
	}
	_ = wire.HeaderSize
}
