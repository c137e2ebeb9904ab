package wire

import "errors"

// Sentinel errors returned (possibly wrapped) by the parsers and decoders.
// A receiver drops any datagram or message for which one is returned. They
// are returned unwrapped, so rejecting hostile input allocates nothing.
var (
	// ErrShort means the input ends before a fixed-size field or a declared
	// length is complete.
	ErrShort = errors.New("wire: input too short")
	// ErrTooLarge means a datagram exceeds MaxDatagram.
	ErrTooLarge = errors.New("wire: input too large")
	// ErrReservedFlags means a reserved header flag bit (FlagsReserved) is set.
	ErrReservedFlags = errors.New("wire: reserved flag bits set")
	// ErrIllegalFlags means the header carries a forbidden flag combination.
	ErrIllegalFlags = errors.New("wire: illegal flag combination")
	// ErrBadPriority means the header's priority is not one of the four defined.
	ErrBadPriority = errors.New("wire: bad priority")
	// ErrUnknownType means a message's type id is not defined.
	ErrUnknownType = errors.New("wire: unknown message type")
	// ErrWrongType means a decoder was given a message of another type.
	ErrWrongType = errors.New("wire: wrong message type")
	// ErrTrailingBytes means bytes follow the end of a complete message.
	ErrTrailingBytes = errors.New("wire: trailing bytes after message")
	// ErrOutOfRange means a field holds a value its message does not allow:
	// an undefined action kind or frame type, a chunk index not below the
	// chunk count, too many entities.
	ErrOutOfRange = errors.New("wire: field value out of range")
)
