package ecs

import (
	"encoding/binary"
	"math/bits"
	"unsafe"

	"github.com/mlange-42/arche/generic"
)

// StateHash is a 64-bit digest of every player entity's simulated state and
// the tick number. It does not depend on iteration order (each entity's
// digest is combined by addition) nor on anything process-specific, so the
// same inputs give the same hash in any process on any run.
type StateHash uint64

// hashFilter selects the components that StateHash covers.
type hashFilter = generic.Filter8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell]

// Hasher computes StateHash for a world; it caches its query filter.
type Hasher struct {
	filter *hashFilter
}

// NewHasher returns a Hasher.
func NewHasher() *Hasher {
	return &Hasher{filter: generic.NewFilter8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell]()}
}

// Hash digests w's state. It allocates nothing.
//
// Each entity's components are read as 26 little-endian 64-bit words
// straight from their memory (layout below, checked at compile time);
// word pairs, each XORed with its own key, are multiplied into 128 bits
// and folded (the wyhash "mum" step), the products summed, and the sum
// finalised with splitmix64. The multiplies are independent, so the CPU
// overlaps them. Reading whole words instead of assembling them field by
// field halves the instructions per entity; padding and Motion.Moved are
// never read. The value is the same on every little-endian host (amd64,
// arm64, …); a big-endian host computes different values (floats' bytes
// lie the other way round), consistent among big-endian hosts.
func (h *Hasher) Hash(w *World) StateHash {
	var sum, count uint64
	q := h.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, vel, pl, in, mo, hp, cell := q.Get()
		p, r, v := unsafe.Pointer(pos), unsafe.Pointer(rot), unsafe.Pointer(vel)
		i, m := unsafe.Pointer(in), unsafe.Pointer(mo)
		// Player: UserID; Room | Conn<<32.
		a := mum(word(unsafe.Pointer(pl), 0)^hashKeys[0], word(unsafe.Pointer(pl), 8)^hashKeys[1])
		// Position x|y; Rotation bytes 0..7 (mgl32.Quat is W, then V).
		a += mum(word(p, 0)^hashKeys[2], word(r, 0)^hashKeys[3])
		// Rotation bytes 8..15; Velocity x|y.
		a += mum(word(r, 8)^hashKeys[4], word(v, 0)^hashKeys[5])
		// Position z | Velocity z<<32; HP | RateTokens<<32.
		a += mum((half(p, 8)|half(v, 8)<<32)^hashKeys[6], (uint64(uint32(hp.HP))|half(i, 40)<<32)^hashKeys[7])
		// InputState: LastSeq|HasSeq|Kick|AnchorPos.x; AnchorPos.y|z.
		a += mum(word(i, 0)^hashKeys[8], word(i, 8)^hashKeys[9])
		// AnchorTS|PendingPos.x; PendingPos.y|z.
		a += mum(word(i, 16)^hashKeys[10], word(i, 24)^hashKeys[11])
		// PendingTS|LastTS; RateRefilledAt.
		a += mum(word(i, 32)^hashKeys[12], word(i, 48)^hashKeys[13])
		// StrikeWindowStart; Strikes | TargetVel.z<<16 | Active<<48.
		a += mum(word(i, 64)^hashKeys[14], (uint64(in.Strikes)|half(m, 64)<<16|uint64(*(*uint8)(unsafe.Add(m, 80)))<<48)^hashKeys[15])
		// Motion: From x|y; From z | FromRot bytes 0..3.
		a += mum(word(m, 0)^hashKeys[16], word(m, 8)^hashKeys[17])
		// FromRot bytes 4..11; FromRot bytes 12..15 | Target x.
		a += mum(word(m, 16)^hashKeys[18], word(m, 24)^hashKeys[19])
		// Target y|z; TargetRot bytes 0..7.
		a += mum(word(m, 32)^hashKeys[20], word(m, 40)^hashKeys[21])
		// TargetRot bytes 8..15; TargetVel x|y.
		a += mum(word(m, 48)^hashKeys[22], word(m, 56)^hashKeys[23])
		// Start; AOICell X | Z<<32.
		a += mum(word(m, 72)^hashKeys[24], word(unsafe.Pointer(cell), 0)^hashKeys[25])
		sum += splitmix(a)
		count++
	}
	return StateHash(splitmix(splitmix(sum^count) ^ w.Time.Tick))
}

// word reads the little-endian 64-bit word at p+off.
func word(p unsafe.Pointer, off uintptr) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(p, off))[:])
}

// half reads the little-endian 32-bit word at p+off.
func half(p unsafe.Pointer, off uintptr) uint64 {
	return uint64(binary.LittleEndian.Uint32((*[4]byte)(unsafe.Add(p, off))[:]))
}

// The offsets Hash reads. Each line fails to compile if a component's
// layout moves, so a changed struct cannot silently shift what is hashed
// (a new field must be added to Hash by hand, as before).
var (
	_ = [1]int{}[unsafe.Sizeof(Player{})-16+unsafe.Offsetof(Player{}.Room)-8+unsafe.Offsetof(Player{}.Conn)-12]
	_ = [1]int{}[unsafe.Sizeof(Position{})-12+unsafe.Sizeof(Velocity{})-12+unsafe.Sizeof(Rotation{})-16]
	_ = [1]int{}[unsafe.Sizeof(AOICell{})-8+unsafe.Offsetof(AOICell{}.Z)-4]
	_ = [1]int{}[unsafe.Offsetof(InputState{}.HasSeq)-2+unsafe.Offsetof(InputState{}.Kick)-3+unsafe.Offsetof(InputState{}.AnchorPos)-4]
	_ = [1]int{}[unsafe.Offsetof(InputState{}.AnchorTS)-16+unsafe.Offsetof(InputState{}.PendingPos)-20+unsafe.Offsetof(InputState{}.PendingTS)-32]
	_ = [1]int{}[unsafe.Offsetof(InputState{}.LastTS)-36+unsafe.Offsetof(InputState{}.RateTokens)-40+unsafe.Offsetof(InputState{}.RateRefilledAt)-48]
	_ = [1]int{}[unsafe.Offsetof(InputState{}.Strikes)-56+unsafe.Offsetof(InputState{}.StrikeWindowStart)-64+unsafe.Sizeof(InputState{})-72]
	_ = [1]int{}[unsafe.Offsetof(Motion{}.FromRot)-12+unsafe.Offsetof(Motion{}.Target)-28+unsafe.Offsetof(Motion{}.TargetRot)-40]
	_ = [1]int{}[unsafe.Offsetof(Motion{}.TargetVel)-56+unsafe.Offsetof(Motion{}.Start)-72+unsafe.Offsetof(Motion{}.Active)-80]
)

// hashKeys are the per-word keys: splitmix64 outputs from seed 1.
var hashKeys = func() (k [26]uint64) {
	s := uint64(1)
	for i := range k {
		s += 0x9e3779b97f4a7c15
		k[i] = splitmix(s)
	}
	return k
}()

// mum multiplies a and b into 128 bits and folds the halves.
func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// splitmix is the splitmix64 finaliser.
func splitmix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
