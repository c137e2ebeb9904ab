package wire

// Limits of the command messages.
const (
	// MaxCommandName is the longest ReliableCommand.Command (u8 length).
	MaxCommandName = 255
	// MaxBytesField is the longest payload behind a u16 length prefix
	// (Parameters, Body, ChunkData, FrameData).
	MaxBytesField = maxBytesField
)

// ReliableCommand is a named command with opaque parameters, sent on the
// reliable-ordered channel and answered with a CommandReply.
type ReliableCommand struct {
	// CommandID matches the reply to the command.
	CommandID uint32
	// UserID is the player who sends the command.
	UserID uint64
	// Command is the command name, at most MaxCommandName bytes.
	Command []byte
	// Parameters are the command's arguments, at most MaxBytesField bytes.
	Parameters []byte
}

// AppendReliableCommand appends the encoding of m to dst.
//
// Panics: if Command or Parameters is longer than its length field allows.
func AppendReliableCommand(dst []byte, m *ReliableCommand) []byte {
	dst = append(dst, byte(TypeReliableCommand))
	dst = appendU32(dst, m.CommandID)
	dst = appendU64(dst, m.UserID)
	dst = appendBytes8(dst, m.Command, "ReliableCommand.Command")
	return appendBytes16(dst, m.Parameters, "ReliableCommand.Parameters")
}

// DecodeReliableCommand fills m from the message b; Command and Parameters
// sub-slice b (nil when empty).
func DecodeReliableCommand(b []byte, m *ReliableCommand) error {
	r, err := open(b, TypeReliableCommand, 4+8+1)
	if err != nil {
		return err
	}
	*m = ReliableCommand{CommandID: r.u32(), UserID: r.u64()}
	if m.Command, err = r.lenBytes(1); err != nil {
		return err
	}
	if err = r.need(2); err != nil {
		return err
	}
	if m.Parameters, err = r.lenBytes(2); err != nil {
		return err
	}
	return r.end()
}

// ReplyStatus is a CommandReply's outcome. Receivers accept any value; the
// named ones are those tickforge sends.
type ReplyStatus uint8

// The reply statuses tickforge sends.
const (
	// StatusOK means the command ran.
	StatusOK ReplyStatus = 0
	// StatusFailed means the command ran and failed; Body says why.
	StatusFailed ReplyStatus = 1
	// StatusUnknownCommand means no handler is registered for the name.
	StatusUnknownCommand ReplyStatus = 2
	// StatusDenied means the player may not run the command.
	StatusDenied ReplyStatus = 3
)

// CommandReply answers a ReliableCommand.
type CommandReply struct {
	// CommandID is the id of the command answered.
	CommandID uint32
	// Status is the outcome.
	Status ReplyStatus
	// Body is the result or error text, at most MaxBytesField bytes.
	Body []byte
}

// AppendCommandReply appends the encoding of m to dst.
//
// Panics: if Body is longer than MaxBytesField.
func AppendCommandReply(dst []byte, m *CommandReply) []byte {
	dst = append(dst, byte(TypeCommandReply))
	dst = appendU32(dst, m.CommandID)
	dst = append(dst, byte(m.Status))
	return appendBytes16(dst, m.Body, "CommandReply.Body")
}

// DecodeCommandReply fills m from the message b; Body sub-slices b (nil
// when empty).
func DecodeCommandReply(b []byte, m *CommandReply) error {
	r, err := open(b, TypeCommandReply, 4+1+2)
	if err != nil {
		return err
	}
	*m = CommandReply{CommandID: r.u32(), Status: ReplyStatus(r.u8())}
	if m.Body, err = r.lenBytes(2); err != nil {
		return err
	}
	return r.end()
}
