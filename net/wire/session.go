package wire

// Encoded sizes of the session messages, type byte included.
const (
	ConnectSize    = 1 + 8 + 4
	DisconnectSize = 1 + 8 + 1
	WelcomeSize    = 1 + 8 + 4 + 8
)

// Connect asks the server to put a user into a room. The client sends it
// once the handshake is done (net/rudp carries the handshake cookie).
type Connect struct {
	// UserID is the application's identifier of the player.
	UserID uint64
	// RoomID is the room the player asks to join.
	RoomID uint32
}

// AppendConnect appends the encoding of m to dst.
func AppendConnect(dst []byte, m *Connect) []byte {
	dst = append(dst, byte(TypeConnect))
	dst = appendU64(dst, m.UserID)
	return appendU32(dst, m.RoomID)
}

// DecodeConnect fills m from the message b.
func DecodeConnect(b []byte, m *Connect) error {
	r, err := open(b, TypeConnect, ConnectSize-1)
	if err != nil {
		return err
	}
	*m = Connect{UserID: r.u64(), RoomID: r.u32()}
	return r.end()
}

// DisconnectReason says why a connection ends. Receivers accept any value;
// the named ones are those tickforge sends.
type DisconnectReason uint8

// The disconnect reasons tickforge sends.
const (
	// ReasonQuit means the player left on purpose.
	ReasonQuit DisconnectReason = 0
	// ReasonTimeout means the peer stopped answering.
	ReasonTimeout DisconnectReason = 1
	// ReasonKicked means the server removed the player (e.g. cheat strikes).
	ReasonKicked DisconnectReason = 2
	// ReasonServerShutdown means the server is stopping.
	ReasonServerShutdown DisconnectReason = 3
	// ReasonProtocolError means the peer broke a bound of the protocol.
	ReasonProtocolError DisconnectReason = 4
	// ReasonRoomFull means the requested room has no space.
	ReasonRoomFull DisconnectReason = 5
)

// Disconnect announces that a user leaves or is removed.
type Disconnect struct {
	// UserID is the player who leaves.
	UserID uint64
	// Reason says why.
	Reason DisconnectReason
}

// AppendDisconnect appends the encoding of m to dst.
func AppendDisconnect(dst []byte, m *Disconnect) []byte {
	dst = append(dst, byte(TypeDisconnect))
	dst = appendU64(dst, m.UserID)
	return append(dst, byte(m.Reason))
}

// DecodeDisconnect fills m from the message b.
func DecodeDisconnect(b []byte, m *Disconnect) error {
	r, err := open(b, TypeDisconnect, DisconnectSize-1)
	if err != nil {
		return err
	}
	*m = Disconnect{UserID: r.u64(), Reason: DisconnectReason(r.u8())}
	return r.end()
}

// Welcome is the server's answer to Connect: the player is in the room.
type Welcome struct {
	// UserID is the player admitted.
	UserID uint64
	// RoomID is the room the player is in.
	RoomID uint32
	// ServerTick is the room's current tick number.
	ServerTick uint64
}

// AppendWelcome appends the encoding of m to dst.
func AppendWelcome(dst []byte, m *Welcome) []byte {
	dst = append(dst, byte(TypeWelcome))
	dst = appendU64(dst, m.UserID)
	dst = appendU32(dst, m.RoomID)
	return appendU64(dst, m.ServerTick)
}

// DecodeWelcome fills m from the message b.
func DecodeWelcome(b []byte, m *Welcome) error {
	r, err := open(b, TypeWelcome, WelcomeSize-1)
	if err != nil {
		return err
	}
	*m = Welcome{UserID: r.u64(), RoomID: r.u32(), ServerTick: r.u64()}
	return r.end()
}
