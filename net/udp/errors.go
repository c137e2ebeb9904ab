package udp

import "errors"

// Errors callers can test with errors.Is. A closed socket reports
// net.ErrClosed; a taken port reports syscall.EADDRINUSE.
var (
	// ErrBatchFull is returned by SendBatch.Add when every slot is in use.
	ErrBatchFull = errors.New("udp: send batch full")
	// ErrDatagramTooLarge is returned by SendBatch.Add for a datagram larger
	// than the batch's slot size.
	ErrDatagramTooLarge = errors.New("udp: datagram larger than batch slot")
	// ErrAddressFamily reports a destination the socket cannot reach, such as
	// an IPv6 address from an IPv4 socket, or an invalid address.
	ErrAddressFamily = errors.New("udp: destination address family not supported by socket")
)
