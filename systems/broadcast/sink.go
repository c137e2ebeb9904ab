package broadcast

import "github.com/tickforge/tickforge/net/wire"

// Delivery is how the transport must carry a payload.
type Delivery uint8

// The deliveries broadcast asks for.
const (
	// Sequenced is unreliable-sequenced: newest wins, stale ones are dropped.
	Sequenced Delivery = iota + 1
	// Reliable is reliable-ordered.
	Reliable
)

// Sink receives the tick's outbound payloads. Send must copy payload before
// it returns (the buffer is reused) and reports false if it had to drop it.
type Sink interface {
	Send(conn uint32, d Delivery, prio wire.Priority, payload []byte) bool
}

// DiscardSink counts what it is sent and keeps nothing; bench uses it.
type DiscardSink struct {
	Payloads, Bytes uint64
}

// Send implements Sink.
func (d *DiscardSink) Send(_ uint32, _ Delivery, _ wire.Priority, p []byte) bool {
	d.Payloads++
	d.Bytes += uint64(len(p))
	return true
}
