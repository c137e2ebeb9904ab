package wire

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestMessagesRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range codecs {
		for range 200 {
			m := c.random(rng)
			prefix := []byte{0xEE, 0xEE}
			b := c.encode(bytes.Clone(prefix), m)
			if !bytes.Equal(b[:2], prefix) {
				t.Fatalf("%s: encoder overwrote the destination's prefix", c.name)
			}
			b = b[2:]
			if Type(b[0]) != c.typ {
				t.Fatalf("%s: type byte %#x, want %#x", c.name, b[0], c.typ)
			}
			if typ, err := PeekType(b); typ != c.typ || err != nil {
				t.Fatalf("%s: PeekType = %v, %v", c.name, typ, err)
			}
			got, err := c.decode(b)
			if err != nil {
				t.Fatalf("%s: decode %x: %v", c.name, b, err)
			}
			if !reflect.DeepEqual(got, m) {
				t.Fatalf("%s: round trip\n got %+v\nwant %+v", c.name, got, m)
			}
		}
	}
}

func TestMessagesRejectTruncationAndTrailingBytes(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for _, c := range codecs {
		b := c.encode(nil, c.random(rng))
		for n := range len(b) {
			if _, err := c.decode(b[:n]); !errors.Is(err, ErrShort) {
				t.Fatalf("%s truncated to %d of %d bytes: err = %v, want ErrShort", c.name, n, len(b), err)
			}
		}
		if _, err := c.decode(append(bytes.Clone(b), 0)); !errors.Is(err, ErrTrailingBytes) {
			t.Errorf("%s with a trailing byte: err = %v, want ErrTrailingBytes", c.name, err)
		}
	}
}

func TestMessagesRejectWrongAndUnknownType(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	for _, c := range codecs {
		b := c.encode(nil, c.random(rng))
		for _, other := range codecs {
			if other.typ == c.typ {
				continue
			}
			if _, err := other.decode(b); !errors.Is(err, ErrWrongType) {
				t.Errorf("%s decoding a %s: err = %v, want ErrWrongType", other.name, c.name, err)
			}
		}
		for _, id := range []byte{0x00, 0x0D, 0x7F, 0x80, 0xFF} {
			b[0] = id
			if _, err := c.decode(b); !errors.Is(err, ErrUnknownType) {
				t.Errorf("%s with type %#x: err = %v, want ErrUnknownType", c.name, id, err)
			}
		}
	}
}

func TestPeekType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		b    []byte
		want Type
		err  error
	}{
		{nil, 0, ErrShort},
		{[]byte{0x00}, 0, ErrUnknownType},
		{[]byte{0x04, 1, 2}, TypePositionUpdate, nil},
		{[]byte{0x0C}, TypeMediaStream, nil},
		{[]byte{0x0D}, 0x0D, ErrUnknownType},
		{[]byte{0x80}, FirstApplicationType, ErrUnknownType},
	}
	for _, tc := range tests {
		got, err := PeekType(tc.b)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("PeekType(%x) = %v, %v; want %v, %v", tc.b, got, err, tc.want, tc.err)
		}
	}
	names := map[Type]string{TypeConnect: "Connect", TypeMediaStream: "MediaStream", 0: "Unknown", 0x0D: "Unknown", 0x80: "Application", 0xFF: "Application"}
	for typ, want := range names {
		if got := typ.String(); got != want {
			t.Errorf("Type(%#x).String() = %q, want %q", uint8(typ), got, want)
		}
	}
}

func TestDecodersRejectOutOfRangeFields(t *testing.T) {
	t.Parallel()
	action := AppendPlayerAction(nil, &PlayerAction{Kind: ActionUseItem, UseItem: UseItem{ItemID: 7}})
	const kindOffset = 1 + 8 + 2 + 4
	media := AppendMediaStream(nil, &MediaStream{FrameType: FrameAudio, FrameData: []byte{1}})
	const frameTypeOffset = 1 + 4
	transfer := func(index, total uint16) []byte {
		return AppendLargeDataTransfer(nil, &LargeDataTransfer{ChunkIndex: index, TotalChunks: total, ChunkData: []byte{1, 2}})
	}
	sync := AppendGameStateSyncHeader(nil, 1, 2, 0)
	sync[GameStateSyncHeaderSize-2], sync[GameStateSyncHeaderSize-1] = 0x01, 0x04 // count 1025
	sync = append(sync, make([]byte, (MaxSyncEntities+1)*EntityStateSize)...)

	tests := []struct {
		name string
		b    []byte
		dec  func([]byte) error
	}{
		{"action kind 0", with(action, kindOffset, 0), decodeInto(DecodePlayerAction)},
		{"action kind 6", with(action, kindOffset, 6), decodeInto(DecodePlayerAction)},
		{"frame type 0", with(media, frameTypeOffset, 0), decodeInto(DecodeMediaStream)},
		{"frame type 4", with(media, frameTypeOffset, 4), decodeInto(DecodeMediaStream)},
		{"chunk 0 of 0", transfer(0, 0), decodeInto(DecodeLargeDataTransfer)},
		{"chunk 5 of 5", transfer(5, 5), decodeInto(DecodeLargeDataTransfer)},
		{"1025 entities", sync, decodeInto(DecodeGameStateSync)},
	}
	for _, tc := range tests {
		if err := tc.dec(tc.b); !errors.Is(err, ErrOutOfRange) {
			t.Errorf("%s: err = %v, want ErrOutOfRange", tc.name, err)
		}
	}
	if err := decodeInto(DecodeLargeDataTransfer)(transfer(4, 5)); err != nil {
		t.Errorf("chunk 4 of 5: %v", err)
	}
}

func TestPlayerActionSize(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for range 100 {
		m := randPlayerAction(rng)
		if got, want := len(AppendPlayerAction(nil, m)), PlayerActionSize(m.Kind); got != want {
			t.Errorf("kind %d: encoded %d bytes, PlayerActionSize says %d", m.Kind, got, want)
		}
	}
	if PlayerActionSize(0) != 0 || PlayerActionSize(6) != 0 {
		t.Error("PlayerActionSize of an undefined kind is not 0")
	}
}

func TestFixedSizes(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(13, 14))
	e := randEntityState(rng)
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"Connect", len(AppendConnect(nil, &Connect{})), ConnectSize},
		{"Disconnect", len(AppendDisconnect(nil, &Disconnect{})), DisconnectSize},
		{"Welcome", len(AppendWelcome(nil, &Welcome{})), WelcomeSize},
		{"PositionUpdate", len(AppendPositionUpdate(nil, &PositionUpdate{})), PositionUpdateSize},
		{"EntityState", len(AppendEntityState(nil, &e)), EntityStateSize},
		{"EntityEnter", len(AppendEntityEnter(nil, &EntityEnter{})), EntityEnterSize},
		{"EntityLeave", len(AppendEntityLeave(nil, &EntityLeave{})), EntityLeaveSize},
		{"GameStateSync header", len(AppendGameStateSyncHeader(nil, 0, 0, 0)), GameStateSyncHeaderSize},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: encoded %d bytes, constant says %d", tc.name, tc.got, tc.want)
		}
	}
}

func TestGameStateSyncEntities(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 16))
	want := make([]EntityState, 5)
	var records []byte
	for i := range want {
		want[i] = randEntityState(rng)
		records = AppendEntityState(records, &want[i])
	}
	// Built from the header and pre-encoded records, as broadcast does.
	b := append(AppendGameStateSyncHeader(nil, 9, 1234, len(want)), records...)
	if enc := AppendGameStateSync(nil, &GameStateSync{RoomID: 9, Tick: 1234, Records: records}); !bytes.Equal(b, enc) {
		t.Fatalf("header+records %x != AppendGameStateSync %x", b, enc)
	}
	var m GameStateSync
	if err := DecodeGameStateSync(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Count() != len(want) || m.RoomID != 9 || m.Tick != 1234 {
		t.Fatalf("decoded %+v", m)
	}
	for i := range want {
		var e EntityState
		m.Entity(i, &e)
		if e != want[i] {
			t.Errorf("entity %d = %+v, want %+v", i, e, want[i])
		}
	}
	mustPanic(t, "Entity(-1)", func() { m.Entity(-1, new(EntityState)) })
	mustPanic(t, "Entity(Count)", func() { m.Entity(m.Count(), new(EntityState)) })
}

func TestDecodedPayloadsAliasInputWithClippedCapacity(t *testing.T) {
	t.Parallel()
	b := AppendReliableCommand(nil, &ReliableCommand{Command: []byte("say"), Parameters: []byte("hello")})
	var m ReliableCommand
	if err := DecodeReliableCommand(b, &m); err != nil {
		t.Fatal(err)
	}
	if &m.Parameters[0] != &b[len(b)-5] {
		t.Error("Parameters was copied, want a sub-slice of the input")
	}
	if cap(m.Command) != len(m.Command) {
		t.Errorf("cap(Command) = %d, want %d so appends cannot overwrite the input", cap(m.Command), len(m.Command))
	}
	_ = append(m.Command, 'X')
	if b[1+4+8+1+3] != 5 {
		t.Error("appending to the decoded Command overwrote the input")
	}
}

func TestEncodersPanicOnOverlongFields(t *testing.T) {
	t.Parallel()
	long := make([]byte, MaxBytesField+1)
	mustPanic(t, "Command 256", func() { AppendReliableCommand(nil, &ReliableCommand{Command: long[:256]}) })
	mustPanic(t, "Parameters", func() { AppendReliableCommand(nil, &ReliableCommand{Parameters: long}) })
	mustPanic(t, "Body", func() { AppendCommandReply(nil, &CommandReply{Body: long}) })
	mustPanic(t, "ChunkData", func() { AppendLargeDataTransfer(nil, &LargeDataTransfer{TotalChunks: 1, ChunkData: long}) })
	mustPanic(t, "FrameData", func() { AppendMediaStream(nil, &MediaStream{FrameType: FrameKey, FrameData: long}) })
	mustPanic(t, "Records partial", func() { AppendGameStateSync(nil, &GameStateSync{Records: long[:EntityStateSize+1]}) })
	mustPanic(t, "Records too many", func() {
		AppendGameStateSync(nil, &GameStateSync{Records: make([]byte, (MaxSyncEntities+1)*EntityStateSize)})
	})
	mustPanic(t, "action kind 0", func() { AppendPlayerAction(nil, &PlayerAction{}) })
	// The largest lengths that fit must not panic.
	AppendReliableCommand(nil, &ReliableCommand{Command: long[:255], Parameters: long[:MaxBytesField]})
}

// with returns a copy of b with b[i] = v.
func with(b []byte, i int, v byte) []byte {
	c := bytes.Clone(b)
	c[i] = v
	return c
}

func decodeInto[T any](dec func([]byte, *T) error) func([]byte) error {
	return func(b []byte) error { return dec(b, new(T)) }
}

// TestHandAssembledEncodings pins a few layouts to bytes written out by
// hand from docs/PROTOCOL.md, independently of the encoders.
func TestHandAssembledEncodings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"Connect", AppendConnect(nil, &Connect{UserID: 0x0807060504030201, RoomID: 0x0C0B0A09}),
			[]byte{0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
		{"ReliableCommand", AppendReliableCommand(nil, &ReliableCommand{CommandID: 1, UserID: 2, Command: []byte("go"), Parameters: []byte{0xAB}}),
			[]byte{0x09, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 'g', 'o', 1, 0, 0xAB}},
		{"PlayerAction UseItem", AppendPlayerAction(nil, &PlayerAction{UserID: 3, Sequence: 0x0102, Timestamp: 0x03040506, Kind: ActionUseItem, UseItem: UseItem{ItemID: 0x0708090A}}),
			[]byte{0x05, 3, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0x03, 0x0A, 0x09, 0x08, 0x07}},
		{"MediaStream", AppendMediaStream(nil, &MediaStream{StreamID: 1, FrameType: FrameAudio, Timestamp: 2, FrameData: []byte{0xEE}}),
			[]byte{0x0C, 1, 0, 0, 0, 3, 2, 0, 0, 0, 1, 0, 0xEE}},
	}
	for _, tc := range tests {
		if !bytes.Equal(tc.got, tc.want) {
			t.Errorf("%s: got %x, want %x", tc.name, tc.got, tc.want)
		}
	}
}
