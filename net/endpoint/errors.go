package endpoint

import "errors"

// Sentinel errors callers can test with errors.Is. A port already in use
// is reported as syscall.EADDRINUSE (from net/udp).
var (
	// ErrClosed is returned by operations on a closed Client or Server.
	ErrClosed = errors.New("endpoint: closed")
	// ErrHandshake is wrapped by Dial when the server refused or never
	// answered the handshake; the rudp.CloseReason is in the message.
	ErrHandshake = errors.New("endpoint: handshake failed")
	// ErrEmptyMessage is returned by Dial for an empty first message: every
	// message starts with its wire type byte.
	ErrEmptyMessage = errors.New("endpoint: empty message")
	// ErrInvalidConfig is wrapped for a configuration field out of range.
	ErrInvalidConfig = errors.New("endpoint: invalid config")
)
