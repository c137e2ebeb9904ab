package wire

import (
	"encoding/binary"
	"math"
)

// maxBytesField is the largest payload a u16 length prefix can describe.
const maxBytesField = math.MaxUint16

// reader decodes fixed-layout fields from b. Decoders first check with
// open or need that enough bytes remain, then read fields unchecked; this
// keeps every field read inlinable. A reader lives on the decoder's stack
// and allocates nothing.
type reader struct {
	b []byte
}

// open checks that b begins with type t followed by at least n bytes and
// returns a reader positioned after the type byte.
func open(b []byte, t Type, n int) (reader, error) {
	if len(b) == 0 {
		return reader{}, ErrShort
	}
	if Type(b[0]) != t {
		if !Type(b[0]).Known() {
			return reader{}, ErrUnknownType
		}
		return reader{}, ErrWrongType
	}
	r := reader{b: b[1:]}
	return r, r.need(n)
}

// need returns ErrShort unless at least n bytes remain.
func (r *reader) need(n int) error {
	if len(r.b) < n {
		return ErrShort
	}
	return nil
}

// end returns ErrTrailingBytes if input remains.
func (r *reader) end() error {
	if len(r.b) != 0 {
		return ErrTrailingBytes
	}
	return nil
}

func (r *reader) u8() uint8 {
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) u16() uint16 {
	v := binary.LittleEndian.Uint16(r.b)
	r.b = r.b[2:]
	return v
}

func (r *reader) u32() uint32 {
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u64() uint64 {
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

func (r *reader) vec3() [3]float32 {
	v := vec3At(r.b)
	r.b = r.b[12:]
	return v
}

func (r *reader) quat() [4]float32 {
	q := quatAt(r.b)
	r.b = r.b[16:]
	return q
}

// f32At, vec3At and quatAt read floats at fixed offsets of p, with one
// bounds check each for the whole value.
func f32At(p []byte, off int) float32 {
	return math.Float32frombits(binary.LittleEndian.Uint32(p[off:]))
}

func vec3At(p []byte) [3]float32 {
	p = p[:12]
	return [3]float32{f32At(p, 0), f32At(p, 4), f32At(p, 8)}
}

func quatAt(p []byte) [4]float32 {
	p = p[:16]
	return [4]float32{f32At(p, 0), f32At(p, 4), f32At(p, 8), f32At(p, 12)}
}

// bytes returns the next n bytes, which must remain, with capacity clipped
// to n so appending to the result never overwrites the input; nil if n is 0.
func (r *reader) bytes(n int) []byte {
	if n == 0 {
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

// lenBytes reads a length of lenSize bytes (1 or 2), which must remain,
// then that many bytes, which need not: ErrShort if they do not.
func (r *reader) lenBytes(lenSize int) ([]byte, error) {
	var n int
	if lenSize == 1 {
		n = int(r.u8())
	} else {
		n = int(r.u16())
	}
	if err := r.need(n); err != nil {
		return nil, err
	}
	return r.bytes(n), nil
}

func appendU16(dst []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(dst, v) }
func appendU32(dst []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(dst, v) }
func appendU64(dst []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(dst, v) }
func appendF32(dst []byte, v float32) []byte {
	return binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
}

func appendVec3(dst []byte, v [3]float32) []byte {
	return appendF32(appendF32(appendF32(dst, v[0]), v[1]), v[2])
}

func appendQuat(dst []byte, q [4]float32) []byte {
	return appendF32(appendF32(appendF32(appendF32(dst, q[0]), q[1]), q[2]), q[3])
}

// appendBytes8 appends a u8 length and p.
//
// Panics: if len(p) > 255; field names the field in the message.
func appendBytes8(dst, p []byte, field string) []byte {
	if len(p) > math.MaxUint8 {
		panic("wire: " + field + " longer than 255 bytes")
	}
	return append(append(dst, byte(len(p))), p...)
}

// appendBytes16 appends a u16 length and p.
//
// Panics: if len(p) > 65535; field names the field in the message.
func appendBytes16(dst, p []byte, field string) []byte {
	if len(p) > maxBytesField {
		panic("wire: " + field + " longer than 65535 bytes")
	}
	return append(appendU16(dst, uint16(len(p))), p...)
}
