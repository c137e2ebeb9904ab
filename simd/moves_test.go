package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// moveLimits are the limits of the move edge-case tests: 10 units/s, no
// tolerance, a 100-unit cube, timestamps up to 1 s ahead.
func moveLimits(now uint32) MoveLimits {
	return MoveLimits{MaxSpeed: 10, Tolerance: 0, Min: [3]float32{-100, -100, -100}, Max: [3]float32{100, 100, 100},
		NowMS: now, FutureMS: 1000}
}

// newMoves returns n inputs that stand still for half a second at (1, 2, 3).
func newMoves(n int, now uint32) *MoveColumns {
	c := &MoveColumns{}
	for range n {
		c.PrevX, c.PrevY, c.PrevZ = append(c.PrevX, 1), append(c.PrevY, 2), append(c.PrevZ, 3)
		c.NewX, c.NewY, c.NewZ = append(c.NewX, 1), append(c.NewY, 2), append(c.NewZ, 3)
		c.Elapsed, c.Timestamp = append(c.Elapsed, 0.5), append(c.Timestamp, now)
	}
	return c
}

func TestCheckMovesEdgeCases(t *testing.T) {
	t.Parallel()
	const now = 77_000
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	denormal := math.Float32frombits(1)
	tests := []struct {
		name string
		set  func(c *MoveColumns, i int)
		want uint8
	}{
		{"standing still", func(*MoveColumns, int) {}, MoveAccepted},
		{"exact speed limit 3-4-5", func(c *MoveColumns, i int) { c.NewX[i], c.NewY[i] = 1+3, 2+4 }, MoveAccepted},
		{"just over speed limit", func(c *MoveColumns, i int) { c.NewX[i], c.NewY[i] = 1+3, 2+4.0001 }, MoveSpeed},
		{"exact limit on z", func(c *MoveColumns, i int) { c.NewZ[i] = 3 + 5 }, MoveAccepted},
		{"zero elapsed, tiny move", func(c *MoveColumns, i int) { c.Elapsed[i], c.NewX[i] = 0, 1.0001 }, MoveSpeed},
		{"negative elapsed counts as 0", func(c *MoveColumns, i int) { c.Elapsed[i], c.NewX[i] = -5, 1.0001 }, MoveSpeed},
		{"negative elapsed, no move", func(c *MoveColumns, i int) { c.Elapsed[i] = -5 }, MoveAccepted},
		{"negative zero elapsed", func(c *MoveColumns, i int) { c.Elapsed[i] = float32(math.Copysign(0, -1)) }, MoveAccepted},
		{"denormal elapsed", func(c *MoveColumns, i int) { c.Elapsed[i] = denormal }, MoveAccepted},
		// The square of a denormal distance underflows to zero: accepted.
		{"denormal move, zero elapsed", func(c *MoveColumns, i int) { c.Elapsed[i], c.PrevX[i], c.NewX[i] = 0, 0, denormal }, MoveAccepted},
		{"1e-23 move, square underflows", func(c *MoveColumns, i int) { c.Elapsed[i], c.PrevX[i], c.NewX[i] = 0, 0, 1e-23 }, MoveAccepted},
		{"1e-22 move, square is denormal", func(c *MoveColumns, i int) { c.Elapsed[i], c.PrevX[i], c.NewX[i] = 0, 0, 1e-22 }, MoveSpeed},
		{"denormal coordinates", func(c *MoveColumns, i int) { c.PrevX[i], c.NewX[i] = denormal, -denormal }, MoveAccepted},
		{"NaN new x", func(c *MoveColumns, i int) { c.NewX[i] = nan }, MoveNonFinite},
		{"NaN prev z", func(c *MoveColumns, i int) { c.PrevZ[i] = nan }, MoveNonFinite},
		{"NaN elapsed", func(c *MoveColumns, i int) { c.Elapsed[i] = nan }, MoveNonFinite},
		{"+Inf new y", func(c *MoveColumns, i int) { c.NewY[i] = inf }, MoveNonFinite},
		{"-Inf prev x", func(c *MoveColumns, i int) { c.PrevX[i] = -inf }, MoveNonFinite},
		{"+Inf elapsed", func(c *MoveColumns, i int) { c.Elapsed[i] = inf }, MoveNonFinite},
		{"NaN beats future", func(c *MoveColumns, i int) { c.NewX[i], c.Timestamp[i] = nan, now+5000 }, MoveNonFinite},
		{"timestamp now+1000", func(c *MoveColumns, i int) { c.Timestamp[i] = now + 1000 }, MoveAccepted},
		{"timestamp now+1001", func(c *MoveColumns, i int) { c.Timestamp[i] = now + 1001 }, MoveFuture},
		{"timestamp far past", func(c *MoveColumns, i int) { c.Timestamp[i] = now + 1<<31 + 1 }, MoveAccepted},
		{"timestamp half way round", func(c *MoveColumns, i int) { c.Timestamp[i] = now + 1<<31 }, MoveAccepted},
		{"timestamp 2^31-1 ahead", func(c *MoveColumns, i int) { c.Timestamp[i] = now + 1<<31 - 1 }, MoveFuture},
		{"future beats bounds", func(c *MoveColumns, i int) { c.Timestamp[i], c.NewX[i] = now+1001, 500 }, MoveFuture},
		{"on max bound", func(c *MoveColumns, i int) { c.PrevX[i], c.NewX[i] = 100, 100 }, MoveAccepted},
		{"on min bound", func(c *MoveColumns, i int) { c.PrevY[i], c.NewY[i] = -100, -100 }, MoveAccepted},
		{"just over max bound", func(c *MoveColumns, i int) { c.PrevZ[i], c.NewZ[i] = 100, 100.00001 }, MoveOutOfBounds},
		{"just under min bound", func(c *MoveColumns, i int) { c.PrevX[i], c.NewX[i] = -100, -100.00001 }, MoveOutOfBounds},
		{"out of bounds beats speed", func(c *MoveColumns, i int) { c.NewY[i] = 150 }, MoveOutOfBounds},
		{"prev out of bounds is fine", func(c *MoveColumns, i int) { c.PrevX[i], c.NewX[i] = 101, 99 }, MoveAccepted},
		{"huge move overflows to Inf", func(c *MoveColumns, i int) { c.PrevX[i], c.NewX[i] = -math.MaxFloat32, 100 }, MoveSpeed},
	}
	const n = 21
	for _, tt := range tests {
		for _, pos := range []int{0, 7, 8, 15, 16, 20} {
			c := newMoves(n, now)
			tt.set(c, pos)
			reason := checkMovesAll(t, c, moveLimits(now))
			if reason[pos] != tt.want {
				t.Errorf("%s at %d: reason %d, want %d", tt.name, pos, reason[pos], tt.want)
			}
			for i := range n {
				if i != pos && reason[i] != MoveAccepted {
					t.Fatalf("%s at %d: neighbour %d got reason %d", tt.name, pos, i, reason[i])
				}
			}
		}
	}
}

func TestCheckMovesTolerance(t *testing.T) {
	t.Parallel()
	lim := moveLimits(0)
	lim.Tolerance = 1
	c := newMoves(16, 0)
	c.NewX[3] = 1 + 6     // 10 × 0.5 + 1 = 6: exactly the limit
	c.NewX[11] = 1 + 6.01 // over it
	reason := checkMovesAll(t, c, lim)
	if reason[3] != MoveAccepted || reason[11] != MoveSpeed {
		t.Errorf("reasons %d and %d, want %d and %d", reason[3], reason[11], MoveAccepted, MoveSpeed)
	}
}

func TestCheckMovesNaNLimits(t *testing.T) {
	t.Parallel()
	nan := float32(math.NaN())
	for _, mod := range []func(*MoveLimits){
		func(l *MoveLimits) { l.Min[1] = nan },
		func(l *MoveLimits) { l.Max[2] = nan },
		func(l *MoveLimits) { l.MaxSpeed = nan },
		func(l *MoveLimits) { l.Tolerance = nan },
	} {
		lim := moveLimits(0)
		mod(&lim)
		for i, r := range checkMovesAll(t, newMoves(12, 0), lim) {
			if r == MoveAccepted {
				t.Fatalf("limits %+v: input %d accepted", lim, i)
			}
		}
	}
}

func TestCheckMovesEveryLength(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 0; n <= 300; n++ {
		for trial := range 3 {
			lim := genMoveLimits(rng)
			checkMovesAll(t, genMoves(rng, n, trial, lim), lim)
		}
	}
}

func TestCheckMovesPanics(t *testing.T) {
	t.Parallel()
	short := newMoves(5, 0)
	short.Elapsed = short.Elapsed[:4]
	tests := []struct {
		name   string
		c      *MoveColumns
		ok     []uint64
		reason []uint8
	}{
		{"short elapsed", short, make([]uint64, 1), make([]uint8, 5)},
		{"short ok", newMoves(65, 0), make([]uint64, 1), make([]uint8, 65)},
		{"short reason", newMoves(5, 0), make([]uint64, 1), make([]uint8, 4)},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tt.name)
				}
			}()
			CheckMoves(tt.c, moveLimits(0), tt.ok, tt.reason)
		}()
	}
}

func TestCheckMovesAllocs(t *testing.T) {
	lim := genMoveLimits(rand.New(rand.NewPCG(9, 10)))
	c := genMoves(rand.New(rand.NewPCG(9, 10)), 1000, 0, lim)
	ok, reason := make([]uint64, MaskWords(1000)), make([]uint8, 1000)
	for _, useAsm := range paths() {
		if a := testing.AllocsPerRun(50, func() { checkMoves(c, &lim, ok, reason, useAsm) }); a != 0 {
			t.Errorf("%s: %v allocations per call, want 0", pathName(useAsm), a)
		}
	}
	if a := testing.AllocsPerRun(50, func() { CheckMoves(c, lim, ok, reason) }); a != 0 {
		t.Errorf("CheckMoves: %v allocations per call, want 0", a)
	}
}

func TestMoveColumnsResize(t *testing.T) {
	var c MoveColumns
	c.Resize(100)
	if c.Count() != 100 || len(c.PrevX) != 100 || len(c.Elapsed) != 100 || len(c.Timestamp) != 100 {
		t.Fatalf("after Resize(100): lengths %d %d %d %d", c.Count(), len(c.PrevX), len(c.Elapsed), len(c.Timestamp))
	}
	c.NewZ[99] = 7
	c.Resize(10)
	c.Resize(100)
	if c.NewZ[99] != 7 {
		t.Error("shrinking and growing within capacity lost the column's storage")
	}
	if a := testing.AllocsPerRun(20, func() { c.Resize(50); c.Resize(100) }); a != 0 {
		t.Errorf("Resize within capacity: %v allocations, want 0", a)
	}
	c.Resize(300)
	if len(c.PrevY) != 300 || len(c.Timestamp) != 300 || c.NewZ[99] != 7 {
		t.Errorf("after Resize(300): len %d %d, NewZ[99] %v", len(c.PrevY), len(c.Timestamp), c.NewZ[99])
	}
}
