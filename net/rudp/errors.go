package rudp

import "errors"

// Sentinel errors returned by Send, Dial and NewListener.
var (
	// ErrClosed means the connection is closing or closed and takes no new messages.
	ErrClosed = errors.New("rudp: connection closed")
	// ErrQueueFull means the send queue for that priority has no room; retry
	// after the peer acked some data, or shed the message.
	ErrQueueFull = errors.New("rudp: send queue full")
	// ErrTooLarge means the message body exceeds the configured MaxMessageSize,
	// or a body over FragmentSize was sent on an unreliable channel.
	ErrTooLarge = errors.New("rudp: message too large")
	// ErrBadChannel means the channel is not one of the three defined.
	ErrBadChannel = errors.New("rudp: bad channel")
	// ErrBadPriority means the priority is not one of the four defined.
	ErrBadPriority = errors.New("rudp: bad priority")
	// ErrInvalidConfig is wrapped by Config.Validate for every bad field.
	ErrInvalidConfig = errors.New("rudp: invalid config")
)
