package rudp_test

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// Example connects a client to a Listener over a simulated 20 ms link,
// sends one reliable message and closes.
func Example() {
	ln, err := rudp.NewListener(rudp.ListenerConfig{CookieKey: []byte("a secret of at least 16 bytes")})
	if err != nil {
		panic(err)
	}
	client, err := rudp.Dial(0, rudp.Config{}, 0x01, []byte("hello"))
	if err != nil {
		panic(err)
	}
	addr := netip.MustParseAddrPort("192.0.2.10:50000")
	link := netsim.NewSymmetricPair(1, netsim.Config{Delay: 20 * time.Millisecond})
	var server *rudp.Conn
	routes := []netsim.Route{
		{Link: link.AtoB, Receive: func(now time.Duration, b []byte) {
			c, accepted := ln.HandleDatagram(now, addr, b, func(r []byte) { link.BtoA.Send(now, r) })
			if accepted {
				server = c
			}
		}},
		{Link: link.BtoA, Receive: func(now time.Duration, b []byte) { client.Receive(now, b) }},
	}
	sent := false
	netsim.Run(0, 2*time.Second, routes, func(now time.Duration) (time.Duration, bool) {
		if client.State() == rudp.StateEstablished && !sent {
			_ = client.Send(rudp.ReliableOrdered, wire.PriorityNormal, 0x09, []byte("jump"))
			client.Close(now)
			sent = true
		}
		client.Poll(now, func(d []byte) { link.AtoB.Send(now, d) })
		next := client.NextDeadline()
		if server != nil {
			server.Poll(now, func(d []byte) { link.BtoA.Send(now, d) })
			next = min(next, server.NextDeadline())
		}
		return next, true
	})
	var m rudp.Message
	for server.Next(&m) {
		fmt.Printf("type %#x %q\n", m.Type, m.Body)
	}
	fmt.Println(client.State(), client.CloseReason(), server.CloseReason())
	// Output:
	// type 0x1 "hello"
	// type 0x9 "jump"
	// closed local-close peer-closed
}
