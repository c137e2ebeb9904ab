// Package broadcast is the tick's last system: it encodes each entity's
// state once per tick and sends every observer what it can see — its
// visible entities' moves as GameStateSync payloads of at most one datagram,
// and reliable EntityEnter / EntityLeave events — to an outbound Sink.
package broadcast
