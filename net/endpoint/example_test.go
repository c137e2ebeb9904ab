package endpoint_test

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// echo is a Handler that sends every message back to its sender.
type echo struct{ s *endpoint.Server }

func (e *echo) OnConnect(id endpoint.ConnID, _ netip.AddrPort) {}
func (e *echo) OnMessage(id endpoint.ConnID, ch rudp.Channel, payload []byte) {
	e.s.Send(id, ch, wire.PriorityNormal, payload) // copies payload
}
func (e *echo) OnDisconnect(id endpoint.ConnID, reason rudp.CloseReason) {}

// printer is a ClientHandler that decodes what the server sends.
type printer struct{ got chan string }

func (p printer) OnMessage(ch rudp.Channel, payload []byte) {
	var m wire.Connect
	if err := wire.DecodeConnect(payload, &m); err == nil {
		p.got <- fmt.Sprintf("%v: Connect{user %d, room %d}", ch, m.UserID, m.RoomID)
	}
}
func (p printer) OnClose(reason rudp.CloseReason) { p.got <- "closed: " + reason.String() }

// A server that echoes, and a client whose first message (sent with the
// handshake) is its Connect.
func Example() {
	h := &echo{}
	s, err := endpoint.Listen(endpoint.ServerConfig{Addr: "127.0.0.1:0"}, h)
	if err != nil {
		panic(err)
	}
	h.s = s
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()

	p := printer{got: make(chan string, 4)}
	hello := wire.AppendConnect(nil, &wire.Connect{UserID: 42, RoomID: 7})
	c, err := endpoint.Dial(ctx, s.Addr().String(), endpoint.ClientConfig{}, hello, p)
	if err != nil {
		panic(err)
	}
	fmt.Println(<-p.got)

	stop() // the server sends FIN to every client and returns
	fmt.Println(<-p.got)
	fmt.Println("Run:", <-done)
	c.Close()
	// Output:
	// reliable-ordered: Connect{user 42, room 7}
	// closed: peer-closed
	// Run: <nil>
}
