// Package endpoint runs tickforge's reliable-UDP connections over real
// sockets: a Server that accepts many clients and a Client that dials one.
//
// It joins net/udp (batched socket I/O) with net/rudp (connection logic that
// never touches a socket or a clock). Each endpoint has one network goroutine
// that owns every rudp.Conn, the handshake Listener, the timers and the
// socket writes; a second goroutine only blocks in the socket's batched read
// and hands whole batches to it over a channel, so the network goroutine can
// also wake for timers and for outbound messages. Received batches are loaded
// into a wire.PacketBatch and pre-filtered with simd.ValidateHeaders before
// rudp parses acks and frames.
//
// Messages are wire messages, type byte first. A message is sent as one rudp
// frame whose msg_type is the message's first byte and whose body is the
// whole message, type byte included; a received frame whose body is empty or
// does not start with its msg_type is dropped and counted (DropTypeMismatch).
// docs/PROTOCOL.md specifies the bytes, including this server's header
// pre-filter, and walks through a hand-written client.
// Payloads handed to callbacks alias internal buffers and are valid only
// during the callback.
//
// Send and Kick are safe from any goroutine: they copy into a bounded,
// lock-free queue drained by the network goroutine, and refuse (returning
// false and counting the drop) rather than block.
//
// # Contract changes
//
// The contract's "one network goroutine owns the socket reads" is kept in
// substance: a second goroutine per endpoint only blocks in the batched read
// and passes whole batches (three circulate, nothing is allocated) to the
// network goroutine, which alone touches rudp state. Otherwise this package
// adds to the contract and changes nothing:
// ServerConfig.Epoch and Server.Now (the server's rudp clock, so the
// simulation can put client timestamps on the same timeline),
// ServerConfig.Socket and ClientConfig.Socket (udp.Options),
// ClientConfig.OutboundCapacity, Client.Done (closed after OnClose),
// ServerConfig.HoldClosedIDs with Server.ReleaseID (a closed connection's
// id is not reused until the Handler releases it, so a Handler that queues
// messages for other goroutines never has the old connection's messages
// taken for the next one's), the
// DropReason counters in ServerStats, and the sentinel errors in errors.go.
// ServerConfig.Listener.Conn is ignored: ServerConfig.RUDP configures every
// connection. Kick with a reason that only has a local meaning (such as
// idle-timeout) sends and reports rudp.ReasonShutdown, as rudp.Conn.Reset
// does. Under back-pressure (rudp's send queue full) a Client holds the
// refused message and retries it, so its Send returns false instead of
// losing reliable messages; a Server holds up to 256 messages per
// connection and counts any beyond as DropRefused.
// rudp.ListenerConfig.MaxConnsPerAddr (default 16) also limits clients
// behind one IP address, loopback included.
package endpoint
