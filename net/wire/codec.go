package wire

import (
	"encoding/binary"
	"math"
)

// maxBytesField is the largest payload a u16 length prefix can describe.
const maxBytesField = math.MaxUint16

// reader decodes fixed-layout fields from b, remembering the first error so
// a decoder can read every field and check once at the end. A reader lives
// on the decoder's stack and allocates nothing.
type reader struct {
	b   []byte
	err error
}

// start checks that b begins with type t and returns a reader positioned
// after the type byte.
func start(b []byte, t Type) reader {
	if len(b) == 0 {
		return reader{err: ErrShort}
	}
	if Type(b[0]) != t {
		if !Type(b[0]).Known() {
			return reader{err: ErrUnknownType}
		}
		return reader{err: ErrWrongType}
	}
	return reader{b: b[1:]}
}

// take returns the next n bytes (capacity clipped to n, so appending to the
// result never overwrites the input), or nil if fewer remain or n is zero.
func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.err, r.b = ErrShort, nil
		return nil
	}
	if n == 0 {
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) u8() uint8 {
	if p := r.take(1); r.err == nil {
		return p[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if p := r.take(2); r.err == nil {
		return binary.LittleEndian.Uint16(p)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if p := r.take(4); r.err == nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if p := r.take(8); r.err == nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

func (r *reader) vec3() [3]float32 { return [3]float32{r.f32(), r.f32(), r.f32()} }

func (r *reader) quat() [4]float32 { return [4]float32{r.f32(), r.f32(), r.f32(), r.f32()} }

// bytes8 reads a u8 length and that many bytes.
func (r *reader) bytes8() []byte { return r.take(int(r.u8())) }

// bytes16 reads a u16 length and that many bytes.
func (r *reader) bytes16() []byte { return r.take(int(r.u16())) }

// fail records err unless an earlier error is already recorded.
func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// finish returns the first error, or ErrTrailingBytes if input remains.
func (r *reader) finish() error {
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return ErrTrailingBytes
	}
	return nil
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
