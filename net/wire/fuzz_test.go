package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"
)

var sentinels = []error{ErrShort, ErrTooLarge, ErrReservedFlags, ErrIllegalFlags, ErrBadPriority,
	ErrUnknownType, ErrWrongType, ErrTrailingBytes, ErrOutOfRange}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// modelHeaderError states ParseHeader's rules independently of the code.
func modelHeaderError(b []byte) error {
	switch {
	case len(b) < 8:
		return ErrShort
	case len(b) > 1200:
		return ErrTooLarge
	case b[2]&1 != 0 && len(b) < 14:
		return ErrShort
	}
	if err := modelFlagsError(b[2]); err != nil {
		return err
	}
	if b[3] > 3 {
		return ErrBadPriority
	}
	return nil
}

func FuzzParseHeader(f *testing.F) {
	for _, tc := range headerVectors {
		f.Add(tc.v.encode())
	}
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3})
	f.Add([]byte{0, 0, 0xC0, 0, 0, 0, 0, 0})
	f.Add([]byte{0, 0, 0x06, 0, 0, 0, 0, 0})
	f.Add([]byte{0, 0, 0x01, 7, 0, 0, 0, 0, 0})
	f.Add(make([]byte, 1201))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(b)
		if want := modelHeaderError(b); err != want {
			t.Fatalf("ParseHeader(%x) error %v, model says %v", b, err, want)
		}
		if err != nil {
			return
		}
		out := make([]byte, HeaderSize)
		h.Put(out)
		if !bytes.Equal(out, b[:HeaderSize]) {
			t.Fatalf("Put(ParseHeader(%x)) = %x", b[:HeaderSize], out)
		}
	})
}

func FuzzParseAckBlock(f *testing.F) {
	f.Add([]byte{}, uint16(0))
	f.Add([]byte{0x34, 0x12, 5, 0, 0, 0x80}, uint16(0x1233))
	f.Add([]byte{0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3}, uint16(0xFFE0))
	f.Fuzz(func(t *testing.T, b []byte, seq uint16) {
		a, err := ParseAckBlock(b)
		if (err != nil) != (len(b) < AckBlockSize) {
			t.Fatalf("ParseAckBlock(%d bytes) error %v", len(b), err)
		}
		if err != nil {
			return
		}
		out := make([]byte, AckBlockSize)
		a.Put(out)
		if !bytes.Equal(out, b[:AckBlockSize]) {
			t.Fatalf("Put(ParseAckBlock(%x)) = %x", b[:AckBlockSize], out)
		}
		// Independent statement of the ack rule: seq is acked if it is Ack,
		// or Ack-1-i for a set bit i.
		want := seq == a.Ack
		for i := range 32 {
			if a.AckBits&(1<<i) != 0 && seq == a.Ack-1-uint16(i) {
				want = true
			}
		}
		if got := a.Acks(seq); got != want {
			t.Fatalf("%+v.Acks(%d) = %v, want %v", a, seq, got, want)
		}
	})
}

// fuzzRoundTrip checks that decoding arbitrary bytes never panics, fails
// only with a sentinel error, and when it succeeds re-encodes to the same bytes.
func fuzzRoundTrip[T any](f *testing.F, typ Type, enc func([]byte, *T) []byte, dec func([]byte, *T) error) {
	rng := rand.New(rand.NewPCG(uint64(typ), 99))
	for _, c := range codecs {
		if c.typ != typ {
			continue
		}
		for range 3 {
			b := c.encode(nil, c.random(rng))
			f.Add(b)
			f.Add(b[:len(b)/2])
		}
	}
	for _, tc := range messageVectors {
		if m, ok := tc.msg.(*T); ok {
			f.Add(enc(nil, m))
		}
	}
	f.Add([]byte{})
	f.Add([]byte{byte(typ)})
	f.Add([]byte{byte(typ) + 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var m T
		if err := dec(b, &m); err != nil {
			if !isSentinel(err) {
				t.Fatalf("decode %x: non-sentinel error %v", b, err)
			}
			return
		}
		if out := enc(nil, &m); !bytes.Equal(out, b) {
			t.Fatalf("decode→encode changed the bytes:\n in %x\nout %x", b, out)
		}
	})
}

func FuzzDecodeConnect(f *testing.F) { fuzzRoundTrip(f, TypeConnect, AppendConnect, DecodeConnect) }
func FuzzDecodeDisconnect(f *testing.F) {
	fuzzRoundTrip(f, TypeDisconnect, AppendDisconnect, DecodeDisconnect)
}
func FuzzDecodeWelcome(f *testing.F) { fuzzRoundTrip(f, TypeWelcome, AppendWelcome, DecodeWelcome) }
func FuzzDecodePositionUpdate(f *testing.F) {
	fuzzRoundTrip(f, TypePositionUpdate, AppendPositionUpdate, DecodePositionUpdate)
}
func FuzzDecodePlayerAction(f *testing.F) {
	fuzzRoundTrip(f, TypePlayerAction, AppendPlayerAction, DecodePlayerAction)
}
func FuzzDecodeGameStateSync(f *testing.F) {
	fuzzRoundTrip(f, TypeGameStateSync, AppendGameStateSync, DecodeGameStateSync)
}
func FuzzDecodeEntityEnter(f *testing.F) {
	fuzzRoundTrip(f, TypeEntityEnter, AppendEntityEnter, DecodeEntityEnter)
}
func FuzzDecodeEntityLeave(f *testing.F) {
	fuzzRoundTrip(f, TypeEntityLeave, AppendEntityLeave, DecodeEntityLeave)
}
func FuzzDecodeReliableCommand(f *testing.F) {
	fuzzRoundTrip(f, TypeReliableCommand, AppendReliableCommand, DecodeReliableCommand)
}
func FuzzDecodeCommandReply(f *testing.F) {
	fuzzRoundTrip(f, TypeCommandReply, AppendCommandReply, DecodeCommandReply)
}
func FuzzDecodeLargeDataTransfer(f *testing.F) {
	fuzzRoundTrip(f, TypeLargeDataTransfer, AppendLargeDataTransfer, DecodeLargeDataTransfer)
}
func FuzzDecodeMediaStream(f *testing.F) {
	fuzzRoundTrip(f, TypeMediaStream, AppendMediaStream, DecodeMediaStream)
}

// FuzzDecodeAnyMessage dispatches on PeekType the way a receiver does: for
// every byte string, exactly the decoder PeekType names may succeed.
func FuzzDecodeAnyMessage(f *testing.F) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, c := range codecs {
		f.Add(c.encode(nil, c.random(rng)))
	}
	f.Add([]byte{0x80, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		typ, perr := PeekType(b)
		for _, c := range codecs {
			_, err := c.decode(b)
			if err != nil && !isSentinel(err) {
				t.Fatalf("%s: non-sentinel error %v", c.name, err)
			}
			if err == nil && (perr != nil || typ != c.typ) {
				t.Fatalf("%s decoded %x but PeekType says %v, %v", c.name, b, typ, perr)
			}
		}
	})
}

// FuzzPacketBatch drives Add and Reset from the fuzz input and compares the
// batch with a simple model after every step.
func FuzzPacketBatch(f *testing.F) {
	f.Add([]byte{1, 20, 0, 0x34, 0x12, 0x01, 2, 1, 2, 3, 4})
	f.Add([]byte{1, 3, 0, 1, 0xB0, 4, 0, 8, 9, 0x40, 7, 0, 1, 5, 0})
	f.Add([]byte{1, 0xB1, 4, 0xFF, 0xFF, 0x06, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		var b PacketBatch
		var model [][]byte
		var conns []uint32
		for i := 0; i+2 < len(in); i += 3 {
			op, n := in[i], int(binary.LittleEndian.Uint16(in[i+1:]))%1400
			if op%8 == 0 {
				b.Reset()
				model, conns = model[:0], conns[:0]
				continue
			}
			d := make([]byte, n)
			for j := range d {
				d[j] = in[(i+3+j)%len(in)]
			}
			b.Add(d, uint32(op))
			model, conns = append(model, d), append(conns, uint32(op))
			checkBatchAgainstModel(t, &b, model, conns)
		}
	})
}

func checkBatchAgainstModel(t *testing.T, b *PacketBatch, model [][]byte, conns []uint32) {
	t.Helper()
	if b.Count() != len(model) {
		t.Fatalf("Count = %d, model has %d", b.Count(), len(model))
	}
	for _, col := range []int{len(b.Seq), len(b.Flags), len(b.Priority), len(b.Timestamp), len(b.Conn), len(b.ExpectedSeq), len(b.Data)} {
		if col != len(model) {
			t.Fatalf("a column has %d entries, want %d", col, len(model))
		}
	}
	for i, d := range model {
		var seq uint16
		var flags, prio uint8
		var ts uint32
		if len(d) >= 8 {
			seq, flags, prio, ts = uint16(d[0])|uint16(d[1])<<8, d[2], d[3], uint32(d[4])|uint32(d[5])<<8|uint32(d[6])<<16|uint32(d[7])<<24
		}
		if int(b.Len[i]) != len(d) || b.Seq[i] != seq || b.Flags[i] != flags || b.Priority[i] != prio ||
			b.Timestamp[i] != ts || b.Conn[i] != conns[i] || b.ExpectedSeq[i] != 0 || !bytes.Equal(b.Data[i], d) {
			t.Fatalf("entry %d = {Len %d Seq %d Flags %#x Prio %d TS %d Conn %d}, datagram %x conn %d",
				i, b.Len[i], b.Seq[i], b.Flags[i], b.Priority[i], b.Timestamp[i], b.Conn[i], d, conns[i])
		}
		if got, want := b.Check(i), modelHeaderError(d); got != want {
			t.Fatalf("Check(%d) = %v, model says %v for %x", i, got, want, d)
		}
	}
}
