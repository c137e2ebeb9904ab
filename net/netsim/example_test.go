package netsim_test

import (
	"fmt"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
)

// A client and server exchange datagrams over a lossy, jittery path; Run
// jumps the virtual clock from one arrival or timer to the next.
func Example() {
	path := netsim.NewSymmetricPair(42, netsim.Config{
		Loss: 0.1, Delay: 50 * time.Millisecond, Jitter: 10 * time.Millisecond,
		Reorder: 0.25, ReorderDelay: 20 * time.Millisecond, Duplicate: 0.01,
	})
	echoed := 0
	routes := []netsim.Route{
		{Link: path.AtoB, Receive: func(now time.Duration, d []byte) { path.BtoA.Send(now, d) }}, // server echoes
		{Link: path.BtoA, Receive: func(now time.Duration, d []byte) { echoed++ }},               // client counts
	}
	nextSend := time.Duration(0)
	tick := func(now time.Duration) (time.Duration, bool) { // client sends every 10 ms for 10 s
		if nextSend >= 10*time.Second {
			return 0, false
		}
		if now >= nextSend { // tick also runs at arrival instants: send only when due
			path.AtoB.Send(now, []byte("input"))
			nextSend += 10 * time.Millisecond
		}
		return nextSend, true
	}
	netsim.Run(0, time.Minute, routes, tick)
	s := path.AtoB.Stats()
	fmt.Println("sent", s.Sent, "echo rate about 80%:", echoed > 780 && echoed < 840)
	// Output: sent 1000 echo rate about 80%: true
}
