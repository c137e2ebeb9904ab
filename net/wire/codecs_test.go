package wire

import (
	"math"
	"math/rand/v2"
)

// codec describes one message type's encoder and decoder behind `any`, so
// tests can run the same checks over every message.
type codec struct {
	name   string
	typ    Type
	random func(r *rand.Rand) any // a random valid message (pointer)
	encode func(dst []byte, m any) []byte
	decode func(b []byte) (any, error) // returns a pointer to a fresh message
}

func codecOf[T any](name string, typ Type, random func(*rand.Rand) *T,
	enc func([]byte, *T) []byte, dec func([]byte, *T) error) codec {
	return codec{
		name:   name,
		typ:    typ,
		random: func(r *rand.Rand) any { return random(r) },
		encode: func(dst []byte, m any) []byte { return enc(dst, m.(*T)) },
		decode: func(b []byte) (any, error) {
			m := new(T)
			err := dec(b, m)
			return m, err
		},
	}
}

var codecs = []codec{
	codecOf("Connect", TypeConnect, func(r *rand.Rand) *Connect {
		return &Connect{UserID: r.Uint64(), RoomID: r.Uint32()}
	}, AppendConnect, DecodeConnect),
	codecOf("Disconnect", TypeDisconnect, func(r *rand.Rand) *Disconnect {
		return &Disconnect{UserID: r.Uint64(), Reason: DisconnectReason(r.IntN(256))}
	}, AppendDisconnect, DecodeDisconnect),
	codecOf("Welcome", TypeWelcome, func(r *rand.Rand) *Welcome {
		return &Welcome{UserID: r.Uint64(), RoomID: r.Uint32(), ServerTick: r.Uint64()}
	}, AppendWelcome, DecodeWelcome),
	codecOf("PositionUpdate", TypePositionUpdate, func(r *rand.Rand) *PositionUpdate {
		return &PositionUpdate{UserID: r.Uint64(), Position: randVec3(r), Rotation: randQuat(r),
			Velocity: randVec3(r), Timestamp: r.Uint32(), Sequence: uint16(r.Uint32())}
	}, AppendPositionUpdate, DecodePositionUpdate),
	codecOf("PlayerAction", TypePlayerAction, randPlayerAction, AppendPlayerAction, DecodePlayerAction),
	codecOf("GameStateSync", TypeGameStateSync, func(r *rand.Rand) *GameStateSync {
		m := &GameStateSync{RoomID: r.Uint32(), Tick: r.Uint64()}
		for range r.IntN(30) {
			e := randEntityState(r)
			m.Records = AppendEntityState(m.Records, &e)
		}
		return m
	}, AppendGameStateSync, DecodeGameStateSync),
	codecOf("EntityEnter", TypeEntityEnter, func(r *rand.Rand) *EntityEnter {
		return &EntityEnter{Entity: randEntityState(r)}
	}, AppendEntityEnter, DecodeEntityEnter),
	codecOf("EntityLeave", TypeEntityLeave, func(r *rand.Rand) *EntityLeave {
		return &EntityLeave{UserID: r.Uint64()}
	}, AppendEntityLeave, DecodeEntityLeave),
	codecOf("ReliableCommand", TypeReliableCommand, func(r *rand.Rand) *ReliableCommand {
		return &ReliableCommand{CommandID: r.Uint32(), UserID: r.Uint64(),
			Command: randBytes(r, 1+r.IntN(MaxCommandName)), Parameters: randBytes(r, r.IntN(2000))}
	}, AppendReliableCommand, DecodeReliableCommand),
	codecOf("CommandReply", TypeCommandReply, func(r *rand.Rand) *CommandReply {
		return &CommandReply{CommandID: r.Uint32(), Status: ReplyStatus(r.IntN(256)), Body: randBytes(r, r.IntN(2000))}
	}, AppendCommandReply, DecodeCommandReply),
	codecOf("LargeDataTransfer", TypeLargeDataTransfer, func(r *rand.Rand) *LargeDataTransfer {
		total := uint16(1 + r.IntN(math.MaxUint16))
		return &LargeDataTransfer{TransferID: r.Uint32(), TotalChunks: total,
			ChunkIndex: uint16(r.IntN(int(total))), ChunkData: randBytes(r, r.IntN(1100))}
	}, AppendLargeDataTransfer, DecodeLargeDataTransfer),
	codecOf("MediaStream", TypeMediaStream, func(r *rand.Rand) *MediaStream {
		return &MediaStream{StreamID: r.Uint32(), FrameType: FrameType(1 + r.IntN(3)),
			Timestamp: r.Uint32(), FrameData: randBytes(r, r.IntN(1100))}
	}, AppendMediaStream, DecodeMediaStream),
}

func randFloat(r *rand.Rand) float32 { return float32(r.NormFloat64() * 1000) }

func randVec3(r *rand.Rand) [3]float32 { return [3]float32{randFloat(r), randFloat(r), randFloat(r)} }

func randQuat(r *rand.Rand) [4]float32 {
	return [4]float32{randFloat(r), randFloat(r), randFloat(r), randFloat(r)}
}

// randBytes returns n random bytes, or nil for n == 0 (what decoders return).
func randBytes(r *rand.Rand, n int) []byte {
	if n == 0 {
		return nil
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func randEntityState(r *rand.Rand) EntityState {
	return EntityState{UserID: r.Uint64(), Position: randVec3(r), Rotation: randQuat(r), Velocity: randVec3(r)}
}

func randPlayerAction(r *rand.Rand) *PlayerAction {
	m := &PlayerAction{UserID: r.Uint64(), Sequence: uint16(r.Uint32()), Timestamp: r.Uint32(), Kind: ActionKind(1 + r.IntN(5))}
	switch m.Kind {
	case ActionMove:
		m.Move = Move{Direction: randVec3(r), Speed: randFloat(r)}
	case ActionAttack:
		m.Attack = Attack{TargetID: r.Uint64(), Damage: r.Uint32()}
	case ActionUseItem:
		m.UseItem = UseItem{ItemID: r.Uint32()}
	case ActionInteract:
		m.Interact = Interact{ObjectID: r.Uint64()}
	case ActionCast:
		m.Cast = Cast{SkillID: r.Uint32(), TargetPos: randVec3(r)}
	}
	return m
}
