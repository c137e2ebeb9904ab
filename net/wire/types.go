package wire

// Type is the 1-byte id that starts every application message.
type Type uint8

// The message types this package encodes. Zero is never a valid type; ids
// from FirstApplicationType up are left to the embedding game.
const (
	TypeConnect           Type = 0x01
	TypeDisconnect        Type = 0x02
	TypeWelcome           Type = 0x03
	TypePositionUpdate    Type = 0x04
	TypePlayerAction      Type = 0x05
	TypeGameStateSync     Type = 0x06
	TypeEntityEnter       Type = 0x07
	TypeEntityLeave       Type = 0x08
	TypeReliableCommand   Type = 0x09
	TypeCommandReply      Type = 0x0A
	TypeLargeDataTransfer Type = 0x0B
	TypeMediaStream       Type = 0x0C

	// FirstApplicationType is the lowest id reserved for message types a
	// game registers itself; this package never defines or decodes them.
	FirstApplicationType Type = 0x80
)

var typeNames = [...]string{
	TypeConnect:           "Connect",
	TypeDisconnect:        "Disconnect",
	TypeWelcome:           "Welcome",
	TypePositionUpdate:    "PositionUpdate",
	TypePlayerAction:      "PlayerAction",
	TypeGameStateSync:     "GameStateSync",
	TypeEntityEnter:       "EntityEnter",
	TypeEntityLeave:       "EntityLeave",
	TypeReliableCommand:   "ReliableCommand",
	TypeCommandReply:      "CommandReply",
	TypeLargeDataTransfer: "LargeDataTransfer",
	TypeMediaStream:       "MediaStream",
}

// Known reports whether t is one of the types this package defines.
func (t Type) Known() bool {
	return int(t) < len(typeNames) && typeNames[t] != ""
}

// String returns the type's name, "Application" for ids from
// FirstApplicationType up and "Unknown" otherwise.
func (t Type) String() string {
	switch {
	case t.Known():
		return typeNames[t]
	case t >= FirstApplicationType:
		return "Application"
	default:
		return "Unknown"
	}
}

// PeekType returns the type of the message in b without decoding it:
// ErrShort if b is empty, ErrUnknownType (with the type) if the id is not
// one this package defines. A game that registers its own types checks for
// ids from FirstApplicationType up before treating ErrUnknownType as a drop.
func PeekType(b []byte) (Type, error) {
	if len(b) == 0 {
		return 0, ErrShort
	}
	t := Type(b[0])
	if !t.Known() {
		return t, ErrUnknownType
	}
	return t, nil
}
