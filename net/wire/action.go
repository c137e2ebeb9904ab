package wire

// ActionKind selects which variant a PlayerAction carries.
type ActionKind uint8

// The action kinds. Zero and values above ActionCast are ErrOutOfRange.
const (
	ActionMove     ActionKind = 1
	ActionAttack   ActionKind = 2
	ActionUseItem  ActionKind = 3
	ActionInteract ActionKind = 4
	ActionCast     ActionKind = 5
)

// actionBodySize is the encoded size of each kind's variant body.
var actionBodySize = [...]int{
	ActionMove:     16,
	ActionAttack:   12,
	ActionUseItem:  4,
	ActionInteract: 8,
	ActionCast:     16,
}

// playerActionFixed is the size of a PlayerAction without its variant body:
// type, user id, sequence, timestamp, kind.
const playerActionFixed = 1 + 8 + 2 + 4 + 1

// PlayerActionSize returns the encoded size of a PlayerAction of kind k, or
// 0 if k is not defined.
func PlayerActionSize(k ActionKind) int {
	if k == 0 || int(k) >= len(actionBodySize) {
		return 0
	}
	return playerActionFixed + actionBodySize[k]
}

// Move walks in a direction.
type Move struct {
	// Direction is the direction of travel (x, y, z); not necessarily unit length.
	Direction [3]float32
	// Speed is the requested speed in units per second.
	Speed float32
}

// Attack hits a target.
type Attack struct {
	// TargetID is the user id of the target.
	TargetID uint64
	// Damage is the requested damage.
	Damage uint32
}

// UseItem uses an inventory item.
type UseItem struct {
	// ItemID identifies the item.
	ItemID uint32
}

// Interact interacts with a world object.
type Interact struct {
	// ObjectID identifies the object.
	ObjectID uint64
}

// Cast casts a skill at a position.
type Cast struct {
	// SkillID identifies the skill.
	SkillID uint32
	// TargetPos is where the skill is aimed (x, y, z).
	TargetPos [3]float32
}

// PlayerAction is a game action a player asks for. Kind says which one of
// the variant fields holds it; the decoder zeroes the others. Float fields
// are not checked for NaN or infinity (the cheat validator's job).
type PlayerAction struct {
	// UserID is the acting player.
	UserID uint64
	// Sequence is the client's 16-bit action sequence number (wraps).
	Sequence uint16
	// Timestamp is the client's send time in ms on the server's timeline.
	Timestamp uint32
	// Kind selects the variant.
	Kind ActionKind

	Move     Move     // valid when Kind == ActionMove
	Attack   Attack   // valid when Kind == ActionAttack
	UseItem  UseItem  // valid when Kind == ActionUseItem
	Interact Interact // valid when Kind == ActionInteract
	Cast     Cast     // valid when Kind == ActionCast
}

// AppendPlayerAction appends the encoding of m to dst; only the variant
// selected by m.Kind is written.
//
// Panics: if m.Kind is not a defined ActionKind.
func AppendPlayerAction(dst []byte, m *PlayerAction) []byte {
	dst = append(dst, byte(TypePlayerAction))
	dst = appendU64(dst, m.UserID)
	dst = appendU16(dst, m.Sequence)
	dst = appendU32(dst, m.Timestamp)
	dst = append(dst, byte(m.Kind))
	switch m.Kind {
	case ActionMove:
		dst = appendVec3(dst, m.Move.Direction)
		return appendF32(dst, m.Move.Speed)
	case ActionAttack:
		dst = appendU64(dst, m.Attack.TargetID)
		return appendU32(dst, m.Attack.Damage)
	case ActionUseItem:
		return appendU32(dst, m.UseItem.ItemID)
	case ActionInteract:
		return appendU64(dst, m.Interact.ObjectID)
	case ActionCast:
		dst = appendU32(dst, m.Cast.SkillID)
		return appendVec3(dst, m.Cast.TargetPos)
	}
	panic("wire: AppendPlayerAction: undefined action kind")
}

// DecodePlayerAction fills m from the message b. An undefined kind is
// ErrOutOfRange.
func DecodePlayerAction(b []byte, m *PlayerAction) error {
	r, err := open(b, TypePlayerAction, playerActionFixed-1)
	if err != nil {
		return err
	}
	*m = PlayerAction{UserID: r.u64(), Sequence: r.u16(), Timestamp: r.u32(), Kind: ActionKind(r.u8())}
	if m.Kind == 0 || int(m.Kind) >= len(actionBodySize) {
		return ErrOutOfRange
	}
	if err := r.need(actionBodySize[m.Kind]); err != nil {
		return err
	}
	switch m.Kind {
	case ActionMove:
		m.Move = Move{Direction: r.vec3(), Speed: r.f32()}
	case ActionAttack:
		m.Attack = Attack{TargetID: r.u64(), Damage: r.u32()}
	case ActionUseItem:
		m.UseItem = UseItem{ItemID: r.u32()}
	case ActionInteract:
		m.Interact = Interact{ObjectID: r.u64()}
	case ActionCast:
		m.Cast = Cast{SkillID: r.u32(), TargetPos: r.vec3()}
	}
	return r.end()
}
