package rudp

import (
	"encoding/binary"

	"github.com/tickforge/tickforge/net/wire"
)

// Channel is a message's delivery guarantee.
type Channel uint8

// The three channels.
const (
	// ReliableOrdered messages arrive exactly once, in the order they were sent.
	ReliableOrdered Channel = 0
	// UnreliableSequenced messages may be lost but never arrive after a newer one.
	UnreliableSequenced Channel = 1
	// Unreliable messages may be lost; duplicated packets are still filtered.
	Unreliable Channel = 2
	// NumChannels sizes arrays indexed by Channel.
	NumChannels = 3
)

var channelNames = [NumChannels]string{"reliable-ordered", "unreliable-sequenced", "unreliable"}

// String names the channel.
func (ch Channel) String() string {
	if ch < NumChannels {
		return channelNames[ch]
	}
	return "invalid"
}

// Frame layout inside a data packet, after the header, ack block and (in
// cookie-echo packets) the cookie:
//
//	u8 kind | u8 msg_type | u16 length | u16 msg_seq [| u16 frag_index | u16 frag_count] | body
//
// kind bits 0-1 are the channel, bit 7 marks a fragment (and adds the
// fragment fields), bits 2-6 are reserved and must be zero.
const (
	frameHeaderSize = 6
	fragHeaderSize  = 4
	kindFragment    = 0x80
	kindChannelMask = 0x03
	kindReserved    = 0x7C
)

// MaxSingleFrameBody is the largest message body sent as one plain frame:
// with the frame header and an ack block it still leaves the datagram
// within MaxUnfragmentedDatagram, the bound receivers enforce on packets
// without FRAG. A reliable-ordered body above it travels as fragments — a
// body of up to FragmentSize bytes as a single fragment (frag_count 1) in a
// FRAG packet — and an unreliable body above it is refused with ErrTooLarge.
const MaxSingleFrameBody = FragmentSize - frameHeaderSize - wire.AckBlockSize

// MaxFirstMessage is the largest first message Dial accepts: it rides in
// the cookie-echo packet, plain (FRAG may not ride with SYN), after the cookie.
const MaxFirstMessage = MaxSingleFrameBody - CookieSize

// frame is one parsed frame; body aliases the datagram.
type frame struct {
	channel   Channel
	msgType   uint8
	seq       uint16
	fragment  bool
	fragIndex uint16
	fragCount uint16
	body      []byte
}

// parseFrame parses the frame at the start of b and returns it with its
// encoded size. maxFragments caps frag_count.
func parseFrame(b []byte, maxFragments int) (frame, int, DropReason, bool) {
	if len(b) < frameHeaderSize {
		return frame{}, 0, DropTruncated, false
	}
	kind := b[0]
	f := frame{
		channel: Channel(kind & kindChannelMask),
		msgType: b[1],
		seq:     binary.LittleEndian.Uint16(b[4:]),
	}
	if kind&kindReserved != 0 || f.channel >= NumChannels {
		return frame{}, 0, DropBadFrame, false
	}
	length := int(binary.LittleEndian.Uint16(b[2:]))
	n := frameHeaderSize
	if kind&kindFragment != 0 {
		if len(b) < frameHeaderSize+fragHeaderSize {
			return frame{}, 0, DropTruncated, false
		}
		f.fragment = true
		f.fragIndex = binary.LittleEndian.Uint16(b[6:])
		f.fragCount = binary.LittleEndian.Uint16(b[8:])
		n += fragHeaderSize
		last := f.fragIndex == f.fragCount-1
		switch {
		case f.channel != ReliableOrdered,
			f.fragCount < 1 || int(f.fragCount) > maxFragments,
			f.fragIndex >= f.fragCount,
			!last && length != FragmentSize,
			last && (length == 0 || length > FragmentSize):
			return frame{}, 0, DropBadFragment, false
		}
	} else if length > FragmentSize {
		return frame{}, 0, DropBadFrame, false
	}
	if len(b)-n < length {
		return frame{}, 0, DropTruncated, false
	}
	f.body = b[n : n+length]
	return f, n + length, 0, true
}

// frameSize is the encoded size of a frame with a body of n bytes.
func frameSize(fragment bool, n int) int {
	if fragment {
		return frameHeaderSize + fragHeaderSize + n
	}
	return frameHeaderSize + n
}

// putFrame writes the frame for unit u into b, which must be large enough,
// and returns its size.
func putFrame(b []byte, u *unit) int {
	kind := byte(u.channel)
	fragment := u.fragCount > 0
	if fragment {
		kind |= kindFragment
	}
	b[0] = kind
	b[1] = u.msgType
	binary.LittleEndian.PutUint16(b[2:], uint16(len(u.body)))
	binary.LittleEndian.PutUint16(b[4:], u.msgSeq)
	n := frameHeaderSize
	if fragment {
		binary.LittleEndian.PutUint16(b[6:], u.fragIndex)
		binary.LittleEndian.PutUint16(b[8:], u.fragCount)
		n += fragHeaderSize
	}
	return n + copy(b[n:], u.body)
}
