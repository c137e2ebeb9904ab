package ecs

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// TestResizeAndSetMatchAppend builds the same batch with Append and with
// Resize plus Set, across growth and shrinking, and compares them row by row.
func TestResizeAndSetMatchAppend(t *testing.T) {
	var appended, set InputBatch
	input := func(i int) Input {
		f := float32(i)
		return Input{Conn: uint32(i), Seq: uint16(i * 3), Timestamp: uint32(i * 7),
			Position: mgl32.Vec3{f, -f, f / 2}, Rotation: mgl32.Quat{W: f, V: mgl32.Vec3{1, 2, f}},
			Velocity: mgl32.Vec3{f, 0, -f}}
	}
	for _, n := range []int{0, 1, 5, 200, 3, 1000, 0, 17} {
		appended.Reset()
		for i := 0; i < n; i++ {
			appended.Append(input(i))
		}
		set.Resize(0)
		set.Resize(n / 2)
		for i := 0; i < n/2; i++ {
			in := input(i)
			set.Set(i, &in)
		}
		set.Resize(n) // grows while keeping the first half
		for i := n / 2; i < n; i++ {
			in := input(i)
			set.Set(i, &in)
		}
		if set.Len() != n || appended.Len() != n {
			t.Fatalf("n=%d: lengths %d and %d", n, set.Len(), appended.Len())
		}
		for i := 0; i < n; i++ {
			if set.At(i) != appended.At(i) || set.Reason[i] != ReasonAccepted {
				t.Fatalf("n=%d row %d: %+v, appended %+v", n, i, set.At(i), appended.At(i))
			}
		}
	}
}

func TestResizeAllocatesNothingWithinCapacity(t *testing.T) {
	var b InputBatch
	b.Resize(1000)
	in := Input{Conn: 1}
	allocs := testing.AllocsPerRun(100, func() {
		b.Resize(0)
		b.Resize(1000)
		b.Set(999, &in)
	})
	if allocs != 0 {
		t.Fatalf("allocs = %v, want 0", allocs)
	}
}
