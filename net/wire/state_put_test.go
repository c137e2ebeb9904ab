package wire

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestPutEntityStateMatchesAppend checks that the fixed-offset encoder
// writes exactly the bytes AppendEntityState appends, over every byte of the
// record, for random states, NaN payloads and signed zeros included.
func TestPutEntityStateMatchesAppend(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(41, 42))
	nan := math.Float32frombits(0x7fa00001)
	negZero := math.Float32frombits(0x80000000)
	states := []EntityState{
		{},
		{UserID: math.MaxUint64, Position: [3]float32{nan, negZero, 1}, Rotation: [4]float32{-nan, 0, 0, 1}, Velocity: [3]float32{math.MaxFloat32, -1, nan}},
	}
	bits := func() float32 { return math.Float32frombits(rng.Uint32()) }
	for range 500 {
		states = append(states, randEntityState(rng), EntityState{UserID: rng.Uint64(),
			Position: [3]float32{bits(), bits(), bits()}, Rotation: [4]float32{bits(), bits(), bits(), bits()},
			Velocity: [3]float32{bits(), bits(), bits()}})
	}
	for i, e := range states {
		var r [EntityStateSize]byte
		for j := range r {
			r[j] = 0xAA
		}
		PutEntityState(&r, &e)
		if want := AppendEntityState(nil, &e); !bytes.Equal(r[:], want) {
			t.Fatalf("state %d %+v:\nput    %x\nappend %x", i, e, r, want)
		}
	}
}

func TestPutEntityStateAllocatesNothing(t *testing.T) {
	e := randEntityState(rand.New(rand.NewPCG(1, 1)))
	var r [EntityStateSize]byte
	if n := testing.AllocsPerRun(100, func() { PutEntityState(&r, &e) }); n != 0 {
		t.Fatalf("allocs = %v", n)
	}
}

// BenchmarkEntityStateEncode compares the fixed-offset encoder with the
// append-based one on the same records.
func BenchmarkEntityStateEncode(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	states := make([]EntityState, 1024)
	for i := range states {
		states[i] = randEntityState(rng)
	}
	records := make([][EntityStateSize]byte, len(states))
	b.Run("put", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			k := i & (len(states) - 1)
			PutEntityState(&records[k], &states[k])
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			k := i & (len(states) - 1)
			AppendEntityState(records[k][:0], &states[k])
		}
	})
}
