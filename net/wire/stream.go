package wire

// LargeDataTransfer is one chunk of a large blob sent in order on the
// reliable channel. The receiver bounds TransferID concurrency and the total
// size (TotalChunks × chunk size) by its own limits before buffering.
type LargeDataTransfer struct {
	// TransferID identifies the transfer.
	TransferID uint32
	// ChunkIndex is this chunk's position, below TotalChunks.
	ChunkIndex uint16
	// TotalChunks is the number of chunks in the transfer, at least 1.
	TotalChunks uint16
	// ChunkData is the chunk's bytes, at most MaxBytesField.
	ChunkData []byte
}

// AppendLargeDataTransfer appends the encoding of m to dst. It does not
// check ChunkIndex against TotalChunks; the receiver does.
//
// Panics: if ChunkData is longer than MaxBytesField.
func AppendLargeDataTransfer(dst []byte, m *LargeDataTransfer) []byte {
	dst = append(dst, byte(TypeLargeDataTransfer))
	dst = appendU32(dst, m.TransferID)
	dst = appendU16(dst, m.ChunkIndex)
	dst = appendU16(dst, m.TotalChunks)
	return appendBytes16(dst, m.ChunkData, "LargeDataTransfer.ChunkData")
}

// DecodeLargeDataTransfer fills m from the message b; ChunkData sub-slices b
// (nil when empty). TotalChunks == 0 or ChunkIndex >= TotalChunks is
// ErrOutOfRange.
func DecodeLargeDataTransfer(b []byte, m *LargeDataTransfer) error {
	r, err := open(b, TypeLargeDataTransfer, 4+2+2+2)
	if err != nil {
		return err
	}
	*m = LargeDataTransfer{TransferID: r.u32(), ChunkIndex: r.u16(), TotalChunks: r.u16()}
	if m.ChunkIndex >= m.TotalChunks {
		return ErrOutOfRange
	}
	if m.ChunkData, err = r.lenBytes(2); err != nil {
		return err
	}
	return r.end()
}

// FrameType says what a MediaStream frame holds.
type FrameType uint8

// The frame types. Zero and values above FrameAudio are ErrOutOfRange.
const (
	// FrameKey is a video key frame, decodable on its own.
	FrameKey FrameType = 1
	// FramePredict is a video frame predicted from earlier frames.
	FramePredict FrameType = 2
	// FrameAudio is an audio frame.
	FrameAudio FrameType = 3
)

// MediaStream is one frame of a media stream, sent unreliably.
type MediaStream struct {
	// StreamID identifies the stream.
	StreamID uint32
	// FrameType is the kind of frame.
	FrameType FrameType
	// Timestamp is the frame's presentation time in ms.
	Timestamp uint32
	// FrameData is the encoded frame, at most MaxBytesField bytes.
	FrameData []byte
}

// AppendMediaStream appends the encoding of m to dst.
//
// Panics: if FrameData is longer than MaxBytesField.
func AppendMediaStream(dst []byte, m *MediaStream) []byte {
	dst = append(dst, byte(TypeMediaStream))
	dst = appendU32(dst, m.StreamID)
	dst = append(dst, byte(m.FrameType))
	dst = appendU32(dst, m.Timestamp)
	return appendBytes16(dst, m.FrameData, "MediaStream.FrameData")
}

// DecodeMediaStream fills m from the message b; FrameData sub-slices b (nil
// when empty). An undefined frame type is ErrOutOfRange.
func DecodeMediaStream(b []byte, m *MediaStream) error {
	r, err := open(b, TypeMediaStream, 4+1+4+2)
	if err != nil {
		return err
	}
	*m = MediaStream{StreamID: r.u32(), FrameType: FrameType(r.u8()), Timestamp: r.u32()}
	if m.FrameType < FrameKey || m.FrameType > FrameAudio {
		return ErrOutOfRange
	}
	if m.FrameData, err = r.lenBytes(2); err != nil {
		return err
	}
	return r.end()
}
