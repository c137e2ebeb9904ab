package queue

import (
	"reflect"
	"testing"
	"unsafe"
)

func TestHoldsPointers(t *testing.T) {
	type flat struct {
		A uint64
		B [3]float32
		C bool
	}
	type nested struct {
		F flat
		P [2]*int
	}
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{0, false}, {flat{}, false}, {[4]flat{}, false}, {[0]*int{}, false}, {struct{}{}, false},
		{nested{}, true}, {new(int), true}, {[]byte(nil), true}, {"", true}, {map[int]int(nil), true},
		{(chan int)(nil), true}, {(func())(nil), true}, {unsafe.Pointer(nil), true}, {[1]string{}, true},
		{struct{ I any }{}, true},
	} {
		if got := holdsPointers(reflect.TypeOf(tc.v)); got != tc.want {
			t.Errorf("holdsPointers(%T) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// A popped cell that held a pointer is cleared, by Pop and by PopBatch, so
// the ring does not keep the value alive; a pointer-free one is left.
func TestPopClearsPointerCells(t *testing.T) {
	r := MustRing[*int](4)
	for i := 0; i < 3; i++ {
		v := new(int)
		r.Push(&v)
	}
	var one *int
	r.Pop(&one)
	r.PopBatch(make([]*int, 2))
	for i := range r.cells {
		if r.cells[i].val != nil {
			t.Errorf("cell %d still holds %p after its value was popped", i, r.cells[i].val)
		}
	}
	flat := MustRing[int](4)
	v := 7
	flat.Push(&v)
	flat.Pop(&v)
	if flat.clears || flat.cells[0].val != 7 {
		t.Errorf("pointer-free ring: clears %v, cell %d", flat.clears, flat.cells[0].val)
	}
}
