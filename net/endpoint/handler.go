package endpoint

import (
	"net/netip"

	"github.com/tickforge/tickforge/net/rudp"
)

// ConnID names one server-side connection. IDs are small, dense and reused
// after a disconnect (or, with ServerConfig.HoldClosedIDs, after
// Server.ReleaseID), so they can index a slice (such as ecs.World's
// connection index); 0 is never used.
type ConnID uint32

// Handler receives a Server's connection events. Every method is called on
// the server's network goroutine and must not block: push into a bounded
// queue instead. A payload is valid only until the method returns.
type Handler interface {
	// OnConnect reports a completed handshake (the client echoed a valid
	// cookie). The client's first message is delivered next via OnMessage.
	OnConnect(id ConnID, addr netip.AddrPort)
	// OnMessage delivers one whole application message: a wire message,
	// type byte first.
	OnMessage(id ConnID, ch rudp.Channel, payload []byte)
	// OnDisconnect reports the end of a connection (FIN, RST, timeout, kick,
	// shutdown); it is called exactly once per OnConnect, after which id
	// may be reused (with ServerConfig.HoldClosedIDs, only once released).
	OnDisconnect(id ConnID, reason rudp.CloseReason)
}

// ClientHandler receives a Client's events, on the client's network
// goroutine; it must not block. A payload is valid only until the method
// returns.
type ClientHandler interface {
	// OnMessage delivers one whole wire message from the server.
	OnMessage(ch rudp.Channel, payload []byte)
	// OnClose reports the end of the connection, exactly once.
	OnClose(reason rudp.CloseReason)
}
