package wire

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the test vectors in testdata/wire from the structs in vectors_test.go")

// vectorDir holds the byte-exact test vectors, one NAME.hex file each.
const vectorDir = "../../testdata/wire"

// headerVector is a packet prefix: a header and, when FlagACK is set, an ack block.
type headerVector struct {
	Header Header
	Ack    AckBlock
}

func (v *headerVector) encode() []byte {
	b := make([]byte, HeaderSize, HeaderSize+AckBlockSize)
	v.Header.Put(b)
	if v.Header.Flags&FlagACK != 0 {
		b = b[:HeaderSize+AckBlockSize]
		v.Ack.Put(b[HeaderSize:])
	}
	return b
}

func decodeHeaderVector(b []byte) (*headerVector, error) {
	h, err := ParseHeader(b)
	if err != nil {
		return nil, err
	}
	v := &headerVector{Header: h}
	rest := b[HeaderSize:]
	if h.Flags&FlagACK != 0 {
		if v.Ack, err = ParseAckBlock(rest); err != nil {
			return nil, err
		}
		rest = rest[AckBlockSize:]
	}
	if len(rest) != 0 {
		return nil, ErrTrailingBytes
	}
	return v, nil
}

var headerVectors = []struct {
	name string
	v    headerVector
}{
	{"header_plain", headerVector{Header: Header{Seq: 0x0102, Priority: PriorityHigh, Timestamp: 0x0A0B0C0D}}},
	{"header_ack", headerVector{Header: Header{Seq: 0xFFFF, Flags: FlagACK, Priority: PriorityNormal, Timestamp: 1000},
		Ack: AckBlock{Ack: 0x1234, AckBits: 0x80000005}}},
	{"header_syn", headerVector{Header: Header{Seq: 0, Flags: FlagSYN, Priority: PriorityCritical, Timestamp: 1}}},
	{"header_syn_ack", headerVector{Header: Header{Seq: 7, Flags: FlagSYN | FlagACK, Priority: PriorityCritical, Timestamp: 2},
		Ack: AckBlock{Ack: 0, AckBits: 0}}},
	{"header_fin", headerVector{Header: Header{Seq: 300, Flags: FlagFIN, Priority: PriorityCritical, Timestamp: 3}}},
	{"header_rst", headerVector{Header: Header{Seq: 301, Flags: FlagRST, Priority: PriorityCritical, Timestamp: 4}}},
	{"header_frag", headerVector{Header: Header{Seq: 0x8000, Flags: FlagFRAG, Priority: PriorityLow, Timestamp: 0xFFFFFFFF}}},
	{"header_urgent_ack", headerVector{Header: Header{Seq: 42, Flags: FlagURGENT | FlagACK, Priority: PriorityHigh, Timestamp: 60000},
		Ack: AckBlock{Ack: 41, AckBits: 0xFFFFFFFF}}},
}

var messageVectors = []struct {
	name string
	msg  any // pointer to a message struct; its codec is found by type
}{
	{"connect", &Connect{UserID: 0x1122334455667788, RoomID: 7}},
	{"disconnect", &Disconnect{UserID: 42, Reason: ReasonKicked}},
	{"welcome", &Welcome{UserID: 42, RoomID: 7, ServerTick: 3600}},
	{"position_update", &PositionUpdate{UserID: 42, Position: [3]float32{1.5, -2.25, 100},
		Rotation: [4]float32{0, 0, 0, 1}, Velocity: [3]float32{0.5, 0, float32(math.Inf(-1))}, Timestamp: 123456, Sequence: 65535}},
	{"player_action_move", &PlayerAction{UserID: 42, Sequence: 1, Timestamp: 1000, Kind: ActionMove,
		Move: Move{Direction: [3]float32{1, 0, 0}, Speed: 5}}},
	{"player_action_attack", &PlayerAction{UserID: 42, Sequence: 2, Timestamp: 1001, Kind: ActionAttack,
		Attack: Attack{TargetID: 43, Damage: 250}}},
	{"player_action_use_item", &PlayerAction{UserID: 42, Sequence: 3, Timestamp: 1002, Kind: ActionUseItem,
		UseItem: UseItem{ItemID: 9001}}},
	{"player_action_interact", &PlayerAction{UserID: 42, Sequence: 4, Timestamp: 1003, Kind: ActionInteract,
		Interact: Interact{ObjectID: 0xDEADBEEF}}},
	{"player_action_cast", &PlayerAction{UserID: 42, Sequence: 5, Timestamp: 1004, Kind: ActionCast,
		Cast: Cast{SkillID: 17, TargetPos: [3]float32{10, 0, -10}}}},
	{"game_state_sync_empty", &GameStateSync{RoomID: 7, Tick: 99}},
	{"game_state_sync_two", &GameStateSync{RoomID: 7, Tick: 100, Records: AppendEntityState(AppendEntityState(nil,
		&EntityState{UserID: 1, Position: [3]float32{1, 2, 3}, Rotation: [4]float32{0, 0, 0, 1}, Velocity: [3]float32{0, 0, 1}}),
		&EntityState{UserID: 2, Position: [3]float32{-1, 0, 0.25}, Rotation: [4]float32{0, 1, 0, 0}})}},
	{"entity_enter", &EntityEnter{Entity: EntityState{UserID: 2, Position: [3]float32{-1, 0, 0.25},
		Rotation: [4]float32{0, 0.5, 0, 0.5}, Velocity: [3]float32{2, 0, 0}}}},
	{"entity_leave", &EntityLeave{UserID: 2}},
	{"reliable_command", &ReliableCommand{CommandID: 77, UserID: 42, Command: []byte("say"), Parameters: []byte("hello")}},
	{"reliable_command_empty", &ReliableCommand{CommandID: 78, UserID: 42}},
	{"command_reply", &CommandReply{CommandID: 77, Status: StatusOK, Body: []byte("ok")}},
	{"large_data_transfer", &LargeDataTransfer{TransferID: 5, ChunkIndex: 2, TotalChunks: 3, ChunkData: []byte{0xCA, 0xFE, 0xBA, 0xBE}}},
	{"media_stream_key", &MediaStream{StreamID: 1, FrameType: FrameKey, Timestamp: 40, FrameData: []byte{0, 0, 0, 1, 0x67}}},
	{"media_stream_predict", &MediaStream{StreamID: 1, FrameType: FramePredict, Timestamp: 80, FrameData: []byte{0, 0, 0, 1, 0x41}}},
	{"media_stream_audio", &MediaStream{StreamID: 2, FrameType: FrameAudio, Timestamp: 20, FrameData: []byte{0xFC, 0xFF, 0xFE}}},
}

func codecFor(t *testing.T, msg any) codec {
	t.Helper()
	for _, c := range codecs {
		if c.name == reflect.TypeOf(msg).Elem().Name() {
			return c
		}
	}
	t.Fatalf("no codec for %T", msg)
	return codec{}
}

// formatVector renders b as a .hex file: a comment line describing the
// value, then 16 bytes per line.
func formatVector(comment string, b []byte) []byte {
	var s strings.Builder
	fmt.Fprintf(&s, "# %s\n", comment)
	for i := 0; i < len(b); i += 16 {
		s.WriteString(hex.EncodeToString(b[i:min(i+16, len(b))]))
		s.WriteByte('\n')
	}
	return []byte(s.String())
}

// parseVector reads a .hex file: lines starting with # are comments,
// whitespace is ignored.
func parseVector(text []byte) ([]byte, error) {
	var h strings.Builder
	for line := range strings.Lines(string(text)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		h.WriteString(strings.Join(strings.Fields(line), ""))
	}
	return hex.DecodeString(h.String())
}

// checkVector compares encoded against testdata/wire/name.hex (or rewrites
// it under -update) and returns the file's bytes.
func checkVector(t *testing.T, name, comment string, encoded []byte) []byte {
	t.Helper()
	path := filepath.Join(vectorDir, name+".hex")
	if *update {
		if err := os.MkdirAll(vectorDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, formatVector(comment, encoded), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want, err := parseVector(text)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !bytes.Equal(encoded, want) {
		t.Errorf("%s: encode gives\n%x\nfile has\n%x", name, encoded, want)
	}
	return want
}

func TestVectors(t *testing.T) {
	for _, tc := range headerVectors {
		want := checkVector(t, tc.name, fmt.Sprintf("%+v", tc.v), tc.v.encode())
		got, err := decodeHeaderVector(want)
		if err != nil || *got != tc.v {
			t.Errorf("%s: decode gives %+v, %v; want %+v", tc.name, got, err, tc.v)
		}
	}
	for _, tc := range messageVectors {
		c := codecFor(t, tc.msg)
		want := checkVector(t, tc.name, fmt.Sprintf("%s %+v", c.name, reflect.ValueOf(tc.msg).Elem().Interface()), c.encode(nil, tc.msg))
		got, err := c.decode(want)
		if err != nil || !reflect.DeepEqual(got, tc.msg) {
			t.Errorf("%s: decode gives %+v, %v; want %+v", tc.name, got, err, tc.msg)
		}
	}
}

func TestEveryMessageTypeHasAVector(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range messageVectors {
		seen[reflect.TypeOf(tc.msg).Elem().Name()] = true
	}
	for _, c := range codecs {
		if !seen[c.name] {
			t.Errorf("no test vector for %s", c.name)
		}
	}
	kinds := map[ActionKind]bool{}
	for _, tc := range messageVectors {
		if a, ok := tc.msg.(*PlayerAction); ok {
			kinds[a.Kind] = true
		}
	}
	if len(kinds) != 5 {
		t.Errorf("vectors cover %d of 5 action kinds", len(kinds))
	}
}
