package wire

import "encoding/binary"

// Sizes and limits of the packet framing.
const (
	// HeaderSize is the size of the packet header:
	// u16 seq | u8 flags | u8 priority | u32 timestamp, little-endian.
	HeaderSize = 8
	// AckBlockSize is the size of the ack block (u16 ack | u32 ack_bits)
	// that follows the header when FlagACK is set.
	AckBlockSize = 6
	// MaxDatagram is the largest datagram a peer may send, in bytes; it fits
	// the 1280-byte IPv6 minimum MTU after IP and UDP headers.
	MaxDatagram = 1200
)

// Flags is the header's flag byte.
type Flags uint8

// Header flags. Bits 0x40 and 0x80 are reserved and must be zero.
const (
	// FlagACK means an ack block follows the header.
	FlagACK Flags = 0x01
	// FlagSYN opens a connection (handshake).
	FlagSYN Flags = 0x02
	// FlagFIN closes a connection gracefully.
	FlagFIN Flags = 0x04
	// FlagRST aborts a connection.
	FlagRST Flags = 0x08
	// FlagFRAG means the payload is one fragment of a larger message.
	FlagFRAG Flags = 0x10
	// FlagURGENT asks the sender's scheduler to send before any priority and
	// never to shed the packet.
	FlagURGENT Flags = 0x20
	// FlagsReserved is the mask of reserved bits; a set bit is ErrReservedFlags.
	FlagsReserved Flags = 0xC0
)

// illegalFlagCombinations lists the flag pairs that must not appear together.
// Any two of SYN, FIN and RST contradict each other (open, close, abort);
// SYN and RST packets are single-datagram control packets, so FRAG with
// either is meaningless. ValidateFlags and the SIMD header validator mirror
// this list exactly.
var illegalFlagCombinations = [...]Flags{
	FlagSYN | FlagFIN,
	FlagSYN | FlagRST,
	FlagFIN | FlagRST,
	FlagRST | FlagFRAG,
	FlagSYN | FlagFRAG,
}

// IllegalFlagCombinations returns the flag pairs that must not both be set.
// A flag byte f is illegal if f&c == c for any returned c.
func IllegalFlagCombinations() [5]Flags { return illegalFlagCombinations }

// flagVerdicts holds ValidateFlags' answer for every flag byte, so a check
// is one table load.
var flagVerdicts = func() (v [256]error) {
	for f := range v {
		if Flags(f)&FlagsReserved != 0 {
			v[f] = ErrReservedFlags
			continue
		}
		for _, c := range illegalFlagCombinations {
			if Flags(f)&c == c {
				v[f] = ErrIllegalFlags
			}
		}
	}
	return v
}()

// ValidateFlags reports whether f may appear in a header: ErrReservedFlags if
// a reserved bit is set, ErrIllegalFlags if it holds a forbidden combination,
// nil otherwise.
func ValidateFlags(f Flags) error { return flagVerdicts[f] }

// Priority is the header's priority byte: it decides send order and what
// congestion control sheds first.
type Priority uint8

// The four priorities. Values above PriorityLow are ErrBadPriority.
const (
	// PriorityCritical is connection control; never shed.
	PriorityCritical Priority = 0
	// PriorityHigh is positions and actions.
	PriorityHigh Priority = 1
	// PriorityNormal is chat and UI.
	PriorityNormal Priority = 2
	// PriorityLow is background transfers; shed first.
	PriorityLow Priority = 3
	// NumPriorities is the number of priorities, for sizing per-priority arrays.
	NumPriorities = 4
)

// Header is the fixed 8-byte packet header.
type Header struct {
	// Seq is the packet's 16-bit sequence number; it wraps (see SeqLess).
	Seq uint16
	// Flags are the packet's flags.
	Flags Flags
	// Priority is the packet's priority.
	Priority Priority
	// Timestamp is the sender's clock in milliseconds when the packet was sent.
	Timestamp uint32
}

// Put writes h into the first HeaderSize bytes of b.
//
// Panics: if len(b) < HeaderSize.
func (h Header) Put(b []byte) {
	_ = b[HeaderSize-1]
	binary.LittleEndian.PutUint16(b[0:], h.Seq)
	b[2] = byte(h.Flags)
	b[3] = byte(h.Priority)
	binary.LittleEndian.PutUint32(b[4:], h.Timestamp)
}

// ParseHeader parses and validates the header at the start of datagram b,
// which must be the whole datagram. It returns
//   - ErrShort if b is shorter than HeaderSize, or FlagACK is set and b is
//     shorter than HeaderSize+AckBlockSize;
//   - ErrTooLarge if len(b) > MaxDatagram;
//   - ErrReservedFlags or ErrIllegalFlags as ValidateFlags does;
//   - ErrBadPriority if the priority is above PriorityLow.
//
// The checks run in that order and the first failure is returned.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderSize {
		return Header{}, ErrShort
	}
	h := readHeader(b)
	if err := CheckHeaderFields(len(b), h.Flags, h.Priority); err != nil {
		return Header{}, err
	}
	return h, nil
}

// readHeader reads the header fields of b without validating them.
// b must hold at least HeaderSize bytes.
func readHeader(b []byte) Header {
	return Header{
		Seq:       binary.LittleEndian.Uint16(b[0:]),
		Flags:     Flags(b[2]),
		Priority:  Priority(b[3]),
		Timestamp: binary.LittleEndian.Uint32(b[4:]),
	}
}

// AckBlock acknowledges received packets: Ack is the newest sequence number
// received and bit i of AckBits (i = 0..31) is set when sequence Ack-1-i
// (mod 2^16) was received too.
type AckBlock struct {
	// Ack is the newest sequence number received.
	Ack uint16
	// AckBits records the 32 sequence numbers before Ack.
	AckBits uint32
}

// Put writes a into the first AckBlockSize bytes of b.
//
// Panics: if len(b) < AckBlockSize.
func (a AckBlock) Put(b []byte) {
	_ = b[AckBlockSize-1]
	binary.LittleEndian.PutUint16(b[0:], a.Ack)
	binary.LittleEndian.PutUint32(b[2:], a.AckBits)
}

// ParseAckBlock parses the ack block at the start of b (the bytes after the
// header); bytes after the block are the payload and are ignored. It returns
// ErrShort if len(b) < AckBlockSize.
func ParseAckBlock(b []byte) (AckBlock, error) {
	if len(b) < AckBlockSize {
		return AckBlock{}, ErrShort
	}
	return AckBlock{
		Ack:     binary.LittleEndian.Uint16(b[0:]),
		AckBits: binary.LittleEndian.Uint32(b[2:]),
	}, nil
}

// Acks reports whether the block acknowledges sequence number seq: seq is
// Ack, or one of the 32 before it with its bit set.
func (a AckBlock) Acks(seq uint16) bool {
	if seq == a.Ack {
		return true
	}
	d := a.Ack - seq - 1 // bit index, mod 2^16
	return d < 32 && a.AckBits&(1<<d) != 0
}
