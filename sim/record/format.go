package record

import (
	"encoding/binary"
	"hash/crc32"
)

// Version is the format version this package writes and reads.
const Version = 1

// magic starts every recording. Like PNG's, it catches text-mode mangling
// of line endings and files that merely start with text.
var magic = [8]byte{0x89, 'T', 'F', 'R', '\r', '\n', 0x1a, '\n'}

// Sizes and limits of the format.
const (
	// fileHeaderFixed is magic, version u16, reserved u16 and JSON length u32.
	fileHeaderFixed = 16
	// maxHeaderJSON bounds the JSON header a reader accepts.
	maxHeaderJSON = 1 << 20
	// chunkHeaderSize is the size of every chunk's framed header.
	chunkHeaderSize = 36
	// maxChunkPayload bounds a chunk's compressed and raw size (both).
	maxChunkPayload = 1 << 28
	// maxEventsPerTick bounds the events one tick record may hold, which
	// bounds a reader's memory (2 Mi events ≈ 200 MB decoded).
	maxEventsPerTick = 1 << 21
)

// chunkMarker starts every chunk header.
var chunkMarker = [4]byte{'T', 'F', 'C', 'K'}

// Chunk kinds.
const (
	kindTicks = 1 // a zstd frame of tick records
	kindEnd   = 2 // the end marker: no payload
)

// EndReason says why a recording ended; it is stored in the end marker.
type EndReason uint8

// The reasons a recording ends.
const (
	// EndClosed: Close was called normally.
	EndClosed EndReason = iota
	// EndFellBehind: the writer could not keep up and recording stopped.
	EndFellBehind
)

// String names the reason.
func (r EndReason) String() string {
	switch r {
	case EndClosed:
		return "closed"
	case EndFellBehind:
		return "writer fell behind"
	}
	return "unknown"
}

// castagnoli is the CRC32-C table used for every checksum.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// chunkHeader is the fixed 36-byte header in front of every chunk:
//
//	0  [4]u8 marker "TFCK"
//	4  u8    kind (1 ticks, 2 end)
//	5  u8    end reason (end marker only)
//	6  u16   reserved, 0
//	8  u32   compressed payload length
//	12 u32   raw (decompressed) payload length
//	16 u64   first tick (end marker: last tick recorded)
//	24 u32   tick count (end marker: total ticks recorded, low 32 bits)
//	28 u32   CRC32-C of the compressed payload
//	32 u32   CRC32-C of bytes 0..31
type chunkHeader struct {
	kind       uint8
	reason     EndReason
	compLen    uint32
	rawLen     uint32
	firstTick  uint64
	ticks      uint32
	payloadCRC uint32
}

func (h *chunkHeader) put(b []byte) {
	_ = b[chunkHeaderSize-1]
	copy(b[0:4], chunkMarker[:])
	b[4] = h.kind
	b[5] = uint8(h.reason)
	binary.LittleEndian.PutUint16(b[6:], 0)
	binary.LittleEndian.PutUint32(b[8:], h.compLen)
	binary.LittleEndian.PutUint32(b[12:], h.rawLen)
	binary.LittleEndian.PutUint64(b[16:], h.firstTick)
	binary.LittleEndian.PutUint32(b[24:], h.ticks)
	binary.LittleEndian.PutUint32(b[28:], h.payloadCRC)
	binary.LittleEndian.PutUint32(b[32:], crc32.Checksum(b[:32], castagnoli))
}

// parse decodes b into h and reports what is wrong with it, if anything.
func (h *chunkHeader) parse(b []byte) string {
	_ = b[chunkHeaderSize-1]
	if [4]byte(b[0:4]) != chunkMarker {
		return "no chunk marker"
	}
	if crc32.Checksum(b[:32], castagnoli) != binary.LittleEndian.Uint32(b[32:]) {
		return "chunk header checksum mismatch"
	}
	h.kind = b[4]
	h.reason = EndReason(b[5])
	h.compLen = binary.LittleEndian.Uint32(b[8:])
	h.rawLen = binary.LittleEndian.Uint32(b[12:])
	h.firstTick = binary.LittleEndian.Uint64(b[16:])
	h.ticks = binary.LittleEndian.Uint32(b[24:])
	h.payloadCRC = binary.LittleEndian.Uint32(b[28:])
	switch {
	case binary.LittleEndian.Uint16(b[6:]) != 0:
		return "reserved chunk header bytes are not zero"
	case h.kind == kindTicks && (h.compLen == 0 || h.ticks == 0):
		return "empty tick chunk"
	case h.kind == kindEnd && (h.compLen != 0 || h.rawLen != 0):
		return "end marker with a payload"
	case h.kind != kindTicks && h.kind != kindEnd:
		return "unknown chunk kind"
	case h.compLen > maxChunkPayload || h.rawLen > maxChunkPayload:
		return "chunk larger than the format allows"
	}
	return ""
}
