// Package rudp is tickforge's reliable-UDP connection layer: handshake with a
// stateless cookie, acks, RTT/RTO, retransmission, channels, fragmentation,
// congestion control, clock synchronisation and per-connection bounds.
//
// Nothing here touches a socket or reads a clock. A Conn is driven by three
// calls that all take the current time as a time.Duration: Receive hands it a
// datagram, Poll lets it emit the datagrams that are due, and NextDeadline
// says when Poll next has work. A Listener does the server side of the
// handshake and creates a Conn only after the client echoed a valid cookie;
// Dial builds the client side. The byte layout is specified in
// docs/PROTOCOL.md ("Connection layer" onwards).
//
// Conn and Listener are not safe for concurrent use: drive each from one
// goroutine. A Budget may be shared by connections on many goroutines.
package rudp
